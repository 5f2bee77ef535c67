import { parseXml } from '../../src/xml/parse.js';
import type { CompiledSchema } from '../../src/xml/schema.js';
import { readEnvelope } from '../../src/xml/soap.js';

/** Validates a SOAP reply's Body payload against a compiled schema; returns the violations as text. */
export function replyViolations(body: string, schema: CompiledSchema): string[] {
  const parsed = parseXml(Buffer.from(body, 'utf8'));
  try {
    return schema.validate(parsed, readEnvelope(parsed.root).payload).map((v) => `${v.path}: ${v.message}`);
  } finally {
    parsed.dispose();
  }
}
