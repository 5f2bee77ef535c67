import type { AccessCodes } from '../common/access.js';

/**
 * Sveriges a-kassor's fault codes (seed §7.3.3, "SO (Sveriges a-kassor)"), row by row: faultcode → when it is
 * sent (Status typ) and the faultstring (Felmeddelande). The faultcode is the bare number, not a QName.
 */
export const SO_FELKODER = {
  201: { statustyp: 'Om det blir något fel i tjänsten', felmeddelande: 'An unexpected error occurred' },
  // The seed quotes the text: we send it literally, not the name of the a-kassa that did not answer.
  1: { statustyp: 'Om det inte finns något svar från bakomliggande system', felmeddelande: 'Arbetslöshetskassa' },
} as const satisfies Record<number, { statustyp: string; felmeddelande: string }>;

export type SoFelkod = keyof typeof SO_FELKODER;

export function isSoFelkod(code: number): code is SoFelkod {
  return code in SO_FELKODER;
}

/** StatusSvarandeOrganisation of an a-kassa that answered normally. */
export const SO_STATUS_OK = 'OK';

/** SO has no access code in the seed: an asker outside its agreement is "något fel i tjänsten", 201. */
export const SO_ACCESS_CODES = {
  'not-customers-ombud': '201',
  'ingivare-not-caller': '201',
  'no-agreement': '201',
  'service-not-in-agreement': '201',
} as const satisfies AccessCodes;
