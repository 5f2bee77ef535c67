import { luhnCheckDigit } from '../../../population/identity.js';
import { AKASSOR } from '../../../population/names.js';
import type { Person } from '../../../population/person.js';
import { SeededRandom } from '../../../population/random.js';
import { arsuppgifterFor } from '../data.js';
import type { Individuppgifter } from './typer.js';

/** Monthly declarations are kept for the current year and this many years before it. */
export const INDIVIDUPPGIFTER_TIDIGARE_AR = 3;

/** Försäkringskassan's organisationsnummer (seed §6.4): pays sjukpenning, föräldrapenning, aktivitetsstöd. */
const FORSAKRINGSKASSAN = '162021005521';

/** One month's declaration (arbetsgivardeklaration på individnivå) for the person, from one payer. */
export interface Manadsuppgift {
  inkomstar: number;
  /** YYYYMM, as in the employer declaration. */
  redovisningsperiod: string;
  utbetalare: string;
  kontantErsattning: number;
  avdragenSkatt: number;
}

/**
 * The employer declarations per payee for the years asked: a month is there once its declaration is due (the
 * 12th of the next month) on `today`. The year's employment income (v10's OverskottAvTjanst for a decided year)
 * is spread evenly over the months the person was in Sweden that year, so a decided year's months add up to it.
 */
export function individuppgifter(person: Person, ar: number[], today: string): Individuppgifter | undefined {
  const manader = [...ar]
    .sort((a, b) => a - b)
    .flatMap((year) => manadsuppgifter(person, year, today).filter((m) => redovisad(m, today)));
  if (manader.length === 0) return undefined;
  return {
    betalningsmottagare: person.identity.number,
    individuppgifter: manader.map((m) => ({
      inkomstar: m.inkomstar,
      redovisningsperiod: m.redovisningsperiod,
      utbetalare: m.utbetalare,
      uppgifter: { kontantErsattning: String(m.kontantErsattning), avdragenSkatt: String(m.avdragenSkatt) },
    })),
  };
}

/** Every month of the year the person had income in (whether declared yet or not). */
export function manadsuppgifter(person: Person, year: number, today: string): Manadsuppgift[] {
  const thisYear = Number(today.slice(0, 4));
  if (year < thisYear - INDIVIDUPPGIFTER_TIDIGARE_AR) return [];
  const uppgifter = arsuppgifterFor(person, year, today);
  if (!uppgifter) return [];
  const inresa = person.invandring?.inresedatum;
  const forstaManad = inresa?.startsWith(`${year}-`) ? Number(inresa.slice(5, 7)) : 1;
  const antal = 13 - forstaManad;
  const perManad = Math.floor(uppgifter.overskottAvTjanst / antal);
  const skattesats = 0.28 + new SeededRandom(`skv:${person.identity.number}:${year}:tabellskatt`).next() * 0.05;
  const utbetalare = utbetalareFor(person);
  return Array.from({ length: antal }, (_, i) => {
    const manad = forstaManad + i;
    // The last month takes the remainder, so the months add up to the year's income exactly.
    const belopp = manad === 12 ? uppgifter.overskottAvTjanst - perManad * (antal - 1) : perManad;
    return {
      inkomstar: year,
      redovisningsperiod: `${year}${String(manad).padStart(2, '0')}`,
      utbetalare,
      kontantErsattning: belopp,
      avdragenSkatt: Math.round(belopp * skattesats),
    };
  });
}

/** The tax withheld over a whole year: what the person paid in preliminary tax (their skattekonto's debit). */
export function avdragenSkattForAr(person: Person, year: number, today: string): number {
  return manadsuppgifter(person, year, today).reduce((sum, m) => sum + m.avdragenSkatt, 0);
}

/** A month's declaration is due on the 12th of the next month. */
function redovisad(m: Manadsuppgift, today: string): boolean {
  const year = Number(m.redovisningsperiod.slice(0, 4));
  const month = Number(m.redovisningsperiod.slice(4));
  const due = month === 12 ? `${year + 1}-01-12` : `${year}-${String(month + 1).padStart(2, '0')}-12`;
  return due <= today;
}

/**
 * Who pays the person: Försäkringskassan for the sick, parents on leave and job seekers without an a-kassa
 * (aktivitetsstöd); the a-kassa for its members who seek work; otherwise an employer, or for pensioners the
 * pension payer. Employers, a-kassor and the pension payer have fictitious organisationsnummer (559900-xxxx with a
 * valid check digit), in the 12-digit form with 16 that SSBTEK uses.
 */
export function utbetalareFor(person: Person): string {
  switch (person.sysselsattning) {
    case 'sjukskriven':
    case 'sjukersattning':
    case 'foraldraledig':
      return FORSAKRINGSKASSAN;
    case 'arbetssokande': {
      const akassa = person.akassa ? AKASSOR.indexOf(person.akassa as (typeof AKASSOR)[number]) : -1;
      return akassa >= 0 ? fiktivt(10 + akassa) : FORSAKRINGSKASSAN;
    }
    case 'pensionar':
      return fiktivt(20);
    default:
      return fiktivt(new SeededRandom(`skv:${person.identity.number}:arbetsgivare`).int(100, 999));
  }
}

/** 16 559900-NNNC: the fictitious organisationsnummer with serial NNN. */
function fiktivt(serial: number): string {
  const nine = `559900${String(serial).padStart(3, '0')}`;
  return `16${nine}${luhnCheckDigit(nine)}`;
}
