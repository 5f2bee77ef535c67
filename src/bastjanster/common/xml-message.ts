import { parseXml, XmlInputError } from '../../xml/parse.js';
import type { CompiledSchema, Violation } from '../../xml/schema.js';
import { readEnvelope, readFault, SoapEnvelopeError } from '../../xml/soap.js';
import type { XElement } from '../../xml/tree.js';
import { NativeProtocolError } from '../types.js';

/** The outcome of reading an XML message: its element tree, or why it could not be read. */
export type ReadResult =
  | { ok: true; root: XElement; header?: XElement; payload: XElement }
  | { ok: false; problem: 'malformed' | 'envelope' | 'invalid'; message: string; violations: Violation[] };

/**
 * Reads a plain XML document (no SOAP envelope), validating its root against `schema`. The native parse tree is
 * released before returning; the element tree stays.
 */
export function readXmlDocument(body: string | Uint8Array, schema: CompiledSchema): ReadResult {
  return read(body, schema, false);
}

/** Reads a SOAP 1.1 message and validates the Body's payload (a Fault is returned unvalidated). */
export function readSoapMessage(body: string | Uint8Array, schema: CompiledSchema): ReadResult {
  return read(body, schema, true);
}

function read(body: string | Uint8Array, schema: CompiledSchema, soap: boolean): ReadResult {
  let parsed;
  try {
    parsed = parseXml(typeof body === 'string' ? Buffer.from(body, 'utf8') : body);
  } catch (error) {
    if (error instanceof XmlInputError)
      return { ok: false, problem: 'malformed', message: error.message, violations: [] };
    throw error;
  }
  try {
    let header: XElement | undefined;
    let payload = parsed.root;
    if (soap) {
      try {
        ({ header, payload } = readEnvelope(parsed.root));
      } catch (error) {
        if (error instanceof SoapEnvelopeError)
          return { ok: false, problem: 'envelope', message: error.message, violations: [] };
        throw error;
      }
      if (readFault(payload)) return { ok: true, root: parsed.root, header, payload };
    }
    const violations = schema.validate(parsed, payload);
    if (violations.length > 0) {
      return {
        ok: false,
        problem: 'invalid',
        message: violations.map((v) => `${v.path}: ${v.message}`).join('; '),
        violations,
      };
    }
    return { ok: true, root: parsed.root, header, payload };
  } finally {
    parsed.dispose();
  }
}

/** For adapters: the native answer must be readable and valid, else it is a §7.3.1 technical error (2001). */
export function expectValid(
  result: ReadResult,
  service: string,
): { root: XElement; header?: XElement; payload: XElement } {
  if (!result.ok) throw new NativeProtocolError(`${service} answered ${result.problem} XML: ${result.message}`);
  return result;
}
