import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import {
  POPULATION_TABLE_TODAY,
  populationTable,
  tableIn,
  TABLE_FILE,
  TABLE_END,
  TABLE_START,
  withTable,
} from '../../src/tools/population-table/table.js';
import { PROJECT_ROOT } from '../../src/xml/schema.js';

describe('The population tables (docs/population.md)', function () {
  this.timeout(60_000);

  it('is what `npm run population-table` generates now (for its fixed day, stated in the caption)', async () => {
    const document = fs.readFileSync(path.join(PROJECT_ROOT, TABLE_FILE), 'utf8');
    const inDocument = tableIn(document);
    expect(inDocument, `${TABLE_FILE} has no ${TABLE_START} … ${TABLE_END} block`).to.be.a('string');
    const generated = await populationTable();
    expect(generated).to.contain(`up to ${POPULATION_TABLE_TODAY}, asked on that day`);
    if (inDocument !== generated) {
      expect.fail(
        `${TABLE_FILE}'s tables are stale (the scenario persons or the services changed since they were ` +
          `generated): run \`npm run population-table\` and commit ${TABLE_FILE}`,
      );
    }
  });

  it('is made for the day it is given, by default its own fixed day (never the clock)', async () => {
    const other = await populationTable('2030-12-31');
    expect(other).to.contain('up to 2030-12-31, asked on that day');
    expect(populationTable.length, 'the day is a parameter with a fixed default, not the clock').to.equal(0);
  });

  it('goes between the markers, leaving the rest of the document as it is', () => {
    const readme = `# X\n\n${TABLE_START}\nold\n${TABLE_END}\n\nafter\n`;
    const updated = withTable(readme, 'new\ntable');
    expect(updated).to.equal(`# X\n\n${TABLE_START}\nnew\ntable\n${TABLE_END}\n\nafter\n`);
    expect(tableIn(updated)).to.equal('new\ntable');
    expect(() => withTable('# no markers', 'x')).to.throw(/population-table:start/);
  });
});
