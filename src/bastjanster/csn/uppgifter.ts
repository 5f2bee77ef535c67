import { addDays, addMonths, daysBetween, maxDate, minDate, monthlyDates } from '../../population/dates.js';
import type { Person } from '../../population/person.js';
import { SeededRandom } from '../../population/random.js';
import { isoVecka, mondayOfWeek, mondaysBetween } from './veckor.js';

/** What CSN knows about a person, as the kommunfråga answer shows it (amounts in SEK, dates YYYY-MM-DD). */
export interface Belopp {
  beloppstyp: string;
  klartext: string;
  belopp: number;
  totbelopp: number;
}

export interface Utbetaldtid {
  startvecka?: string;
  slutvecka?: string;
  beloppen: Belopp[];
}

export interface Utbetalning {
  utbetdatum: string;
  utbetstatus: 'Utbetald' | 'Planerad';
  tider: Utbetaldtid[];
}

export interface SoktTid {
  soktfrom: string;
  sokttom: string;
  omfattning: number;
  lan: boolean;
}

export interface BeviljadTid {
  starttid: string;
  sluttid: string;
  takt: number;
  beloppen: Belopp[];
}

export interface Arende {
  lopnummer: string;
  stodform: string;
  klartext: string;
  status: 'BESLUTAD';
  soktaTider: SoktTid[];
  beviljadeTider: BeviljadTid[];
  utbetalningar: Utbetalning[];
}

export interface CsnUppgifter {
  studiemedel: Arende[];
  studiehjalp: Arende[];
  hemutrustningslan: Arende[];
}

/** Weekly amounts of studiemedel at full pace (plausible 2026 levels). */
const GRUNDBIDRAG_PER_VECKA = 1_150;
const GRUNDLAN_PER_VECKA = 2_520;
/** Studiebidrag within studiehjälp, per month, paid ten months a year (September–June). */
const STUDIEBIDRAG_PER_MANAD = 1_250;

/**
 * CSN's cases for a person, or undefined when CSN knows of no student aid at all (→ -2). Students have
 * studiemedel, upper-secondary pupils studiehjälp, and recently arrived refugees (and their families) who seek
 * work a hemutrustningslån. Payments are those inside [from, tom]; "today" decides paid or planned.
 */
export function csnUppgifter(person: Person, from: string, tom: string, today: string): CsnUppgifter | undefined {
  const uppgifter: CsnUppgifter = {
    studiemedel: studiemedel(person, from, tom, today),
    studiehjalp: studiehjalp(person, from, tom, today),
    hemutrustningslan: hemutrustningslan(person, from, tom, today),
  };
  const antal = uppgifter.studiemedel.length + uppgifter.studiehjalp.length + uppgifter.hemutrustningslan.length;
  return antal > 0 ? uppgifter : undefined;
}

function status(utbetdatum: string, today: string): Utbetalning['utbetstatus'] {
  return utbetdatum <= today ? 'Utbetald' : 'Planerad';
}

interface Termin {
  start: string; // a Monday
  slut: string; // a Sunday
}

/** Autumn term: ISO weeks 35 to 2 of the next year (20–21 weeks); spring term: weeks 3 to 22 (20 weeks). */
function terminerOver(from: string, tom: string): Termin[] {
  const terminer: Termin[] = [];
  for (let year = Number(from.slice(0, 4)) - 1; year <= Number(tom.slice(0, 4)) + 1; year++) {
    terminer.push({ start: mondayOfWeek(year, 3), slut: addDays(mondayOfWeek(year, 22), 6) });
    terminer.push({ start: mondayOfWeek(year, 35), slut: addDays(mondayOfWeek(year + 1, 2), 6) });
  }
  const overlapping = terminer.filter((t) => t.start <= tom && t.slut >= from);
  // Between terms (summer) the coming term is already decided: that is the case CSN shows.
  return overlapping.length > 0 ? overlapping : terminer.filter((t) => t.start > tom).slice(0, 1);
}

/** Studiemedel (GRUND): for students under 60, grant and (under 57, if chosen) loan per study week. */
function studiemedel(person: Person, from: string, tom: string, today: string): Arende[] {
  if (person.sysselsattning !== 'student' || person.alder >= 60) return [];
  const random = new SeededRandom(`csn:studiemedel:${person.identity.number}`);
  const takt = random.weighted([
    [100, 6],
    [75, 2],
    [50, 2],
  ] as const);
  const lan = person.alder < 57 && random.chance(0.7);
  const veckobelopp = (perVecka: number): number => Math.round((perVecka * takt) / 100);
  const beloppen = (veckor: number): Belopp[] =>
    [
      { beloppstyp: 'GRUNDB', klartext: 'Bidrag', belopp: veckobelopp(GRUNDBIDRAG_PER_VECKA), totbelopp: 0 },
      ...(lan
        ? [{ beloppstyp: 'GRUNDL', klartext: 'Lån', belopp: veckobelopp(GRUNDLAN_PER_VECKA), totbelopp: 0 }]
        : []),
    ].map((b) => ({ ...b, totbelopp: b.belopp * veckor }));

  const terminer = terminerOver(from, tom);
  const utbetalningar: Utbetalning[] = [];
  for (const utbetdatum of monthlyDates(from, tom)) {
    // The payment on the 25th covers the study weeks that start in its month.
    const manad = {
      first: `${utbetdatum.slice(0, 7)}-01`,
      last: addDays(addMonths(`${utbetdatum.slice(0, 7)}-01`, 1), -1),
    };
    const tider = terminer.flatMap((t): Utbetaldtid[] => {
      const mondays = mondaysBetween(maxDate(t.start, manad.first), minDate(t.slut, manad.last));
      if (mondays.length === 0) return [];
      const first = mondays[0] as string;
      const last = mondays[mondays.length - 1] as string;
      return [{ startvecka: isoVecka(first), slutvecka: isoVecka(last), beloppen: beloppen(mondays.length) }];
    });
    if (tider.length > 0) utbetalningar.push({ utbetdatum, utbetstatus: status(utbetdatum, today), tider });
  }
  return [
    {
      lopnummer: '1',
      stodform: 'GRUND',
      klartext: 'Studiemedel för studier i Sverige',
      status: 'BESLUTAD',
      soktaTider: terminer.map((t) => ({ soktfrom: t.start, sokttom: t.slut, omfattning: takt, lan })),
      beviljadeTider: terminer.map((t) => ({
        starttid: isoVecka(t.start),
        sluttid: isoVecka(t.slut),
        takt,
        beloppen: beloppen(mondaysBetween(t.start, t.slut).length),
      })),
      utbetalningar,
    },
  ];
}

/**
 * Studiehjälp (SH): studiebidrag for upper-secondary pupils, from the quarter after the 16th birthday, paid
 * September–June. The school year is shown as decided from week 34 to week 24.
 */
function studiehjalp(person: Person, from: string, tom: string, today: string): Arende[] {
  if (person.sysselsattning !== 'gymnasieelev') return [];
  const fyller16 = addMonths(person.identity.birthDate, 16 * 12);
  const kvartal = Math.floor((Number(fyller16.slice(5, 7)) - 1) / 3); // 0–3: the quarter of the 16th birthday
  const berattigadFrom = addMonths(`${fyller16.slice(0, 4)}-01-01`, (kvartal + 1) * 3);
  if (berattigadFrom > tom) return [];
  const lasar: number[] = [];
  for (let year = Number(from.slice(0, 4)) - 1; year <= Number(tom.slice(0, 4)); year++) {
    if (`${year}-07-01` <= tom && `${year + 1}-06-30` >= from) lasar.push(year);
  }
  const sb = (manader: number): Belopp[] => [
    {
      beloppstyp: 'SB',
      klartext: 'Studiebidrag',
      belopp: STUDIEBIDRAG_PER_MANAD,
      totbelopp: STUDIEBIDRAG_PER_MANAD * manader,
    },
  ];
  const utbetalningar = monthlyDates(maxDate(from, berattigadFrom), tom)
    .filter((datum) => !['07', '08'].includes(datum.slice(5, 7)))
    .map((utbetdatum): Utbetalning => ({
      utbetdatum,
      utbetstatus: status(utbetdatum, today),
      tider: [{ beloppen: sb(1) }],
    }));
  return [
    {
      lopnummer: '1',
      stodform: 'SH',
      klartext: 'Studiehjälp',
      status: 'BESLUTAD',
      soktaTider: [], // studiebidrag is paid without an application
      beviljadeTider: lasar.map((year) => ({
        starttid: isoVecka(mondayOfWeek(year, 34)),
        sluttid: isoVecka(mondayOfWeek(year + 1, 24)),
        takt: 100,
        beloppen: sb(10),
      })),
      utbetalningar,
    },
  ];
}

/**
 * Hemutrustningslån (HUT): for adults who came as refugees or their family and seek work, applied for within two
 * years of arrival; paid once, on a day inside the asked period (at the earliest two months after arrival).
 */
function hemutrustningslan(person: Person, from: string, tom: string, today: string): Arende[] {
  const invandring = person.invandring;
  if (person.sysselsattning !== 'arbetssokande' || person.alder < 18 || !invandring) return [];
  if (invandring.grund !== 'ASYL' && invandring.grund !== 'ANKNYTNING') return [];
  if (invandring.inresedatum < addMonths(today, -24)) return [];
  const random = new SeededRandom(`csn:hut:${person.identity.number}`);
  if (!random.chance(0.8)) return [];
  const tidigast = maxDate(from, addDays(invandring.inresedatum, 60));
  if (tidigast > tom) return [];
  const utbetdatum = addDays(tidigast, Math.floor(random.next() * (daysBetween(tidigast, tom) + 1)));
  const lanebelopp = Math.min(20_000 + 5_000 * person.antalBarn, 35_000);
  return [
    {
      lopnummer: String(random.int(1_000_000, 9_999_999)),
      stodform: 'HUT',
      klartext: 'Hemutrustningslån',
      status: 'BESLUTAD',
      soktaTider: [],
      beviljadeTider: [],
      utbetalningar: [
        {
          utbetdatum,
          utbetstatus: status(utbetdatum, today),
          tider: [
            {
              beloppen: [
                { beloppstyp: 'HUT', klartext: 'Hemutrustningslån', belopp: lanebelopp, totbelopp: lanebelopp },
              ],
            },
          ],
        },
      ],
    },
  ];
}
