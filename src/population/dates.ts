/** Calendar-date helpers on YYYY-MM-DD strings (UTC, no time of day). */
export function toDate(iso: string): Date {
  // The common case read directly (parsing a date string is several times slower); anything else, including a
  // month or day out of range (no Date at all) and years below 100 (Date.UTC would read them as 19xx), as before.
  const day = dayNumber(iso);
  return day === undefined ? new Date(`${iso}T00:00:00Z`) : new Date(day * 86_400_000);
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
  const day = Number.isInteger(days) ? dayNumber(iso) : undefined;
  if (day === undefined) return addDaysByDate(iso, days);
  return isoOfDay(day + days);
}

export function addMonths(iso: string, months: number): string {
  const day = Number.isInteger(months) ? dayNumber(iso) : undefined;
  if (day === undefined) return addMonthsByDate(iso, months);
  // As Date does it: the date first made real (02-30 is 03-02), then its day kept, or the month's last if shorter.
  const [year, month, dayOfMonth] = civilOfDay(day);
  const index = year * 12 + (month - 1) + months;
  const toYear = Math.floor(index / 12);
  const toMonth = index - toYear * 12 + 1;
  return isoOfDay(dayOfCivil(toYear, toMonth, Math.min(dayOfMonth, daysInMonth(toYear, toMonth))));
}

/*
 * The arithmetic above on day numbers (days since 1970-01-01, proleptic Gregorian, as Date counts them) instead of
 * Date objects: a composite's seven answers do several hundred of these, and a Date made, changed and read back for
 * each was a tenth of FK's answer. Conversions after Howard Hinnant's days_from_civil and civil_from_days
 * (http://howardhinnant.github.io/date_algorithms.html). Anything dayNumber does not read, and a count that is not an
 * integer, goes the Date way below, as before.
 */

/**
 * The day number of a YYYY-MM-DD read directly (day 29–31 past a month's end runs into the next, as in Date.UTC), or
 * undefined for anything else: a month or day out of range, years below 100, another form.
 */
function dayNumber(iso: string): number | undefined {
  if (iso.length !== 10 || iso.charCodeAt(4) !== 45 || iso.charCodeAt(7) !== 45) return undefined;
  const year = digits(iso, 0, 4);
  const month = digits(iso, 5, 7);
  const day = digits(iso, 8, 10);
  if (!(year >= 100 && month >= 1 && month <= 12 && day >= 1 && day <= 31)) return undefined;
  return dayOfCivil(year, month, day);
}

function dayOfCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function civilOfDay(dayNumber: number): [year: number, month: number, day: number] {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shifted = Math.floor((5 * dayOfYear + 2) / 153);
  const month = shifted < 10 ? shifted + 3 : shifted - 9;
  return [yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, dayOfYear - Math.floor((153 * shifted + 2) / 5) + 1];
}

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}

/**
 * Days of 1900–2099 as written, each written once when first asked for (the answers' dates are near today and
 * birth dates; a Map holds only those met, where an array over the range would be 580 KB from the start).
 */
const WRITTEN_FROM = -25_567;
const WRITTEN_TO = 47_482;
const written = new Map<number, string>();

/** As fromDate writes the day (and refuses the same years). */
function isoOfDay(dayNumber: number): string {
  const known = written.get(dayNumber);
  if (known !== undefined) return known;
  const [year, month, day] = civilOfDay(dayNumber);
  if (!(year >= 0 && year <= 9999)) throw new RangeError(`date outside years 0000-9999: ${dayNumber * 86_400_000}`);
  const iso = `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
  if (dayNumber >= WRITTEN_FROM && dayNumber <= WRITTEN_TO) written.set(dayNumber, iso);
  return iso;
}

function addDaysByDate(iso: string, days: number): string {
  const d = toDate(iso);
  d.setUTCDate(d.getUTCDate() + days);
  return fromDate(d);
}

function addMonthsByDate(iso: string, months: number): string {
  const d = toDate(iso);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return fromDate(d);
}

/** The day of the week as Date's getUTCDay gives it: 0 Sunday, 1 Monday … 6 Saturday. */
export function weekdayOf(iso: string): number {
  const day = dayNumber(iso);
  if (day === undefined) return toDate(iso).getUTCDay();
  // 1970-01-01, day 0, was a Thursday.
  return (((day + 4) % 7) + 7) % 7;
}

export function daysBetween(from: string, to: string): number {
  const a = dayNumber(from);
  const b = dayNumber(to);
  if (a !== undefined && b !== undefined) return b - a;
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
