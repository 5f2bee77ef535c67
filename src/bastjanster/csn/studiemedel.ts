import type { Person } from '../../population/person.js';
import { SeededRandom } from '../../population/random.js';
import type { Arende, Belopp } from './arende.js';
import { studiebidragSista } from './studiehjalp.js';
import { studieveckor, terminerOver, veckoutbetalningar, vidTakt, type Termin } from './terminer.js';
import { isoVecka } from './veckor.js';

/** Weekly amounts of studiemedel at full pace (plausible 2026 levels). */
const GRUNDBIDRAG_PER_VECKA = 1_150;
const GRUNDLAN_PER_VECKA = 2_520;

/**
 * Studiemedel (GRUND): grant and (under 57, if chosen) loan per study week, for students under 60 and for
 * upper-secondary pupils from the autumn term of the year they turn 20, when studiehjälp has ended.
 */
export function studiemedel(person: Person, from: string, tom: string, today: string): Arende[] {
  const terminer = terminerOver(from, tom).filter((t) => harRattTill(person, t));
  if (terminer.length === 0) return [];
  const random = new SeededRandom(`csn:studiemedel:${person.identity.number}`);
  const takt = random.weighted([
    [100, 6],
    [75, 2],
    [50, 2],
  ] as const);
  const lan = person.alder < 57 && random.chance(0.7);
  const beloppen = (veckor: number): Belopp[] =>
    [
      { beloppstyp: 'GRUNDB', klartext: 'Bidrag', belopp: vidTakt(GRUNDBIDRAG_PER_VECKA, takt), totbelopp: 0 },
      ...(lan
        ? [{ beloppstyp: 'GRUNDL', klartext: 'Lån', belopp: vidTakt(GRUNDLAN_PER_VECKA, takt), totbelopp: 0 }]
        : []),
    ].map((b) => ({ ...b, totbelopp: b.belopp * veckor }));
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
        beloppen: beloppen(studieveckor(t)),
      })),
      utbetalningar: veckoutbetalningar(terminer, beloppen, from, tom, today),
    },
  ];
}

function harRattTill(person: Person, termin: Termin): boolean {
  if (person.sysselsattning === 'student') return person.alder < 60;
  return person.sysselsattning === 'gymnasieelev' && termin.start > studiebidragSista(person.identity.birthDate);
}
