import { MAX_MESSAGE_NODES, parseXml, XmlInputError } from '../../xml/parse.js';
import type { CompiledSchema, Violation } from '../../xml/schema.js';
import { readEnvelope, readFault, SoapEnvelopeError } from '../../xml/soap.js';
import { elements, type XElement } from '../../xml/tree.js';
import { NativeProtocolError } from '../types.js';

/** A SOAP header block a service requires: found by qualified name, validated against its own schema. */
export interface HeaderBlockSpec {
  ns: string;
  name: string;
  schema: CompiledSchema;
}

/** The outcome of reading an XML message: its element tree, or why it could not be read. */
export type ReadResult =
  | {
      ok: true;
      root: XElement;
      header?: XElement;
      payload: XElement;
      /** The required header block, when one was asked for and found. */
      headerBlock?: XElement;
      /** Why the required header block is unusable (missing or invalid); the body itself is fine. */
      headerProblem?: string;
    }
  | { ok: false; problem: 'malformed' | 'envelope' | 'invalid'; message: string; violations: Violation[] };

/**
 * Reads a plain XML document (no SOAP envelope), validating its root against `schema`. The native parse tree is
 * released before returning; the element tree stays.
 */
export function readXmlDocument(body: string | Uint8Array, schema: CompiledSchema): ReadResult {
  return read(body, schema, false);
}

/**
 * Reads a SOAP 1.1 message and validates the Body's payload (a Fault is returned unvalidated). With `headerBlock`,
 * also finds that block in the Header and validates it while the parse tree is still at hand.
 */
export function readSoapMessage(
  body: string | Uint8Array,
  schema: CompiledSchema,
  headerBlock?: HeaderBlockSpec,
): ReadResult {
  return read(body, schema, true, headerBlock);
}

function read(
  body: string | Uint8Array,
  schema: CompiledSchema,
  soap: boolean,
  headerBlock?: HeaderBlockSpec,
): ReadResult {
  let parsed;
  try {
    parsed = parseXml(typeof body === 'string' ? Buffer.from(body, 'utf8') : body, { maxNodes: MAX_MESSAGE_NODES });
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
    if (!headerBlock) return { ok: true, root: parsed.root, header, payload };
    const block = header && elements(header).find((e) => e.ns === headerBlock.ns && e.name === headerBlock.name);
    if (!block) {
      const headerProblem = `The SOAP Header must carry {${headerBlock.ns}}${headerBlock.name}`;
      return { ok: true, root: parsed.root, header, payload, headerProblem };
    }
    const headerViolations = headerBlock.schema.validate(parsed, block);
    const headerProblem =
      headerViolations.length > 0
        ? `${headerBlock.name}: ${headerViolations.map((v) => `${v.path}: ${v.message}`).join('; ')}`
        : undefined;
    return { ok: true, root: parsed.root, header, payload, headerBlock: block, headerProblem };
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
