import { NS } from '../xml/namespaces.js';
import { CompiledSchema } from '../xml/schema.js';
import type { DialectId } from './model.js';

/** One namespace the composite service answers in, with the schema compiled for it. */
export interface DialectBinding {
  dialect: DialectId;
  namespace: string;
  schema: CompiledSchema;
  /** How `kalla` spells the composite service itself: v10 and v11 say SSBT, the seed (v1) says SSBTEK. */
  kallaSsbt: 'SSBT' | 'SSBTEK';
}

export const SCHEMA_FILES = {
  v10: 'ssbtek/v10/sammansatt_bastjanst_v10.xsd',
  v11: 'ssbtek/v11/sammansatt_bastjanst_v11.xsd',
  v1: 'ssbtek/v1/sammansatt_bastjanst_v1.xsd',
} as const;

/**
 * The four namespaces a query can arrive in: v10 (public contract), v11 (provisional: reconstructed from
 * Försäkringskassan's test environment), v1 as in the seed's example (ssbt/1) and v1 as in the seed's WSDL
 * (SSBTEK/1). The v1 schema is written once and compiled a second time under SSBTEK/1.
 */
export function loadDialects(): Map<string, DialectBinding> {
  // Compiled by libxml2 at their first validate(): a query and a reply are shown valid on their trees first.
  const v1 = CompiledSchema.deferred('ssbtek-v1', SCHEMA_FILES.v1);
  const v1Alt = CompiledSchema.deferred('ssbtek-v1-SSBTEK', SCHEMA_FILES.v1, [NS.ssbtV1, NS.ssbtekV1]);
  const v10 = CompiledSchema.deferred('ssbtek-v10', SCHEMA_FILES.v10);
  const v11 = CompiledSchema.deferred('ssbtek-v11', SCHEMA_FILES.v11);
  return new Map([
    [NS.ssbtV10, { dialect: 'v10', namespace: NS.ssbtV10, schema: v10, kallaSsbt: 'SSBT' }],
    [NS.ssbtV11, { dialect: 'v11', namespace: NS.ssbtV11, schema: v11, kallaSsbt: 'SSBT' }],
    [NS.ssbtV1, { dialect: 'v1', namespace: NS.ssbtV1, schema: v1, kallaSsbt: 'SSBTEK' }],
    [NS.ssbtekV1, { dialect: 'v1', namespace: NS.ssbtekV1, schema: v1Alt, kallaSsbt: 'SSBTEK' }],
  ]);
}
