/**
 * What Personuppgiftstjänsten keeps beyond the population (Navet): reserve identities and digital contact details.
 * The SOAP service (GetPersonsForProfile) reads it; the administration API writes it. SqlitePuRegistry (in
 * src/pu/store/) is its SQLite engine.
 */

/** A reserve identity: national (Inera's NRID format) or regional (a region's own configured format). */
export interface ReserveIdentity {
  id: string;
  kind: 'NATIONAL' | 'REGIONAL';
  /** For a regional reserve number: the configured format's name (e.g. the region's). */
  format?: string;
  /** Person data added to the reserve identity (unknown persons often have only some of it). */
  person?: { fornamn?: string; efternamn?: string; fodelsedatum?: string; kon?: 'M' | 'K' | 'U' };
  /** The personnummer/samordningsnummer this reserve identity was linked to, once known. */
  linkedTo?: string;
  createdAt: string;
  updatedAt: string;
}

/** Digital contact details a person registered, with the consent they gave. */
export interface ContactDetails {
  personidentitet: string;
  email?: string;
  phone?: string;
  /** The consent under which the details may be shared: when, and with whom (consumer ids, or 'ALL'). */
  consent: { givenAt: string; sharedWith: string[] };
  updatedAt: string;
}

export interface PuRegistry {
  reserve(id: string): ReserveIdentity | undefined;
  /** Reserve identities linked to a personnummer/samordningsnummer. */
  reservesLinkedTo(personidentitet: string): ReserveIdentity[];
  contactDetails(personidentitet: string): ContactDetails | undefined;
}

export type ReservePerson = NonNullable<ReserveIdentity['person']>;

/** A write the state does not allow (the caller's mistake, not a broken request): the API answers 409. */
export class PuConflict extends Error {}

/**
 * What the administration API reads and writes. Reads are synchronous (SQLite reads in the process; PostgreSQL's
 * engine keeps both tables in memory, kept current by the change feed); writes are committed when they resolve.
 */
export interface PuAdminStore extends PuRegistry {
  /** Every reserve identity, in id order. */
  reserves(): ReserveIdentity[];
  /** Every person with contact details, in order. */
  contactPersons(): string[];
  /**
   * Creates a reserve identity; `choose` picks the id given a test of whether an id is taken (inside the
   * transaction, so two creations, in any processes, never get the same id). Undefined when `choose` finds none.
   */
  createReserve(
    kind: ReserveIdentity['kind'],
    choose: (taken: (id: string) => boolean) => string | undefined,
    person: ReservePerson | undefined,
    format?: string,
  ): Promise<ReserveIdentity | undefined>;
  /** Adds person data to a reserve identity: given fields replace the stored ones, others stay. */
  addPersonData(id: string, person: ReservePerson): Promise<ReserveIdentity | undefined>;
  /** Links a reserve identity to a personnummer/samordningsnummer; linking again to the same one is a no-op. */
  link(id: string, personidentitet: string): Promise<ReserveIdentity | undefined>;
  /** Registers or replaces a person's contact details. True when they were new. */
  putContactDetails(details: ContactDetails): Promise<boolean>;
  /** Deletes a person's contact details (consent withdrawn). False when there were none. */
  deleteContactDetails(personidentitet: string): Promise<boolean>;
}
