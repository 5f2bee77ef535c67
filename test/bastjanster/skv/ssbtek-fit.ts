import { loadDialects, type DialectBinding } from '../../../src/ssbtek/dialects.js';
import type { ServiceId, TjanstUtfall } from '../../../src/ssbtek/model.js';
import { renderSvar } from '../../../src/ssbtek/render-svar.js';
import { NS } from '../../../src/xml/namespaces.js';
import { parseXml } from '../../../src/xml/parse.js';
import { serialize } from '../../../src/xml/write.js';
import { sampleFraga } from '../../support/fraga.js';
import { referencePresent, referenceSchema, SSBTEK_V10_REFERENCE } from '../../support/reference.js';

let dialects: Map<string, DialectBinding> | undefined;

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
    const fraga = sampleFraga({ namespace: ns, dialect: binding.dialect });
    const xml = serialize(renderSvar(fraga, [{ service, utfall, durationMs: 1 }], binding));
    const schemas = [binding.schema];
    if (ns === NS.ssbtV10 && referencePresent()) schemas.push(referenceSchema(SSBTEK_V10_REFERENCE));
    for (const schema of schemas) {
      const parsed = parseXml(Buffer.from(xml, 'utf8'));
      try {
        violations.push(...schema.validate(parsed, parsed.root).map((v) => `${schema.name} ${v.path}: ${v.message}`));
      } finally {
        parsed.dispose();
      }
    }
  }
  return violations;
}
