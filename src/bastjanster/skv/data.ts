import { addDays } from '../../population/dates.js';
import type { Person } from '../../population/person.js';
import { SeededRandom } from '../../population/random.js';

/** A sale of listed securities, declared on form K4 (section A): the gain is part of the year's capital income. */
export interface K4Forsaljning {
  forsaljningspris: number;
  omkostnadsbelopp: number;
  vinst: number;
}

/** One income year's tax figures (whole kronor). Every amount is for the income year `inkomstar`. */
export interface Arsuppgifter {
  inkomstar: number;
  /** Income from employment (tjänst), pension included; no deductions are modelled, so also its surplus. */
  overskottAvTjanst: number;
  /** Of which taxable pension (pensioners only). */
  skattepliktigaPensioner?: number;
  taxeradInkomstAvNaringsverksamhet?: number;
  /** Egenavgifter, the usual allmänt avdrag for someone with a business on the side. */
  allmannaAvdrag?: number;
  /** Fastställd förvärvsinkomst: tjänst + näring − allmänna avdrag, in whole hundreds (rounded down). */
  taxeradForvarvsinkomst: number;
  /** Capital: income (interest, dividends, gains) and expenses (interest paid); surplus or deficit, never both. */
  summaIntakterPaKapital?: number;
  summaUtgifterPaKapital?: number;
  inkomstAvKapital?: number;
  underskottAvKapital?: number;
  k4?: K4Forsaljning;
  slutligSkatt: number;
}

/** A year whose final tax decision (slutligt skattebesked) is made: its figures and the decision's date. */
export interface Beskattningsar extends Arsuppgifter {
  beslutsdatum: string;
}

/** SKV answers with at most this many income years: the latest decided ones. */
export const MAX_BESKATTNINGSAR = 3;

/**
 * The date of the final tax decision (slutligt skattebesked) for income year `inkomstar`: between 1 August and
 * 29 December of the following year, fixed per person and year so that it never moves.
 */
export function beslutsdatum(personnummer: string, inkomstar: number): string {
  const random = new SeededRandom(`skv:${personnummer}:${inkomstar}:beslut`);
  return addDays(`${inkomstar + 1}-08-01`, random.int(0, 150));
}

/** The first year the person can have taxed income: the year they turned 16, or came to Sweden if later. */
export function forstaInkomstar(person: Person): number {
  return Math.max(
    Number(person.identity.birthDate.slice(0, 4)) + 16,
    person.invandring ? Number(person.invandring.inresedatum.slice(0, 4)) : 0,
  );
}

/**
 * The last income years whose final tax decision exists on `today`, newest first, up to three. None for persons
 * without income (children), none before the year they turned 16 or came to Sweden. Each year is seeded by
 * person and year, so its decision date and variation do not change when a new year is decided.
 */
export function beskattningsar(person: Person, today: string): Beskattningsar[] {
  if (person.arsinkomst <= 0) return [];
  const thisYear = Number(today.slice(0, 4));
  const years: Beskattningsar[] = [];
  for (let year = thisYear - 1; year >= forstaInkomstar(person) && years.length < MAX_BESKATTNINGSAR; year--) {
    const beslut = beslutsdatum(person.identity.number, year);
    if (beslut > today) continue;
    years.push({ ...arsuppgifter(person, year, today), beslutsdatum: beslut });
  }
  return years;
}

/**
 * The year's figures whether or not it is decided yet (the current year's income is what employers report month
 * by month). Undefined before the person's first income year, after this year, or for a person without income.
 */
export function arsuppgifterFor(person: Person, year: number, today: string): Arsuppgifter | undefined {
  if (person.arsinkomst <= 0 || year < forstaInkomstar(person) || year > Number(today.slice(0, 4))) return undefined;
  return arsuppgifter(person, year, today);
}

function arsuppgifter(person: Person, inkomstar: number, today: string): Arsuppgifter {
  const yearsBack = Number(today.slice(0, 4)) - 1 - inkomstar;
  const random = new SeededRandom(`skv:${person.identity.number}:${inkomstar}`);
  // Older years a little lower (wage growth), with some variation from year to year.
  const inkomst = Math.round(person.arsinkomst * (1 - 0.03 * yearsBack) * (0.95 + random.next() * 0.1));
  const pensionar = person.sysselsattning === 'pensionar';
  const naring = person.sysselsattning === 'anstalld' && random.chance(0.08) ? hundreds(random.int(5_000, 60_000)) : 0;
  const allmannaAvdrag = naring > 0 ? Math.round(naring * 0.25) : undefined;
  const draw = random.weighted([
    ['inkomst', pensionar ? 6 : 4],
    ['underskott', pensionar ? 1 : 3],
    ['inget', 3],
  ] as const);
  const kapitalSlag = person.aktiehandel ? 'inkomst' : draw;
  const inkomstAvKapital = kapitalSlag === 'inkomst' ? random.int(100, 25_000) : undefined;
  const underskottAvKapital = kapitalSlag === 'underskott' ? random.int(1_000, 40_000) : undefined;
  const forvarvsinkomst = hundreds(inkomst + naring - (allmannaAvdrag ?? 0));
  // About 30 %: tax on earned income and on capital, less the reduction for a capital deficit.
  const skatt =
    forvarvsinkomst * 0.3 * (0.95 + random.next() * 0.08) +
    (inkomstAvKapital ?? 0) * 0.3 -
    (underskottAvKapital ?? 0) * 0.3;
  return {
    inkomstar,
    overskottAvTjanst: inkomst,
    skattepliktigaPensioner: pensionar ? inkomst : undefined,
    taxeradInkomstAvNaringsverksamhet: naring > 0 ? naring : undefined,
    allmannaAvdrag,
    taxeradForvarvsinkomst: forvarvsinkomst,
    ...kapital(person, inkomstar, inkomstAvKapital, underskottAvKapital),
    slutligSkatt: Math.max(0, Math.round(skatt)),
  };
}

/**
 * Gross capital income and expenses behind the year's surplus or deficit, from a stream of their own (so the
 * other figures stay as they were): a surplus is income less some interest paid, a K4 sale now and then; a
 * deficit is interest paid on loans less a little interest received.
 */
function kapital(
  person: Person,
  inkomstar: number,
  inkomstAvKapital: number | undefined,
  underskottAvKapital: number | undefined,
): Pick<
  Arsuppgifter,
  'summaIntakterPaKapital' | 'summaUtgifterPaKapital' | 'inkomstAvKapital' | 'underskottAvKapital' | 'k4'
> {
  const random = new SeededRandom(`skv:${person.identity.number}:${inkomstar}:kapital`);
  if (inkomstAvKapital !== undefined) {
    const utgifter = random.chance(0.4) ? random.int(100, 6_000) : 0;
    const intakter = inkomstAvKapital + utgifter;
    let k4: K4Forsaljning | undefined;
    // Drawn for everyone, so a trader's other draws stay where they were.
    if (random.chance(0.5) || person.aktiehandel) {
      const vinst = random.int(Math.ceil(intakter * 0.2), intakter);
      const omkostnadsbelopp = random.int(vinst, vinst * 4);
      k4 = { forsaljningspris: vinst + omkostnadsbelopp, omkostnadsbelopp, vinst };
    }
    return {
      summaIntakterPaKapital: intakter,
      summaUtgifterPaKapital: utgifter > 0 ? utgifter : undefined,
      inkomstAvKapital,
      k4,
    };
  }
  if (underskottAvKapital !== undefined) {
    const intakter = random.int(0, 1_500);
    return {
      summaIntakterPaKapital: intakter,
      summaUtgifterPaKapital: underskottAvKapital + intakter,
      underskottAvKapital,
    };
  }
  return {};
}

/** Taxed income is fixed in whole hundreds of kronor, rounded down. */
function hundreds(amount: number): number {
  return Math.floor(amount / 100) * 100;
}
