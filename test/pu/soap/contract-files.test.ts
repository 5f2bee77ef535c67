import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { parseXml } from '../../../src/xml/parse.js';
import { XSD_ROOT } from '../../../src/xml/schema.js';
import { isElement, type XElement } from '../../../src/xml/tree.js';
import { REFERENCE_ROOT } from '../../support/reference.js';

const XS = 'http://www.w3.org/2001/XMLSchema';
const FILES = [
  'core_components/strategicresourcemanagement_persons_person_5.0.xsd',
  'core_components/itintegration_registry_1.0.xsd',
  'interactions/GetPersonsForProfileInteraction/GetPersonsForProfileResponder_5.0.xsd',
];

/** A schema's structure: every element but xs:annotation, with its attributes, and no text. */
function structure(element: XElement): unknown {
  return {
    name: `{${element.ns}}${element.name}`,
    attrs: Object.fromEntries(element.attrs.map((a) => [a.name, a.value]).sort()),
    children: element.children
      .filter(isElement)
      .filter((c) => !(c.ns === XS && c.name === 'annotation'))
      .map(structure),
  };
}

function read(file: string): unknown {
  const parsed = parseXml(fs.readFileSync(file));
  try {
    return structure(parsed.root);
  } finally {
    parsed.dispose();
  }
}

describe("PU GetPersonsForProfile v5: the project's own schemas", () => {
  for (const file of FILES) {
    it(`${path.basename(file)} is structurally identical to Inera's contract (annotations aside)`, function () {
      const reference = path.join(REFERENCE_ROOT, 'pu-v5', file);
      if (!fs.existsSync(reference)) {
        console.log(`      (skipped: ${reference} not found)`);
        this.skip();
      }
      expect(read(path.join(XSD_ROOT, 'pu', file))).to.deep.equal(read(reference));
    });

    it(`${path.basename(file)} carries none of the reference's prose`, () => {
      const text = fs.readFileSync(path.join(XSD_ROOT, 'pu', file), 'utf8');
      expect(text).to.not.match(/xs:documentation|Apache|Licensed/);
    });
  }
});
