import type { Arende, Belopp } from './arende.js';
import { lasarKring, lasarTerminer, overlaps, studieveckor, veckoutbetalningar } from './terminer.js';
import { isoVecka } from './veckor.js';

/** What differs between the two kinds of aid CSN decides for a school year of adult studies. */
export interface Lasarsstod {
  stodform: string;
  klartext: string;
  /** Study pace in percent, the same for both terms. */
  takt: number;
  lan: boolean;
  /** The amounts for this many study weeks at the decided pace (each with belopp per week and its total). */
  beloppen: (veckor: number) => Belopp[];
}

/**
 * One case for the school year around today (autumn and spring term, as studiemedel counts them), the way CSN
 * shows studiestartsstöd and omställningsstudiestöd: applied for as one period, decided per term, paid on the 25th
 * for the study weeks that start in the month. None when neither term overlaps [from, tom]; payments are those
 * inside [from, tom].
 */
export function lasarsbeslut(stod: Lasarsstod, from: string, tom: string, today: string): Arende[] {
  const terminer = lasarTerminer(lasarKring(today));
  const [host, varen] = terminer;
  if (!terminer.some((t) => overlaps(t, from, tom))) return [];
  return [
    {
      lopnummer: '1',
      stodform: stod.stodform,
      klartext: stod.klartext,
      status: 'BESLUTAD',
      soktaTider: [{ soktfrom: host.start, sokttom: varen.slut, omfattning: stod.takt, lan: stod.lan }],
      beviljadeTider: terminer.map((t) => ({
        starttid: isoVecka(t.start),
        sluttid: isoVecka(t.slut),
        takt: stod.takt,
        beloppen: stod.beloppen(studieveckor(t)),
      })),
      utbetalningar: veckoutbetalningar(terminer, stod.beloppen, from, tom, today),
    },
  ];
}

/** A weekly amount as a Belopp over `veckor` weeks. */
export function veckobelopp(beloppstyp: string, klartext: string, perVecka: number, veckor: number): Belopp {
  return { beloppstyp, klartext, belopp: perVecka, totbelopp: perVecka * veckor };
}
