import type { AccessCodes } from '../common/access.js';

/**
 * FK's error codes (seed §7.3.3, "FK bastjänst (gemensam för Försäkringskassan och Pensionsmyndigheten)"):
 * code → text, verbatim from the seed (including FK's own spelling "Förtfrågan").
 */
export const FK_FELKODER = {
  1000: 'Förtfrågan tog för lång tid. Timeout har uppstått.',
  1001: 'Förfrågan kunde inte tolkas. Fel har uppstått i validering av förfrågan.',
  1002: 'Internt Tekniskt fel.',
} as const satisfies Record<number, string>;

export type FkFelkod = keyof typeof FK_FELKODER;

/** The FK code a scenario person names (e.g. "1000"), if it is one of FK's codes. */
export function scenarioFelkod(scenario: string | undefined): FkFelkod | undefined {
  if (scenario === undefined || !/^\d+$/.test(scenario)) return undefined;
  const code = Number(scenario);
  return code in FK_FELKODER ? (code as FkFelkod) : undefined;
}

/**
 * FK's answer to an asker it may not serve: LEFI's 403 "Aktören är okänd eller får inte företrädas av anroparen"
 * (→ 1001 in SSBTEK, seed §7.3.3), also for an `aktorsid` that is not the asker's; the legacy interface's fel 1001.
 */
export const FK_ACCESS_CODES = {
  'not-customers-ombud': '1001',
  'ingivare-not-caller': '1001',
  'no-agreement': '1001',
  'service-not-in-agreement': '1001',
  'aktor-not-callers': '1001',
} as const satisfies AccessCodes;
