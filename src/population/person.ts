import { ageOn, parseIdentity, type Identity } from './identity.js';
import { AKASSOR, EFTERNAMN, FORNAMN_K, FORNAMN_M, HEMLAND, KOMMUNER } from './names.js';
import { SeededRandom } from './random.js';

/** What a person mainly does: drives what every base service knows about them. */
export type Sysselsattning =
  | 'barn'
  | 'gymnasieelev'
  | 'student'
  | 'arbetssokande'
  | 'anstalld'
  | 'sjukskriven'
  | 'sjukersattning'
  | 'foraldraledig'
  | 'pensionar';

export interface Invandring {
  hemland: { kod: string; namn: string };
  inresedatum: string;
  tillstand: 'PERMANENT' | 'TIDBEGRANSAT';
  /** Asylum, work, family ties, studies. */
  grund: 'ASYL' | 'ARBETE' | 'ANKNYTNING' | 'STUDIER';
}

/** A synthetic person: the same number always gives the same person (seeded by the number). */
export interface Person {
  identity: Identity;
  fornamn: string;
  efternamn: string;
  lan: string;
  kommun: string;
  kommunNamn: string;
  alder: number;
  sysselsattning: Sysselsattning;
  /** The a-kassa the person belongs to, if any. */
  akassa?: string;
  /** Has children under 16 (barnbidrag, föräldrapenning, tillfällig föräldrapenning). */
  antalBarn: number;
  antalFordon: number;
  invandring?: Invandring;
  /** Yearly earned income in SEK before tax (0 for children). */
  arsinkomst: number;
  /** Protected identity: set only by scenario persons. */
  skyddadIdentitet: boolean;
  /**
   * Which protection a protected identity has: sekretessmarkering (the default) or skyddad folkbokföring (the
   * stronger one). Personuppgiftstjänsten discloses differently for each.
   */
  skydd?: 'sekretessmarkering' | 'skyddad-folkbokforing';
  /**
   * Trades listed securities every year: a capital surplus with a sale declared on K4 in each income year. Set only
   * by scenario persons (generated persons draw their capital income year by year).
   */
  aktiehandel?: boolean;
  /** What a service registered about this person (a reported birth, a renewed samordningsnummer), if anything. */
  registrering?: { status: string; since: string; details: Record<string, unknown> };
}

/** Builds the person behind an identity. `today` anchors age and dates (YYYY-MM-DD). */
export function personFor(identity: Identity, today: string): Person {
  const random = new SeededRandom(`person:${identity.number}`);
  const alder = Math.max(0, ageOn(identity.birthDate, today));
  const isSamordning = identity.kind === 'samordningsnummer';
  const sysselsattning = chooseSysselsattning(alder, isSamordning, random);
  const kommun = random.pick(KOMMUNER);
  const invandring =
    isSamordning || random.chance(0.15) ? chooseInvandring(identity, alder, isSamordning, today, random) : undefined;
  const antalBarn =
    alder >= 22 && alder <= 55
      ? random.weighted([
          [0, 5],
          [1, 3],
          [2, 3],
          [3, 1],
        ] as const)
      : 0;
  const akassaChance =
    sysselsattning === 'arbetssokande'
      ? 0.8
      : sysselsattning === 'anstalld'
        ? 0.6
        : sysselsattning === 'foraldraledig'
          ? 0.5
          : 0;
  return {
    identity,
    fornamn: random.pick(identity.sex === 'K' ? FORNAMN_K : FORNAMN_M),
    efternamn: random.pick(EFTERNAMN),
    lan: kommun.lan,
    kommun: kommun.kommun,
    kommunNamn: kommun.namn,
    alder,
    sysselsattning,
    akassa: random.chance(akassaChance) ? random.pick(AKASSOR) : undefined,
    antalBarn,
    antalFordon:
      alder >= 18
        ? random.weighted([
            [0, 4],
            [1, 4],
            [2, 2],
          ] as const)
        : 0,
    invandring,
    arsinkomst: yearlyIncome(sysselsattning, random),
    skyddadIdentitet: false,
  };
}

function chooseSysselsattning(alder: number, isSamordning: boolean, random: SeededRandom): Sysselsattning {
  if (alder < 16) return 'barn';
  if (alder < 20) return 'gymnasieelev';
  if (alder >= 65) return 'pensionar';
  if (isSamordning) {
    return random.weighted([
      ['arbetssokande', 5],
      ['anstalld', 4],
      ['student', 1],
    ] as const);
  }
  if (alder < 30) {
    return random.weighted([
      ['student', 35],
      ['arbetssokande', 30],
      ['anstalld', 25],
      ['foraldraledig', 10],
    ] as const);
  }
  return random.weighted([
    ['anstalld', 45],
    ['arbetssokande', 25],
    ['sjukskriven', 10],
    ['foraldraledig', 8],
    ['student', 7],
    ['sjukersattning', 5],
  ] as const);
}

function chooseInvandring(
  identity: Identity,
  alder: number,
  isSamordning: boolean,
  today: string,
  random: SeededRandom,
): Invandring {
  const yearsAgo = Math.min(Math.max(alder - 1, 0), isSamordning ? random.int(0, 3) : random.int(2, 15));
  const year = Number(today.slice(0, 4)) - yearsAgo;
  const month = String(random.int(1, 12)).padStart(2, '0');
  const day = String(random.int(1, 28)).padStart(2, '0');
  let inresedatum = `${year}-${month}-${day}`;
  if (inresedatum < identity.birthDate) inresedatum = identity.birthDate;
  if (inresedatum > today) inresedatum = today;
  return {
    hemland: random.pick(HEMLAND),
    inresedatum,
    tillstand: isSamordning || yearsAgo < 4 ? 'TIDBEGRANSAT' : 'PERMANENT',
    grund: random.weighted([
      ['ASYL', 4],
      ['ARBETE', 3],
      ['ANKNYTNING', 2],
      ['STUDIER', 1],
    ] as const),
  };
}

function yearlyIncome(sysselsattning: Sysselsattning, random: SeededRandom): number {
  const ranges: Record<Sysselsattning, [number, number]> = {
    barn: [0, 0],
    gymnasieelev: [0, 30_000],
    student: [20_000, 90_000],
    arbetssokande: [40_000, 180_000],
    anstalld: [280_000, 620_000],
    sjukskriven: [200_000, 400_000],
    sjukersattning: [110_000, 160_000],
    foraldraledig: [220_000, 420_000],
    pensionar: [120_000, 260_000],
  };
  const [min, max] = ranges[sysselsattning];
  return Math.round(random.int(min, max) / 100) * 100;
}

/** Convenience: the person for a 12-digit number, or undefined when the number is not a possible identity. */
export function personForNumber(number: string, today: string): Person | undefined {
  const { identity } = parseIdentity(number);
  return identity ? personFor(identity, today) : undefined;
}
