/** Calendar-date helpers on YYYY-MM-DD strings (UTC, no time of day). */
export function toDate(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

/**
 * Years after 9999 are refused: their ISO form (+010000-01-01) sorts before every four-digit date, so a date loop
 * `cursor <= tom` with tom near 9999-12-31 would never end (found by fuzzing, test/fuzz/regressions.test.ts).
 */
export function fromDate(date: Date): string {
  const year = date.getUTCFullYear();
  if (!(year >= 0 && year <= 9999)) throw new RangeError(`date outside years 0000-9999: ${date.getTime()}`);
  return date.toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  const d = toDate(iso);
  d.setUTCDate(d.getUTCDate() + days);
  return fromDate(d);
}

export function addMonths(iso: string, months: number): string {
  const d = toDate(iso);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return fromDate(d);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((toDate(to).getTime() - toDate(from).getTime()) / 86_400_000);
}

export function isValidIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = toDate(value);
  // Month 13 or day 32 make no Date at all; 02-30 makes March 2nd.
  return !Number.isNaN(date.getTime()) && fromDate(date) === value;
}

export function minDate(a: string, b: string): string {
  return a < b ? a : b;
}

export function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}

/** Made once: creating an Intl.DateTimeFormat costs tens of microseconds and native (ICU) memory each time. */
const SWEDISH_DATE = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' });

/** The same date for every call within this many milliseconds (each request asks several times). */
const TODAY_REUSE_MS = 1000;
let lastToday: { at: number; date: string } | undefined;

/** Today's date in Sweden's calendar (the services' own notion of "today"). */
export function todayInSweden(now?: Date): string {
  if (now) return SWEDISH_DATE.format(now);
  const at = Date.now();
  if (lastToday && at >= lastToday.at && at - lastToday.at < TODAY_REUSE_MS) return lastToday.date;
  lastToday = { at, date: SWEDISH_DATE.format(at) };
  return lastToday.date;
}

/** The 25th of each month between `from` and `to` inclusive: a typical Swedish payment day. */
export function monthlyDates(from: string, to: string, dayOfMonth = 25): string[] {
  const out: string[] = [];
  let cursor = `${from.slice(0, 7)}-${String(dayOfMonth).padStart(2, '0')}`;
  while (cursor <= to) {
    if (cursor >= from) out.push(cursor);
    cursor = addMonths(cursor, 1);
  }
  return out;
}
