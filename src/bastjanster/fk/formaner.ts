import { afUppgifter } from '../af/data.js';
import { addDays, addMonths, maxDate, minDate } from '../../population/dates.js';
import type { Person } from '../../population/person.js';
import { SeededRandom } from '../../population/random.js';
import { barnFor, type Barn } from './barn.js';
import { programjobbdagar, type Programjobbdagar } from './programjobbdagar.js';
import {
  addYears,
  calendarDays,
  dayOfMonth,
  earliest,
  intersect,
  latest,
  monthsOf,
  weekdays,
  type Period,
} from './perioder.js';
import {
  DAGERSATTNING_BESLUTSDAG,
  DAGERSATTNING_UTBETALNINGSDAG,
  manadsutbetalningar,
  preliminarDagutbetalning,
  preliminarManadsutbetalning,
  utbetalning,
  type Utbetalning,
} from './utbetalningar.js';

export type { Utbetalning } from './utbetalningar.js';

/**
 * FK's benefits model: which benefits a person has, decided from the Person and the asked period alone, so that
 * both of FK's interfaces (LEFI v9 JSON and hamtaformansinformation/1 XML) tell the same story.
 *
 * Time rules: an ärende is reported when its benefit is in force during the asked period. Decisions and payments
 * are cut to the asked period; payments are effectuated ones (on or before today), plus the preliminary ones of
 * utbetalningar.ts. Daily benefits (FP, SJP, AS) are claimed per calendar month and paid in arrears (decided the
 * 20th, paid the 25th of the next month); monthly benefits (ABB, BOB, SA) are paid in the month they are for,
 * under one decision that is in force.
 */

/** FK's benefit groups the emulator models (the LEFI group codes without their FK: prefix). */
export type FkForman = 'ABB' | 'AS' | 'BOB' | 'FP' | 'SA' | 'SJP';

export const FK_FORMAN_NAMN: Record<FkForman, string> = {
  ABB: 'Barnbidrag',
  AS: 'Aktivitetsstöd',
  BOB: 'Bostadsbidrag',
  FP: 'Föräldrapenning',
  SA: 'Sjuk- och aktivitetsersättning',
  SJP: 'Sjukpenning',
};

export interface Kod {
  id: string;
  beskrivning: string;
}

export interface Beslut {
  fattades: string;
  definitivt: boolean;
  period: Period;
  /** Share of a full benefit, in percent. */
  omfattning?: number;
  /** Gross SEK: per month for monthly benefits, for the decided days for daily ones. */
  belopp: number;
  perManad: boolean;
  dagar?: number;
  dagbelopp?: number;
  karens?: boolean;
  delforman?: Kod;
}

export interface Arende {
  forman: FkForman;
  startades: string;
  aktivt: boolean;
  /** The child an ABB or FP ärende is about. */
  barn?: Barn;
  /** What the activity is (aktivitetsstöd: AF's programme). */
  atgard?: { id: number; beskrivning: string };
  beslut: Beslut[];
}

export interface FkFormaner {
  arenden: Arende[];
  /** Effectuated payments inside the asked period, by date. */
  utbetalningar: Utbetalning[];
  /** Payments decided but not yet made (utbetalningar.ts), by date. */
  preliminaraUtbetalningar: Utbetalning[];
  /** Days used in jobb- och utvecklingsgarantin, for a participant with aktivitetsstöd there. */
  programjobbdagar?: Programjobbdagar;
}

/** Prisbasbelopp 2026: the cap on sjukpenninggrundande inkomst is ten of them. */
const PRISBASBELOPP = 59_200;
const SKATTESATS = 0.3;
const BARNBIDRAG = 1250;
/** Flerbarnstillägg per number of children (2 → 150 kr, …). */
const FLERBARNSTILLAGG = [0, 0, 150, 730, 1740, 2990, 4240];
const BOSTADSBIDRAG_INKOMSTGRANS = 250_000;
const OPPEN = '9999-12-31';

type Del = { arenden: Arende[]; utbetalningar: Utbetalning[]; preliminara: Utbetalning[] };

export function fkFormaner(person: Person, asked: Period, today: string): FkFormaner {
  const barn = barnFor(person, today);
  const delar: Del[] = [];
  const yngsta = barn[0];
  if (person.sysselsattning === 'foraldraledig' && yngsta) delar.push(foraldrapenning(person, yngsta, asked, today));
  if (person.sysselsattning === 'sjukskriven') delar.push(sjukpenning(person, asked, today));
  if (person.sysselsattning === 'sjukersattning') delar.push(sjukersattning(person, asked, today));
  if (person.sysselsattning === 'arbetssokande') delar.push(aktivitetsstod(person, asked, today));
  if (barn.length > 0) delar.push(barnbidrag(person, barn, asked, today));
  if (barn.length > 0 && person.arsinkomst < BOSTADSBIDRAG_INKOMSTGRANS)
    delar.push(bostadsbidrag(person, barn, asked, today));
  const arenden = delar.flatMap((d) => d.arenden);
  const jobbdagar = programjobbdagar(person, arenden, asked, today);
  return {
    arenden,
    utbetalningar: delar.flatMap((d) => d.utbetalningar).sort(byDatum),
    preliminaraUtbetalningar: delar.flatMap((d) => d.preliminara).sort(byDatum),
    ...(jobbdagar && { programjobbdagar: jobbdagar }),
  };
}

function byDatum(a: Utbetalning, b: Utbetalning): number {
  return a.datum.localeCompare(b.datum) || a.forman.localeCompare(b.forman);
}

/** Föräldrapenning at sjukpenningnivå for the youngest child, from a little after its birth. */
function foraldrapenning(person: Person, barn: Barn, asked: Period, today: string): Del {
  const random = new SeededRandom(`fk:FP:${person.identity.number}`);
  const from = minDate(addDays(barn.fodd, random.int(0, 60)), addDays(today, -14));
  const span = { from, tom: addDays(today, random.int(30, 240)) };
  const startades = addDays(from, -random.int(10, 40));
  const omfattning = random.pick([100, 100, 75, 50]);
  if (!intersect(span, asked)) return none();
  const dagbelopp = sjukpenningniva(person);
  const { beslut, utbetalningar } = dagersattning('FP', span, dagbelopp, omfattning, calendarDays, asked, today);
  return {
    arenden: [{ forman: 'FP', startades, aktivt: span.tom >= today, barn, beslut }],
    utbetalningar,
    preliminara: preliminarDagutbetalning('FP', span, dagbelopp, omfattning, calendarDays, SKATTESATS, asked, today),
  };
}

/** Sjukpenning for the current sick leave, with karens in its first month. */
function sjukpenning(person: Person, asked: Period, today: string): Del {
  const random = new SeededRandom(`fk:SJP:${person.identity.number}`);
  const span = { from: addDays(today, -random.int(10, 240)), tom: addDays(today, random.int(14, 120)) };
  const omfattning = random.pick([100, 100, 75, 50, 25]);
  const startades = addDays(span.from, random.int(1, 7)); // the sick report arrives after the first day
  if (!intersect(span, asked)) return none();
  const dagbelopp = sjukpenningniva(person);
  const { beslut, utbetalningar } = dagersattning('SJP', span, dagbelopp, omfattning, calendarDays, asked, today);
  for (const b of beslut) b.karens = b.period.from === span.from;
  return {
    arenden: [{ forman: 'SJP', startades, aktivt: span.tom >= today, beslut }],
    utbetalningar,
    preliminara: preliminarDagutbetalning('SJP', span, dagbelopp, omfattning, calendarDays, SKATTESATS, asked, today),
  };
}

/** Aktivitetsstöd follows AF's decisions on AKTIVITETSSTOD for the same person and period (FK pays, AF decides). */
function aktivitetsstod(person: Person, asked: Period, today: string): Del {
  const random = new SeededRandom(`fk:AS:${person.identity.number}`);
  const dagbelopp = person.akassa ? random.int(51, 91) * 10 : 365; // a-kassa level or grundnivå
  const atgard = random.pick([
    { id: 53, beskrivning: 'Jobb och utvecklingsgaranti, fas 1 och 2' },
    { id: 52, beskrivning: 'Fördjupad kartläggning och vägledning' },
    { id: 40, beskrivning: 'Arbetspraktik' },
    { id: 50, beskrivning: 'AMU-upphandlad' },
  ]);
  const del = none();
  const afBeslut = afUppgifter(person, asked.from, asked.tom, today)?.beslut ?? [];
  for (const af of afBeslut.filter((b) => b.ersattningTyp === 'AKTIVITETSSTOD')) {
    const span = { from: af.from, tom: af.tom };
    if (!intersect(span, asked)) continue;
    const result = dagersattning('AS', span, dagbelopp, af.omfattning, weekdays, asked, today);
    del.arenden.push({
      forman: 'AS',
      startades: addDays(af.from, -random.int(5, 20)),
      aktivt: af.tom >= today,
      atgard,
      beslut: result.beslut,
    });
    del.utbetalningar.push(...result.utbetalningar);
    del.preliminara.push(
      ...preliminarDagutbetalning('AS', span, dagbelopp, af.omfattning, weekdays, SKATTESATS, asked, today),
    );
  }
  return del;
}

/** Sjukersättning: one decision in force since it was granted (garanti- or inkomstrelaterad), paid monthly. */
function sjukersattning(person: Person, asked: Period, today: string): Del {
  const random = new SeededRandom(`fk:SA:${person.identity.number}`);
  const beviljad = maxDate(addYears(person.identity.birthDate, 19), addDays(today, -random.int(365, 12 * 365)));
  const span = {
    from: dayOfMonth(addMonths(beviljad, 1), 1),
    tom: addDays(addYears(person.identity.birthDate, 65), -1),
  };
  const inom = intersect(span, asked);
  if (!inom) return none();
  const manadsbelopp = Math.round(person.arsinkomst / 12);
  const beslut: Beslut = {
    fattades: addDays(span.from, -random.int(20, 90)),
    definitivt: true,
    period: inom,
    omfattning: random.pick([100, 100, 100, 75, 50]),
    belopp: manadsbelopp,
    perManad: true,
    delforman:
      person.arsinkomst < 130_000
        ? { id: 'GSA', beskrivning: 'Garantiersättning' }
        : { id: 'ISA', beskrivning: 'Inkomstrelaterad sjukersättning' },
  };
  return {
    arenden: [
      {
        forman: 'SA',
        startades: addDays(beslut.fattades, -random.int(60, 200)),
        aktivt: span.tom >= today,
        beslut: [beslut],
      },
    ],
    utbetalningar: manadsutbetalningar('SA', span, () => manadsbelopp, SKATTESATS, 25, asked, today),
    preliminara: preliminarManadsutbetalning(
      'SA',
      span,
      () => manadsbelopp,
      SKATTESATS,
      25,
      () => beslut.fattades,
      asked,
      today,
    ),
  };
}

/** Barnbidrag: one ärende per child under 16, flerbarnstillägg on the youngest child's ärende; tax free. */
function barnbidrag(person: Person, barn: Barn[], asked: Period, today: string): Del {
  const random = new SeededRandom(`fk:ABB:${person.identity.number}`);
  const spans = barn.map((b) => ({
    from: dayOfMonth(addMonths(b.fodd, 1), 1),
    tom: addDays(addYears(b.fodd, 16), -1),
  }));
  const arenden: Arende[] = [];
  const fattade: string[] = [];
  barn.forEach((b, i) => {
    const span = spans[i] as Period;
    const fattades = addDays(b.fodd, random.int(7, 30));
    fattade.push(fattades);
    const inom = intersect(span, asked);
    if (!inom) return;
    const beslut: Beslut[] = [
      {
        fattades,
        definitivt: true,
        period: inom,
        belopp: BARNBIDRAG,
        perManad: true,
        delforman: { id: 'ABB', beskrivning: 'Allmänt barnbidrag' },
      },
    ];
    const tillagg = FLERBARNSTILLAGG[Math.min(barn.length, FLERBARNSTILLAGG.length - 1)] ?? 0;
    const gemensam = intersect(
      { from: latest(spans.map((s) => s.from)), tom: earliest(spans.map((s) => s.tom)) },
      asked,
    );
    if (i === 0 && tillagg > 0 && gemensam) {
      beslut.push({
        fattades,
        definitivt: true,
        period: gemensam,
        belopp: tillagg,
        perManad: true,
        delforman: { id: 'FBT', beskrivning: 'Flerbarnstillägg' },
      });
    }
    arenden.push({
      forman: 'ABB',
      startades: addDays(b.fodd, random.int(1, 6)),
      aktivt: span.tom >= today,
      barn: b,
      beslut,
    });
  });
  const allaBarn = { from: earliest(spans.map((s) => s.from)), tom: latest(spans.map((s) => s.tom)) };
  const belopp = (manad: Period): number => {
    const antal = spans.filter((s) => intersect(s, manad)).length;
    return antal * BARNBIDRAG + (FLERBARNSTILLAGG[Math.min(antal, FLERBARNSTILLAGG.length - 1)] ?? 0);
  };
  // a month's payment needs the decision for every child it is paid for
  const beslutad = (manad: Period): string | undefined => {
    const fattadeForManad = fattade.filter((_, i) => intersect(spans[i] as Period, manad));
    return fattadeForManad.length > 0 ? latest(fattadeForManad) : undefined;
  };
  return {
    arenden,
    utbetalningar: manadsutbetalningar('ABB', allaBarn, belopp, 0, 20, asked, today),
    preliminara: preliminarManadsutbetalning('ABB', allaBarn, belopp, 0, 20, beslutad, asked, today),
  };
}

/** Bostadsbidrag for a low-income household with children: preliminary, decided for twelve months at a time. */
function bostadsbidrag(person: Person, barn: Barn[], asked: Period, today: string): Del {
  const random = new SeededRandom(`fk:BOB:${person.identity.number}`);
  const start = dayOfMonth(addDays(today, -random.int(60, 1100)), 1);
  const bas = [0, 1500, 2000, 2650][Math.min(barn.length, 3)] ?? 2650;
  const block = (k: number) => {
    const r = new SeededRandom(`fk:BOB:${person.identity.number}:${k}`);
    const from = addMonths(start, 12 * k);
    return {
      period: { from, tom: addDays(addMonths(start, 12 * (k + 1)), -1) },
      fattades: addDays(from, -r.int(10, 25)),
      belopp: bas + r.int(0, 150) * 10,
    };
  };
  const beslut: Beslut[] = [];
  for (let k = 0; addMonths(start, 12 * k) <= asked.tom; k++) {
    const b = block(k);
    const inom = intersect(b.period, asked);
    if (!inom || b.fattades > today) continue;
    beslut.push({
      fattades: b.fattades,
      definitivt: false,
      period: inom,
      belopp: b.belopp,
      perManad: true,
      delforman: { id: 'PRE', beskrivning: 'Preliminärt bostadsbidrag' },
    });
  }
  if (beslut.length === 0) return none();
  const blockFor = (manad: Period) => block(Math.floor(monthsBetween(start, manad.from) / 12));
  const span = { from: start, tom: OPPEN };
  return {
    arenden: [{ forman: 'BOB', startades: addDays(start, -random.int(20, 60)), aktivt: true, beslut }],
    utbetalningar: manadsutbetalningar('BOB', span, (m) => blockFor(m).belopp, 0, 25, asked, today),
    preliminara: preliminarManadsutbetalning(
      'BOB',
      span,
      (m) => blockFor(m).belopp,
      0,
      25,
      (m) => blockFor(m).fattades,
      asked,
      today,
    ),
  };
}

/** Daily benefits: one decision per claimed calendar month (decided the 20th of the next), paid the 25th. */
function dagersattning(
  forman: FkForman,
  span: Period,
  dagbelopp: number,
  omfattning: number,
  rakna: (p: Period) => number,
  asked: Period,
  today: string,
): { beslut: Beslut[]; utbetalningar: Utbetalning[] } {
  const beslut: Beslut[] = [];
  const utbetalningar: Utbetalning[] = [];
  const inom = intersect(span, asked);
  const senast = minDate(asked.tom, today);
  for (const manad of inom ? monthsOf(inom) : []) {
    const nasta = addMonths(dayOfMonth(manad.from, 1), 1);
    const fattades = dayOfMonth(nasta, DAGERSATTNING_BESLUTSDAG);
    if (fattades > senast) continue; // decided after the asked period (or not yet): not part of the answer
    const dagar = rakna(manad);
    const belopp = Math.round((dagbelopp * dagar * omfattning) / 100);
    beslut.push({ fattades, definitivt: true, period: manad, omfattning, belopp, perManad: false, dagar, dagbelopp });
    const datum = dayOfMonth(nasta, DAGERSATTNING_UTBETALNINGSDAG);
    if (datum <= senast) utbetalningar.push(utbetalning(forman, datum, manad, belopp, SKATTESATS, dagar));
  }
  return { beslut, utbetalningar };
}

/** 80 % of the sjukpenninggrundande inkomst (97 % of the yearly income, at most ten prisbasbelopp), per day. */
function sjukpenningniva(person: Person): number {
  return Math.round((Math.min(person.arsinkomst, 10 * PRISBASBELOPP) * 0.97 * 0.8) / 365);
}

function monthsBetween(from: string, to: string): number {
  return (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7));
}

function none(): Del {
  return { arenden: [], utbetalningar: [], preliminara: [] };
}
