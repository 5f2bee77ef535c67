import { PREFERRED_PREFIXES } from './namespaces.js';
import { isElement, type XElement } from './tree.js';
import { flatText } from './flat-text.js';

// A carriage return is written as a reference: a parser would read a literal one as a line feed.
const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#13;' };
const ATTR_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\n': '&#10;',
  '\r': '&#13;',
  '\t': '&#9;',
};

const TEXT_SPECIAL = /[&<>\r]/;
const ATTR_SPECIAL = /[&<>"\n\r\t]/;

export function escapeText(value: string): string {
  // Most values need no escape: testing first spares a replace (and its new string) per value.
  return TEXT_SPECIAL.test(value) ? value.replace(/[&<>\r]/g, (c) => TEXT_ESCAPES[c] ?? c) : value;
}

export function escapeAttr(value: string): string {
  return ATTR_SPECIAL.test(value) ? value.replace(/[&<>"\n\r\t]/g, (c) => ATTR_ESCAPES[c] ?? c) : value;
}

/**
 * Serializes an element tree. Every namespace used anywhere in the tree is declared once on the root with a
 * prefix (never a default namespace), so unqualified elements (SKV, MIV local elements) stay unqualified.
 */
export function serialize(root: XElement, options: { declaration?: boolean } = {}): string {
  const names = new QNames(assignPrefixes(root));
  const head = options.declaration ? '<?xml version="1.0" encoding="UTF-8"?>' : '';
  // Flat: the text is kept (journal, kept answers) long after it is made (flat-text.ts).
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
