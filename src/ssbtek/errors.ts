import type { TjanstFel } from './model.js';

/** The composite service's own error catalogue, as in the seed's §7.1 (Faults) and §7.3.1 (per-service errors). */
export const SSBTEK_FAULTS = {
  timeout: { felkod: '1000', felmeddelande: 'Förfrågan tog för lång tid. Timeout har uppstått.', soapCode: 'Server' },
  validation: {
    felkod: '1001',
    felmeddelande: 'Förfrågan kunde inte tolkas. Fel har uppstått vid validering av förfrågan.',
    soapCode: 'Client',
  },
  internal: { felkod: '1002', felmeddelande: 'Internt tekniskt fel', soapCode: 'Server' },
} as const;

export type SsbtekFaultKind = keyof typeof SSBTEK_FAULTS;

export const SERVICE_CALL_ERRORS = {
  timeout: { felkod: '2000', felmeddelande: 'Sessionstid har tagit slut. Timeout vid anrop mot Bastjänst.' },
  technical: { felkod: '2001', felmeddelande: 'Tekniskt fel vid anrop mot, eller svar från, Bastjänst' },
} as const;

/** A base service's answer made by the composite service itself (kalla SSBT): 2000 or 2001, with an optional reason. */
export function ssbtError(kind: keyof typeof SERVICE_CALL_ERRORS, reason?: string): TjanstFel {
  const { felkod, felmeddelande } = SERVICE_CALL_ERRORS[kind];
  return { kind: 'error', kalla: 'SSBT', felkod, felmeddelande: reason ? [felmeddelande, reason] : [felmeddelande] };
}

/** A Fault the pipeline decided on: one of §7.1's codes, with extra lines (e.g. one per schema violation). */
export class SsbtekFault extends Error {
  constructor(
    readonly kind: SsbtekFaultKind,
    readonly details: string[] = [],
  ) {
    super(SSBTEK_FAULTS[kind].felmeddelande);
    this.name = 'SsbtekFault';
  }
}
