import type { Population } from '../../population/population.js';
import { NS } from '../../xml/namespaces.js';
import { el, type XElement } from '../../xml/tree.js';
import type { PuRegistry, ReserveIdentity } from '../registry.js';
import { identityIi, lookupFor, reserveIi, type Ii } from '../profiles/identities.js';
import {
  ii,
  navetSource,
  personRecord,
  type Link,
  type Profile,
  type RecordSource,
} from '../profiles/person-record.js';
import { disclosureFor, protectionOf, sharedContactDetails, type Protection } from '../profiles/protection.js';

/** What answering one request needs: where persons come from, the caller, the day. */
export interface RecordContext {
  population: Population;
  registry: PuRegistry;
  consumerId: string;
  contract: 'normal' | 'extended';
  profile: Profile;
  ignoreReferredIdentity: boolean;
  today: string;
}

/**
 * One requestedPersonRecord: the requested identity, and its person record when the identity is known (an unknown
 * or invalid identity gets the requested identity alone).
 */
export function requestedPersonRecord(requested: Ii, context: RecordContext): XElement {
  const source = sourceFor(requested, context);
  const record =
    source && personRecord(source, context.profile, disclosureFor(source.protection, context.contract), context.today);
  return el(NS.puGetPersons, 'requestedPersonRecord', [ii('requestedPersonalIdentity', requested), record]);
}

function sourceFor(requested: Ii, context: RecordContext): RecordSource | undefined {
  const lookup = lookupFor(requested);
  if (lookup.kind === 'navet') return navetRecordSource(lookup.identity.number, context);
  if (lookup.kind === 'none') return undefined;
  const reserve = context.registry.reserve(lookup.id);
  if (!reserve) return undefined;
  // A reserve identity linked to a personnummer refers to that person: unless the caller ignores the reference,
  // the answer is the person's own record (which lists the reserve among its linked identities).
  if (reserve.linkedTo && !context.ignoreReferredIdentity) {
    const linked = navetRecordSource(reserve.linkedTo, context);
    if (linked) return linked;
  }
  return reserveSource(reserve, context);
}

function navetRecordSource(number: string, context: RecordContext): RecordSource | undefined {
  const person = context.population.person(number, context.today);
  if (!person?.identity.checksumValid) return undefined;
  const protection = protectionOf(person);
  const links: Link[] = context.registry
    .reservesLinkedTo(number)
    .map((reserve) => ({ ii: reserveIi(reserve), primary: false }));
  const contact = sharedContactDetails(context.registry.contactDetails(number), protection, context.consumerId);
  return navetSource(person, protection, links, contact);
}

/** A reserve identity's own record; it carries the protection of the person it is linked to, if any. */
function reserveSource(reserve: ReserveIdentity, context: RecordContext): RecordSource {
  const linkedPerson = reserve.linkedTo ? context.population.person(reserve.linkedTo, context.today) : undefined;
  const protection: Protection = linkedPerson?.identity.checksumValid ? protectionOf(linkedPerson) : 'NONE';
  const links: Link[] =
    linkedPerson?.identity.checksumValid === true ? [{ ii: identityIi(linkedPerson.identity), primary: true }] : [];
  return {
    ii: reserveIi(reserve),
    primaryIdentity: links.length === 0,
    protection,
    givenName: reserve.person?.fornamn,
    surname: reserve.person?.efternamn,
    gender: reserve.person?.kon,
    links,
    reserve,
  };
}
