import fs from 'node:fs';
import path from 'node:path';
import { populationTable, TABLE_FILE, withTable } from '../tools/population-table/table.js';
import { PROJECT_ROOT } from '../xml/schema.js';

/**
 * `npm run population-table`: prints (or, with --write, puts into docs/population.md between its markers) the tables of what
 * each service answers for each scenario person, made for the generator's fixed day (see populationTable).
 */
async function main(): Promise<void> {
  const table = await populationTable();
  if (process.argv.includes('--write')) {
    const file = path.join(PROJECT_ROOT, TABLE_FILE);
    fs.writeFileSync(file, withTable(fs.readFileSync(file, 'utf8'), table));
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
