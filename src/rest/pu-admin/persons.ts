/**
 * What the administration API shows of a person or reserve identity, and which persons the emulator "knows":
 * those a service registered (births, …), those a reserve identity is linked to and those with contact details.
 * Generated persons cannot be listed or searched by name otherwise — any valid number yields one.
 */
import { sharedWith } from '../../pu/contacts/contacts.js';
import type { ReserveIdentity } from '../../pu/registry.js';
import type { PuAdminStore } from '../../pu/registry.js';
import { parseIdentity } from '../../population/identity.js';
import type { Population } from '../../population/population.js';
import type { RegistryStore } from '../../store/registry-store.js';

export const MAX_HITS = 100;

export interface PersonRecord {
  id: string;
  typ: 'PERSONNUMMER' | 'SAMORDNINGSNUMMER' | 'NATIONAL_RESERVE' | 'REGIONAL_RESERVE';
  skyddadIdentitet?: boolean;
  fornamn?: string;
  efternamn?: string;
  fodelsedatum?: string;
  kon?: 'M' | 'K' | 'U';
  lan?: string;
  kommun?: string;
  kommunNamn?: string;
  linkedTo?: string;
  reservidentiteter?: string[];
  kontaktuppgifter?: unknown;
}

export class PersonView {
  constructor(
    private readonly pu: PuAdminStore,
    private readonly population: Population,
    private readonly registry: RegistryStore,
    private readonly today: () => string,
  ) {}

  /** A personnummer/samordningsnummer's record; only the number for a protected identity. */
  person(personidentitet: string, consumerId: string): PersonRecord | undefined {
    const person = this.population.person(personidentitet, this.today());
    if (!person?.identity.checksumValid) return undefined;
    const typ = person.identity.kind === 'personnummer' ? 'PERSONNUMMER' : 'SAMORDNINGSNUMMER';
    if (person.skyddadIdentitet) return { id: personidentitet, typ, skyddadIdentitet: true };
    const contacts = this.pu.contactDetails(personidentitet);
    return {
      id: personidentitet,
      typ,
      fornamn: person.fornamn,
      efternamn: person.efternamn,
      fodelsedatum: person.identity.birthDate,
      kon: person.identity.sex,
      lan: person.lan,
      kommun: person.kommun,
      kommunNamn: person.kommunNamn,
      reservidentiteter: this.pu.reservesLinkedTo(personidentitet).map((r) => r.id),
      ...(contacts && sharedWith(contacts, consumerId) ? { kontaktuppgifter: contacts } : {}),
    };
  }

  reserve(reserve: ReserveIdentity, consumerId: string): PersonRecord {
    const contacts = this.pu.contactDetails(reserve.id);
    return {
      id: reserve.id,
      typ: reserve.kind === 'NATIONAL' ? 'NATIONAL_RESERVE' : 'REGIONAL_RESERVE',
      ...reserve.person,
      ...(reserve.linkedTo !== undefined ? { linkedTo: reserve.linkedTo } : {}),
      ...(contacts && sharedWith(contacts, consumerId) ? { kontaktuppgifter: contacts } : {}),
    };
  }

  /** Every personnummer/samordningsnummer the emulator knows, in order. */
  knownPersons(): string[] {
    const ids = new Set<string>();
    for (const p of this.registry.list()) ids.add(p.personidentitet);
    for (const r of this.pu.reserves()) if (r.linkedTo !== undefined) ids.add(r.linkedTo);
    for (const id of this.pu.contactPersons()) ids.add(id);
    return [...ids].filter((id) => parseIdentity(id).identity?.checksumValid === true).sort();
  }

  /** Case-insensitive: every word of the query is part of "förnamn efternamn". At most MAX_HITS. */
  byName(query: string, consumerId: string): PersonRecord[] {
    const words = query.toLocaleLowerCase('sv').split(/\s+/).filter(Boolean);
    const matches = (fornamn?: string, efternamn?: string): boolean => {
      const name = `${fornamn ?? ''} ${efternamn ?? ''}`.toLocaleLowerCase('sv');
      return words.every((w) => name.includes(w));
    };
    const hits: PersonRecord[] = [];
    for (const r of this.pu.reserves()) {
      if (hits.length >= MAX_HITS) return hits;
      if (r.person && matches(r.person.fornamn, r.person.efternamn)) hits.push(this.reserve(r, consumerId));
    }
    for (const id of this.knownPersons()) {
      if (hits.length >= MAX_HITS) return hits;
      const record = this.person(id, consumerId);
      if (record && !record.skyddadIdentitet && matches(record.fornamn, record.efternamn)) hits.push(record);
    }
    return hits;
  }

  /** The aviseringsuttag of a county, one record at a time (protected identities left out). */
  *inCounty(lan: string, consumerId: string): Generator<PersonRecord> {
    for (const id of this.knownPersons()) {
      const record = this.person(id, consumerId);
      if (record && !record.skyddadIdentitet && record.lan === lan) yield record;
    }
  }
}
