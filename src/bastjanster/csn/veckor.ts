import { addDays, daysBetween, weekdayOf } from '../../population/dates.js';

/** ISO 8601 weeks, as CSN writes them (YYYYWW): its decisions and payments are counted in study weeks. */

/** Monday = 0 … Sunday = 6. */
function weekday(iso: string): number {
  return (weekdayOf(iso) + 6) % 7;
}

/** The Monday of ISO week `week` of `year`. */
export function mondayOfWeek(year: number, week: number): string {
  const jan4 = `${year}-01-04`; // ISO week 1 is the week with 4 January
  return addDays(addDays(jan4, -weekday(jan4)), (week - 1) * 7);
}

/** The ISO week of a date as YYYYWW (the week's year is the year of its Thursday). */
export function isoVecka(iso: string): string {
  const thursday = addDays(iso, 3 - weekday(iso));
  const year = Number(thursday.slice(0, 4));
  const week = 1 + daysBetween(mondayOfWeek(year, 1), thursday) / 7;
  return `${year}${String(Math.floor(week)).padStart(2, '0')}`;
}

/** The Mondays from `from` to `to` inclusive: one per study week that starts in the interval. */
export function mondaysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let monday = addDays(from, (7 - weekday(from)) % 7); monday <= to; monday = addDays(monday, 7)) out.push(monday);
  return out;
}
