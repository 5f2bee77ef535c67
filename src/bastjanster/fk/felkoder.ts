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
