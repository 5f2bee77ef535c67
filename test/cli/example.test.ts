import { expect } from 'chai';
import { exampleText, loadExamples } from '../../src/examples/catalogue.js';
import { todayInSweden } from '../../src/population/dates.js';
import { runCli } from './cli.js';

describe('ssbtek-emulator example', () => {
  it('lists every example with where it goes and a one-line description when no name is given', async () => {
    const result = await runCli(['example']);
    expect(result.code).to.equal(0);
    const lines = result.stdout.trimEnd().split('\n');
    const examples = loadExamples();
    expect(lines).to.have.length(examples.length);
    examples.forEach((e, i) => {
      expect(lines[i]).to.match(new RegExp(`^${e.name} +POST ${e.path} {2}`));
      expect(lines[i]!.endsWith(e.description)).to.equal(true);
    });
  });

  it('prints an example ready to send, dates filled in for --today or for today in Sweden', async () => {
    const [example] = loadExamples().filter((e) => e.name === 'v10-all-services');
    const forDay = await runCli(['example', 'v10-all-services', '--today', '2030-12-31']);
    expect(forDay.code).to.equal(0);
    expect(forDay.stdout).to.equal(exampleText(example!, '2030-12-31'));
    expect(forDay.stdout).to.contain('<ssbt:fromDatum>2030-11-30</ssbt:fromDatum>').and.not.contain('{{');
    const before = todayInSweden();
    const now = await runCli(['example', 'v10-all-services.xml']);
    expect([exampleText(example!, before), exampleText(example!, todayInSweden())]).to.include(now.stdout);
  });

  it('exits 2 for an unknown example or a --today that is not a day, saying what is wrong', async () => {
    const unknown = await runCli(['example', 'v11-everything']);
    expect(unknown.code).to.equal(2);
    expect(unknown.stderr).to.contain('no example "v11-everything" (known: v10-all-services, ');
    const badDay = await runCli(['example', 'v10-all-services', '--today', '2030-02-30']);
    expect(badDay.code).to.equal(2);
    expect(badDay.stderr).to.contain('"2030-02-30" is not a calendar date YYYY-MM-DD');
    expect(badDay.stdout).to.equal('');
  });
});
