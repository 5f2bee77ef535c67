import { addDays, addMonths, maxDate, minDate } from '../../population/dates.js';
import type { Identity } from '../../population/identity.js';
import type { Invandring, Person } from '../../population/person.js';
import { SeededRandom } from '../../population/random.js';

/** A decision on a residence permit (one `svar`); a case still being handled has no beslut. */
export interface MivSvar {
  anledning: string;
  anledningNamn: string;
  ansokningsdatum: string;
  arendeTyp: string;
  arendeTypNamn: string;
  beslut?: {
    beslutsKod: string;
    beslutsKodNamn: string;
    beslutsTyp: string;
    beslutsTypNamn: string;
    beslutsdatum: string;
    fromDatum: string;
    giltighetstid: Invandring['tillstand'];
    tomDatum?: string;
  };
}

/** What Migrationsverket knows about an immigrated person, generated deterministically from Person.invandring. */
export interface MivUppgifter {
  hemland: string;
  inresedatum: string;
  svar: MivSvar[];
}

/** The ground for the permit (Invandring.grund) as MIV's anledning code and name. */
const ANLEDNING: Record<Invandring['grund'], readonly [string, string]> = {
  ASYL: ['SKYDD', 'Skyddsbehov'],
  ARBETE: ['ARB', 'Arbete'],
  ANKNYTNING: ['ANK', 'Anknytning'],
  STUDIER: ['STU', 'Studier'],
};

/** How long a temporary permit runs, in months (asylum: 13 months alternative protection or 3 years refugee). */
const MANADER: Record<Invandring['grund'], readonly number[]> = {
  ASYL: [13, 36],
  ARBETE: [24],
  ANKNYTNING: [24],
  STUDIER: [12],
};

const FORSTA_ARENDET = { ASYL: ['ASYL', 'Asylärende'], annat: ['UT', 'Uppehållstillstånd'] } as const;
const FORLANGNING = ['UTFORL', 'Förlängning av uppehållstillstånd'] as const;
const GRUNDBESLUT = ['GRUND', 'Grundbeslut'] as const;
const FORLANGNINGSBESLUT = ['FORL', 'Förlängningsbeslut'] as const;

/** MIV knows only immigrated persons (Person.invandring); for everyone else, and before the entry, it has no cases. */
export function mivUppgifter(person: Person, today: string): MivUppgifter | undefined {
  const invandring = person.invandring;
  if (!invandring || invandring.inresedatum > today) return undefined;
  const random = new SeededRandom(`miv:${person.identity.number}`);
  return {
    hemland: invandring.hemland.namn,
    inresedatum: invandring.inresedatum,
    svar: arenden(invandring, person.identity, today, random),
  };
}

/**
 * The person's permit history, oldest first: a first decision near the entry, then extensions applied for
 * before each temporary permit runs out, until a permit covers today or an application is still pending.
 * Always ansokningsdatum < beslutsdatum ≤ fromDatum ≤ tomDatum, and nothing decided after today. The latest
 * decision's giltighetstid is Invandring.tillstand: a PERMANENT person got it at the first extension.
 */
function arenden(invandring: Invandring, identity: Identity, today: string, random: SeededRandom): MivSvar[] {
  const [anledning, anledningNamn] = ANLEDNING[invandring.grund];
  const manader = random.pick(MANADER[invandring.grund]);
  const asyl = invandring.grund === 'ASYL';
  const folkbokford = identity.kind === 'personnummer';
  const svar: MivSvar[] = [];
  // Asylum is applied for on arrival; the other grounds from abroad, before entry.
  let ansokningsdatum = minDate(addDays(invandring.inresedatum, random.int(0, 5)), today);
  let beslutsdatum = addDays(ansokningsdatum, random.int(60, 300));
  // A personnummer needs a granted permit (folkbokföring): an asylum case that would still be pending makes the
  // person a resettled (quota) refugee instead, granted from abroad before entry like the other grounds.
  const franUtlandet = !asyl || (folkbokford && beslutsdatum > today);
  if (franUtlandet) {
    ansokningsdatum = maxDate(addDays(invandring.inresedatum, -random.int(40, 180)), identity.birthDate);
    beslutsdatum = addDays(ansokningsdatum, random.int(14, 45));
  }
  if (folkbokford && beslutsdatum > today) {
    beslutsdatum = today;
    ansokningsdatum = minDate(ansokningsdatum, addDays(today, -1));
  }
  let fromDatum = beslutsdatum;
  for (let forsta = true; svar.length < 12; forsta = false) {
    if (ansokningsdatum > today) break; // the next extension is not applied for yet
    const [arendeTyp, arendeTypNamn] = forsta ? FORSTA_ARENDET[asyl ? 'ASYL' : 'annat'] : FORLANGNING;
    const arende = { anledning, anledningNamn, ansokningsdatum, arendeTyp, arendeTypNamn };
    if (beslutsdatum > today) {
      svar.push(arende); // still being handled: no decision yet
      break;
    }
    const permanent = invandring.tillstand === 'PERMANENT' && !forsta;
    const tomDatum = permanent ? undefined : addDays(addMonths(fromDatum, manader), -1);
    const [beslutsTyp, beslutsTypNamn] = forsta ? GRUNDBESLUT : FORLANGNINGSBESLUT;
    svar.push({
      ...arende,
      beslut: {
        beslutsKod: 'BEV',
        beslutsKodNamn: 'Beviljat',
        beslutsTyp,
        beslutsTypNamn,
        beslutsdatum,
        fromDatum,
        giltighetstid: permanent ? 'PERMANENT' : 'TIDBEGRANSAT',
        tomDatum,
      },
    });
    if (!tomDatum) break;
    // The extension: applied for before the permit runs out, valid from the day after it (or its decision).
    ansokningsdatum = addDays(tomDatum, -random.int(20, 60));
    beslutsdatum = addDays(ansokningsdatum, random.int(30, 120));
    if (invandring.tillstand === 'PERMANENT') {
      // The profile says the permanent permit is already granted, so its case is decided by today.
      ansokningsdatum = minDate(ansokningsdatum, addDays(today, -random.int(40, 80)));
      beslutsdatum = minDate(beslutsdatum, addDays(today, -random.int(1, 30)));
    }
    fromDatum = maxDate(beslutsdatum, addDays(tomDatum, 1));
  }
  return svar;
}
