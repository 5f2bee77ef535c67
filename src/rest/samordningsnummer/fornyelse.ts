import { addDays, daysBetween, maxDate } from '../../population/dates.js';
import { parseIdentity, type Identity } from '../../population/identity.js';
import type { Population } from '../../population/population.js';
import { SeededRandom } from '../../population/random.js';
import type { Fornyelse } from './store.js';

/**
 * The rules of anmälan om förnyelse (folkbokföringslagen 18 c–18 e §§): a samordningsnummer is active until the
 * end of the fifth calendar year after the year it was assigned or last renewed, then it is vilandeförklarat.
 * The seed lets a number be renewed once it is vilande or "on its way" to it; here that means from 1 January of
 * that fifth year. A renewal keeps it active to the end of the fifth calendar year after the renewal.
 */
export const AR_TILL_VILANDE = 5;

/** Transitional rule (18 d § FOL): a number assigned before 2016 counts as assigned in 2016. */
const FORSTA_RAKNADE_AR = 2016;

/**
 * Emulated numbers were assigned on a day between these two, derived from the number: fixed calendar facts, so a
 * number ages as the emulator's "today" moves on, and a "today" before the day means it is not assigned yet.
 */
const FORSTA_TILLDELNING = '2010-01-01';
const SISTA_TILLDELNING = '2026-12-31';

/** The day a samordningsnummer was assigned, derived from the number alone, never before the person's birth. */
export function tilldelningsdatum(identity: Identity): string {
  const random = new SeededRandom(`samordningsnummer:tilldelning:${identity.number}`);
  const dag = addDays(FORSTA_TILLDELNING, random.int(0, daysBetween(FORSTA_TILLDELNING, SISTA_TILLDELNING)));
  return maxDate(dag, identity.birthDate);
}

function raknatAr(datum: string): number {
  return Math.max(Number(datum.slice(0, 4)), FORSTA_RAKNADE_AR);
}

/** The last day a number is active after being assigned or renewed on `datum`. */
export function aktivTom(datum: string): string {
  return `${raknatAr(datum) + AR_TILL_VILANDE}-12-31`;
}

/** The first day a number assigned or renewed on `datum` can be renewed again. */
export function kanFornyasFran(datum: string): string {
  return `${raknatAr(datum) + AR_TILL_VILANDE}-01-01`;
}

export type Bedomning =
  /** Not a samordningsnummer at all: a violation in the seed's validation wording. */
  | { utfall: 'ogiltigt'; overtradelse: string }
  /** A well-formed number not assigned (yet): its holder is not born, or its assignment day is after today. */
  | { utfall: 'okant' }
  /** Active and not yet in its last year. */
  | { utfall: 'ej-aktuellt'; aktivTom: string; kanFornyasFran: string; senastFornyad?: string }
  /** This service already renewed it for the current period: the same answer again (idempotent). */
  | { utfall: 'redan-fornyat'; fornyelse: Fornyelse }
  | { utfall: 'fornyas'; varVilande: boolean; aktivTom: string };

export interface BedomningInput {
  samordningsnummer: string;
  today: string;
  population: Population;
  /** This service's latest renewal of the number. */
  senaste: Fornyelse | undefined;
}

/** Decides what an anmälan about `samordningsnummer` leads to today. */
export function bedom({ samordningsnummer, today, population, senaste }: BedomningInput): Bedomning {
  const { identity, problem } = parseIdentity(samordningsnummer);
  if (problem === 'date') return { utfall: 'ogiltigt', overtradelse: 'samordningsnummer must contain a valid date' };
  if (problem === 'checksum') {
    return { utfall: 'ogiltigt', overtradelse: 'samordningsnummer must have a valid check digit' };
  }
  if (!identity) return { utfall: 'ogiltigt', overtradelse: 'samordningsnummer must match "\\d{12}"' };
  if (identity.kind !== 'samordningsnummer') {
    return {
      utfall: 'ogiltigt',
      overtradelse: 'samordningsnummer must be a samordningsnummer (day of birth + 60), not a personnummer',
    };
  }
  const tilldelad = tilldelningsdatum(identity);
  if (tilldelad > today) return { utfall: 'okant' };

  // Every service's view of the person: a renewal (or a vilandeförklaring) registered by anyone counts.
  const registrering = population.personFor(identity, today).registrering;
  const registreradFornyelse = registrering?.status === 'FORNYAD' ? registrering.since : undefined;
  let senasteHandelse = tilldelad;
  if (registreradFornyelse) senasteHandelse = maxDate(senasteHandelse, registreradFornyelse);
  if (senaste) senasteHandelse = maxDate(senasteHandelse, senaste.fornyadDatum);

  // Declared vilande after the last assignment or renewal (on the same day, the renewal stands).
  const forklaradVilande = registrering?.status === 'VILANDE' && registrering.since > senasteHandelse;
  if (!forklaradVilande && today < kanFornyasFran(senasteHandelse)) {
    if (senaste && senaste.fornyadDatum === senasteHandelse) return { utfall: 'redan-fornyat', fornyelse: senaste };
    return {
      utfall: 'ej-aktuellt',
      aktivTom: aktivTom(senasteHandelse),
      kanFornyasFran: kanFornyasFran(senasteHandelse),
      senastFornyad: registreradFornyelse === senasteHandelse ? registreradFornyelse : undefined,
    };
  }
  return {
    utfall: 'fornyas',
    varVilande: forklaradVilande || today > aktivTom(senasteHandelse),
    aktivTom: aktivTom(today),
  };
}
