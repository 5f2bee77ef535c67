import type { AccessCodes } from '../common/access.js';

/** Transportstyrelsen's error codes (seed §7.3.3, "TS bastjänst"): felkod → status type and felmeddelande. */
export const TNS_FELKODER = {
  99: ['Om det blir något fel i tjänsten', 'Oväntat fel'],
} as const satisfies Record<number, readonly [string, string]>;

export type TnsFelkod = keyof typeof TNS_FELKODER;

export function isTnsFelkod(code: number): code is TnsFelkod {
  return code in TNS_FELKODER;
}

/** TS has one code in the seed: an asker outside its agreement gets 99 too. */
export const TNS_ACCESS_CODES = {
  'not-customers-ombud': '99',
  'ingivare-not-caller': '99',
  'no-agreement': '99',
  'service-not-in-agreement': '99',
} as const satisfies AccessCodes;
