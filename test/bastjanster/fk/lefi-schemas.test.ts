import { expect } from 'chai';
import felsvarSchema from '../../../src/bastjanster/fk/lefi/felsvar.schema.json' with { type: 'json' };
import formansinformationSchema from '../../../src/bastjanster/fk/lefi/formansinformation.schema.json' with { type: 'json' };
import fragaSchema from '../../../src/bastjanster/fk/lefi/fraga.schema.json' with { type: 'json' };
import koderSchema from '../../../src/bastjanster/fk/lefi/koder.schema.json' with { type: 'json' };
import personinformationSchema from '../../../src/bastjanster/fk/lefi/personinformation.schema.json' with { type: 'json' };
import pmSchema from '../../../src/bastjanster/fk/lefi/pm.schema.json' with { type: 'json' };
import svarSchema from '../../../src/bastjanster/fk/lefi/svar.schema.json' with { type: 'json' };
import { validateLefiFraga, validateLefiSvar } from '../../../src/bastjanster/fk/lefi/schemas.js';
import { referencePresent } from '../../support/reference.js';
import { LEFI_OPENAPI, readOpenApiSchemas, type OpenApiSchema } from './openapi.js';

interface OwnSchema {
  type?: string;
  enum?: string[];
  required?: string[];
  properties?: Record<string, { type?: string; $ref?: string }>;
}

/** The project's schema names → the OpenAPI's, where they are not simply "Lefi" + the name. */
const OPENAPI_NAMN: Record<string, string> = {
  fraga: 'LefiExternFormansinformationFraga',
  svar: 'LefiExternFormansinformationSvar',
  felsvar: 'LefiFelsvar',
  Folkbokforing: 'LefiFolkbokforingsuppgift',
  Avvikelser: 'LefiExternFormansinformationAvvikelser',
  FkAvvikelse: 'LefiFkAvvikelseFormanGrupp',
  PmAvvikelse: 'LefiPmAvvikelseFormanGrupp',
  ExternAvvikelse: 'LefiExternAvvikelseFormanGrupp',
  OvrigAvvikelse: 'LefiExternAvvikelseOvrigInformationTyp',
  OvrigInformationTyp: 'LefiExternOvrigInformationTyp',
  OvrigInformationTypKod: 'LefiExternOvrigInformationTypKod',
  PmAnsprak: 'LefiPmFormanAnsprak',
  PmBeslut: 'LefiPmFormanBeslut',
  PmBeslutadErsattning: 'LefiPmFormanBeslutadErsattning',
  PmUtbetalning: 'LefiPmFormanUtbetalning',
};

/** Every schema the project wrote, by name (Datum has no named counterpart: the OpenAPI writes it inline). */
const egna = (
  [
    ['fraga', fragaSchema as OwnSchema],
    ['svar', svarSchema as OwnSchema],
    ['felsvar', felsvarSchema as OwnSchema],
    ...[koderSchema, personinformationSchema, formansinformationSchema, pmSchema, svarSchema].flatMap((file) =>
      Object.entries((file as { definitions: Record<string, OwnSchema> }).definitions),
    ),
  ] as [string, OwnSchema][]
).filter(([namn]) => namn !== 'Datum');

describe("FK LEFI: the project's JSON Schemas agree with the published OpenAPI description", function () {
  let openapi: Map<string, OpenApiSchema>;
  before(function () {
    if (!referencePresent(LEFI_OPENAPI)) {
      console.log(`      (skipped: OpenAPI description not found at ${LEFI_OPENAPI})`);
      this.skip();
    }
    openapi = readOpenApiSchemas();
  });

  it('reads the OpenAPI description (the oracle itself works)', () => {
    expect(openapi.get('LefiExternFormansinformationFraga')?.required).to.deep.equal(['period', 'personnummer']);
    expect(openapi.get('LefiAvvikelseKod')?.enum).to.deep.equal(['INTERNT_FEL', 'OBEHORIG']);
  });

  for (const [namn, schema] of egna) {
    const motsvarighet = OPENAPI_NAMN[namn] ?? `Lefi${namn}`;
    it(`${namn}: same enum, required fields and property names/types as ${motsvarighet}`, () => {
      const theirs = openapi.get(motsvarighet);
      expect(theirs, `${motsvarighet} in the OpenAPI description`).not.to.equal(undefined);
      if (!theirs) return;
      if (schema.enum) expect(schema.enum).to.deep.equal(theirs.enum);
      expect([...(schema.required ?? [])].sort()).to.deep.equal([...theirs.required].sort());
      for (const [property, own] of Object.entries(schema.properties ?? {})) {
        const their = theirs.properties.get(property);
        expect(their, `${motsvarighet}.${property}`).not.to.equal(undefined);
        if (own.type && their?.type) expect(own.type, `${motsvarighet}.${property}`).to.equal(their.type);
        if (own.type === 'array' || their?.type === 'array') expect(own.type).to.equal(their?.type);
      }
    });
  }

  it('accepts the OpenAPI example question', () => {
    const example = {
      personnummer: '197407029284',
      period: { from: '2023-01-01', tom: '2024-01-01' },
      formansinformation: ['FK:SJP'],
      ovrigInformation: ['FK:GEPI'],
    };
    expect(validateLefiFraga(example)).to.deep.equal({ ok: true, value: example });
  });

  it('accepts the OpenAPI example answer (including its sjukpenning ersattning written as an object)', () => {
    const example = {
      utlamnare: [
        { utlamnare: { kod: 'FK', namn: 'Försäkringskassan' }, tillstand: { kod: 'OK', beskrivning: 'Tillgänglig' } },
      ],
      avvikelser: [],
      formansinformation: {
        sjukpenningarende: [
          {
            startades: '2023-04-05',
            aktivt: false,
            avslaget: false,
            beslut: [
              {
                fattades: '2023-06-30',
                definitivt: true,
                forman: { id: 'SJP', beskrivning: 'Sjukpenning' },
                period: { fran: '2023-08-07', till: '2023-08-12' },
                omfattning: { taljare: 1, namnare: 1 },
                dagar: 6,
                karens: false,
                ersattning: { id: 101, beskrivning: 'Sjukpenning' },
              },
            ],
          },
        ],
        generellPersoninformation: [
          {
            personnummer: '197407029284',
            foddes: '1960-11-23',
            skyddad: false,
            adress: [
              {
                utdelningadress: ['Testgatan 7131 LGH 1433'],
                postnummer: '51994',
                postort: 'BJÖRKETORP',
                land: { kod: 'SE', namn: 'SVERIGE' },
              },
            ],
            civilstand: { id: 7, beskrivning: 'Änka/Änkeman' },
            folkbokford: [{ lan: '14', kommun: '63' }],
            medborgarskap: [
              { datum: '1993-03-26', land: { kod: 'SE', namn: 'SVERIGE' } },
              { land: { kod: 'NO', namn: 'NORGE' } },
            ],
          },
        ],
      },
    };
    // The example's avvikelser is a list where the schema says an object: the one place the example breaks it.
    expect(validateLefiSvar(example)).to.deep.include({ ok: false, violations: ['/avvikelser: must be object'] });
    expect(validateLefiSvar({ ...example, avvikelser: {} }).ok).to.equal(true);
  });
});
