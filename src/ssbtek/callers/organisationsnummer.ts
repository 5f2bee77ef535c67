import { isValidOrganisationsnummer } from '../../population/identity.js';

/**
 * An organisationsnummer in its ten-digit form, from the ways SSBTEK's callers write it: ten digits
 * (`8020069582`, the iip header's form), `NNNNNN-NNNN`, or twelve digits with the prefix `16` (`162120002411`, the
 * query's `ingivare` and a certificate's subject serialNumber, seed §8.4). Undefined for anything else, or a number
 * whose check digit is wrong.
 */
export function organisationsnummer(raw: string | undefined): string | undefined {
  const value = (raw ?? '').trim();
  const match = /^(?:16)?(\d{6})-?(\d{4})$/.exec(value);
  if (!match) return undefined;
  const ten = `${match[1]}${match[2]}`;
  return isValidOrganisationsnummer(ten) ? ten : undefined;
}
