import { addDays } from '../../population/dates.js';
import type { Person } from '../../population/person.js';
import { SeededRandom } from '../../population/random.js';

/** One income year's final tax figures (whole kronor), as in the inner Beskattningsar element. */
export interface Beskattningsar {
  inkomstar: number;
  beslutsdatum: string;
  taxeradForvarvsinkomst: number;
  taxeradInkomstAvNaringsverksamhet?: number;
  inkomstAvKapital?: number;
  underskottAvKapital?: number;
  slutligSkatt: number;
  skattepliktigaPensioner?: number;
  allmannaAvdrag?: number;
}

/** SKV answers with at most this many income years. */
export const MAX_BESKATTNINGSAR = 3;

/**
 * The date of the final tax decision (slutligt skattebesked) for income year `inkomstar`: between 1 August and
 * 29 December of the following year, fixed per person and year so that it never moves.
 */
export function beslutsdatum(personnummer: string, inkomstar: number): string {
  const random = new SeededRandom(`skv:${personnummer}:${inkomstar}:beslut`);
  return addDays(`${inkomstar + 1}-08-01`, random.int(0, 150));
}

/**
 * The last income years whose final tax decision exists on `today`, newest first, up to three. None for persons
 * without income (children), none before the year they turned 16 or came to Sweden. Each year is seeded by
 * person and year, so its decision date and variation do not change when a new year is decided.
 */
export function beskattningsar(person: Person, today: string): Beskattningsar[] {
  if (person.arsinkomst <= 0) return [];
  const number = person.identity.number;
  const thisYear = Number(today.slice(0, 4));
  const firstYear = Math.max(
    Number(person.identity.birthDate.slice(0, 4)) + 16,
    person.invandring ? Number(person.invandring.inresedatum.slice(0, 4)) : 0,
  );
  const years: Beskattningsar[] = [];
  for (let year = thisYear - 1; year >= firstYear && years.length < MAX_BESKATTNINGSAR; year--) {
    const beslut = beslutsdatum(number, year);
    if (beslut > today) continue;
    years.push(figures(person, year, thisYear - 1 - year, beslut));
  }
  return years;
}

function figures(person: Person, inkomstar: number, yearsBack: number, beslut: string): Beskattningsar {
  const random = new SeededRandom(`skv:${person.identity.number}:${inkomstar}`);
  // Older years a little lower (wage growth), with some variation from year to year.
  const inkomst = hundreds(person.arsinkomst * (1 - 0.03 * yearsBack) * (0.95 + random.next() * 0.1));
  const pensionar = person.sysselsattning === 'pensionar';
  const naring = person.sysselsattning === 'anstalld' && random.chance(0.08) ? hundreds(random.int(5_000, 60_000)) : 0;
  // Egenavgifter are the usual allmänt avdrag for someone with a business on the side.
  const allmannaAvdrag = naring > 0 ? Math.round(naring * 0.25) : undefined;
  const kapital = random.weighted([
    ['inkomst', pensionar ? 6 : 4],
    ['underskott', pensionar ? 1 : 3],
    ['inget', 3],
  ] as const);
  const inkomstAvKapital = kapital === 'inkomst' ? random.int(100, 25_000) : undefined;
  const underskottAvKapital = kapital === 'underskott' ? random.int(1_000, 40_000) : undefined;
  const forvarvsinkomst = hundreds(inkomst + naring - (allmannaAvdrag ?? 0));
  // About 30 %: tax on earned income and on capital, less the reduction for a capital deficit.
  const skatt =
    forvarvsinkomst * 0.3 * (0.95 + random.next() * 0.08) +
    (inkomstAvKapital ?? 0) * 0.3 -
    (underskottAvKapital ?? 0) * 0.3;
  return {
    inkomstar,
    beslutsdatum: beslut,
    taxeradForvarvsinkomst: forvarvsinkomst,
    taxeradInkomstAvNaringsverksamhet: naring > 0 ? naring : undefined,
    inkomstAvKapital,
    underskottAvKapital,
    slutligSkatt: Math.max(0, Math.round(skatt)),
    skattepliktigaPensioner: pensionar ? inkomst : undefined,
    allmannaAvdrag,
  };
}

/** Taxed income is fixed in whole hundreds of kronor, rounded down. */
function hundreds(amount: number): number {
  return Math.floor(amount / 100) * 100;
}
