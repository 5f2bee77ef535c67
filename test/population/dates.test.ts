import { expect } from 'chai';
import { fromDate, isValidIsoDate, toDate, todayInSweden } from '../../src/population/dates.js';

describe("Today's date in Sweden", () => {
  it('follows the Swedish calendar, not UTC, across midnight and summer time', () => {
    expect(todayInSweden(new Date('2026-12-31T22:59:59Z'))).to.equal('2026-12-31');
    expect(todayInSweden(new Date('2026-12-31T23:00:00Z'))).to.equal('2027-01-01');
    expect(todayInSweden(new Date('2026-06-30T21:59:59Z'))).to.equal('2026-06-30');
    expect(todayInSweden(new Date('2026-06-30T22:00:00Z'))).to.equal('2026-07-01');
  });

  it('without an argument gives the date of now, the same on repeated calls', () => {
    const expected = todayInSweden(new Date());
    const calls = Array.from({ length: 1000 }, () => todayInSweden());
    expect(new Set(calls).size).to.equal(1);
    expect([expected, todayInSweden(new Date())]).to.include(calls[0]);
  });
});

describe('Calendar dates', () => {
  it('tells real days from strings that only look like one (month 13 and day 32 included)', () => {
    expect(['2028-02-29', '2026-12-31', '1900-01-01'].map(isValidIsoDate)).to.deep.equal([true, true, true]);
    expect(['2027-02-29', '2026-13-01', '2026-00-10', '2026-01-32', '2026-1-01'].map(isValidIsoDate)).to.deep.equal([
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('Calendar dates read and written without parsing a date string', () => {
  const parsed = (iso: string): number => new Date(`${iso}T00:00:00Z`).getTime();

  it('reads every day of years 0000–9999 (every 37th) and odd input as Date would parse it', () => {
    for (let day = -719_528; day < 2_932_897; day += 37) {
      const iso = new Date(day * 86_400_000).toISOString().slice(0, 10);
      expect(toDate(iso).getTime(), iso).to.equal(parsed(iso));
      expect(fromDate(toDate(iso)), iso).to.equal(iso);
    }
    for (const iso of [
      '2026-02-30',
      '2026-04-31',
      '2026-13-01',
      '2026-00-10',
      '2026-01-32',
      '0099-05-05',
      '2026-1-1',
    ]) {
      expect(String(toDate(iso).getTime()), iso).to.equal(String(parsed(iso)));
    }
  });
});
