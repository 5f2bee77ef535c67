import { parseXml } from '../../src/xml/parse.js';
import type { CompiledSchema } from '../../src/xml/schema.js';
import { readEnvelope, readFault } from '../../src/xml/soap.js';
import { elements } from '../../src/xml/tree.js';

/**
 * Validates a SOAP reply's Body payload against a compiled schema (for a Fault: the element in its detail);
 * returns the violations as text.
 */
export function replyViolations(body: string, schema: CompiledSchema): string[] {
  const parsed = parseXml(Buffer.from(body, 'utf8'));
  try {
    let payload = readEnvelope(parsed.root).payload;
    const fault = readFault(payload);
    if (fault) {
      if (!fault.detail) return ['Fault without detail'];
      payload = elements(fault.detail)[0] ?? payload;
    }
    return schema.validate(parsed, payload).map((v) => `${v.path}: ${v.message}`);
  } finally {
    parsed.dispose();
  }
}
