import { MAX_MESSAGE_NODES, parseBuiltXml, parseXml, XmlInputError } from '../../xml/parse.js';
import type { CompiledSchema, Violation } from '../../xml/schema.js';
import { readEnvelope, readFault, SoapEnvelopeError } from '../../xml/soap.js';
import { elements, type XElement } from '../../xml/tree.js';
import { NativeProtocolError } from '../types.js';
import type { BuiltDocuments } from './built.js';

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

/** Where a message came from, when it was built in this process (common/built.ts). */
export interface BuiltSource {
  /** The trees of the message's documents by their text; `key` (default: the body, when text) is looked up. */
  built?: BuiltDocuments;
  key?: string;
  /**
   * Whether a built document is still validated (libxml2 parses the bytes, without converting them into a tree,
   * and validates). True for what a service receives (its own error codes follow from its schema); false for a
   * native answer made by this process's own emulator, which the tests prove valid for its service's schema.
   */
  validate?: boolean;
}

/** A native answer as an adapter reads it: the emulator's own tree when it was made in this process. */
export function answerSource(response: { built?: BuiltDocuments }, key?: string): BuiltSource {
  return { built: response.built, validate: false, ...(key !== undefined && { key }) };
}

/**
 * Reads a plain XML document (no SOAP envelope), validating its root against `schema`. The native parse tree is
 * released before returning; the element tree stays.
 */
export function readXmlDocument(body: string | Uint8Array, schema: CompiledSchema, source?: BuiltSource): ReadResult {
  return read(body, schema, false, undefined, source);
}

/**
 * Reads a SOAP 1.1 message and validates the Body's payload (a Fault is returned unvalidated). With `headerBlock`,
 * also finds that block in the Header and validates it while the parse tree is still at hand.
 */
export function readSoapMessage(
  body: string | Uint8Array,
  schema: CompiledSchema,
  headerBlock?: HeaderBlockSpec,
  source?: BuiltSource,
): ReadResult {
  return read(body, schema, true, headerBlock, source);
}

function read(
  body: string | Uint8Array,
  schema: CompiledSchema,
  soap: boolean,
  headerBlock?: HeaderBlockSpec,
  source?: BuiltSource,
): ReadResult {
  const key = source?.key ?? (typeof body === 'string' ? body : undefined);
  const built = key === undefined ? undefined : source?.built?.get(key);
  if (built && source?.validate === false && !headerBlock) return readBuilt(built, soap);
  const shown = built && shownValidBuilt(built, schema, soap, headerBlock);
  if (shown) return shown;
  let parsed;
  try {
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    // With the built tree at hand, libxml2's tree is only validated: nothing of it is converted into JavaScript.
    parsed = built ? parseBuiltXml(bytes, built) : parseXml(bytes, { maxNodes: MAX_MESSAGE_NODES });
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
    const block = header && findBlock(header, headerBlock);
    if (!block) return { ok: true, root: parsed.root, header, payload, headerProblem: missingBlock(headerBlock) };
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

function missingBlock(spec: HeaderBlockSpec): string {
  return `The SOAP Header must carry {${spec.ns}}${spec.name}`;
}

/**
 * A message this process built, shown valid on its own tree (CompiledSchema.shownValid): what read() would give
 * after libxml2 parsed and validated its bytes. Undefined when not shown valid (or a Fault, or a header that is
 * not): then read() asks libxml2, for the verdict and its messages.
 */
function shownValidBuilt(
  root: XElement,
  schema: CompiledSchema,
  soap: boolean,
  headerBlock?: HeaderBlockSpec,
): ReadResult | undefined {
  let header: XElement | undefined;
  let payload = root;
  if (soap) {
    try {
      ({ header, payload } = readEnvelope(root));
    } catch {
      return undefined;
    }
    if (readFault(payload)) return undefined;
  }
  if (!schema.shownValid(payload, root)) return undefined;
  if (!headerBlock) return { ok: true, root, header, payload };
  const block = header && findBlock(header, headerBlock);
  if (!block) return { ok: true, root, header, payload, headerProblem: missingBlock(headerBlock) };
  if (!headerBlock.schema.shownValid(block)) return undefined;
  return { ok: true, root, header, payload, headerBlock: block };
}

function findBlock(header: XElement, spec: HeaderBlockSpec): XElement | undefined {
  return elements(header).find((e) => e.ns === spec.ns && e.name === spec.name);
}

/**
 * A native answer this process built, read from its own tree (valid by the tests). The same parts
 * a parse would give: the serializer writes no whitespace of its own and escapes what a parser would normalize.
 */
function readBuilt(root: XElement, soap: boolean): ReadResult & { ok: true } {
  if (!soap) return { ok: true, root, payload: root };
  const { header, payload } = readEnvelope(root);
  return { ok: true, root, header, payload };
}

/** For adapters: the native answer must be readable and valid, else it is a §7.3.1 technical error (2001). */
export function expectValid(
  result: ReadResult,
  service: string,
): { root: XElement; header?: XElement; payload: XElement } {
  if (!result.ok) throw new NativeProtocolError(`${service} answered ${result.problem} XML: ${result.message}`);
  return result;
}
