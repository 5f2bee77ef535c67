import type { Person } from '../../population/person.js';
import type { ContactDetails } from '../registry.js';

/**
 * Skyddsmarkering (seed 004 §4): a person record is marked either Sekretess (sekretessmarkering) or Skyddad
 * folkbokföring. The population says which: a protected person (`skyddadIdentitet`) has sekretessmarkering unless
 * `skydd` says skyddad folkbokföring (scenario persons, fixtures/population/scenario-persons/pu.json).
 */
export type Protection = 'NONE' | 'SEKRETESSMARKERING' | 'SKYDDAD_FOLKBOKFORING';

/** The person's protection, as the population says (scenario persons set skyddadIdentitet and skydd). */
export function protectionOf(person: Person): Protection {
  if (!person.skyddadIdentitet) return 'NONE';
  return person.skydd === 'skyddad-folkbokforing' ? 'SKYDDAD_FOLKBOKFORING' : 'SEKRETESSMARKERING';
}

/**
 * What of a person record may be disclosed to a caller:
 * - FULL: everything the profile contains;
 * - SEKRETESS_LIMITED: first and last name, identity, county code and sex (sekretessmarkering, normal contract);
 * - NAME_AND_IDENTITY: name and identity number only (skyddad folkbokföring, every contract).
 */
export type Disclosure = 'FULL' | 'SEKRETESS_LIMITED' | 'NAME_AND_IDENTITY';

/** Seed 004 §5.1.2: the disclosure for a protection under the caller's effective contract. */
export function disclosureFor(protection: Protection, contract: 'normal' | 'extended'): Disclosure {
  if (protection === 'SKYDDAD_FOLKBOKFORING') return 'NAME_AND_IDENTITY';
  if (protection === 'SEKRETESSMARKERING' && contract === 'normal') return 'SEKRETESS_LIMITED';
  return 'FULL';
}

/**
 * Digital contact details a consumer may see: never for a protected person (any contract), otherwise only when the
 * consent shares them with the consumer (its id, or 'ALL').
 */
export function sharedContactDetails(
  details: ContactDetails | undefined,
  protection: Protection,
  consumerId: string,
): ContactDetails | undefined {
  if (!details || protection !== 'NONE') return undefined;
  const shared = details.consent.sharedWith;
  return shared.includes('ALL') || shared.includes(consumerId) ? details : undefined;
}
