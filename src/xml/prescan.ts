import { DTD_REFUSED, XmlInputError } from './parse-error.js';

/** What a document may hold before libxml2 is asked to build its tree. */
export interface ScanLimits {
  /** Nodes: elements, attributes (namespace declarations included), text runs, CDATA, comments, PIs. */
  maxNodes: number;
  /** Attributes on one element: libxml2 checks each new one against those before it. */
  maxAttributes: number;
  /** Element nesting; libxml2's own limit (without XML_PARSE_HUGE) is 256. */
  maxDepth: number;
}

/** One way of reading the document's characters: its bytes (ASCII-compatible encodings) or a decoded string. */
interface Source {
  readonly length: number;
  code(i: number): number;
  /** The index of `pattern` at or after `from` (and before `before`, when given), or -1. */
  find(pattern: string, from: number, before?: number): number;
}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const EQUALS = 0x3d;
const QUOT = 0x22;
const APOS = 0x27;
const BANG = 0x21;
const QUESTION = 0x3f;

/**
 * Counts a document's nodes, attributes per element and depth over its bytes, before any tree exists, and throws
 * XmlInputError ('malformed') at the first limit passed. The counting stops there, so refusing a flood costs at
 * most the limit's worth of scanning, whatever the body's size; comments, CDATA, attribute values and text are
 * skipped with native searches. Returns the count. It reads well-formed XML exactly and anything else approximately: libxml2 still
 * decides well-formedness. UTF-16 and UTF-32 documents (by byte-order mark or their first character) are decoded
 * first; every other encoding libxml2 reads here is ASCII-compatible, so its markup is plain bytes.
 */
export function prescanXml(bytes: Uint8Array, limits: ScanLimits): number {
  const source = sourceOf(bytes);
  let nodes = 0;
  let depth = 0;
  let i = 0;
  const refuse = (at: number, problem: string): never => {
    const line = lineAt(source, at);
    throw new XmlInputError('malformed', `The XML ${problem} (line ${line}).`, line);
  };
  const countNode = (at: number): void => {
    if (++nodes > limits.maxNodes) {
      refuse(
        at,
        `has more than ${limits.maxNodes} nodes (elements, attributes, text); at most ${limits.maxNodes} are accepted`,
      );
    }
  };
  while (i < source.length) {
    const lt = source.find('<', i);
    // Text counts inside the document element only (outside it, libxml2 keeps none).
    if (lt < 0) {
      if (i < source.length && depth > 0) countNode(i);
      break;
    }
    if (lt > i && depth > 0) countNode(i);
    const next = source.code(lt + 1);
    if (next === SLASH) {
      depth--;
      i = after(source, '>', lt);
    } else if (next === QUESTION) {
      countNode(lt);
      i = after(source, '?>', lt);
    } else if (next === BANG) {
      countNode(lt);
      if (startsWith(source, lt, '<!--')) i = after(source, '-->', lt + 4);
      else if (startsWith(source, lt, '<![CDATA[')) i = after(source, ']]>', lt + 9);
      else if (startsWith(source, lt, '<!DOCTYPE')) throw new XmlInputError('dtd', DTD_REFUSED, lineAt(source, lt));
      else i = after(source, '>', lt);
    } else {
      countNode(lt);
      const tag = scanStartTag(source, lt + 1, limits.maxAttributes, countNode, refuse);
      i = tag.end;
      if (!tag.empty && ++depth > limits.maxDepth) {
        refuse(lt, `nests elements deeper than ${limits.maxDepth} levels; at most ${limits.maxDepth} are accepted`);
      }
    }
  }
  return nodes;
}

/** Reads a start tag from just after its '<': counts its attributes; returns where it ends and whether it is empty. */
function scanStartTag(
  source: Source,
  from: number,
  maxAttributes: number,
  countNode: (at: number) => void,
  refuse: (at: number, problem: string) => never,
): { end: number; empty: boolean } {
  let attributes = 0;
  let i = from;
  while (i < source.length) {
    const c = source.code(i);
    if (c === GT) return { end: i + 1, empty: source.code(i - 1) === SLASH };
    if (c === QUOT || c === APOS) {
      i = after(source, c === QUOT ? '"' : "'", i + 1);
      continue;
    }
    if (c === EQUALS) {
      if (++attributes > maxAttributes) {
        refuse(i, `has an element with more than ${maxAttributes} attributes; at most ${maxAttributes} are accepted`);
      }
      countNode(i);
    } else if (c === LT) {
      // Not well-formed; libxml2 will say so. Resume at this '<'.
      return { end: i, empty: true };
    }
    i++;
  }
  return { end: i, empty: true };
}

function startsWith(source: Source, at: number, pattern: string): boolean {
  for (let k = 0; k < pattern.length; k++) if (source.code(at + k) !== pattern.charCodeAt(k)) return false;
  return true;
}

/** The index just past the next `pattern` at or after `from`, or the end when there is none. */
function after(source: Source, pattern: string, from: number): number {
  const at = source.find(pattern, from);
  return at < 0 ? source.length : at + pattern.length;
}

function lineAt(source: Source, at: number): number {
  let line = 1;
  for (let i = source.find('\n', 0, at); i >= 0; i = source.find('\n', i + 1, at)) line++;
  return line;
}

function sourceOf(bytes: Uint8Array): Source {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = decodedText(buffer);
  if (text !== undefined) {
    return {
      length: text.length,
      code: (i) => text.charCodeAt(i),
      find: (p, from, before) => {
        const at = text.indexOf(p, from);
        return before !== undefined && at >= before ? -1 : at;
      },
    };
  }
  return {
    length: buffer.length,
    code: (i) => buffer[i] ?? -1,
    // A one-character pattern is searched for as its byte (no needle to build on every call).
    find: (p, from, before) => {
      const within = before === undefined ? buffer : buffer.subarray(0, before);
      return p.length === 1 ? within.indexOf(p.charCodeAt(0), from) : within.indexOf(p, from, 'latin1');
    },
  };
}

/**
 * The text of a UTF-16 or UTF-32 document, recognised as XML 1.0 appendix F does (byte-order mark, or '<' as the
 * first character); undefined for the ASCII-compatible encodings, which are scanned as bytes.
 */
function decodedText(b: Buffer): string | undefined {
  const at = (i: number): number => b[i] ?? -1;
  if (at(0) === 0xff && at(1) === 0xfe && at(2) === 0 && at(3) === 0) return utf32(b, 4, true);
  if (at(0) === 0 && at(1) === 0 && at(2) === 0xfe && at(3) === 0xff) return utf32(b, 4, false);
  if (at(0) === LT && at(1) === 0 && at(2) === 0 && at(3) === 0) return utf32(b, 0, true);
  if (at(0) === 0 && at(1) === 0 && at(2) === 0 && at(3) === LT) return utf32(b, 0, false);
  if ((at(0) === 0xff && at(1) === 0xfe) || (at(0) === LT && at(1) === 0)) return new TextDecoder('utf-16le').decode(b);
  if ((at(0) === 0xfe && at(1) === 0xff) || (at(0) === 0 && at(1) === LT)) return new TextDecoder('utf-16be').decode(b);
  return undefined;
}

function utf32(b: Buffer, from: number, littleEndian: boolean): string {
  const parts: string[] = [];
  const chunk: number[] = [];
  for (let i = from; i + 3 < b.length; i += 4) {
    const cp = littleEndian ? b.readUInt32LE(i) : b.readUInt32BE(i);
    chunk.push(cp <= 0x10ffff ? cp : 0xfffd);
    if (chunk.length === 8192) parts.push(String.fromCodePoint(...chunk.splice(0)));
  }
  parts.push(String.fromCodePoint(...chunk));
  return parts.join('');
}
