import { parseXml } from '../../xml/parse.js';
import { applyMasks, type MaskRule } from './mask.js';
import { normalize, preview, type NNode } from './norm-tree.js';

export type DifferenceKind =
  'status' | 'reply' | 'text' | 'attribute' | 'namespace' | 'missing' | 'unexpected' | 'type';

/** One difference between the expected and the actual reply, at a path of local names. */
export interface Difference {
  kind: DifferenceKind;
  path: string;
  expected: string;
  actual: string;
}

/** A value longer than this is cut in a difference: a whole base64 document helps nobody reading a report. */
const MAX_VALUE = 2000;
export const ABSENT = '(absent)';

/** Thrown when the expected reply itself cannot be read: the case is broken, not the service. */
export class ExpectedReplyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExpectedReplyError';
  }
}

/** Parses an XML reply into the compared form (masks applied). Throws the parser's error for a non-XML body. */
export function comparable(body: string, rules: readonly MaskRule[]): NNode {
  const parsed = parseXml(Buffer.from(body, 'utf8'));
  try {
    const root = normalize(parsed.root);
    applyMasks(root, rules);
    return root;
  } finally {
    parsed.dispose();
  }
}

/**
 * Compares two SOAP replies: namespace-aware (prefixes do not matter), attribute order and insignificant
 * whitespace do not matter, element order does (contract order is part of the contract). An actual reply that
 * is not XML is one difference of kind `reply`.
 */
export function compareReplies(
  expectedBody: string,
  actualBody: string,
  rules: readonly MaskRule[] = [],
): Difference[] {
  let expected: NNode;
  try {
    expected = comparable(expectedBody, rules);
  } catch (error) {
    throw new ExpectedReplyError(`expected.xml cannot be read: ${(error as Error).message}`);
  }
  let actual: NNode;
  try {
    actual = comparable(actualBody, rules);
  } catch (error) {
    const start = actualBody.length > 200 ? `${actualBody.slice(0, 200)}…` : actualBody;
    return [
      {
        kind: 'reply',
        path: '/',
        expected: 'an XML reply',
        actual: `${(error as Error).message} Body: ${JSON.stringify(start)}`,
      },
    ];
  }
  return compareTrees(expected, actual);
}

/** Differences between two trees in the compared form, in document order. */
export function compareTrees(expected: NNode, actual: NNode): Difference[] {
  const out: Difference[] = [];
  if (key(expected) !== key(actual)) {
    pairOrBoth(`/${expected.name}`, expected, actual, out);
    return out;
  }
  diffNode(`/${expected.name}`, expected, actual, out);
  return out;
}

function key(node: NNode): string {
  return node.arrayItem ? '[]' : `{${node.ns}}${node.name}`;
}

function cut(value: string): string {
  return value.length <= MAX_VALUE ? value : `${value.slice(0, MAX_VALUE - 1)}…`;
}

function push(out: Difference[], kind: DifferenceKind, path: string, expected: string, actual: string): void {
  out.push({ kind, path, expected: cut(expected), actual: cut(actual) });
}

function diffNode(path: string, a: NNode, b: NNode, out: Difference[]): void {
  if (a.payload?.kind !== b.payload?.kind) {
    // Only one side decodes (or they decode to different things): compare the texts as they are.
    const textA = a.payload?.raw ?? a.text;
    const textB = b.payload?.raw ?? b.text;
    if (textA !== textB) push(out, 'text', path, describe(a, textA), describe(b, textB));
    return;
  }
  if (a.json !== b.json) {
    push(out, 'type', path, a.json ? `JSON ${a.json}` : 'XML element', b.json ? `JSON ${b.json}` : 'XML element');
    return;
  }
  for (const name of new Set([...a.attrs.keys(), ...b.attrs.keys()])) {
    const va = a.attrs.get(name);
    const vb = b.attrs.get(name);
    if (va !== vb) push(out, 'attribute', `${path}/@${name.replace(/^\{[^}]*\}/, '')}`, va ?? ABSENT, vb ?? ABSENT);
  }
  if (a.text !== b.text) push(out, 'text', path, a.text, b.text);
  const base = a.payload ? `${path}(base64 ${a.payload.kind.toUpperCase()})` : path;
  diffChildren(base, a.children, b.children, out);
}

function describe(node: NNode, text: string): string {
  if (node.payload) return `${text} (base64 ${node.payload.kind.toUpperCase()})`;
  if (node.children.length > 0) return preview(node);
  return text;
}

/**
 * Aligns two child lists by their longest common subsequence of names (so one missing element is one
 * difference, not a cascade), then compares aligned pairs and reports the rest as missing or unexpected.
 */
function diffChildren(path: string, as: NNode[], bs: NNode[], out: Difference[]): void {
  const pairs = align(as.map(key), bs.map(key));
  const stepA = steps(path, as);
  const stepB = steps(path, bs);
  let i = 0;
  let j = 0;
  for (const [pi, pj] of [...pairs, [as.length, bs.length] as const]) {
    const gapA = as.slice(i, pi);
    const gapB = bs.slice(j, pj);
    // Same position, same local name, another namespace: say so instead of "missing" plus "unexpected".
    let k = 0;
    while (k < gapA.length && k < gapB.length && gapA[k]!.name === gapB[k]!.name && !gapA[k]!.arrayItem) {
      push(out, 'namespace', stepA[i + k]!, gapA[k]!.ns || '(none)', gapB[k]!.ns || '(none)');
      k++;
    }
    gapA.slice(k).forEach((n, x) => push(out, 'missing', stepA[i + k + x]!, preview(n), ABSENT));
    gapB.slice(k).forEach((n, x) => push(out, 'unexpected', stepB[j + k + x]!, ABSENT, preview(n)));
    if (pi < as.length && pj < bs.length) diffNode(stepA[pi]!, as[pi]!, bs[pj]!, out);
    i = pi + 1;
    j = pj + 1;
  }
}

/** Each child's path: `name`, `name[k]` (1-based) when siblings share the name, `[i]` (0-based) for JSON items. */
function steps(parentPath: string, children: NNode[]): string[] {
  const totals = new Map<string, number>();
  for (const c of children) totals.set(key(c), (totals.get(key(c)) ?? 0) + 1);
  const seen = new Map<string, number>();
  return children.map((c, index) => {
    if (c.arrayItem) return `${parentPath}[${index}]`;
    const n = (seen.get(key(c)) ?? 0) + 1;
    seen.set(key(c), n);
    return `${parentPath}/${c.name}${(totals.get(key(c)) ?? 0) > 1 ? `[${n}]` : ''}`;
  });
}

/** Index pairs of a longest common subsequence of `a` and `b`, in order. */
function align(a: string[], b: string[]): [number, number][] {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const table = new Uint32Array(rows * cols);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i * cols + j] =
        a[i] === b[j]
          ? table[(i + 1) * cols + j + 1]! + 1
          : Math.max(table[(i + 1) * cols + j]!, table[i * cols + j + 1]!);
    }
  }
  const pairs: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) pairs.push([i++, j++]);
    else if (table[(i + 1) * cols + j]! >= table[i * cols + j + 1]!) i++;
    else j++;
  }
  return pairs;
}

function pairOrBoth(path: string, a: NNode, b: NNode, out: Difference[]): void {
  if (a.name === b.name) push(out, 'namespace', path, a.ns || '(none)', b.ns || '(none)');
  else {
    push(out, 'missing', path, preview(a), ABSENT);
    push(out, 'unexpected', `/${b.name}`, ABSENT, preview(b));
  }
}
