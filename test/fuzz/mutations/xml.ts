/**
 * Structural mutations of an XML element tree (drop, duplicate, reorder, retype, wrong namespace, rename, random
 * attribute, mixed text), the writers that put a tree back into text (prefixed or default namespaces), and the
 * generators of whole XML cases over a set of base documents.
 *
 * Mutations carry plain numbers for positions (taken modulo what the document has when applied), so one mutation
 * applies to any document and fast-check can shrink a failure to a small, replayable case.
 */
import fc from 'fast-check';
import { NS } from '../../../src/xml/namespaces.js';
import { parseXml } from '../../../src/xml/parse.js';
import { escapeAttr, escapeText, serialize } from '../../../src/xml/write.js';
import { isElement, type XAttr, type XChild, type XElement } from '../../../src/xml/tree.js';
import { byteMutationsArb, mutateBytes, type ByteMutation } from './bytes.js';
import { valueArb } from './values.js';

// ---------------------------------------------------------------------------------------------------------------
// Trees

/** Parses a (valid) document into a plain element tree, without source lines. */
export function treeOf(xml: string): XElement {
  const parsed = parseXml(Buffer.from(xml, 'utf8'));
  try {
    return clone(parsed.root);
  } finally {
    parsed.dispose();
  }
}

export function clone(element: XElement): XElement {
  return {
    ns: element.ns,
    name: element.name,
    attrs: element.attrs.map((a) => ({ ...a })),
    children: element.children.map((c) => (isElement(c) ? clone(c) : c)),
  };
}

interface Located {
  element: XElement;
  parent?: XElement;
}

/** Every element in document order, with its parent. */
function walk(root: XElement): Located[] {
  const out: Located[] = [{ element: root }];
  const visit = (parent: XElement): void => {
    for (const c of parent.children) {
      if (!isElement(c)) continue;
      out.push({ element: c, parent });
      visit(c);
    }
  };
  visit(root);
  return out;
}

export type XmlMutation =
  | { kind: 'drop'; at: number }
  | { kind: 'duplicate'; at: number }
  | { kind: 'reorder'; at: number; with: number }
  | { kind: 'retype'; at: number; value: string }
  | { kind: 'namespace'; at: number; ns: string }
  | { kind: 'rename'; at: number; name: string }
  | { kind: 'attribute'; at: number; attr: XAttr }
  | { kind: 'mixed-text'; at: number; value: string };

/** Applies mutations to a copy of `root`; the root element itself is never dropped, duplicated or moved. */
export function mutateTree(root: XElement, mutations: readonly XmlMutation[]): XElement {
  const copy = clone(root);
  for (const m of mutations) applyXml(copy, m);
  return copy;
}

function applyXml(root: XElement, m: XmlMutation): void {
  const all = walk(root);
  const target = all[m.at % all.length];
  if (!target) return;
  const { element, parent } = target;
  const siblings = parent?.children;
  const index = siblings ? siblings.indexOf(element) : -1;
  switch (m.kind) {
    case 'drop':
      if (siblings) siblings.splice(index, 1);
      return;
    case 'duplicate':
      if (siblings) siblings.splice(index + 1, 0, clone(element));
      return;
    case 'reorder': {
      if (!siblings) return;
      const elementIndexes = siblings.flatMap((c, i) => (isElement(c) ? [i] : []));
      const other = elementIndexes[m.with % elementIndexes.length];
      if (other === undefined || other === index) return;
      const a = siblings[index] as XChild;
      siblings[index] = siblings[other] as XChild;
      siblings[other] = a;
      return;
    }
    case 'retype':
      // The element's content becomes the value: a leaf is retyped, a container loses its children.
      element.children = m.value === '' ? [] : [m.value];
      return;
    case 'namespace':
      element.ns = m.ns;
      return;
    case 'rename':
      element.name = m.name;
      return;
    case 'attribute':
      element.attrs = [...element.attrs.filter((a) => !(a.ns === m.attr.ns && a.name === m.attr.name)), m.attr];
      return;
    case 'mixed-text':
      element.children.splice(m.value.length % (element.children.length + 1), 0, m.value);
      return;
  }
}

/** How a tree is written back: with prefixes declared on the root (the project's writer) or default namespaces. */
export type XmlStyle = 'prefixed' | 'default';

export function writeTree(root: XElement, style: XmlStyle, declaration: boolean): string {
  if (style === 'prefixed') return serialize(root, { declaration });
  const out: string[] = [];
  if (declaration) out.push('<?xml version="1.0" encoding="UTF-8"?>\n');
  writeDefault(root, '', out);
  return out.join('');
}

/** Every element declares its namespace as the default when it differs from its parent's (xmlns="" for none). */
function writeDefault(element: XElement, inherited: string, out: string[]): void {
  out.push('<', element.name);
  if (element.ns !== inherited) out.push(` xmlns="${escapeAttr(element.ns)}"`);
  const prefixes = new Map<string, string>();
  for (const a of element.attrs) {
    if (a.ns && !prefixes.has(a.ns)) {
      const prefix = `a${prefixes.size}`;
      prefixes.set(a.ns, prefix);
      out.push(` xmlns:${prefix}="${escapeAttr(a.ns)}"`);
    }
  }
  for (const a of element.attrs) {
    out.push(' ', a.ns ? `${prefixes.get(a.ns)}:${a.name}` : a.name, '="', escapeAttr(a.value), '"');
  }
  if (element.children.length === 0) {
    out.push('/>');
    return;
  }
  out.push('>');
  for (const c of element.children) {
    if (typeof c === 'string') out.push(escapeText(c));
    else writeDefault(c, element.ns, out);
  }
  out.push('</', element.name, '>');
}

// ---------------------------------------------------------------------------------------------------------------
// Generators

const WRONG_NAMESPACES = [
  '',
  NS.ssbtV10,
  NS.ssbtV1,
  NS.ssbtekV1,
  NS.soapEnv,
  NS.soap12Env,
  NS.fkV1,
  NS.puGetPersons,
  NS.puPerson,
  NS.rivRegistry,
  NS.xsi,
  'urn:x-fuzz:wrong',
  `${NS.ssbtV10}/`,
  NS.ssbtV10.toUpperCase(),
];

const ATTRIBUTE_NAMES = ['inkludera', 'nil', 'type', 'id', 'x', 'mustUnderstand', 'actor', 'encodingStyle', 'lang'];

export const attributeArb: fc.Arbitrary<XAttr> = fc.record({
  ns: fc.constantFrom('', '', NS.xsi, NS.soapEnv, 'urn:x-fuzz:attr'),
  name: fc.oneof(fc.constantFrom(...ATTRIBUTE_NAMES), fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_.-]{0,10}$/)),
  value: fc.oneof(fc.constantFrom('true', 'false', '1', '0', 'xs:string', 'ssbt:x', ''), fc.string({ maxLength: 12 })),
});

const elementNameArb = fc.oneof(
  fc.constantFrom('x', 'Body', 'Header', 'Envelope', 'fraga', 'data', 'personId', 'AF', 'FK', 'profile'),
  fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_.-]{0,12}$/),
);

export const xmlMutationArb: fc.Arbitrary<XmlMutation> = fc.oneof(
  fc.record({ kind: fc.constant('drop' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('reorder' as const), at: fc.nat(), with: fc.nat() }),
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('retype' as const), at: fc.nat(), value: valueArb }) },
  fc.record({ kind: fc.constant('namespace' as const), at: fc.nat(), ns: fc.constantFrom(...WRONG_NAMESPACES) }),
  fc.record({ kind: fc.constant('rename' as const), at: fc.nat(), name: elementNameArb }),
  fc.record({ kind: fc.constant('attribute' as const), at: fc.nat(), attr: attributeArb }),
  fc.record({
    kind: fc.constant('mixed-text' as const),
    at: fc.nat(),
    value: fc.constantFrom('x', '1', ' ', '\n  ', '<&>'),
  }),
);

/** A whole XML case: which base document, how it is written, and what is done to it. */
export interface XmlCase {
  base: number;
  style: XmlStyle | 'as-is';
  declaration: boolean;
  xml: XmlMutation[];
  bytes: ByteMutation[];
}

export const xmlCaseArb: fc.Arbitrary<XmlCase> = fc.record({
  base: fc.nat(),
  style: fc.constantFrom<XmlStyle | 'as-is'>('as-is', 'prefixed', 'default'),
  declaration: fc.boolean(),
  xml: fc.oneof(
    { weight: 1, arbitrary: fc.constant([] as never[]) },
    { weight: 6, arbitrary: fc.array(xmlMutationArb, { minLength: 1, maxLength: 3 }) },
  ),
  bytes: byteMutationsArb,
});

/** One base document: its text as a client wrote it and its element tree. */
export interface XmlBase {
  name: string;
  text: string;
  tree: XElement;
}

export function xmlBase(name: string, text: string): XmlBase {
  return { name, text, tree: treeOf(text) };
}

/** The bytes of a case: the base document, mutated and written in the case's style, then byte-mutated. */
export function xmlCaseBytes(bases: readonly XmlBase[], c: XmlCase): { base: XmlBase; bytes: Buffer } {
  const base = bases[c.base % bases.length] as XmlBase;
  const text =
    c.style === 'as-is' && c.xml.length === 0
      ? base.text
      : writeTree(mutateTree(base.tree, c.xml), c.style === 'as-is' ? 'prefixed' : c.style, c.declaration);
  return { base, bytes: mutateBytes(Buffer.from(text, 'utf8'), c.bytes) };
}
