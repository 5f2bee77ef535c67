import { CompiledSchema } from '../../xml/schema.js';

/** Every base service's schemas (relative to xsd/), compiled once on first use and kept for the process. */
export const NATIVE_SCHEMA_FILES = {
  af: 'bastjanster/af/ers_stod_v2.xsd',
  csnKommunfraga: 'bastjanster/csn/kommunfraga/kommunfraga.xsd',
  csnWs: 'bastjanster/csn/ws/kommunfraga_ws_1.xsd',
  fkV1: 'bastjanster/fk/hamtaformansinformation_1.xsd',
  skv: 'bastjanster/skv/beskattningws.xsd',
  skvInner: 'bastjanster/skv/beskattningsuppgifter_inner_1.xsd',
  skvSvar: 'bastjanster/skv/standardiseradInformation_1.0.xsd',
  so: 'bastjanster/so/unemployment_benefit_payment_int014.xsd',
  tns: 'bastjanster/tns/hamtauppgifter_responder_1.0.xsd',
  tnsHeader: 'bastjanster/tns/ssbtek_header_1.xsd',
  miv: 'bastjanster/miv/ssbtek_webservice_1.xsd',
  mivHeader: 'bastjanster/miv/ssbtek_header_1.xsd',
} as const;

export type NativeSchemaKey = keyof typeof NATIVE_SCHEMA_FILES;

const compiled = new Map<NativeSchemaKey, CompiledSchema>();

export function nativeSchema(key: NativeSchemaKey): CompiledSchema {
  let schema = compiled.get(key);
  if (!schema) {
    schema = CompiledSchema.compile(key, NATIVE_SCHEMA_FILES[key]);
    compiled.set(key, schema);
  }
  return schema;
}

/** Compiles every native schema now (at start-up), so no request ever pays for it. */
export function compileAllNativeSchemas(): void {
  for (const key of Object.keys(NATIVE_SCHEMA_FILES) as NativeSchemaKey[]) nativeSchema(key);
}
