import { SaxesParser, type SaxesTagNS } from 'saxes';
import type { XAttr, XElement } from './tree.js';

/** Namespace declarations are not attributes in the tree (libxml2 keeps them apart from an element's attributes). */
const XMLNS = 'http://www.w3.org/2000/xmlns/';
const UTF8 = /^utf-?8$/i;

/** Thrown inside the parser's handlers to give up (the caller then reads libxml2's tree instead). */
class NotReadHere extends Error {}

/**
 * The element tree of a document read from its bytes by saxes, a conforming XML 1.0 parser in JavaScript: several
 * times cheaper than converting libxml2's tree node by node through its WebAssembly wrappers (68 µs of 93 for a 2 KB
 * SSBTEK query), and, for a document libxml2 has not parsed, what lets readXml leave it unparsed. It is the same tree
 * libxml2's conversion gives: elements by namespace and local name, attributes in document order without namespace
 * declarations, adjacent text and CDATA joined, comments and processing instructions left out, each element's line
 * that of the end of its start tag.
 *
 * Undefined wherever the two readings could differ, and the caller converts libxml2's tree as before: bytes that
 * are not UTF-8 (a UTF-16 byte order mark, a declared encoding other than UTF-8), a carriage return not followed by
 * a line feed (libxml2 does not count it as a line), a DTD, a processing instruction in bytes libxml2 has not parsed, a
 * name or namespace name libxml2 may judge otherwise (below), anything saxes refuses.
 */
export function treeFromText(
  bytes: Uint8Array,
  /** libxml2 has parsed these bytes already: what it refuses is not in them (a processing instruction is read). */
  parsedByLibxml2 = false,
): XElement | undefined {
  if (!utf8ByItsStart(bytes)) return undefined;
  let text: string;
  try {
    text = DECODER.decode(bytes);
  } catch {
    return undefined;
  }
  // A DTD is refused (prescan.ts, parse.ts), never read here; looked for in the text, as few handlers as may be are
  // given to saxes (with 'error' and 'doctype' handlers too its parser object slows to a fifth of its speed).
  // Without an 'error' handler, saxes throws at the first error.
  if (holdsLoneCarriageReturn(text) || text.includes('<!DOCTYPE')) return undefined;
  const parser = new SaxesParser({ xmlns: true, position: true });
  const open: XElement[] = [];
  let root: XElement | undefined;
  const addText = (value: string): void => {
    const parent = open[open.length - 1];
    if (!parent) return;
    const children = parent.children;
    const last = children[children.length - 1];
    if (typeof last === 'string') children[children.length - 1] = last + value;
    else children.push(value);
  };
  parser.on('xmldecl', (declaration) => {
    if (declaration.encoding !== undefined && !UTF8.test(declaration.encoding)) throw new NotReadHere();
  });
  // saxes takes a processing instruction with no space after its target (`<?a?b?>`), which libxml2 refuses: one is
  // read only from bytes libxml2 has parsed (and skipped, as comments are; libxml2-wasm 0.7's tree ends at one).
  if (!parsedByLibxml2) {
    parser.on('processinginstruction', () => {
      throw new NotReadHere();
    });
  }
  parser.on('opentag', (tag: SaxesTagNS) => {
    if (!plainLocalName(tag.local)) throw new NotReadHere();
    const element: XElement = {
      ns: tag.uri,
      name: tag.local,
      attrs: attributesOf(tag),
      children: [],
      line: parser.line,
    };
    const parent = open[open.length - 1];
    if (parent) parent.children.push(element);
    else root = element;
    if (!tag.isSelfClosing) open.push(element);
  });
  parser.on('closetag', (tag) => {
    if (!tag.isSelfClosing) open.pop();
  });
  parser.on('text', addText);
  parser.on('cdata', addText);
  try {
    parser.write(text).close();
  } catch {
    return undefined;
  }
  return root;
}

// The byte order mark is left in: saxes skips one, and a second is the error libxml2 finds too.
const DECODER = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function attributesOf(tag: SaxesTagNS): XAttr[] {
  const attrs: XAttr[] = [];
  for (const key in tag.attributes) {
    const a = tag.attributes[key]!;
    if (!plainLocalName(a.local)) throw new NotReadHere();
    if (a.uri !== XMLNS) attrs.push({ ns: a.uri, name: a.local, value: a.value });
    else if (a.value !== '' && !PLAIN_ABSOLUTE_URI.test(a.value)) throw new NotReadHere();
  }
  return attrs;
}

/**
 * A local name as Namespaces in XML would have it, when it starts with an ASCII letter or "_" (saxes checks the whole
 * name is an XML name, in which "p:-a" and "p:a:b" are, but not the local part: libxml2 refuses them as QNames).
 */
function plainLocalName(local: string): boolean {
  const first = local.charCodeAt(0);
  const letter = first | 0x20;
  return ((letter >= 0x61 && letter <= 0x7a) || first === 0x5f) && !local.includes(':');
}

/** What a URI path segment, query or fragment may hold (RFC 3986 pchar, and "/" "?" after the path). */
const PCHAR = "(?:[A-Za-z0-9._~!$&'()*+,;=:@-]|%[0-9A-Fa-f]{2})";
/**
 * A namespace name libxml2 takes without a doubt: an absolute URI (RFC 3986) with a plain host and port if any, no
 * user information, no IP literal and no empty port. libxml2 refuses a namespace name that is not a URI ("a b", "%zz", "é",
 * "urn:x#a#b"), where saxes takes any string; anything not written this way is left for libxml2 to judge.
 */
const PLAIN_ABSOLUTE_URI = new RegExp(
  `^[A-Za-z][A-Za-z0-9+.-]*:(?://[A-Za-z0-9._~-]*(?::[0-9]+)?(?:/${PCHAR}*)*|(?!//)${PCHAR}*(?:/${PCHAR}*)*)` +
    `(?:\\?(?:${PCHAR}|[/?])*)?(?:#(?:${PCHAR}|[/?])*)?$`,
);

/** UTF-8 unless its first bytes say otherwise: a UTF-16 or UTF-32 byte order mark, or a zero byte among the first. */
function utf8ByItsStart(bytes: Uint8Array): boolean {
  const [b0, b1] = bytes;
  if (b0 === 0xfe || b0 === 0xff || b0 === 0x00 || b1 === 0x00) return false;
  return true;
}

function holdsLoneCarriageReturn(text: string): boolean {
  for (let at = text.indexOf('\r'); at !== -1; at = text.indexOf('\r', at + 1)) {
    if (text.charCodeAt(at + 1) !== 0x0a) return true;
  }
  return false;
}
