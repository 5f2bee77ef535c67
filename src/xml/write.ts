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
  const prefixes = new PrefixAssignment();
  prefixes.visit(root);
  return prefixes.map;
}

/** Namespaces given prefixes as elements are visited: the preferred one, else ns1, ns2, ... in first-seen order. */
class PrefixAssignment {
  readonly map = new Map<string, string>();
  private readonly used = new Set<string>();
  private counter = 0;

  visit(element: XElement): void {
    this.add(element.ns);
    for (const a of element.attrs) this.add(a.ns);
    for (const c of element.children) if (isElement(c)) this.visit(c);
  }

  private add(ns: string): void {
    if (!ns || this.map.has(ns)) return;
    let prefix = PREFERRED_PREFIXES.get(ns);
    if (!prefix || this.used.has(prefix)) {
      do prefix = `ns${++this.counter}`;
      while (this.used.has(prefix));
    }
    this.map.set(ns, prefix);
    this.used.add(prefix);
  }
}

/**
 * A document whose last element (`list`, with no children of its own yet, on the root's last-child path) receives
 * a long run of elements, each written as it is added, so that a caller need not hold every item's tree until the
 * end (a 500-person PU reply). text() gives what serialize() gives for the whole tree.
 */
export class ListDocumentWriter {
  private readonly prefixes = new PrefixAssignment();
  private readonly names = new QNames(this.prefixes.map);
  private items = '';
  private count = 0;

  constructor(
    private readonly root: XElement,
    private readonly list: XElement,
  ) {
    let last: XElement | undefined = root;
    while (last && last !== list) last = lastElement(last);
    if (last !== list || list.children.length > 0)
      throw new Error('ListDocumentWriter: the list must be the childless last element of the document');
    this.prefixes.visit(root);
  }

  add(item: XElement): void {
    this.prefixes.visit(item);
    // Flat at once: a rope of its pieces would keep as many cells alive as the tree it was written from.
    this.items += flatText(writeElement(item, this.names, false));
    this.count++;
  }

  text(options: { declaration?: boolean } = {}): string {
    const head = options.declaration ? '<?xml version="1.0" encoding="UTF-8"?>' : '';
    return flatText(head + this.write(this.root, true));
  }

  /** writeElement, with the items in the list (the last element of every element on the way to it). */
  private write(element: XElement, isRoot: boolean): string {
    const isList = element === this.list;
    if (isList ? this.count === 0 : element.children.length === 0) return writeElement(element, this.names, isRoot);
    const name = this.names.of(element.ns, element.name);
    let out = openTag(element, name, this.names, isRoot) + '>';
    if (isList) out += this.items;
    else {
      const last = element.children.length - 1;
      element.children.forEach((c, i) => {
        if (typeof c === 'string') out += escapeText(c);
        else out += i === last ? this.write(c, false) : writeElement(c, this.names, false);
      });
    }
    return out + '</' + name + '>';
  }
}

function lastElement(element: XElement): XElement | undefined {
  const last = element.children[element.children.length - 1];
  return isElement(last) ? last : undefined;
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
  let out = openTag(element, name, names, isRoot);
  if (element.children.length === 0) return out + '/>';
  out += '>';
  for (const c of element.children) out += typeof c === 'string' ? escapeText(c) : writeElement(c, names, false);
  return out + '</' + name + '>';
}

/** `<name` with the root's namespace declarations and the attributes, unclosed (the element's children decide). */
function openTag(element: XElement, name: string, names: QNames, isRoot: boolean): string {
  let out = '<' + name;
  if (isRoot) {
    for (const [ns, prefix] of names.prefixes) out += ` xmlns:${prefix}="${escapeAttr(ns)}"`;
  }
  for (const a of element.attrs) out += ' ' + names.of(a.ns, a.name) + '="' + escapeAttr(a.value) + '"';
  return out;
}
