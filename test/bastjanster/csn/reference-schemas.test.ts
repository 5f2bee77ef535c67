import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { parseXml } from '../../../src/xml/parse.js';
import { allowSchemaRoot, CompiledSchema, XSD_ROOT } from '../../../src/xml/schema.js';
import { isElement, type XElement } from '../../../src/xml/tree.js';
import { testPopulation } from '../../support/context.js';
import { REFERENCE_ROOT } from '../../support/reference.js';
import { at, text, tree } from '../../support/xml.js';
import { ask, csnFraga, FYLLER_20_I_ARET, GYMNASIEELEV, NYANLAND_ARBETSSOKANDE, STUDENT } from './csn-support.js';

const XS = 'http://www.w3.org/2001/XMLSchema';
const CSN_REFERENCE = path.join(REFERENCE_ROOT, 'ssbtek-v10', 'se', 'csn', 'schema', 'v4_0');
const SCHEMAS = [
  'csntyper',
  'person',
  'studiemedel',
  'studiehjalp',
  'hemutrustningslan',
  'studiestartsstod',
  'omstallningsstudiestod',
  'hutgetinfo',
  'kommunfraga',
];
/** The reference's kommunfraga.xsd imports Sambruk's request schema from outside the published tree. */
const SAMBRUK_REFERENCE = '../../../../sambruk/sbnyttomeddelanden/SBNUppgEkBistandBegar_v1_0.xsd';
const SAMBRUK_OWN = '../sambruk/SBNUppgEkBistandBegar_v1_0.xsd';

/** A schema's structure: every element but xs:annotation, its attributes but xml:lang, no text. */
function structure(element: XElement): unknown {
  return {
    name: `{${element.ns}}${element.name}`,
    attrs: Object.fromEntries(
      element.attrs
        .filter((a) => a.name !== 'lang')
        .map((a) => [a.name, a.value === SAMBRUK_REFERENCE ? SAMBRUK_OWN : a.value])
        .sort(),
    ),
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

/** CSN's answer schema as published, its one unpublished import (Sambruk's request) taken from the project. */
function referenceKommunfraga(): CompiledSchema {
  allowSchemaRoot(REFERENCE_ROOT);
  return CompiledSchema.compile('csn-reference', path.join(CSN_REFERENCE, 'kommunfraga', 'kommunfraga.xsd'), [
    SAMBRUK_REFERENCE,
    path.join(XSD_ROOT, 'bastjanster', 'csn', 'sambruk', 'SBNUppgEkBistandBegar_v1_0.xsd'),
  ]);
}

describe("CSN: the project's schemas and answers agree with CSN's published v4.0 schemas", function () {
  before(function () {
    if (!fs.existsSync(CSN_REFERENCE)) {
      console.log(`      (skipped: CSN's reference schemas not found at ${CSN_REFERENCE})`);
      this.skip();
    }
  });

  for (const name of SCHEMAS) {
    it(`${name}.xsd is structurally identical to the reference (annotations and xml:lang aside)`, () => {
      expect(read(path.join(XSD_ROOT, 'bastjanster', 'csn', name, `${name}.xsd`))).to.deep.equal(
        read(path.join(CSN_REFERENCE, name, `${name}.xsd`)),
      );
    });
  }

  describe('every kind of answer is valid against the reference kommunfraga.xsd', () => {
    let schema: CompiledSchema;
    before(() => (schema = referenceKommunfraga()));
    after(() => schema?.dispose());

    const scenario = testPopulation()
      .scenarioPersons()
      .filter((p) => p.tjanster?.CSN?.scenario === undefined || /^-\d+$/.test(p.tjanster.CSN.scenario))
      .map((p): [string, string] => [p.personidentitet, p.beskrivning]);
    const generated: [string, string][] = [
      [STUDENT, 'studiemedel'],
      [GYMNASIEELEV, 'studiehjälp'],
      [FYLLER_20_I_ARET, 'studiemedel the autumn a pupil turns 20'],
      [NYANLAND_ARBETSSOKANDE, 'hemutrustningslån'],
      ['198112052398', '-1004'],
    ];
    for (const [personidentitet, what] of [...generated, ...scenario]) {
      it(`${personidentitet}: ${what}`, async () => {
        const { response } = await ask(csnFraga({ personidentitet }));
        const svar = at(tree(response.body), 'Body', 'KommunfragaSvar', 'svar');
        const parsed = parseXml(Buffer.from(text(svar as XElement), 'base64'));
        try {
          expect(schema.validate(parsed).map((v) => `${v.path}: ${v.message}`)).to.deep.equal([]);
        } finally {
          parsed.dispose();
        }
      });
    }
  });
});
