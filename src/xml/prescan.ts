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

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const EQUALS = 0x3d;
const QUOT = 0x22;
const APOS = 0x27;
const BANG = 0x21;
const QUESTION = 0x3f;
const NEWLINE = 0x0a;

const COMMENT = Buffer.from('<!--');
const CDATA = Buffer.from('<![CDATA[');
const DOCTYPE = Buffer.from('<!DOCTYPE');

/**
 * Counts a document's nodes, attributes per element and depth over its bytes, before any tree exists, and throws
 * XmlInputError ('malformed') at the first limit passed; returns the count. The counting stops there, so refusing
 * a flood costs at most the limit's worth of scanning, whatever the body's size (one pass over the bytes, about a
 * nanosecond each; comment and CDATA ends are found with native searches). It reads well-formed XML exactly and
 * anything else approximately: libxml2 still decides well-formedness. UTF-16 and UTF-32 documents (by byte-order
 * mark or their first character) are re-encoded as UTF-8 first; every other encoding libxml2 reads here is
 * ASCII-compatible, so its markup is plain bytes.
 */
export function prescanXml(input: Uint8Array, limits: ScanLimits): number {
  const b = asciiCompatible(input);
  const n = b.length;
  let nodes = 0;
  let depth = 0;
  let i = 0;
  const refuse = (at: number, problem: string): never => {
    const line = lineAt(b, at);
    throw new XmlInputError('malformed', `The XML ${problem} (line ${line}).`, line);
  };
  const tooManyNodes = (at: number): never =>
    refuse(
      at,
      `has more than ${limits.maxNodes} nodes (elements, attributes, text); at most ${limits.maxNodes} are accepted`,
    );

  while (i < n) {
    if (b[i] !== LT) {
      // A text run: one node inside the document element (outside it, libxml2 keeps none).
      if (depth > 0 && ++nodes > limits.maxNodes) tooManyNodes(i);
      i = indexOfByte(b, LT, i);
      continue;
    }
    const next = b[i + 1];
    if (next === SLASH) {
      depth--;
      i = past(b, GT, i + 2);
    } else if (next === QUESTION) {
      if (++nodes > limits.maxNodes) tooManyNodes(i);
      i = pastSequence(b, '?>', i + 2);
    } else if (next === BANG) {
      if (++nodes > limits.maxNodes) tooManyNodes(i);
      if (startsWith(b, i, COMMENT)) i = pastSequence(b, '-->', i + 4);
      else if (startsWith(b, i, CDATA)) i = pastSequence(b, ']]>', i + 9);
      else if (startsWith(b, i, DOCTYPE)) throw new XmlInputError('dtd', DTD_REFUSED, lineAt(b, i));
      else i = past(b, GT, i + 2);
    } else {
      // A start tag: the element, and each attribute (an '=' outside quotes).
      const start = i;
      if (++nodes > limits.maxNodes) tooManyNodes(i);
      let attributes = 0;
      let empty = false;
      i++;
      while (i < n) {
        const c = b[i]!;
        if (c === GT) {
          empty = b[i - 1] === SLASH;
          i++;
          break;
        }
        if (c === QUOT || c === APOS) {
          i = past(b, c, i + 1);
          continue;
        }
        if (c === EQUALS) {
          if (++attributes > limits.maxAttributes) {
            refuse(
              i,
              `has an element with more than ${limits.maxAttributes} attributes; at most ${limits.maxAttributes} are accepted`,
            );
          }
          if (++nodes > limits.maxNodes) tooManyNodes(i);
        } else if (c === LT) {
          empty = true; // not well-formed (libxml2 will say so): resume at this '<'
          break;
        }
        i++;
      }
      if (!empty && ++depth > limits.maxDepth) {
        refuse(start, `nests elements deeper than ${limits.maxDepth} levels; at most ${limits.maxDepth} are accepted`);
      }
    }
  }
  return nodes;
}

/** The index just past the next byte `c` at or after `from` (past the end when there is none). */
function past(b: Buffer, c: number, from: number): number {
  return indexOfByte(b, c, from) + 1;
}

/**
 * The index of the next byte `c` at or after `from`, or the length when there is none: a short run is looked at in
 * JavaScript (a native call costs more than a few bytes do), a long one with a native search.
 */
function indexOfByte(b: Buffer, c: number, from: number): number {
  const near = Math.min(b.length, from + 32);
  for (let i = from; i < near; i++) if (b[i] === c) return i;
  if (near === b.length) return b.length;
  const at = b.indexOf(c, near);
  return at < 0 ? b.length : at;
}

/** The index just past the next `sequence` at or after `from` (the end when there is none). */
function pastSequence(b: Buffer, sequence: string, from: number): number {
  const at = b.indexOf(sequence, from, 'latin1');
  return at < 0 ? b.length : at + sequence.length;
}

function startsWith(b: Uint8Array, at: number, prefix: Uint8Array): boolean {
  for (let k = 0; k < prefix.length; k++) if (b[at + k] !== prefix[k]) return false;
  return true;
}

function lineAt(b: Buffer, at: number): number {
  const before = b.subarray(0, at);
  let line = 1;
  for (let i = before.indexOf(NEWLINE); i >= 0; i = before.indexOf(NEWLINE, i + 1)) line++;
  return line;
}

/**
 * The document's bytes as an ASCII-compatible encoding: as they are, or re-encoded as UTF-8 when the document is
 * UTF-16 or UTF-32, recognised as XML 1.0 appendix F does (byte-order mark, or '<' as the first character).
 */
function asciiCompatible(input: Uint8Array): Buffer {
  const b = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const at = (i: number): number => b[i] ?? -1;
  let text: string | undefined;
  if (at(0) === 0xff && at(1) === 0xfe && at(2) === 0 && at(3) === 0) text = utf32(b, 4, true);
  else if (at(0) === 0 && at(1) === 0 && at(2) === 0xfe && at(3) === 0xff) text = utf32(b, 4, false);
  else if (at(0) === LT && at(1) === 0 && at(2) === 0 && at(3) === 0) text = utf32(b, 0, true);
  else if (at(0) === 0 && at(1) === 0 && at(2) === 0 && at(3) === LT) text = utf32(b, 0, false);
  else if ((at(0) === 0xff && at(1) === 0xfe) || (at(0) === LT && at(1) === 0))
    text = new TextDecoder('utf-16le').decode(b);
  else if ((at(0) === 0xfe && at(1) === 0xff) || (at(0) === 0 && at(1) === LT))
    text = new TextDecoder('utf-16be').decode(b);
  return text === undefined ? b : Buffer.from(text, 'utf8');
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
