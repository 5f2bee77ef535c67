import type { Person } from '../../population/person.js';
import { SeededRandom } from '../../population/random.js';

/** One vehicle in Transportstyrelsen's vägtrafikregister, as HamtaUppgifterResponse lists it. */
export interface Fordon {
  regnr: string;
  fabrikat: string;
  fordonsar: string;
  fordonsslag: 'PERSONBIL' | 'MOTORCYKEL';
  handelsbeteckning: string;
}

interface Modell {
  fabrikat: string;
  handelsbeteckning: string;
  /** Model years the model was sold in Sweden, so that a vehicle's year fits its model. */
  fran: number;
  till?: number;
}

const PERSONBILAR: readonly Modell[] = [
  { fabrikat: 'VOLVO', handelsbeteckning: 'V70', fran: 1997, till: 2016 },
  { fabrikat: 'VOLVO', handelsbeteckning: 'V60', fran: 2011 },
  { fabrikat: 'VOLVO', handelsbeteckning: 'XC60', fran: 2008 },
  { fabrikat: 'VOLVO', handelsbeteckning: 'V90', fran: 2016 },
  { fabrikat: 'SAAB', handelsbeteckning: '9-3', fran: 1998, till: 2011 },
  { fabrikat: 'SAAB', handelsbeteckning: '9-5', fran: 1997, till: 2011 },
  { fabrikat: 'TOYOTA', handelsbeteckning: 'COROLLA', fran: 2000 },
  { fabrikat: 'TOYOTA', handelsbeteckning: 'RAV4', fran: 2000 },
  { fabrikat: 'TOYOTA', handelsbeteckning: 'YARIS', fran: 2000 },
  { fabrikat: 'VOLKSWAGEN', handelsbeteckning: 'GOLF', fran: 2000 },
  { fabrikat: 'VOLKSWAGEN', handelsbeteckning: 'PASSAT', fran: 2000 },
  { fabrikat: 'VOLKSWAGEN', handelsbeteckning: 'ID.4', fran: 2021 },
  { fabrikat: 'KIA', handelsbeteckning: 'CEED', fran: 2007 },
  { fabrikat: 'KIA', handelsbeteckning: 'NIRO', fran: 2016 },
  { fabrikat: 'SKODA', handelsbeteckning: 'OCTAVIA', fran: 2000 },
  { fabrikat: 'FORD', handelsbeteckning: 'FOCUS', fran: 2000 },
  { fabrikat: 'TESLA', handelsbeteckning: 'MODEL 3', fran: 2019 },
  { fabrikat: 'TESLA', handelsbeteckning: 'MODEL Y', fran: 2021 },
];

const MOTORCYKLAR: readonly Modell[] = [
  { fabrikat: 'YAMAHA', handelsbeteckning: 'MT-07', fran: 2014 },
  { fabrikat: 'HONDA', handelsbeteckning: 'CB500F', fran: 2013 },
  { fabrikat: 'KAWASAKI', handelsbeteckning: 'Z650', fran: 2017 },
  { fabrikat: 'BMW', handelsbeteckning: 'R 1250 GS', fran: 2019 },
  { fabrikat: 'SUZUKI', handelsbeteckning: 'SV650', fran: 2000 },
];

/** Letters on Swedish plates: I, Q, V, Å, Ä and Ö are never used. */
const BOKSTAVER = 'ABCDEFGHJKLMNOPRSTUWXYZ';
/** The last position may be a letter (since 2019), but never O: it would read as a zero. */
const SLUTBOKSTAVER = BOKSTAVER.replace('O', '');

/** The vehicles a person owns: exactly Person.antalFordon of them, deterministic per person. */
export function fordonFor(person: Person, today: string): Fordon[] {
  const random = new SeededRandom(`tns:${person.identity.number}`);
  const arNu = Number(today.slice(0, 4));
  const forstaMojligaAr = Number(person.identity.birthDate.slice(0, 4)) + 18; // bought when allowed to drive
  const fordon: Fordon[] = [];
  const regnr = new Set<string>();
  while (fordon.length < person.antalFordon) {
    const fordonsslag = random.chance(0.85) ? 'PERSONBIL' : 'MOTORCYKEL';
    const modell = random.pick(fordonsslag === 'PERSONBIL' ? PERSONBILAR : MOTORCYKLAR);
    const till = Math.min(modell.till ?? arNu, arNu);
    const fran = Math.min(Math.max(modell.fran, forstaMojligaAr - 10, arNu - 25), till);
    const ar = random.int(fran, till);
    const nummer = registreringsnummer(ar, random);
    if (regnr.has(nummer)) continue;
    regnr.add(nummer);
    fordon.push({
      regnr: nummer,
      fabrikat: modell.fabrikat,
      fordonsar: String(ar),
      fordonsslag,
      handelsbeteckning: modell.handelsbeteckning,
    });
  }
  return fordon;
}

/** ABC123, or ABC12D for some vehicles registered from 2019 on. */
function registreringsnummer(ar: number, random: SeededRandom): string {
  let nummer = '';
  for (let i = 0; i < 3; i++) nummer += random.pick([...BOKSTAVER]);
  nummer += String(random.int(0, 99)).padStart(2, '0');
  nummer += ar >= 2019 && random.chance(0.5) ? random.pick([...SLUTBOKSTAVER]) : String(random.int(0, 9));
  return nummer;
}
