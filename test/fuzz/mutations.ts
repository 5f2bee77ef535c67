/**
 * Reusable generators and mutators for fuzzing the emulator's protocols: structural mutations of an XML element
 * tree (drop, duplicate, reorder, retype, wrong namespace, rename, random attribute), byte mutations of the
 * serialized message (insert, replace, delete, truncate), structural mutations of a JSON value, and the checks
 * every reply must pass (no stack trace, no internals).
 *
 * Mutations carry plain numbers for positions (taken modulo what the document has when applied), so one mutation
 * applies to any document and fast-check can shrink a failure to a small, replayable case.
 */
import fc from 'fast-check';
import { NS } from '../../src/xml/namespaces.js';
import { parseXml } from '../../src/xml/parse.js';
import { escapeAttr, escapeText, serialize } from '../../src/xml/write.js';
import { isElement, type XAttr, type XChild, type XElement } from '../../src/xml/tree.js';

// ---------------------------------------------------------------------------------------------------------------
// XML trees

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
// Bytes

export type ByteMutation =
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'replace'; at: number; bytes: Uint8Array }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'truncate'; at: number };

export function mutateBytes(input: Uint8Array, mutations: readonly ByteMutation[]): Buffer {
  let bytes = Buffer.from(input);
  for (const m of mutations) {
    const at = bytes.length === 0 ? 0 : m.at % (bytes.length + 1);
    switch (m.kind) {
      case 'insert':
        bytes = Buffer.concat([bytes.subarray(0, at), m.bytes, bytes.subarray(at)]);
        break;
      case 'replace':
        bytes = Buffer.concat([
          bytes.subarray(0, at),
          m.bytes,
          bytes.subarray(Math.min(bytes.length, at + m.bytes.length)),
        ]);
        break;
      case 'delete':
        bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(Math.min(bytes.length, at + m.length))]);
        break;
      case 'truncate':
        bytes = bytes.subarray(0, at);
        break;
    }
  }
  return bytes;
}

/** Snippets that break XML (or JSON) in interesting ways, besides plain random bytes. */
const NASTY_SNIPPETS = [
  '<',
  '>',
  '&',
  '&amp;',
  '&#0;',
  '&#xD800;',
  '&unknown;',
  ']]>',
  '<!--',
  '-->',
  '<!-- c -->',
  '<?pi x?>',
  '<?xml version="1.0"?>',
  '<![CDATA[x<y]]>',
  '<!DOCTYPE x [<!ENTITY e "e">]>',
  '<!ENTITY x SYSTEM "file:///etc/passwd">',
  '\u0000',
  '\uFEFF',
  '\u00e5\u00e4\u00f6',
  '\u{1F600}',
  '"',
  "'",
  '/>',
  '</x>',
  '<x>',
  '<x/>',
  ' xmlns=""',
  ' xmlns:ssbt="urn:x-fuzz"',
  ' a="1"',
  ' a="1" a="2"',
  '{',
  '}',
  '[',
  ']',
  ',',
  ':',
  'null',
  '"\\u0000"',
  '\\',
  '\r\n',
].map((s) => new Uint8Array(Buffer.from(s, 'utf8')));

const INVALID_UTF8 = [
  [0xc3],
  [0xff, 0xfe],
  [0xed, 0xa0, 0x80],
  [0xf8, 0x88, 0x80, 0x80, 0x80],
  [0x80],
  [0xc0, 0xaf],
].map((b) => new Uint8Array(b));

export const bytesArb: fc.Arbitrary<Uint8Array> = fc.oneof(
  { weight: 3, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 8 }) },
  { weight: 4, arbitrary: fc.constantFrom(...NASTY_SNIPPETS) },
  { weight: 1, arbitrary: fc.constantFrom(...INVALID_UTF8) },
);

export const byteMutationArb: fc.Arbitrary<ByteMutation> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: bytesArb }),
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), bytes: bytesArb }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

/** Mostly no byte mutation (so the structural ones are judged exactly), sometimes one or two. */
export const byteMutationsArb: fc.Arbitrary<ByteMutation[]> = fc.oneof(
  { weight: 3, arbitrary: fc.constant([] as never[]) },
  { weight: 1, arbitrary: fc.array(byteMutationArb, { minLength: 1, maxLength: 2 }) },
);

// ---------------------------------------------------------------------------------------------------------------
// Values

/**
 * Identity numbers: valid ones from the project's test material (Skatteverket's test numbers, see test/support and
 * test/pu/soap/support), and one with a wrong check digit.
 */
export const KNOWN_IDENTITIES = [
  '197706282394',
  '198601042388',
  '198110012385',
  '198702192397',
  '202304732395',
  '199001012385',
  '198601042389',
];

/** A text value of another type: number, text, date, empty, whitespace, very long, identity-like. */
export const valueArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 2, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.double().map(String) },
  { weight: 1, arbitrary: fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '',
      ' ',
      '\t\n',
      'true',
      'false',
      '0',
      '1',
      '-1',
      'NaN',
      'INF',
      'null',
      'P1D',
      '2026-11-20',
      '2026-02-30',
      '2026-11-20T09:30:47.123',
      '2026-11-20T09:30:47Z',
      '20261120',
      '9999-12-31',
      '0000-01-01',
      'v9',
      'P5',
      'P9',
      'AID12341234',
      'x'.repeat(256),
    ),
  },
  {
    weight: 2,
    arbitrary: fc
      .date({ min: new Date('1800-01-01T00:00:00Z'), max: new Date('2200-12-31T00:00:00Z'), noInvalidDate: true })
      .chain((d) => fc.constantFrom(d.toISOString().slice(0, 10), d.toISOString(), d.toISOString().slice(0, 19))),
  },
  { weight: 2, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 2, arbitrary: fc.constantFrom(...KNOWN_IDENTITIES) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(1_000, 20_000, 200_000), fc.constantFrom('A', '9', 'å', ' '))
      .map(([n, c]) => c.repeat(n)),
  },
);

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

// ---------------------------------------------------------------------------------------------------------------
// JSON

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export type JsonMutation =
  | { kind: 'drop'; at: number }
  | { kind: 'duplicate'; at: number }
  | { kind: 'reorder'; at: number; seed: number }
  | { kind: 'retype'; at: number; value: Json }
  | { kind: 'rename'; at: number; name: string }
  | { kind: 'add'; at: number; name: string; value: Json };

interface JsonSlot {
  value: Json;
  parent?: Json[] | { [key: string]: Json };
  key?: string | number;
}

function jsonSlots(root: Json): JsonSlot[] {
  const out: JsonSlot[] = [{ value: root }];
  const visit = (value: Json): void => {
    if (Array.isArray(value)) {
      value.forEach((v, i) => {
        out.push({ value: v, parent: value, key: i });
        visit(v);
      });
    } else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        out.push({ value: v, parent: value, key: k });
        visit(v);
      }
    }
  };
  visit(root);
  return out;
}

export function mutateJson(root: Json, mutations: readonly JsonMutation[]): Json {
  let copy = structuredClone(root);
  for (const m of mutations) {
    const slots = jsonSlots(copy);
    const slot = slots[m.at % slots.length] as JsonSlot;
    const { parent, key } = slot;
    const container = slot.value;
    switch (m.kind) {
      case 'drop':
        if (Array.isArray(parent)) parent.splice(key as number, 1);
        else if (parent) delete parent[key as string];
        break;
      case 'duplicate':
        if (Array.isArray(parent)) parent.splice((key as number) + 1, 0, structuredClone(slot.value));
        else if (parent) parent[`${key as string}`] = [structuredClone(slot.value), structuredClone(slot.value)];
        break;
      case 'reorder':
        if (Array.isArray(container)) container.reverse();
        else if (container !== null && typeof container === 'object') {
          const entries = Object.entries(container);
          const shift = entries.length ? m.seed % entries.length : 0;
          for (const k of Object.keys(container)) delete container[k];
          for (const [k, v] of [...entries.slice(shift), ...entries.slice(0, shift)].reverse()) container[k] = v;
        }
        break;
      case 'retype':
        if (Array.isArray(parent)) parent[key as number] = m.value;
        else if (parent) parent[key as string] = m.value;
        else copy = m.value;
        break;
      case 'rename':
        if (parent && !Array.isArray(parent) && key !== m.name) {
          parent[m.name] = slot.value;
          delete parent[key as string];
        }
        break;
      case 'add':
        if (Array.isArray(container)) container.push(m.value);
        else if (container !== null && typeof container === 'object') container[m.name] = m.value;
        break;
    }
  }
  return copy;
}

export const jsonValueArb: fc.Arbitrary<Json> = fc.oneof(
  { weight: 3, arbitrary: valueArb.filter((s) => s.length < 5_000) },
  { weight: 1, arbitrary: valueArb.filter((s) => s.length >= 5_000) },
  { weight: 2, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() as fc.Arbitrary<number> },
  { weight: 1, arbitrary: fc.constantFrom<Json>(null, true, false, [], {}, [1, 'a'], { a: 1 }, 0, -1, 1e308) },
);

const keyArb = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'id', 'date', 'type', '', 'x'),
  fc.string({ maxLength: 12 }),
);

export const jsonMutationArb: fc.Arbitrary<JsonMutation> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('drop' as const), at: fc.nat() }) },
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('reorder' as const), at: fc.nat(), seed: fc.nat() }),
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('retype' as const), at: fc.nat(), value: jsonValueArb }) },
  fc.record({ kind: fc.constant('rename' as const), at: fc.nat(), name: keyArb }),
  fc.record({ kind: fc.constant('add' as const), at: fc.nat(), name: keyArb, value: jsonValueArb }),
);

export interface JsonCase {
  base: number;
  json: JsonMutation[];
  bytes: ByteMutation[];
}

export const jsonCaseArb: fc.Arbitrary<JsonCase> = fc.record({
  base: fc.nat(),
  json: fc.oneof(
    { weight: 1, arbitrary: fc.constant([] as never[]) },
    { weight: 6, arbitrary: fc.array(jsonMutationArb, { minLength: 1, maxLength: 3 }) },
  ),
  bytes: byteMutationsArb,
});

/** The body of a JSON case: the mutated value (undefined once bytes were mutated) and the bytes sent. */
export function jsonCaseBody(bases: readonly Json[], c: JsonCase): { value: Json | undefined; bytes: Buffer } {
  const value = mutateJson(bases[c.base % bases.length] as Json, c.json);
  const text = Buffer.from(JSON.stringify(value), 'utf8');
  if (c.bytes.length === 0) return { value, bytes: text };
  return { value: undefined, bytes: mutateBytes(text, c.bytes) };
}

// ---------------------------------------------------------------------------------------------------------------
// Replies

const LEAKS: [RegExp, string][] = [
  [/\n\s+at [^\n]*(?:\(|:\d+:\d+)/, 'a stack frame'],
  [/node_modules/, 'node_modules'],
  [/(?:\/|\\)(?:src|dist|work)(?:\/|\\)[^\s"<]*\.(?:js|ts)\b/, 'a source file path'],
  [/\.(?:js|ts|mjs):\d+/, 'a file:line'],
  [/\b(?:Type|Reference|Range|Syntax)Error\b/, 'a JavaScript error name'],
  [/\[object Object\]|\bundefined\b/, 'an unrendered value'],
];

/** Throws when a reply body shows internals: stack frames, file paths, node_modules, JS error names. */
export function assertNoLeak(body: string, context = ''): void {
  for (const [pattern, what] of LEAKS) {
    const match = pattern.exec(body);
    if (match) throw new Error(`reply shows ${what} (${JSON.stringify(match[0])})${context}: ${body.slice(0, 600)}`);
  }
}

/** A short printable description of a request body, for failure messages. */
export function preview(bytes: Uint8Array, max = 400): string {
  const text = Buffer.from(bytes).toString('utf8');
  return text.length > max ? `${text.slice(0, max)}… (${bytes.length} bytes)` : text;
}
