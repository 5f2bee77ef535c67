import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { Population } from '../../src/population/population.js';
import { PlaceholderError, relativeDate, resolveRelativeDates } from '../../src/population/relative-dates.js';
import { loadScenarioPersons } from '../../src/population/scenarios.js';

describe('Dates relative to today ({{today-2m}})', () => {
  it('counts days, calendar months and years from today, left to right', () => {
    expect(relativeDate('today', '2026-11-24')).to.equal('2026-11-24');
    expect(relativeDate('today-2m', '2026-11-24')).to.equal('2026-09-24');
    expect(relativeDate('today+1d', '2030-12-31')).to.equal('2031-01-01');
    expect(relativeDate('today-17m-14d', '2026-11-24')).to.equal('2025-06-10');
    expect(relativeDate(' today - 1y ', '2028-02-29')).to.equal('2027-02-28');
  });

  it('gives only the year with :year (an income year relative to today)', () => {
    expect(relativeDate('today-1y:year', '2026-11-24')).to.equal('2025');
    expect(relativeDate('today-2y : year', '2027-01-01')).to.equal('2025');
    expect(resolveRelativeDates('<ar>{{today-1y:year}}</ar>', '2030-06-30')).to.equal('<ar>2029</ar>');
    expect(() => resolveRelativeDates('{{today:month}}', '2026-01-31')).to.throw(PlaceholderError);
  });

  it('takes the month’s last day when a month step lands on a day the month lacks (as CSN and AF count)', () => {
    expect(relativeDate('today-1m', '2026-03-31')).to.equal('2026-02-28');
    expect(relativeDate('today-1m', '2028-03-31')).to.equal('2028-02-29');
    expect(relativeDate('today+1m', '2026-01-31')).to.equal('2026-02-28');
  });

  it('fills in every placeholder and refuses anything else written as {{…}}, naming it and its line', () => {
    expect(resolveRelativeDates('<a>{{today}}</a><b>{{today-1m}}</b>', '2026-01-31')).to.equal(
      '<a>2026-01-31</a><b>2025-12-31</b>',
    );
    expect(resolveRelativeDates('no placeholders { at } all', '2026-01-31')).to.equal('no placeholders { at } all');
    const refuse = (text: string) => () => resolveRelativeDates(text, '2026-01-31');
    expect(refuse('<a/>\n<b>{{todya}}</b>')).to.throw(PlaceholderError, /^line 2: unknown placeholder \{\{todya\}\}/);
    expect(refuse('{{today-2w}}')).to.throw(PlaceholderError, /\{\{today-2w\}\}/);
    expect(refuse('{{today-1000d}}')).to.throw(PlaceholderError);
  });
});

describe('Scenario persons with dates relative to today', () => {
  it('keep their story on every day: 198601042388 always came 23 months ago', () => {
    const population = new Population(loadScenarioPersons());
    for (const [today, arrived] of [
      ['2026-11-24', '2024-12-24'],
      ['2030-12-31', '2029-01-31'],
    ] as const) {
      expect(population.person('198601042388', today)?.invandring?.inresedatum, today).to.equal(arrived);
    }
  });

  it('stop the start when a placeholder is misspelt, naming the file and the person', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scenario-persons-'));
    try {
      const person = {
        personidentitet: '198601042388',
        beskrivning: 'x',
        person: { invandring: { inresedatum: '{{idag}}' } },
      };
      fs.writeFileSync(path.join(dir, 'x.json'), JSON.stringify({ persons: [person] }));
      expect(() => loadScenarioPersons(dir)).to.throw(/x\.json: 198601042388: unknown placeholder \{\{idag\}\}/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
