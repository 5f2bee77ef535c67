import path from 'node:path';
import { loadDialects, type DialectBinding } from '../../../src/ssbtek/dialects.js';
import type { ServiceId, TjanstUtfall } from '../../../src/ssbtek/model.js';
import { renderSvar } from '../../../src/ssbtek/render-svar.js';
import { NS } from '../../../src/xml/namespaces.js';
import { parseXml } from '../../../src/xml/parse.js';
import type { CompiledSchema } from '../../../src/xml/schema.js';
import { serialize } from '../../../src/xml/write.js';
import { sampleFraga } from '../../support/fraga.js';
import { REFERENCE_ROOT, referencePresent, referenceSchema, SSBTEK_V10_REFERENCE } from '../../support/reference.js';

let dialects: Map<string, DialectBinding> | undefined;

/** The ssbt/11 schema as the public client reconstructed it (../shared/reference), when present. */
export const SSBTEK_V11_REFERENCE = path.join(
  REFERENCE_ROOT,
  'ssbtek-v10/se/forsakringskassan/schema/integration/ssbt/_11/sammansatt_bastjanst_v11.xsd',
);

/**
 * Renders an adapter's outcome the way the composite service does (hamtaBastjanstInformationResponse in v10 and
 * in v1) and returns the schema violations: the mapped `data` must fit the contract's type for that service.
 * The public v10 reference contract is checked too when it is present.
 */
export function ssbtekViolations(service: ServiceId, utfall: TjanstUtfall): string[] {
  dialects ??= loadDialects();
  const violations: string[] = [];
  for (const ns of [NS.ssbtV10, NS.ssbtV1]) {
    const binding = dialects.get(ns) as DialectBinding;
    const schemas = [binding.schema];
    if (ns === NS.ssbtV10 && referencePresent()) schemas.push(referenceSchema(SSBTEK_V10_REFERENCE));
    violations.push(...rendered(service, utfall, binding, schemas));
  }
  return violations;
}

/**
 * The same in ssbt/11, against the reconstructed v11 schema (SKV: a SkatteverketDelSvar per part); undefined when
 * that schema is not at hand.
 */
export function ssbtekV11Violations(service: ServiceId, utfall: TjanstUtfall): string[] | undefined {
  if (!referencePresent(SSBTEK_V11_REFERENCE)) return undefined;
  const schema = referenceSchema(SSBTEK_V11_REFERENCE);
  const binding: DialectBinding = { dialect: 'v11', namespace: NS.ssbtV11, schema, kallaSsbt: 'SSBT' };
  return rendered(service, utfall, binding, [schema]);
}

/** The rendered reply's SKV element (or the whole reply) as XML text, for tests that look inside. */
export function renderedXml(service: ServiceId, utfall: TjanstUtfall, binding: DialectBinding): string {
  const fraga = sampleFraga({ namespace: binding.namespace, dialect: binding.dialect });
  return serialize(renderSvar(fraga, [{ service, utfall, durationMs: 1 }], binding));
}

function rendered(
  service: ServiceId,
  utfall: TjanstUtfall,
  binding: DialectBinding,
  schemas: CompiledSchema[],
): string[] {
  const xml = renderedXml(service, utfall, binding);
  const violations: string[] = [];
  for (const schema of schemas) {
    const parsed = parseXml(Buffer.from(xml, 'utf8'));
    try {
      violations.push(...schema.validate(parsed, parsed.root).map((v) => `${schema.name} ${v.path}: ${v.message}`));
    } finally {
      parsed.dispose();
    }
  }
  return violations;
}
