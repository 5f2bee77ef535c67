import { expect } from 'chai';
import {
  addDays,
  addMonths,
  daysBetween,
  fromDate,
  isValidIsoDate,
  toDate,
  todayInSweden,
  weekdayOf,
} from '../../src/population/dates.js';

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

describe('Calendar arithmetic on day numbers, as Date does it', () => {
  // The reference: the Date-object arithmetic these functions did before (and still do for what they do not read).
  const byDate = {
    addDays(iso: string, days: number): string {
      const d = toDate(iso);
      d.setUTCDate(d.getUTCDate() + days);
      return fromDate(d);
    },
    addMonths(iso: string, months: number): string {
      const d = toDate(iso);
      const day = d.getUTCDate();
      d.setUTCDate(1);
      d.setUTCMonth(d.getUTCMonth() + months);
      d.setUTCDate(Math.min(day, new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate()));
      return fromDate(d);
    },
  };
  const outcome = (f: () => string): string => {
    try {
      return f();
    } catch (error) {
      return `${(error as Error).name}: ${(error as Error).message}`;
    }
  };
  const isoOf = (day: number): string => new Date(day * 86_400_000).toISOString().slice(0, 10);
  const days = [0, 1, -1, 27, 28, 29, 30, 31, -31, 59, 365, -366, 1461, 36_524, -146_097, 3_000_000, 0.5, NaN];
  const months = [0, 1, -1, 2, 11, 12, 13, -12, -13, 24, 1200, -24_001, 120_000, 1.5];

  it('adds days and months to every 397th day of years 0100–9999, and to days 29–31 past a month, as Date does', () => {
    const dates: string[] = [];
    for (let day = -682_000; day < 2_932_897; day += 397) dates.push(isoOf(day));
    for (const year of ['2024', '2025', '2100', '2000', '0100', '9999'])
      for (const month of ['01', '02', '04', '12'])
        for (const d of ['28', '29', '30', '31']) dates.push(`${year}-${month}-${d}`);
    dates.push('2026-1-1', '0099-05-05', '2026-13-01', '20260101');
    let compared = 0;
    for (const iso of dates) {
      for (const n of days)
        expect(
          outcome(() => addDays(iso, n)),
          `${iso} + ${n} d`,
        ).to.equal(outcome(() => byDate.addDays(iso, n)));
      for (const n of months)
        expect(
          outcome(() => addMonths(iso, n)),
          `${iso} + ${n} m`,
        ).to.equal(outcome(() => byDate.addMonths(iso, n)));
      compared++;
    }
    expect(compared).to.be.greaterThan(9_000);
  });

  it('counts the days between two dates as their times apart', () => {
    for (const [from, to] of [
      ['2026-01-01', '2026-12-31'],
      ['2024-02-28', '2024-03-01'],
      ['2026-02-30', '2026-03-02'],
      ['0100-01-01', '9999-12-31'],
      ['2026-12-31', '2026-01-01'],
      ['2026-1-1', '2026-01-02'],
    ] as const) {
      expect(String(daysBetween(from, to)), `${from}..${to}`).to.equal(
        String(Math.round((toDate(to).getTime() - toDate(from).getTime()) / 86_400_000)),
      );
    }
  });

  it("gives every 13th day's weekday as getUTCDay does, and odd input's too", () => {
    for (let day = -682_000; day < 2_932_897; day += 13) {
      const iso = isoOf(day);
      expect(weekdayOf(iso), iso).to.equal(toDate(iso).getUTCDay());
    }
    for (const iso of ['2026-02-30', '2026-1-1', '0099-05-05'])
      expect(String(weekdayOf(iso))).to.equal(String(toDate(iso).getUTCDay()));
  });
});
