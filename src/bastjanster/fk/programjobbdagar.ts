import { addDays, minDate } from '../../population/dates.js';
import type { Person } from '../../population/person.js';
import { SeededRandom } from '../../population/random.js';
import type { Arende } from './formaner.js';
import { earliest, weekdays, type Period } from './perioder.js';

/** Jobb- och utvecklingsgarantin: programme 53 in AF's codes (LEFI's programanvisning uses the same). */
export const JOBB_OCH_UTVECKLINGSGARANTIN = 53;

/** Ersättningsdagar with aktivitetsstöd in the jobb- och utvecklingsgaranti before its level is lowered: all days. */
export const MAX_PROGRAMJOBBDAGAR = 450;

/** LEFI's programjobdagar: the days a participant has used in the jobb- och utvecklingsgaranti, and whether all. */
export interface Programjobbdagar {
  forbrukade: number;
  allaForbrukade: boolean;
}

/**
 * For a person whose aktivitetsstöd in the asked period is for the jobb- och utvecklingsgaranti: the weekdays
 * (ersättningsdagar) from entering the guarantee up to the end of the asked period (or today, if earlier), at
 * most MAX_PROGRAMJOBBDAGAR. The person entered it 20–800 days before today (seeded by the number), and no later
 * than the ärende about that aktivitetsstöd started.
 */
export function programjobbdagar(
  person: Person,
  arenden: readonly Arende[],
  asked: Period,
  today: string,
): Programjobbdagar | undefined {
  const iGarantin = arenden.filter((a) => a.forman === 'AS' && a.atgard?.id === JOBB_OCH_UTVECKLINGSGARANTIN);
  if (iGarantin.length === 0) return undefined;
  const random = new SeededRandom(`fk:PJOB:${person.identity.number}`);
  const garantinFrom = earliest([addDays(today, -random.int(20, 800)), ...iGarantin.map((a) => a.startades)]);
  const till = minDate(asked.tom, today);
  const dagar = garantinFrom <= till ? weekdays({ from: garantinFrom, tom: till }) : 0;
  const forbrukade = Math.min(dagar, MAX_PROGRAMJOBBDAGAR);
  return { forbrukade, allaForbrukade: forbrukade === MAX_PROGRAMJOBBDAGAR };
}
