/**
 * A small, namespace-aware element tree: what the emulator reads from and writes to the wire.
 * Elements carry their namespace URI and local name (never a prefix); prefixes are chosen at serialization.
 */
export interface XAttr {
  ns: string;
  name: string;
  value: string;
}

export type XChild = XElement | string;

export interface XElement {
  ns: string;
  name: string;
  attrs: XAttr[];
  children: XChild[];
  /** Source line, when the element was parsed. */
  line?: number;
}

export function isElement(child: XChild | undefined): child is XElement {
  return typeof child === 'object' && child !== null;
}

/** Builds an element. `children` may mix elements, strings, and undefined/false (skipped) for optional parts. */
export function el(
  ns: string,
  name: string,
  children: ReadonlyArray<XChild | undefined | null | false> | string = [],
  attrs: Record<string, string | undefined> = {},
): XElement {
  // Plain loops: every element of every message is built here, so no intermediate arrays (filter, entries).
  let list: XChild[];
  if (typeof children === 'string') list = [children];
  else {
    list = [];
    for (const c of children) if (c !== undefined && c !== null && c !== false) list.push(c);
  }
  const attrList: XAttr[] = [];
  for (const key in attrs) {
    const value = attrs[key];
    if (value !== undefined) attrList.push({ ns: '', name: key, value });
  }
  return { ns, name, attrs: attrList, children: list };
}

/** Optional leaf: an element with text, or undefined when the value is absent. */
export function leaf(
  ns: string,
  name: string,
  value: string | number | boolean | undefined | null,
): XElement | undefined {
  if (value === undefined || value === null) return undefined;
  return el(ns, name, String(value));
}

export function elements(parent: XElement): XElement[] {
  return parent.children.filter(isElement);
}

export function child(parent: XElement, ns: string, name: string): XElement | undefined {
  for (const c of parent.children) {
    if (isElement(c) && c.name === name && c.ns === ns) return c;
  }
  return undefined;
}

export function childrenNamed(parent: XElement, ns: string, name: string): XElement[] {
  return parent.children.filter((c): c is XElement => isElement(c) && c.name === name && c.ns === ns);
}

/** Text content of an element (concatenated descendant text). */
export function text(element: XElement | undefined): string {
  if (!element) return '';
  let out = '';
  for (const c of element.children) out += typeof c === 'string' ? c : text(c);
  return out;
}

/** Text of a child element, or undefined when the child is absent. */
export function childText(parent: XElement | undefined, ns: string, name: string): string | undefined {
  if (!parent) return undefined;
  const c = child(parent, ns, name);
  return c ? text(c) : undefined;
}

export function attr(element: XElement, name: string, ns = ''): string | undefined {
  return element.attrs.find((a) => a.name === name && a.ns === ns)?.value;
}

/** A readable path of local names for an element, e.g. /hamtaBastjanstInformation/generellaFrageparametrar. */
export function qualifiedName(element: XElement): string {
  return element.ns ? `{${element.ns}}${element.name}` : element.name;
}

/** Deep copy with every element in namespace `from` moved to namespace `to` (dialect echo, namespace variants). */
export function renamespace(element: XElement, from: string, to: string): XElement {
  return {
    ns: element.ns === from ? to : element.ns,
    name: element.name,
    attrs: element.attrs,
    children: element.children.map((c) => (isElement(c) ? renamespace(c, from, to) : c)),
  };
}
