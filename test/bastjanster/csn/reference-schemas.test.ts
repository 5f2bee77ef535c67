import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { allowSchemaRoot, CompiledSchema, XSD_ROOT } from '../../../src/xml/schema.js';
import { testPopulation } from '../../support/context.js';
import { schemaStructure } from '../../support/schema-structure.js';
import { REFERENCE_ROOT } from '../../support/reference.js';
import { at, text, tree } from '../../support/xml.js';
import { ask, csnFraga, FYLLER_20_I_ARET, GYMNASIEELEV, NYANLAND_ARBETSSOKANDE, STUDENT } from './csn-support.js';

import { parseXml } from '../../../src/xml/parse.js';
import type { XElement } from '../../../src/xml/tree.js';
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

/** CSN's schemas compared without xml:lang, and with the one import that lives elsewhere in the reference. */
function read(file: string): unknown {
  return schemaStructure(file, (name, value) =>
    name === 'lang' ? undefined : value === SAMBRUK_REFERENCE ? SAMBRUK_OWN : value,
  );
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
