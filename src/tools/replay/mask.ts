import type { NNode } from './norm-tree.js';

/**
 * A masking rule: every element (or attribute) the path matches gets `as` as its whole content, in the expected
 * and in the actual reply alike, so a volatile value cannot fail a comparison while its presence still counts.
 *
 * Path syntax (local names only, prefixes and namespaces ignored):
 * - `a/b/c` matches an element `c` whose parent is `b` whose parent is `a`, anywhere in the reply (suffix match);
 *   `//a/b/c` means the same (XPath's spelling);
 * - `/Envelope/Body/…` is anchored at the document element;
 * - `*` is exactly one element of any name;
 * - a last step `@name` is that attribute of the matched element (`a/b/@nil`); `@name` alone, any element's;
 * - inside a decoded base64 payload the path goes on through the decoded document (`svar/CSNSvar/…`) or JSON
 *   members (`lefiJsonSvar/avvikelser/kod`); JSON array items are not a step.
 */
export interface MaskRule {
  path: string;
  as?: string;
}

export const DEFAULT_MASK_TEXT = '***';

interface CompiledRule {
  anchored: boolean;
  steps: string[];
  attribute?: string;
  as: string;
}

const STEP = /^(\*|[\p{L}_][\p{L}\p{N}_.-]*)$/u;

/** Why a rule cannot be used; the message names the file (or option) and the rule. */
export class MaskRuleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MaskRuleError';
  }
}

/** Checks one rule as read from JSON (`where` says where, for the message) and returns it typed. */
export function checkMaskRule(value: unknown, where: string): MaskRule {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new MaskRuleError(`${where}: a mask rule is an object {"path": "...", "as"?: "..."}`);
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (key !== 'path' && key !== 'as') throw new MaskRuleError(`${where}: unknown key "${key}" (known: path, as)`);
  }
  if (typeof record.path !== 'string') throw new MaskRuleError(`${where}: "path" must be a string`);
  if (record.as !== undefined && typeof record.as !== 'string')
    throw new MaskRuleError(`${where}: "as" must be a string`);
  const rule: MaskRule = { path: record.path, ...(record.as !== undefined && { as: record.as }) };
  compileRule(rule, where);
  return rule;
}

/** Parses `--mask PATH` or `--mask PATH=AS` from the command line. */
export function maskRuleFromArgument(argument: string): MaskRule {
  const eq = argument.indexOf('=');
  const rule: MaskRule = eq < 0 ? { path: argument } : { path: argument.slice(0, eq), as: argument.slice(eq + 1) };
  compileRule(rule, `--mask ${argument}`);
  return rule;
}

function compileRule(rule: MaskRule, where: string): CompiledRule {
  let path = rule.path.trim();
  let anchored = false;
  if (path.startsWith('//')) path = path.slice(2);
  else if (path.startsWith('/')) {
    anchored = true;
    path = path.slice(1);
  }
  const steps = path.split('/');
  let attribute: string | undefined;
  if (steps[steps.length - 1]?.startsWith('@')) attribute = steps.pop()!.slice(1);
  const bad = steps.find((s) => !STEP.test(s));
  if (
    path === '' ||
    (steps.length === 0 && anchored) ||
    bad !== undefined ||
    (attribute !== undefined && !STEP.test(attribute))
  ) {
    throw new MaskRuleError(
      `${where}: "${rule.path}" is not a mask path (local names or * separated by /, optionally a last @attribute)`,
    );
  }
  return { anchored, steps, attribute, as: rule.as ?? DEFAULT_MASK_TEXT };
}

/** Applies every rule to the tree in place. Returns how many elements and attributes were masked. */
export function applyMasks(root: NNode, rules: readonly MaskRule[]): number {
  if (rules.length === 0) return 0;
  const compiled = rules.map((r) => compileRule(r, 'mask'));
  let count = 0;
  const visit = (node: NNode, chain: string[]): void => {
    const here = node.arrayItem ? chain : [...chain, node.name];
    for (const rule of compiled) {
      if (!matches(rule, here)) continue;
      if (rule.attribute === undefined) {
        mask(node, rule.as);
        count++;
      } else {
        for (const key of node.attrs.keys()) {
          if (key.replace(/^\{[^}]*\}/, '') === rule.attribute || rule.attribute === '*') {
            node.attrs.set(key, rule.as);
            count++;
          }
        }
      }
    }
    for (const c of node.children) visit(c, here);
  };
  visit(root, []);
  return count;
}

function matches(rule: CompiledRule, chain: string[]): boolean {
  const { steps } = rule;
  if (steps.length > chain.length) return false;
  if (rule.anchored && steps.length !== chain.length) return false;
  const offset = chain.length - steps.length;
  return steps.every((step, i) => step === '*' || step === chain[offset + i]);
}

function mask(node: NNode, as: string): void {
  node.children = [];
  node.text = as;
  delete node.payload;
  // Masked JSON content is a value whatever it was, so an object masked on one side equals a string on the other.
  if (node.json) node.json = 'value';
}
