import { addDays, addMonths, maxDate, minDate, monthlyDates } from '../../population/dates.js';
import { utbetstatus, type Belopp, type Utbetaldtid, type Utbetalning } from './arende.js';
import { isoVecka, mondayOfWeek, mondaysBetween } from './veckor.js';

/** A term of study, counted in whole study weeks. */
export interface Termin {
  start: string; // a Monday
  slut: string; // a Sunday
}

/** Autumn term of `year`: ISO weeks 35 to 2 of the next year (20–21 weeks). */
export function hosttermin(year: number): Termin {
  return { start: mondayOfWeek(year, 35), slut: addDays(mondayOfWeek(year + 1, 2), 6) };
}

/** Spring term of `year`: ISO weeks 3 to 22 (20 weeks). */
export function vartermin(year: number): Termin {
  return { start: mondayOfWeek(year, 3), slut: addDays(mondayOfWeek(year, 22), 6) };
}

/** The terms that overlap [from, tom]; between terms (summer) the coming term, which is already decided. */
export function terminerOver(from: string, tom: string): Termin[] {
  const terminer: Termin[] = [];
  for (let year = Number(from.slice(0, 4)) - 1; year <= Number(tom.slice(0, 4)) + 1; year++) {
    terminer.push(vartermin(year), hosttermin(year));
  }
  const overlapping = terminer.filter((t) => overlaps(t, from, tom));
  return overlapping.length > 0 ? overlapping : terminer.filter((t) => t.start > tom).slice(0, 1);
}

/**
 * The school year around `today` (its autumn term's year): from 1 August the one that starts that autumn, before
 * that the one whose spring term is ending or has just ended. From 1 August a period CSN accepts reaches back to
 * 1 June at the earliest, when the spring term (ISO week 22) is over but for a day or two in some years.
 */
export function lasarKring(today: string): number {
  const year = Number(today.slice(0, 4));
  return today >= `${year}-08-01` ? year : year - 1;
}

/** The two terms of the school year that starts in the autumn of `lasar`. */
export function lasarTerminer(lasar: number): [Termin, Termin] {
  return [hosttermin(lasar), vartermin(lasar + 1)];
}

export function overlaps(termin: Termin, from: string, tom: string): boolean {
  return termin.start <= tom && termin.slut >= from;
}

/** The number of study weeks (Mondays) in a term. */
export function studieveckor(termin: Termin): number {
  return mondaysBetween(termin.start, termin.slut).length;
}

/** A weekly amount at a study pace (percent), in whole kronor. */
export function vidTakt(perVecka: number, takt: number): number {
  return Math.round((perVecka * takt) / 100);
}

/**
 * Monthly payments on the 25th inside [from, tom], each for the study weeks of `terminer` that start in its month
 * (one Utbetaldtid per term, with its first and last week); `beloppen(veckor)` gives the amounts for that many weeks.
 */
export function veckoutbetalningar(
  terminer: Termin[],
  beloppen: (veckor: number) => Belopp[],
  from: string,
  tom: string,
  today: string,
): Utbetalning[] {
  const utbetalningar: Utbetalning[] = [];
  for (const utbetdatum of monthlyDates(from, tom)) {
    const forsta = `${utbetdatum.slice(0, 7)}-01`;
    const sista = addDays(addMonths(forsta, 1), -1);
    const tider = terminer.flatMap((t): Utbetaldtid[] => {
      const mondays = mondaysBetween(maxDate(t.start, forsta), minDate(t.slut, sista));
      if (mondays.length === 0) return [];
      const first = mondays[0] as string;
      const last = mondays[mondays.length - 1] as string;
      return [{ startvecka: isoVecka(first), slutvecka: isoVecka(last), beloppen: beloppen(mondays.length) }];
    });
    if (tider.length > 0) utbetalningar.push({ utbetdatum, utbetstatus: utbetstatus(utbetdatum, today), tider });
  }
  return utbetalningar;
}
