import { addDays, addMonths, maxDate, minDate } from '../../population/dates.js';
import { dayOfMonth, intersect, monthsOf, type Period } from './perioder.js';

/**
 * FK's and PM's payments, shared by every benefit: effectuated ones (paid on or before today) and preliminary ones
 * (decided, not yet paid). Which payments an answer reports:
 *
 * - effectuated: paid inside the asked period (and on or before today);
 * - preliminary: decided on or before today and paid after it, reported when the day it was decided lies in the
 *   asked period (the OpenAPI's period is "the period in which the information arose"). FK's daily benefits decide
 *   a month on the 20th of the next and pay it on the 25th, so that month is preliminary from the 20th to the 24th;
 *   a monthly benefit's next payment is decided when the previous one is paid (or by its decision, if that is
 *   later), so there is always one.
 */
export interface Utbetalning {
  forman: string;
  datum: string;
  avser: Period;
  brutto: number;
  skatt: number;
  netto: number;
  dagar?: number;
}

/** A benefit's payments: effectuated ones, by date, and those decided but not yet made. */
export interface Utbetalningar {
  utbetalningar: Utbetalning[];
  preliminara: Utbetalning[];
}

/** Daily benefits: a month is decided on this day of the next month, and paid on the second. */
export const DAGERSATTNING_BESLUTSDAG = 20;
export const DAGERSATTNING_UTBETALNINGSDAG = 25;

/** Monthly benefits: paid on `dag` of the month they are for (nothing for a month with nothing to pay). */
export function manadsutbetalningar(
  forman: string,
  span: Period,
  belopp: (manad: Period) => number,
  skattesats: number,
  dag: number,
  asked: Period,
  today: string,
): Utbetalning[] {
  const inom = intersect(span, asked);
  const senast = minDate(asked.tom, today);
  return (inom ? monthsOf(inom) : [])
    .map((manad) => ({ manad, datum: dayOfMonth(manad.from, dag) }))
    .filter(({ datum }) => datum >= asked.from && datum <= senast)
    .map(({ manad, datum }) => utbetalning(forman, datum, manad, belopp(manad), skattesats))
    .filter((u) => u.brutto > 0); // e.g. a month between one child's last barnbidrag and the next child's first
}

/**
 * A monthly benefit's preliminary payment: the next one after today (on `dag`), for its month within `span`,
 * decided when the previous payment was made or on `beslutad(month)` if that is later (none while undecided).
 */
export function preliminarManadsutbetalning(
  forman: string,
  span: Period,
  belopp: (manad: Period) => number,
  skattesats: number,
  dag: number,
  beslutad: (manad: Period) => string | undefined,
  asked: Period,
  today: string,
): Utbetalning[] {
  const denna = dayOfMonth(today, dag);
  const datum = denna > today ? denna : dayOfMonth(addMonths(dayOfMonth(today, 1), 1), dag);
  const manad = intersect(kalendermanad(datum), span);
  const fattad = manad && beslutad(manad);
  if (!manad || !fattad) return [];
  const beslutsdag = maxDate(dayOfMonth(addMonths(dayOfMonth(datum, 1), -1), dag), fattad);
  if (!preliminarRapporteras(beslutsdag, asked, today)) return [];
  const u = utbetalning(forman, datum, manad, belopp(manad), skattesats);
  return u.brutto > 0 ? [u] : [];
}

/**
 * A daily benefit's preliminary payment: last month's days within `span`, decided on the 20th of this month and
 * paid on the 25th; preliminary (and reported) only from the 20th to the 24th.
 */
export function preliminarDagutbetalning(
  forman: string,
  span: Period,
  dagbelopp: number,
  omfattning: number,
  rakna: (p: Period) => number,
  skattesats: number,
  asked: Period,
  today: string,
): Utbetalning[] {
  const fattades = dayOfMonth(today, DAGERSATTNING_BESLUTSDAG);
  const datum = dayOfMonth(today, DAGERSATTNING_UTBETALNINGSDAG);
  if (datum <= today || !preliminarRapporteras(fattades, asked, today)) return [];
  const manad = intersect(kalendermanad(addMonths(dayOfMonth(today, 1), -1)), span);
  if (!manad) return [];
  const dagar = rakna(manad);
  const belopp = Math.round((dagbelopp * dagar * omfattning) / 100);
  return belopp > 0 ? [utbetalning(forman, datum, manad, belopp, skattesats, dagar)] : [];
}

export function utbetalning(
  forman: string,
  datum: string,
  avser: Period,
  brutto: number,
  skattesats: number,
  dagar?: number,
): Utbetalning {
  const skatt = Math.round(brutto * skattesats);
  return { forman, datum, avser, brutto, skatt, netto: brutto - skatt, dagar };
}

/** A payment decided on `beslutsdag` is preliminary and reported when that day is in the asked period, by today. */
function preliminarRapporteras(beslutsdag: string, asked: Period, today: string): boolean {
  return beslutsdag <= today && beslutsdag >= asked.from && beslutsdag <= asked.tom;
}

/** The calendar month `date` lies in. */
function kalendermanad(date: string): Period {
  const from = dayOfMonth(date, 1);
  return { from, tom: addDays(addMonths(from, 1), -1) };
}
