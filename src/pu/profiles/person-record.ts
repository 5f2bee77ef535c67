import type { Person } from '../../population/person.js';
import { KOMMUNER } from '../../population/names.js';
import { SeededRandom } from '../../population/random.js';
import { NS } from '../../xml/namespaces.js';
import { el, leaf, type XElement } from '../../xml/tree.js';
import type { ContactDetails, ReserveIdentity } from '../registry.js';
import { identityIi, type Ii } from './identities.js';
import type { Disclosure, Protection } from './protection.js';

const P = NS.puPerson;

/** The profiles the contract defines (P6–P10 are reserved for future use). */
export type Profile = 'P1' | 'P2' | 'P3' | 'P4' | 'P5';
export const PROFILES: readonly Profile[] = ['P1', 'P2', 'P3', 'P4', 'P5'];

/** Profile `profile` includes what profile `at` adds (each profile is the previous one plus more). */
function includes(profile: Profile, at: Profile): boolean {
  return PROFILES.indexOf(profile) >= PROFILES.indexOf(at);
}

/** A link from the record's identity to another identity (reserve ↔ personnummer). */
export interface Link {
  ii: Ii;
  /** The other identity is the person's primary identity (a personnummer/samordningsnummer). */
  primary: boolean;
}

/** Everything a person record may contain; the profile and the disclosure decide what is written. */
export interface RecordSource {
  ii: Ii;
  primaryIdentity: boolean;
  protection: Protection;
  givenName?: string;
  surname?: string;
  gender?: string;
  links: Link[];
  /** Navet data, for a personnummer/samordningsnummer record (or a reserve linked to one). */
  person?: Person;
  /** The reserve identity, for a reserve record. */
  reserve?: ReserveIdentity;
  /** Contact details the caller may see (already filtered by protection and consent). */
  contact?: ContactDetails;
}

export function ii(name: string, value: Ii): XElement {
  return el(P, name, [el(P, 'root', value.root), el(P, 'extension', value.extension)]);
}

function partialDate(name: string, date: string, known = { month: true, day: true }): XElement {
  const [format, value] = !known.month
    ? ['YYYY', date.slice(0, 4)]
    : !known.day
      ? ['YYYY-MM', date.slice(0, 7)]
      : ['YYYY-MM-DD', date];
  return el(P, name, [el(P, 'format', format), el(P, 'value', value)]);
}

/** Timestamp (YYYYMMDDhhmmss, Swedish time) at the start of `today`. */
export function versionOf(today: string): string {
  return `${today.replace(/-/g, '')}000000`;
}

/**
 * A PersonRecordType in contract order. P1: identity, sex, indicators, name, linked identities; P2: + population
 * registration, address, reserve-identity details; P3: + contact information; P4: + birth, immigration,
 * citizenship, samordningsnummer data; P5: + the population registration record with history.
 */
export function personRecord(source: RecordSource, profile: Profile, disclosure: Disclosure, today: string): XElement {
  const full = disclosure === 'FULL';
  const limited = disclosure === 'SEKRETESS_LIMITED';
  const person = source.person;
  const isNavetRecord = !source.reserve && person !== undefined;
  const folkbokford = isNavetRecord && person.identity.kind === 'personnummer';
  const at = (p: Profile): boolean => full && includes(profile, p);
  const withSex = full || limited;
  return el(P, 'personRecord', [
    ii('personalIdentity', source.ii),
    withSex && leaf(P, 'gender', source.gender),
    el(P, 'protectedPersonIndicator', String(source.protection !== 'NONE')),
    el(P, 'testIndicator', 'true'),
    el(P, 'primaryIdentity', String(source.primaryIdentity)),
    full && el(P, 'version', versionOf(today)),
    name(source),
    ...(full ? source.links.map(linkedIdentity) : []),
    at('P4') && person && birth(person, isNavetRecord),
    at('P4') && !person && source.reserve?.person?.fodelsedatum && birthOfReserve(source.reserve),
    folkbokford &&
      limited &&
      includes(profile, 'P2') &&
      el(P, 'populationRegistrationLocality', [el(P, 'countyCode', person.lan)]),
    folkbokford && at('P2') && locality('populationRegistrationLocality', person, registrationDate(person)),
    folkbokford && at('P5') && registrationRecord(person, today),
    isNavetRecord && at('P2') && addressInformation(person),
    ...(at('P3') && source.contact ? contactInformation(source.contact) : []),
    at('P2') && source.reserve && administrativeInformation(source.reserve),
    folkbokford && at('P4') && person.invandring && immigration(person),
    folkbokford && at('P4') && !person.invandring && el(P, 'citizenship', [el(P, 'citizenshipCountryCode', 'SE')]),
    isNavetRecord && at('P4') && person.identity.kind === 'samordningsnummer' && coordinationData(person),
    full && isNavetRecord && includes(profile, 'P2') && el(P, 'protectedPopulationRecord', 'false'),
  ]);
}

function name(source: RecordSource): XElement | undefined {
  if (source.givenName === undefined && source.surname === undefined) return undefined;
  return el(P, 'name', [leaf(P, 'givenName', source.givenName), leaf(P, 'surname', source.surname)]);
}

function linkedIdentity(link: Link): XElement {
  return el(P, 'linkedIdentity', [
    ii('referredPersonalIdentity', link.ii),
    el(P, 'assuranceLevel', '2'),
    el(P, 'primaryIdentity', String(link.primary)),
  ]);
}

function birth(person: Person, navet: boolean): XElement {
  const { identity } = person;
  return el(P, 'birth', [
    partialDate('dateOfBirth', identity.birthDate, identity.birthDateKnown),
    navet && !person.invandring && el(P, 'placeOfBirthSweden', [el(P, 'birthCountyCode', person.lan)]),
    navet && person.invandring && el(P, 'birthAbroad', [el(P, 'countryOfBirth', person.invandring.hemland.namn)]),
  ]);
}

function birthOfReserve(reserve: ReserveIdentity): XElement {
  return el(P, 'birth', [partialDate('dateOfBirth', reserve.person?.fodelsedatum ?? '')]);
}

/** When the person was registered where they live: a reported birth's date, else birth or arrival. */
function registrationDate(person: Person): string {
  if (person.registrering?.status === 'FODD') return person.registrering.since.slice(0, 10);
  return person.invandring?.inresedatum ?? person.identity.birthDate;
}

function locality(name: string, place: { lan: string; kommun: string }, date: string): XElement {
  return el(P, name, [
    partialDate('populationRegistrationDate', date),
    el(P, 'countyCode', place.lan),
    el(P, 'municipalityCode', place.kommun.slice(2)),
    el(P, 'populationRegistrationType', 'FB'),
  ]);
}

/** P5: the population registration record, with the municipality the person was registered in before. */
function registrationRecord(person: Person, today: string): XElement {
  const random = new SeededRandom(`pu-history:${person.identity.number}`);
  const others = KOMMUNER.filter((k) => k.kommun !== person.kommun);
  const previous = random.pick(others);
  const birthDate = person.identity.birthDate;
  const moved = registrationDate(person);
  return el(P, 'populationRegistrationRecord', [
    el(P, 'syncronizationTime', `${today}T00:00:00`),
    el(P, 'historicalRecords', [
      moved > birthDate && locality('populationRegistrationLocality', previous, birthDate),
      moved > birthDate &&
        el(P, 'historicalAddress', [
          el(P, 'postalAddress1', street(new SeededRandom(`pu-history-street:${person.identity.number}`))),
          el(P, 'postalCode', postalCode(previous.kommun, random)),
          el(P, 'city', previous.namn),
        ]),
    ]),
  ]);
}

const STREETS = ['Storgatan', 'Kyrkogatan', 'Skolvägen', 'Björkvägen', 'Parkgatan', 'Ringvägen', 'Järnvägsgatan'];

function street(random: SeededRandom): string {
  return `${random.pick(STREETS)} ${random.int(1, 60)}`;
}

function postalCode(kommun: string, random: SeededRandom): string {
  const base: Record<string, number> = { '01': 11, '03': 75, '05': 58, '12': 21, '14': 41, '19': 72, '22': 85 };
  const prefix = base[kommun.slice(0, 2)] ?? 97;
  return String(prefix * 1000 + random.int(100, 999));
}

function addressInformation(person: Person): XElement {
  const random = new SeededRandom(`pu-address:${person.identity.number}`);
  return el(P, 'addressInformation', [
    el(P, 'residentialAddress', [
      el(P, 'postalAddress1', street(random)),
      el(P, 'postalCode', postalCode(person.kommun, random)),
      el(P, 'city', person.kommunNamn),
    ]),
  ]);
}

function contactInformation(contact: ContactDetails): XElement[] {
  const item = (type: string, value: string | undefined): XElement | undefined =>
    value === undefined
      ? undefined
      : el(P, 'contactInformation', [
          el(P, 'contactType', type),
          el(P, 'value', value),
          el(P, 'period', [el(P, 'start', contact.consent.givenAt.slice(0, 10))]),
        ]);
  return [item('EMAIL', contact.email), item('MOBILE', contact.phone)].filter((e): e is XElement => !!e);
}

function administrativeInformation(reserve: ReserveIdentity): XElement {
  return el(P, 'administrativeInformation', [
    el(P, 'categoryOfPerson', reserve.kind === 'NATIONAL' ? 'NRID' : 'LRID'),
    reserve.format && el(P, 'comment', reserve.format),
  ]);
}

function immigration(person: Person): XElement {
  const invandring = person.invandring;
  return el(P, 'immigration', [
    invandring && partialDate('immigrationDate', invandring.inresedatum),
    invandring && el(P, 'rightOfResidence', String(invandring.tillstand === 'PERMANENT')),
  ]);
}

function coordinationData(person: Person): XElement {
  const renewed = person.registrering?.status === 'FORNYAD' ? person.registrering.since.slice(0, 10) : undefined;
  const allocated = person.invandring?.inresedatum;
  return el(P, 'coOrdinationNumberData', [
    allocated && partialDate('allocationDate', allocated),
    renewed && partialDate('renewalDate', renewed),
  ]);
}

/** The record's source for a Navet person (personnummer/samordningsnummer). */
export function navetSource(
  person: Person,
  protection: Protection,
  links: Link[],
  contact: ContactDetails | undefined,
): RecordSource {
  return {
    ii: identityIi(person.identity),
    primaryIdentity: true,
    protection,
    givenName: person.fornamn,
    surname: person.efternamn,
    gender: person.identity.sex,
    links,
    person,
    contact,
  };
}
