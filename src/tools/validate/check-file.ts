import fs from 'node:fs/promises';
import { fillPlaceholders } from '../../examples/placeholders.js';
import { todayInSweden } from '../../population/dates.js';
import { PlaceholderError } from '../../population/relative-dates.js';
import { NS } from '../../xml/namespaces.js';
import { parseXml, XmlInputError, type ParsedXml } from '../../xml/parse.js';
import { readEnvelope, readFault, SoapEnvelopeError } from '../../xml/soap.js';
import { elements, type XElement } from '../../xml/tree.js';
import { clark, type SchemaRegistry } from './schemas.js';

/** valid: passed its schema; invalid: read, but wrong (schema, envelope, unknown element); unreadable: not XML. */
export type FileStatus = 'valid' | 'invalid' | 'unreadable';

export interface Problem {
  line: number;
  col: number;
  /** Path of local names to the element concerned, '' when the problem is the whole file. */
  path: string;
  message: string;
}

export interface FileResult {
  file: string;
  status: FileStatus;
  /** The schema the file was validated against, when one was chosen. */
  schema?: string;
  problems: Problem[];
}

/** The element to validate, with its readable path, or the reason there is none. */
type Target = { element: XElement; path: string } | { problem: Problem };

/**
 * Reads, parses (the project's safe parser: no DTD, nothing fetched) and validates one file. The parsed document
 * is disposed before returning, so memory stays flat however many files are checked.
 */
export async function checkFile(file: string, registry: SchemaRegistry, schemaOverride?: string): Promise<FileResult> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'EISDIR' ? 'is a directory' : (error as Error).message;
    return unreadable(file, 0, `The file cannot be read: ${reason}`);
  }
  return checkBytes(file, bytes, registry, schemaOverride);
}

/**
 * Parses and validates one document given as bytes (`file` names it in the result): what checkFile does once the
 * file is read, and what the admin API's POST /__admin/validate does with a pasted document.
 */
export function checkBytes(file: string, bytes: Buffer, registry: SchemaRegistry, schemaOverride?: string): FileResult {
  // A shipped example's dates are written relative to today ({{today-1m}}): validated as it is sent today.
  if (bytes.includes('{{')) {
    try {
      bytes = Buffer.from(fillPlaceholders(bytes.toString('utf8'), todayInSweden()), 'utf8');
    } catch (error) {
      if (!(error instanceof PlaceholderError)) throw error;
      const message = error.message.replace(/^line \d+: /, '');
      return { file, status: 'invalid', problems: [{ line: error.line, col: 0, path: '', message }] };
    }
  }
  let parsed: ParsedXml;
  try {
    parsed = parseXml(bytes);
  } catch (error) {
    if (!(error instanceof XmlInputError)) throw error;
    // parseXml speaks of a request body; here it is a file.
    if (error.kind === 'empty') return unreadable(file, 0, 'The file is empty.');
    // parseXml puts libxml2's column in its message; move it to where an editor looks for it.
    const where = /\s*\(line (\d+), column (\d+)\)$/.exec(error.message);
    if (!where) return unreadable(file, error.line ?? 0, error.message);
    const message = error.message.slice(0, where.index);
    return unreadable(file, Number(where[1]), message, Number(where[2]));
  }
  try {
    return validateParsed(file, parsed, registry, schemaOverride);
  } finally {
    parsed.dispose();
  }
}

function validateParsed(
  file: string,
  parsed: ParsedXml,
  registry: SchemaRegistry,
  schemaOverride: string | undefined,
): FileResult {
  const target = validationTarget(parsed.root);
  if ('problem' in target) return { file, status: 'invalid', problems: [target.problem] };
  const { element, path } = target;
  const schema = schemaOverride ?? registry.schemaFor(element);
  if (!schema) {
    const message =
      `No bundled schema declares the element ${clark(element.ns, element.name)}` +
      ' (choose one with --schema; --list-schemas shows them).';
    return { file, status: 'invalid', problems: [{ line: element.line ?? 0, col: 0, path, message }] };
  }
  const problems = registry
    .compiledSchema(schema)
    .validate(parsed, element)
    .map((v) => ({ line: v.line, col: v.col, path: v.path, message: v.message }));
  return { file, status: problems.length === 0 ? 'valid' : 'invalid', schema, problems };
}

/**
 * What a file's schema is chosen by: the document element, or for a SOAP envelope the Body's element (for a
 * Fault, its detail's first element: that is where the services put their own fault messages).
 */
function validationTarget(root: XElement): Target {
  const isEnvelope = root.name === 'Envelope' && (root.ns === NS.soapEnv || root.ns === NS.soap12Env);
  if (!isEnvelope) return { element: root, path: `/${root.name}` };
  let payload: XElement;
  try {
    payload = readEnvelope(root).payload;
  } catch (error) {
    if (!(error instanceof SoapEnvelopeError)) throw error;
    return { problem: { line: root.line ?? 0, col: 0, path: `/${root.name}`, message: error.message } };
  }
  const payloadPath = `/Envelope/Body/${payload.name}`;
  const fault = readFault(payload);
  if (!fault) return { element: payload, path: payloadPath };
  const detailChild = fault.detail && elements(fault.detail)[0];
  if (!detailChild) {
    const message = 'The SOAP Fault has no detail element: nothing in it is declared by a bundled schema.';
    return { problem: { line: payload.line ?? 0, col: 0, path: payloadPath, message } };
  }
  return { element: detailChild, path: `${payloadPath}/detail/${detailChild.name}` };
}

function unreadable(file: string, line: number, message: string, col = 0): FileResult {
  return { file, status: 'unreadable', problems: [{ line, col, path: '', message }] };
}
