import { addYears } from '../perioder.js';
import type { Barn } from '../barn.js';
import type { Person } from '../../../population/person.js';
import { SeededRandom } from '../../../population/random.js';
import type { LefiPerson, Personinformation, Sifferkod } from './typer.js';

/** Postal code ranges (first three digits) and post towns for the municipalities the population uses. */
const POSTORTER: Record<string, { prefix: number[]; ort: string }> = {
  '2281': { prefix: [852, 853, 854, 856], ort: 'SUNDSVALL' },
  '0180': { prefix: [113, 115, 117, 118], ort: 'STOCKHOLM' },
  '1480': { prefix: [411, 413, 414, 416], ort: 'GÖTEBORG' },
  '1280': { prefix: [211, 212, 214, 217], ort: 'MALMÖ' },
  '0380': { prefix: [752, 753, 754, 756], ort: 'UPPSALA' },
  '2580': { prefix: [972, 973, 974, 975], ort: 'LULEÅ' },
  '0580': { prefix: [582, 583, 584, 587], ort: 'LINKÖPING' },
  '1980': { prefix: [722, 723, 724, 725], ort: 'VÄSTERÅS' },
};

const GATOR = [
  'Storgatan',
  'Kyrkogatan',
  'Skolgatan',
  'Björkvägen',
  'Ringvägen',
  'Parkvägen',
  'Köpmangatan',
  'Drottninggatan',
];

/** ISO 3166 alpha-2 codes (LEFI's land.kod) for the population's countries of origin. */
const LANDSKOD: Record<string, string> = {
  SYR: 'SY',
  AFG: 'AF',
  ERI: 'ER',
  UKR: 'UA',
  IRQ: 'IQ',
  SOM: 'SO',
  IND: 'IN',
  POL: 'PL',
};

const SVERIGE = { kod: 'SE', namn: 'SVERIGE' };

const CIVILSTAND: Sifferkod[] = [
  { id: 1, beskrivning: 'Ogift' },
  { id: 2, beskrivning: 'Gift' },
  { id: 5, beskrivning: 'Skild' },
];

/**
 * FK:GEPI, generell personinformation. A person with skyddad identitet is marked `skyddad` and given neither
 * address nor place of registration: those are what the protection hides.
 */
export function generellPersoninformation(person: Person, barn: Barn[], today: string): Personinformation {
  const random = new SeededRandom(`fk:gepi:${person.identity.number}`);
  const postort = POSTORTER[person.kommun] ?? { prefix: [100], ort: person.kommunNamn.toUpperCase() };
  const adress = {
    roller: [{ id: 1, beskrivning: 'Folkbokföringsadress' }],
    utdelningadress: [`${random.pick(GATOR)} ${random.int(1, 60)}`],
    postnummer: `${random.pick(postort.prefix)}${String(random.int(10, 99))}`,
    postort: postort.ort,
    land: SVERIGE,
  };
  const civilstand =
    person.alder < 20
      ? (CIVILSTAND[0] as Sifferkod)
      : random.pick(person.antalBarn > 0 ? CIVILSTAND.slice(1) : CIVILSTAND);
  return {
    personnummer: person.identity.number,
    foddes: person.identity.birthDate,
    namn: `${person.fornamn} ${person.efternamn}`,
    skyddad: person.skyddadIdentitet,
    ...(!person.skyddadIdentitet && { adress: [adress] }),
    ...(barn.length > 0 && { barn: barn.map(lefiBarn) }),
    civilstand,
    ...(!person.skyddadIdentitet && { folkbokford: [{ lan: person.lan, kommun: person.kommun.slice(2) }] }),
    medborgarskap: medborgarskap(person, today, random),
  };
}

export function lefiBarn(barn: Barn): LefiPerson {
  return { foddes: barn.fodd, namn: `${barn.fornamn} ${barn.efternamn}`, skyddad: false };
}

/** Born Swedish, or a citizen of the country of origin; after five years with a permanent permit, also Swedish. */
function medborgarskap(person: Person, today: string, random: SeededRandom): Personinformation['medborgarskap'] {
  const invandring = person.invandring;
  if (!invandring) return [{ land: SVERIGE }];
  const hemland = {
    kod: LANDSKOD[invandring.hemland.kod] ?? invandring.hemland.kod,
    namn: invandring.hemland.namn.toUpperCase(),
  };
  const svensk = addYears(invandring.inresedatum, 5 + random.int(0, 3));
  return invandring.tillstand === 'PERMANENT' && svensk <= today
    ? [{ datum: svensk, land: SVERIGE }, { land: hemland }]
    : [{ land: hemland }];
}
