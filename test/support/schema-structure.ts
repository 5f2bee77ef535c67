import fs from 'node:fs';
import { parseXml } from '../../src/xml/parse.js';
import { isElement, type XElement } from '../../src/xml/tree.js';

const XS = 'http://www.w3.org/2001/XMLSchema';

/**
 * A schema file's structure, for comparing the project's schemas with the reference's: every element but
 * xs:annotation with its attributes (sorted), no text. `attribute` may rewrite or drop an attribute (undefined drops
 * it), e.g. an import location that differs only in where the imported file lives.
 */
export function schemaStructure(
  file: string,
  attribute: (name: string, value: string) => string | undefined = (_name, value) => value,
): unknown {
  const parsed = parseXml(fs.readFileSync(file));
  try {
    return structure(parsed.root, attribute);
  } finally {
    parsed.dispose();
  }
}

function structure(element: XElement, attribute: (name: string, value: string) => string | undefined): unknown {
  return {
    name: `{${element.ns}}${element.name}`,
    attrs: Object.fromEntries(
      element.attrs
        .map((a) => [a.name, attribute(a.name, a.value)] as const)
        .filter(([, value]) => value !== undefined)
        .sort(),
    ),
    children: element.children
      .filter(isElement)
      .filter((c) => !(c.ns === XS && c.name === 'annotation'))
      .map((c) => structure(c, attribute)),
  };
}
