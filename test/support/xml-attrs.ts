import type { XElement } from '../../src/xml/tree.js';
import { attr as attrOf } from '../../src/xml/tree.js';
export { at, elements, tree } from './xml.js';

/** An unqualified attribute of an element that may be missing. */
export function attr(element: XElement | undefined, name: string): string | undefined {
  return element ? attrOf(element, name) : undefined;
}
