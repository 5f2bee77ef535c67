import { addDays, addMonths, daysBetween, maxDate, minDate, weekdayOf } from '../../population/dates.js';

/** A closed date interval, YYYY-MM-DD to YYYY-MM-DD. */
export interface Period {
  from: string;
  tom: string;
}

/** The common part of two periods, or undefined when they do not meet. */
export function intersect(a: Period, b: Period): Period | undefined {
  const from = maxDate(a.from, b.from);
  const tom = minDate(a.tom, b.tom);
  return from <= tom ? { from, tom } : undefined;
}

/** The calendar months `period` touches, each cut to the period. */
export function monthsOf(period: Period): Period[] {
  const out: Period[] = [];
  for (let first = `${period.from.slice(0, 7)}-01`; first <= period.tom; first = addMonths(first, 1)) {
    const month = intersect({ from: first, tom: addDays(addMonths(first, 1), -1) }, period);
    if (month) out.push(month);
  }
  return out;
}

export function calendarDays(period: Period): number {
  return daysBetween(period.from, period.tom) + 1;
}

/** Monday to Friday: the days aktivitetsstöd is paid for. */
export function weekdays(period: Period): number {
  let count = 0;
  for (let day = period.from; day <= period.tom; day = addDays(day, 1)) {
    const weekday = weekdayOf(day);
    if (weekday !== 0 && weekday !== 6) count++;
  }
  return count;
}

/** Day `day` of the month `monthOf` lies in. */
export function dayOfMonth(monthOf: string, day: number): string {
  return `${monthOf.slice(0, 7)}-${String(day).padStart(2, '0')}`;
}

/** The date `years` whole years after `date` (29 February → 28 February). */
export function addYears(date: string, years: number): string {
  return addMonths(date, 12 * years);
}

export function earliest(dates: string[]): string {
  return dates.reduce((a, b) => (b < a ? b : a));
}

export function latest(dates: string[]): string {
  return dates.reduce((a, b) => (b > a ? b : a));
}
