import { addDays, addMonths } from '../../population/dates.js';
import type { Person } from '../../population/person.js';
import { utbetstatus, type Arende, type Belopp } from './arende.js';
import { isoVecka } from './veckor.js';

/** Studiebidrag per month (plausible 2026 level), paid for the ten months September–June of a school year. */
const STUDIEBIDRAG_PER_MANAD = 1_250;
const BETALMANADER = [9, 10, 11, 12, 1, 2, 3, 4, 5, 6];

/** The first day of studiebidrag: the first day of the quarter after the 16th birthday. */
export function studiebidragForsta(birthDate: string): string {
  const fyller16 = addMonths(birthDate, 16 * 12);
  const kvartal = Math.floor((Number(fyller16.slice(5, 7)) - 1) / 3); // 0–3: the quarter of the 16th birthday
  return addMonths(`${fyller16.slice(0, 4)}-01-01`, (kvartal + 1) * 3);
}

/** The last day of studiebidrag: the end of the spring term of the year the pupil turns 20. */
export function studiebidragSista(birthDate: string): string {
  return `${Number(birthDate.slice(0, 4)) + 20}-06-30`;
}

/** The school year (its autumn's year) a date belongs to: July–December of Y and January–June of Y+1 are Y. */
function lasarFor(date: string): number {
  const year = Number(date.slice(0, 4));
  return Number(date.slice(5, 7)) >= 7 ? year : year - 1;
}

/**
 * Studiehjälp (SH): studiebidrag for an upper-secondary pupil from the quarter after the 16th birthday to the
 * spring term of the year they turn 20, paid on the 25th of each month September–June. One SH case per school
 * year that overlaps [from, tom] ("<läsår> Studiehjälp Sverige"), its decided time the months it pays; none
 * before the first month has come within the period. Payments are those inside [from, tom].
 */
export function studiehjalp(person: Person, from: string, tom: string, today: string): Arende[] {
  if (person.sysselsattning !== 'gymnasieelev') return [];
  const forsta = studiebidragForsta(person.identity.birthDate).slice(0, 7);
  const sista = studiebidragSista(person.identity.birthDate).slice(0, 7);
  if (`${forsta}-01` > tom) return [];
  const arenden: Arende[] = [];
  for (let lasar = lasarFor(from); lasar <= lasarFor(tom); lasar++) {
    const manader = BETALMANADER.map((m) => `${m >= 7 ? lasar : lasar + 1}-${String(m).padStart(2, '0')}`).filter(
      (manad) => manad >= forsta && manad <= sista,
    );
    const [forstaManad, sistaManad] = [manader[0], manader[manader.length - 1]];
    if (forstaManad === undefined || sistaManad === undefined) continue;
    arenden.push({
      lopnummer: String(lasar - lasarFor(`${forsta}-01`) + 1),
      stodform: 'SH',
      klartext: `${lasar}/${String(lasar + 1).slice(2)} Studiehjälp Sverige`,
      status: 'BESLUTAD',
      soktaTider: [], // studiebidrag is paid without an application
      beviljadeTider: [
        {
          starttid: isoVecka(`${forstaManad}-01`),
          sluttid: isoVecka(addDays(addMonths(`${sistaManad}-01`, 1), -1)),
          beloppen: studiebidrag(manader.length),
        },
      ],
      utbetalningar: manader
        .map((manad) => `${manad}-25`)
        .filter((utbetdatum) => utbetdatum >= from && utbetdatum <= tom)
        .map((utbetdatum) => ({
          utbetdatum,
          utbetstatus: utbetstatus(utbetdatum, today),
          tider: [{ beloppen: studiebidrag(1) }],
        })),
    });
  }
  return arenden;
}

/** STUDB is CSN's beloppstyp for studiebidrag (SB is the stödform of a studiebidrag case, not an amount). */
function studiebidrag(manader: number): Belopp[] {
  return [
    {
      beloppstyp: 'STUDB',
      klartext: 'Studiebidrag',
      belopp: STUDIEBIDRAG_PER_MANAD,
      totbelopp: STUDIEBIDRAG_PER_MANAD * manader,
    },
  ];
}
