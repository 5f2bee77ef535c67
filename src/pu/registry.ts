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
