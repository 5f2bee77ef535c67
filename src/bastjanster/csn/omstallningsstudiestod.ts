import type { Person } from '../../population/person.js';
import { SeededRandom } from '../../population/random.js';
import type { Arende, Belopp } from './arende.js';
import { lasarsbeslut, veckobelopp } from './lasarsbeslut.js';
import { vidTakt } from './terminer.js';

/**
 * Omställningsstudiestöd per study week at full pace (plausible 2026 levels: Trygghetsstiftelsen's 2023 table,
 * indexed by the prisbasbelopp 52 500 → 59 200): the grant is 80 % of the weekly income up to an income ceiling;
 * the loan 12.6 % of the income up to the ceiling and 63 % of what is above it, up to a maximum.
 */
const INKOMSTTAK_PER_VECKA = 7_250;
const BIDRAGSANDEL = 0.8;
const LAN_UNDER_TAKET = 0.126;
const LAN_OVER_TAKET = 0.63;
const LAN_MAX_PER_VECKA = 3_540;

/** The share of employees aged 27–62 who study with omställningsstudiestöd this school year. */
const ANDEL = 0.03;

/**
 * Omställningsstudiestöd (OSS): for an established worker (27–62) who studies to strengthen their position on the
 * labour market, at 20–100 % for the school year around today (at full pace 40–41 weeks, within the 44 weeks the
 * aid gives). Grant (OSSBID) from the person's yearly income, the same income SKV reports; a loan (OSSLÅN) if
 * chosen, not from the year the person turns 60. Who: three in a hundred employees of that age, drawn from the
 * person's own stream (`csn:oss:<number>`), so no other service's data changes.
 */
export function omstallningsstudiestod(person: Person, from: string, tom: string, today: string): Arende[] {
  if (person.sysselsattning !== 'anstalld' || person.alder < 27 || person.alder > 62) return [];
  const random = new SeededRandom(`csn:oss:${person.identity.number}`);
  if (!random.chance(ANDEL)) return [];
  const takt = random.weighted([
    [100, 4],
    [75, 2],
    [60, 1],
    [50, 3],
    [40, 1],
    [20, 1],
  ] as const);
  const fyller60 = Number(person.identity.birthDate.slice(0, 4)) + 60;
  const lan = Number(today.slice(0, 4)) < fyller60 && random.chance(0.4);
  const veckoinkomst = person.arsinkomst / 52;
  const underTaket = Math.min(veckoinkomst, INKOMSTTAK_PER_VECKA);
  const overTaket = Math.max(veckoinkomst - INKOMSTTAK_PER_VECKA, 0);
  const bidrag = vidTakt(Math.round(BIDRAGSANDEL * underTaket), takt);
  const lanebelopp = vidTakt(
    Math.min(Math.round(LAN_UNDER_TAKET * underTaket + LAN_OVER_TAKET * overTaket), LAN_MAX_PER_VECKA),
    takt,
  );
  const beloppen = (veckor: number): Belopp[] => [
    veckobelopp('OSSBID', 'Omställningsstudiestöd bidrag', bidrag, veckor),
    ...(lan ? [veckobelopp('OSSLÅN', 'Omställningsstudiestöd lån', lanebelopp, veckor)] : []),
  ];
  return lasarsbeslut({ stodform: 'OSS', klartext: 'Omställningsstudiestöd', takt, lan, beloppen }, from, tom, today);
}
