import { PREFERRED_PREFIXES } from './namespaces.js';
import { isElement, type XElement } from './tree.js';

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

export function escapeText(value: string): string {
  return value.replace(/[&<>\r]/g, (c) => TEXT_ESCAPES[c] ?? c);
}

export function escapeAttr(value: string): string {
  return value.replace(/[&<>"\n\r\t]/g, (c) => ATTR_ESCAPES[c] ?? c);
}

/**
 * Serializes an element tree. Every namespace used anywhere in the tree is declared once on the root with a
 * prefix (never a default namespace), so unqualified elements (SKV, MIV local elements) stay unqualified.
 */
export function serialize(root: XElement, options: { declaration?: boolean } = {}): string {
  const prefixes = assignPrefixes(root);
  const parts: string[] = [];
  if (options.declaration) parts.push('<?xml version="1.0" encoding="UTF-8"?>');
  writeElement(root, prefixes, parts, true);
  return parts.join('');
}

function assignPrefixes(root: XElement): Map<string, string> {
  const prefixes = new Map<string, string>();
  const used = new Set<string>();
  let counter = 0;
  const visit = (element: XElement): void => {
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
    add(element.ns);
    for (const a of element.attrs) add(a.ns);
    for (const c of element.children) if (isElement(c)) visit(c);
  };
  visit(root);
  return prefixes;
}

function qname(ns: string, name: string, prefixes: Map<string, string>): string {
  return ns ? `${prefixes.get(ns)}:${name}` : name;
}

function writeElement(element: XElement, prefixes: Map<string, string>, out: string[], isRoot: boolean): void {
  const name = qname(element.ns, element.name, prefixes);
  out.push('<', name);
  if (isRoot) {
    for (const [ns, prefix] of prefixes) out.push(` xmlns:${prefix}="${escapeAttr(ns)}"`);
  }
  for (const a of element.attrs) out.push(' ', qname(a.ns, a.name, prefixes), '="', escapeAttr(a.value), '"');
  if (element.children.length === 0) {
    out.push('/>');
    return;
  }
  out.push('>');
  for (const c of element.children) {
    if (typeof c === 'string') out.push(escapeText(c));
    else writeElement(c, prefixes, out, false);
  }
  out.push('</', name, '>');
}
