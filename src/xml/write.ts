import { PREFERRED_PREFIXES } from './namespaces.js';
import { isElement, type XElement } from './tree.js';
import { flatText } from './flat-text.js';

// The characters a text or attribute value must not hold literally, by code. A carriage return is written as a
// reference: a parser would read a literal one as a line feed.
const TEXT_SPECIAL = specialCodes('&<>\r');
const ATTR_SPECIAL = specialCodes('&<>"\n\r\t');

function specialCodes(chars: string): Uint8Array {
  const special = new Uint8Array(128);
  for (const c of chars) special[c.charCodeAt(0)] = 1;
  return special;
}

/** Whether `value` holds a character of `special`: a scan, cheaper than a regular expression on short values. */
function holdsAny(value: string, special: Uint8Array): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 128 && special[c] === 1) return true;
  }
  return false;
}

/**
 * Most values need no escape and are returned as they are. One that does (SKV's answer, a document escaped in
 * SSBTEK's reply) is rewritten by replace with a fixed replacement per character, V8's fastest path.
 */
export function escapeText(value: string): string {
  if (!holdsAny(value, TEXT_SPECIAL)) return value;
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

export function escapeAttr(value: string): string {
  if (!holdsAny(value, ATTR_SPECIAL)) return value;
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
}

/**
 * Serializes an element tree. Every namespace used anywhere in the tree is declared once on the root with a
 * prefix (never a default namespace), so unqualified elements (SKV, MIV local elements) stay unqualified.
 */
export function serialize(root: XElement, options: { declaration?: boolean } = {}): string {
  const names = new QNames(assignPrefixes(root));
  const head = options.declaration ? '<?xml version="1.0" encoding="UTF-8"?>' : '';
  // Flat: the text is kept (journal, kept answers) long after it is made (flat-text.ts). (Joining an array of the
  // parts instead was measured: no faster, and 5-8 MB more peak RSS per worker under the varied-person load.)
  return flatText(head + writeElement(root, names, true));
}

/** Prefixes for every namespace in the tree, in document order (no function made per element: a 500-person PU
 * reply has 40,000 of them). */
function assignPrefixes(root: XElement): Map<string, string> {
  const prefixes = new Map<string, string>();
  const used = new Set<string>();
  let counter = 0;
  const add = (ns: string): void => {
    if (!ns || prefixes.has(ns)) return;
    let prefix = PREFERRED_PREFIXES.get(ns);
    if (!prefix || used.has(prefix)) {
      do prefix = `ns${++counter}`;
      while (used.has(prefix));
    }
    prefixes.set(ns, prefix);
    used.add(prefix);
  };
  const visit = (element: XElement): void => {
    add(element.ns);
    for (const a of element.attrs) add(a.ns);
    for (const c of element.children) if (isElement(c)) visit(c);
  };
  visit(root);
  return prefixes;
}

/** Each qualified name written once per document: `prefix:name` strings are not made again for every element. */
class QNames {
  private readonly byNamespace = new Map<string, Map<string, string>>();

  constructor(readonly prefixes: Map<string, string>) {}

  of(ns: string, name: string): string {
    if (!ns) return name;
    let names = this.byNamespace.get(ns);
    if (!names) this.byNamespace.set(ns, (names = new Map()));
    let qname = names.get(name);
    if (qname === undefined) names.set(name, (qname = `${this.prefixes.get(ns)}:${name}`));
    return qname;
  }
}

/** One element as text (V8 builds a string by concatenation faster than by joining an array of parts). */
function writeElement(element: XElement, names: QNames, isRoot: boolean): string {
  const name = names.of(element.ns, element.name);
  let out = '<' + name;
  if (isRoot) {
    for (const [ns, prefix] of names.prefixes) out += ` xmlns:${prefix}="${escapeAttr(ns)}"`;
  }
  for (const a of element.attrs) out += ' ' + names.of(a.ns, a.name) + '="' + escapeAttr(a.value) + '"';
  if (element.children.length === 0) return out + '/>';
  out += '>';
  for (const c of element.children) out += typeof c === 'string' ? escapeText(c) : writeElement(c, names, false);
  return out + '</' + name + '>';
}
