import type { AccessCodes } from '../common/access.js';

/**
 * Migrationsverket's status codes (seed §7.3.3, "MIV bastjänst"): statuskod → status type and felmeddelande.
 * 200 is the normal answer; the 500 codes travel as a SOAP Fault with miv:SSBTEKSoapException in its detail.
 */
export const MIV_STATUS = {
  '200': ['Ok', ''],
  '500-100': ['Om det blir något fel i tjänsten', 'Oväntat fel'],
  '500-101': ['Felaktigt correlation_id', ''],
  '500-102': ['Felaktigt användar_id', ''],
  '500-103': ['Felaktigt personnummer', ''],
  '500-104': ['Serverfel', ''],
} as const satisfies Record<string, readonly [string, string]>;

export type MivStatuskod = keyof typeof MIV_STATUS;
export type MivFelkod = Exclude<MivStatuskod, '200'>;

export function isMivFelkod(code: string | undefined): code is MivFelkod {
  return code !== undefined && code !== '200' && code in MIV_STATUS;
}

/** The fault's faultString: the felmeddelande where the table has one, else the status type (which names the error). */
export function mivFaultString(code: MivFelkod): string {
  const [statustyp, felmeddelande] = MIV_STATUS[code];
  return felmeddelande || statustyp;
}

/** Errors in what the caller sent are Client faults; the others are the server's own. */
export function mivFaultCode(code: MivFelkod): 'Client' | 'Server' {
  return code === '500-100' || code === '500-104' ? 'Server' : 'Client';
}

/**
 * MIV has no access code in the seed: its header's user (anvandarId, the asker's case worker) is not one it
 * serves, 500-102 "Felaktigt användar_id".
 */
export const MIV_ACCESS_CODES = {
  'not-customers-ombud': '500-102',
  'ingivare-not-caller': '500-102',
  'no-agreement': '500-102',
  'service-not-in-agreement': '500-102',
} as const satisfies AccessCodes;
