import type { Person } from '../../population/person.js';
import { SeededRandom } from '../../population/random.js';
import type { Arende, Belopp } from './arende.js';
import { lasarsbeslut, veckobelopp } from './lasarsbeslut.js';
import { vidTakt } from './terminer.js';

/** Studiestartsstöd per study week at full pace (plausible 2026 level: about 5 % of the prisbasbelopp 59 200). */
const STUDIESTARTSBIDRAG_PER_VECKA = 2_960;
/** Tilläggsbidrag per week for one, two, three or more children (studiemedel's 2016 levels indexed to 2026). */
const TILLAGGSBIDRAG_PER_VECKA = [0, 195, 320, 385] as const;

/** The share of job seekers aged 25–56 who study with studiestartsstöd this school year. */
const ANDEL = 0.05;

/**
 * Studiestartsstöd (SSSTÖD): a grant per study week for a long-time unemployed adult (25–56) with little prior
 * education, who studies at komvux or folkhögskola at 50, 75 or 100 % for the school year around today. No loan.
 * Who: one in twenty job seekers of that age, drawn from the person's own stream (`csn:sss:<number>`), so no other
 * service's data changes; the draw stands for what the population does not model (time without work, education).
 * STÖDB (bidrag) scales with the pace; STÖDT (tilläggsbidrag) for a parent does not.
 */
export function studiestartsstod(person: Person, from: string, tom: string, today: string): Arende[] {
  if (person.sysselsattning !== 'arbetssokande' || person.alder < 25 || person.alder > 56) return [];
  const random = new SeededRandom(`csn:sss:${person.identity.number}`);
  if (!random.chance(ANDEL)) return [];
  const takt = random.weighted([
    [100, 6],
    [75, 2],
    [50, 2],
  ] as const);
  const tillagg = TILLAGGSBIDRAG_PER_VECKA[Math.min(person.antalBarn, 3)] ?? 0;
  const beloppen = (veckor: number): Belopp[] => [
    veckobelopp('STÖDB', 'Studiestartsstöd bidrag', vidTakt(STUDIESTARTSBIDRAG_PER_VECKA, takt), veckor),
    ...(tillagg > 0 ? [veckobelopp('STÖDT', 'Studiestartsstöd tilläggsbidrag', tillagg, veckor)] : []),
  ];
  return lasarsbeslut(
    { stodform: 'SSSTÖD', klartext: 'Studiestartsstöd', takt, lan: false, beloppen },
    from,
    tom,
    today,
  );
}
