import fs from 'node:fs';
import path from 'node:path';
import { populationTable, withTable } from '../tools/population-table/table.js';
import { PROJECT_ROOT } from '../xml/schema.js';

/**
 * `npm run population-table`: prints (or, with --write, puts into README.md between its markers) the table of what
 * each service answers for each scenario person, made for the generator's fixed day (see populationTable).
 */
async function main(): Promise<void> {
  const table = await populationTable();
  if (process.argv.includes('--write')) {
    const readme = path.join(PROJECT_ROOT, 'README.md');
    fs.writeFileSync(readme, withTable(fs.readFileSync(readme, 'utf8'), table));
  } else {
    console.log(table);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
