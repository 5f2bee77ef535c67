import { parseXml } from '../../xml/parse.js';
import { isElement, type XElement } from '../../xml/tree.js';

/**
 * The form both replies are compared in: namespace URI and local name (prefixes are gone), attributes as a map
 * (their order is gone), text trimmed, whitespace-only text between elements dropped. Base64 payloads that
 * decode to XML or JSON carry the decoded content as children, so differences inside them get readable paths.
 */
export interface NNode {
  ns: string;
  name: string;
  /** Keyed by `{ns}local` (or `local` for an unqualified attribute). */
  attrs: Map<string, string>;
  children: NNode[];
  /** Trimmed text directly inside the node (the concatenation of its non-blank text pieces). */
  text: string;
  /** What the node is when it comes from decoded JSON; undefined for XML elements. */
  json?: 'object' | 'array' | 'value';
  /** A JSON array item: not a step of a path (see mask.ts), shown as `[i]` after its array's name. */
  arrayItem?: boolean;
  /** Set when the node's text was a base64 payload, decoded into `children`; `raw` is the original text. */
  payload?: { kind: 'xml' | 'json'; raw: string };
}

/** Shortest text worth trying as base64: anything shorter is a code or a name, never a document. */
const MIN_BASE64_LENGTH = 16;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Converts a parsed element into the compared form, decoding base64 payloads on the way. */
export function normalize(element: XElement): NNode {
  const attrs = new Map<string, string>();
  for (const a of element.attrs) attrs.set(a.ns ? `{${a.ns}}${a.name}` : a.name, a.value);
  const children: NNode[] = [];
  let text = '';
  for (const c of element.children) {
    if (isElement(c)) children.push(normalize(c));
    else if (c.trim() !== '') text += (text ? ' ' : '') + c.trim();
  }
  const node: NNode = { ns: element.ns, name: element.name, attrs, children, text };
  if (children.length === 0) decodePayload(node);
  return node;
}

/** Replaces a leaf's base64 text by the XML or JSON it decodes to; leaves anything else alone. */
function decodePayload(node: NNode): void {
  const compact = node.text.replace(/\s+/g, '');
  if (compact.length < MIN_BASE64_LENGTH || compact.length % 4 !== 0 || !BASE64.test(compact)) return;
  let decoded: string;
  try {
    decoded = UTF8.decode(Buffer.from(compact, 'base64'))
      .replace(/^\uFEFF/, '')
      .trim();
  } catch {
    return;
  }
  if (decoded.startsWith('<')) {
    const root = parseDecodedXml(decoded);
    if (!root) return;
    node.children = [normalize(root)];
    node.payload = { kind: 'xml', raw: node.text };
    node.text = '';
  } else if (decoded.startsWith('{') || decoded.startsWith('[')) {
    let value: unknown;
    try {
      value = JSON.parse(decoded);
    } catch {
      return;
    }
    const content = fromJson(node.name, value);
    node.children = content.children;
    node.json = content.json;
    node.payload = { kind: 'json', raw: node.text };
    node.text = '';
  }
}

function parseDecodedXml(decoded: string): XElement | undefined {
  try {
    const parsed = parseXml(Buffer.from(decoded, 'utf8'));
    // The tree is plain objects; the native document is not needed once converted.
    parsed.dispose();
    return parsed.root;
  } catch {
    return undefined;
  }
}

/**
 * A JSON value as a node: an object's members become children named by their keys, sorted (member order means
 * nothing in JSON); an array's items become unnamed item children in order (it does); a scalar becomes text in
 * its JSON spelling, so "1" and 1 differ.
 */
export function fromJson(name: string, value: unknown): NNode {
  const node: NNode = { ns: '', name, attrs: new Map(), children: [], text: '' };
  if (Array.isArray(value)) {
    node.json = 'array';
    node.children = value.map((item) => ({ ...fromJson(name, item), arrayItem: true }));
  } else if (typeof value === 'object' && value !== null) {
    node.json = 'object';
    node.children = Object.keys(value)
      .sort()
      .map((key) => fromJson(key, (value as Record<string, unknown>)[key]));
  } else {
    node.json = 'value';
    node.text = JSON.stringify(value);
  }
  return node;
}

/** A short, one-line rendering of a node for a difference report (prefix-free, cut at `max` characters). */
export function preview(node: NNode, max = 160): string {
  const full = node.json ? JSON.stringify(toJson(node)) : xmlPreview(node);
  return full.length <= max ? full : `${full.slice(0, max - 1)}…`;
}

function xmlPreview(node: NNode): string {
  const name = node.name;
  const attrs = [...node.attrs].map(([k, v]) => ` ${k.replace(/^\{[^}]*\}/, '')}="${v}"`).join('');
  if (node.payload) return `<${name}${attrs}>(base64 ${node.payload.kind.toUpperCase()})</${name}>`;
  const inner = node.text + node.children.map((c) => preview(c, Number.MAX_SAFE_INTEGER)).join('');
  return inner === '' ? `<${name}${attrs}/>` : `<${name}${attrs}>${inner}</${name}>`;
}

function toJson(node: NNode): unknown {
  if (node.json === 'array') return node.children.map(toJson);
  if (node.json === 'object') return Object.fromEntries(node.children.map((c) => [c.name, toJson(c)]));
  try {
    return JSON.parse(node.text) as unknown;
  } catch {
    // A masked JSON value holds the mask text, which need not be JSON.
    return node.text;
  }
}
