import { addDays, addMonths, minDate } from '../../population/dates.js';
import type { Person } from '../../population/person.js';
import { SeededRandom } from '../../population/random.js';
import { addYears, dayOfMonth, intersect, type Period } from './perioder.js';
import { manadsutbetalningar, preliminarManadsutbetalning, type Utbetalning } from './utbetalningar.js';

/**
 * Pensionsmyndigheten's part of the shared base service: allmän pension (PM:AP) for a pensioner. One claim (when the
 * pension was first taken out), one decision per calendar year (PM recalculates every January), monthly payments
 * on the 18th. Decisions and payments are cut to the asked period, as FK's are (see formaner.ts); the next monthly
 * payment is preliminary (utbetalningar.ts).
 */

/** Inkomstpension and, for low pensions, garantipension: monthly amounts. */
export interface PensionsDel {
  typ: 'IP' | 'GARP';
  belopp: number;
}

export interface PensionsBeslut {
  id: string;
  beslutsdatum: string;
  period: Period;
  delar: PensionsDel[];
}

export type PensionsUtbetalning = Utbetalning & { delar: PensionsDel[] };

export interface Alderspension {
  ansprak: { id: string; ankomstdatum: string; from: string };
  beslut: PensionsBeslut[];
  utbetalningar: PensionsUtbetalning[];
  /** The next payment, decided but not yet made (reported when it was decided in the asked period). */
  preliminaraUtbetalningar: PensionsUtbetalning[];
}

export const PENSIONSDEL_NAMN: Record<PensionsDel['typ'], string> = {
  IP: 'Inkomstpension',
  GARP: 'Garantipension',
};

const SKATTESATS = 0.25;
/** Pensions below this (yearly, SEK) are topped up with garantipension. */
const GARANTIPENSION_GRANS = 170_000;
/** Yearly recalculation: each year back from today's, pensions were this much lower. */
const OMRAKNING = 0.97;

/** The person's allmän pension in force during the asked period, if the person is a pensioner. */
export function alderspension(person: Person, asked: Period, today: string): Alderspension | undefined {
  if (person.sysselsattning !== 'pensionar') return undefined;
  const nummer = person.identity.number;
  const random = new SeededRandom(`pm:AP:${nummer}`);
  const forsta = dayOfMonth(addMonths(addYears(person.identity.birthDate, 65), 1 + random.int(0, 24)), 1);
  const start = minDate(forsta, dayOfMonth(today, 1));
  if (start > asked.tom) return undefined;
  const ansprak = {
    id: `AP${random.int(10_000_000, 99_999_999)}`,
    ankomstdatum: addDays(start, -random.int(30, 120)),
    from: start,
  };
  const forstaBeslutet = addDays(start, -random.int(10, 40));
  const arsbelopp = (ar: number): PensionsDel[] => {
    const total = Math.round((person.arsinkomst / 12) * OMRAKNING ** (Number(today.slice(0, 4)) - ar));
    const garp = person.arsinkomst < GARANTIPENSION_GRANS ? Math.round(total * 0.3) : 0;
    return garp > 0
      ? [
          { typ: 'IP', belopp: total - garp },
          { typ: 'GARP', belopp: garp },
        ]
      : [{ typ: 'IP', belopp: total }];
  };

  const beslut: PensionsBeslut[] = [];
  const startAr = Number(start.slice(0, 4));
  // each calendar year's decision: the first one when the pension started, then PM's recalculation in December
  const arsbeslut = (ar: number): string => (ar === startAr ? forstaBeslutet : `${ar - 1}-12-15`);
  for (let ar = Math.max(startAr, Number(asked.from.slice(0, 4))); ar <= Number(asked.tom.slice(0, 4)); ar++) {
    const period = intersect({ from: ar === startAr ? start : `${ar}-01-01`, tom: `${ar}-12-31` }, asked);
    const beslutsdatum = arsbeslut(ar);
    if (!period || beslutsdatum > today) continue;
    const id = String(new SeededRandom(`pm:AP:${nummer}:${ar}`).int(100_000_000, 999_999_999));
    beslut.push({ id, beslutsdatum, period, delar: arsbelopp(ar) });
  }

  const belopp = (manad: Period): number => sum(arsbelopp(Number(manad.from.slice(0, 4))));
  const span = { from: start, tom: '9999-12-31' };
  const medDelar = (u: Utbetalning): PensionsUtbetalning => ({ ...u, delar: arsbelopp(Number(u.datum.slice(0, 4))) });
  return {
    ansprak,
    beslut,
    utbetalningar: manadsutbetalningar('AP', span, belopp, SKATTESATS, 18, asked, today).map(medDelar),
    preliminaraUtbetalningar: preliminarManadsutbetalning(
      'AP',
      span,
      belopp,
      SKATTESATS,
      18,
      (manad) => arsbeslut(Number(manad.from.slice(0, 4))),
      asked,
      today,
    ).map(medDelar),
  };
}

function sum(delar: PensionsDel[]): number {
  return delar.reduce((total, d) => total + d.belopp, 0);
}
