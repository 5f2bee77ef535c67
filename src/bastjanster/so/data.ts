import { addDays, weekdayOf } from '../../population/dates.js';
import type { Person } from '../../population/person.js';
import { SeededRandom } from '../../population/random.js';

export interface Utbetalning {
  utbetalningsdatum: string;
  /** Kronor with öre, as the a-kassa pays them. */
  nettoEfterSkatt: number;
  nettoEfterAvdrag: number;
  ersattningsdagar: number;
  avserFrom: string;
  avserTom: string;
}

export interface Avstangning {
  from: string;
  tom: string;
}

/** What one a-kassa knows about a member, for the asked period. */
export interface KassansUppgifter {
  kassa: string;
  utbetalningar: Utbetalning[];
  avstangningar: Avstangning[];
  /** BeslutOmRattTillErsattning: absent (nil) for members who never applied. */
  beslutOmRattTillErsattning?: string;
  ansokanOmUtbetalningInlamnad: boolean;
}

/** Highest daily allowance before tax (inkomstbaserad ersättning), and the grundbelopp floor. */
export const MAX_DAGPENNING = 1200;
const MIN_DAGPENNING = 510;
/** The a-kassor withhold preliminary tax at about 30 %. */
const SKATTESATS = 0.3;
/** Paid on the Thursday after each two-week period (Monday to Sunday twice). */
const DAGAR_TILL_UTBETALNING = 4;

/**
 * The a-kassor that know the person: the person's own a-kassa, if any (none → an empty list, not an error).
 * Job-seeking members have claimed benefit since a start date fixed per person; every second week they are paid
 * for the two weeks just passed, and payments dated inside the asked period (and not after today) are listed.
 * Other members are known to their kassa but have never applied.
 */
export function kassornasUppgifter(person: Person, from: string, tom: string, today: string): KassansUppgifter[] {
  if (!person.akassa) return [];
  if (person.sysselsattning !== 'arbetssokande') {
    return [{ kassa: person.akassa, utbetalningar: [], avstangningar: [], ansokanOmUtbetalningInlamnad: false }];
  }
  const number = person.identity.number;
  const random = new SeededRandom(`so:${number}`);
  const start = mondayOnOrBefore(addDays(today, -random.int(60, 540)));
  const beslut = addDays(start, -random.int(1, 14));
  const dagpenning = Math.min(MAX_DAGPENNING, Math.max(MIN_DAGPENNING, Math.round(person.arsinkomst / 150)));
  const utbetalningar: Utbetalning[] = [];
  const avstangningar: Avstangning[] = [];
  // Payments after today are never listed: the periods stop there, however far the asked period reaches.
  const until = tom < today ? tom : today;
  for (let avserFrom = start; avserFrom <= until; avserFrom = addDays(avserFrom, 14)) {
    const avserTom = addDays(avserFrom, 13);
    const utbetalningsdatum = addDays(avserTom, DAGAR_TILL_UTBETALNING);
    if (utbetalningsdatum < from || utbetalningsdatum > tom || utbetalningsdatum > today) continue;
    // Each period is seeded on its own, so a payment looks the same whatever period it is asked in.
    const period = new SeededRandom(`so:${number}:${avserFrom}`);
    let dagar = period.chance(0.75) ? 10 : period.int(4, 9); // fewer days: the member worked some of them
    if (period.chance(0.08)) {
      const avstangdFrom = addDays(avserFrom, period.pick([0, 7]));
      avstangningar.push({ from: avstangdFrom, tom: addDays(avstangdFrom, 4) });
      dagar = Math.max(0, dagar - 5);
    }
    if (dagar === 0) continue;
    const nettoEfterSkatt = ore(dagar * dagpenning * (1 - SKATTESATS));
    const avdrag = period.chance(0.1) ? period.int(2, 8) * 100 : 0; // e.g. an återkrav being paid off
    utbetalningar.push({
      utbetalningsdatum,
      nettoEfterSkatt,
      nettoEfterAvdrag: ore(Math.max(0, nettoEfterSkatt - avdrag)),
      ersattningsdagar: dagar,
      avserFrom,
      avserTom,
    });
  }
  return [
    {
      kassa: person.akassa,
      utbetalningar,
      avstangningar,
      beslutOmRattTillErsattning: beslut,
      ansokanOmUtbetalningInlamnad: true,
    },
  ];
}

function mondayOnOrBefore(iso: string): string {
  const weekday = weekdayOf(iso); // 0 = Sunday
  return addDays(iso, -((weekday + 6) % 7));
}

function ore(amount: number): number {
  return Math.round(amount * 100) / 100;
}
