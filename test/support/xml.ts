import { parseXml } from '../../src/xml/parse.js';
import { child, elements, text, type XElement } from '../../src/xml/tree.js';

/** Parses a string into the element tree (tests only; the native parse tree is released at once). */
export function tree(xml: string): XElement {
  const parsed = parseXml(Buffer.from(xml, 'utf8'));
  try {
    return parsed.root;
  } finally {
    parsed.dispose();
  }
}

/** Follows local names down the tree (namespace-agnostic), e.g. at(root, 'Body', 'x', 'y'). */
export function at(root: XElement | undefined, ...names: string[]): XElement | undefined {
  let current = root;
  for (const name of names) current = current && elements(current).find((e) => e.name === name);
  return current;
}

export function textAt(root: XElement | undefined, ...names: string[]): string | undefined {
  const found = at(root, ...names);
  return found ? text(found) : undefined;
}

export { child, elements, text };
