/** Calendar-date helpers on YYYY-MM-DD strings (UTC, no time of day). */
export function toDate(iso: string): Date {
  // The common case read directly (parsing a date string is several times slower); anything else, including a
  // month or day out of range (no Date at all) and years below 100 (Date.UTC would read them as 19xx), as before.
  if (iso.length === 10 && iso.charCodeAt(4) === 45 && iso.charCodeAt(7) === 45) {
    const year = digits(iso, 0, 4);
    const month = digits(iso, 5, 7);
    const day = digits(iso, 8, 10);
    if (year >= 100 && month >= 1 && month <= 12 && day >= 1 && day <= 31)
      return new Date(Date.UTC(year, month - 1, day));
  }
  return new Date(`${iso}T00:00:00Z`);
}

/** The decimal number in iso[from, to), or -1 when a character there is not a digit. */
function digits(iso: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) {
    const c = iso.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    value = value * 10 + c;
  }
  return value;
}

/**
 * Years after 9999 are refused: their ISO form (+010000-01-01) sorts before every four-digit date, so a date loop
 * `cursor <= tom` with tom near 9999-12-31 would never end (found by fuzzing, test/fuzz/regressions.test.ts).
 */
export function fromDate(date: Date): string {
  const year = date.getUTCFullYear();
  if (!(year >= 0 && year <= 9999)) throw new RangeError(`date outside years 0000-9999: ${date.getTime()}`);
  const month = date.getUTCMonth() + 1;
  const day = date.getUTCDate();
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
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
