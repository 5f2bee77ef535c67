import { expect } from 'chai';
import { OpenAPISchemaValidator } from 'express-openapi-validator/dist/framework/openapi.schema.validator.js';
import type { Config } from '../../../src/config.js';
import { ContractCatalogue } from '../../../src/rest/scb/catalogue.js';
import { openapi } from '../../../src/rest/scb/openapi.js';
import { normalizeOrgNr } from '../../../src/rest/scb/orgnr.js';
import { startServer } from '../../support/server.js';
import { b64, deliver, expectError, resultOf, ticketFor } from './support.js';

const extra = {
  contract: 'KONJ-2026',
  orgNrs: ['559900-0014'],
  deliveryFormats: [
    {
      name: 'OMSATTNING',
      defaultVersion: '2026.1',
      versions: [
        {
          externalVersionId: '2026.1',
          kind: 'csv',
          header: false,
          delimiter: ',',
          columns: [
            { name: 'Datum', required: true, type: 'date' },
            { name: 'Kund', required: true, type: 'orgnr' },
            { name: 'Belopp', required: true, type: 'decimal', min: 0 },
          ],
        },
      ],
    },
  ],
};

describe('SCB: contracts as configured data', () => {
  it('the OpenAPI document is a valid OpenAPI 3.1 document', () => {
    const validator = new OpenAPISchemaValidator({ version: '3.1.0', validateApiSpec: true });
    expect(validator.validate(structuredClone(openapi) as never).errors ?? []).to.deep.equal([]);
    const broken = { ...structuredClone(openapi), paths: { '/x': { get: { responses: { '200': { nope: 1 } } } } } };
    expect(validator.validate(broken as never).errors).to.have.length.above(0);
  });

  it('has the demo contract by default; scbContracts adds contracts and replaces one with the same id', () => {
    expect(new ContractCatalogue().all().map((c) => c.contract)).to.deep.equal(['demo']);
    const catalogue = new ContractCatalogue([extra, { ...extra, contract: 'demo', orgNrs: ['5599000006'] }]);
    expect(catalogue.all().map((c) => c.contract)).to.deep.equal(['demo', 'KONJ-2026']);
    expect(catalogue.contract('demo').deliveryFormats.map((f) => f.name)).to.deep.equal(['OMSATTNING']);
    expect(catalogue.contract('KONJ-2026').orgNrs).to.deep.equal(['5599000014']);
  });

  it('refuses a broken configuration with the place named', () => {
    const broken = (change: (c: typeof extra) => unknown) => () =>
      new ContractCatalogue([change(structuredClone(extra))]);
    expect(() => new ContractCatalogue({})).to.throw('scbContracts must be an array');
    expect(broken((c) => ({ ...c, orgNrs: ['123'] }))).to.throw('scbContracts[0].orgNrs[0]');
    expect(
      broken((c) => {
        c.deliveryFormats[0]!.defaultVersion = '9';
        return c;
      }),
    ).to.throw('scbContracts[0].deliveryFormats[0].defaultVersion: "9" is not one of its versions');
    expect(
      broken((c) => {
        (c.deliveryFormats[0]!.versions[0]!.columns[0] as { pattern?: string }).pattern = '(';
        return c;
      }),
    ).to.throw('columns[0].pattern');
    expect(
      broken((c) => {
        (c.deliveryFormats[0]!.versions[0] as { kind: string }).kind = 'pdf';
        return c;
      }),
    ).to.throw('versions[0].kind');
  });

  it('normalizes organisationsnummer as written by people and certificates', () => {
    for (const form of [
      '5599000006',
      '559900-0006',
      '165599000006',
      'SE5599000006',
      'NTRSE-5599000006',
      'SE559900000601',
    ])
      expect(normalizeOrgNr(form), form).to.equal('5599000006');
    for (const bad of ['5599000007', '559900000', 'abc', '']) expect(normalizeOrgNr(bad), bad).to.equal(undefined);
  });

  it('a configured contract is used over HTTP: one format, so DeliveryFormatName may be left out', async () => {
    const server = await startServer({ scbContracts: [extra], scbProcessingDelayMs: 10 } as Partial<Config>);
    try {
      const file = '2026-10-01,559900-0006,100.50\n2026-10-32,559900-0007,-1\n';
      const ticket = await ticketFor(
        server.url,
        { Contract: 'KONJ-2026', orgNr: '5599000014', fileContent: b64(file) },
        '5599000014',
      );
      const result = await resultOf(server.url, ticket, '5599000014');
      expect(result.errors[0]!.rowErrors.map((r) => r.errorDescription)).to.deep.equal([
        'Rad 2, kolumn Datum: "2026-10-32" är inte ett datum (ÅÅÅÅ-MM-DD).',
        'Rad 2, kolumn Kund: "559900-0007" är inte ett giltigt organisationsnummer.',
        'Rad 2, kolumn Belopp: -1 är mindre än 0.',
      ]);
      expectError(
        await deliver(
          server.url,
          { Contract: 'KONJ-2026', orgNr: '5599000014', fileContent: b64(file), ExternalVersionId: '1' },
          '5599000014',
        ),
        400,
        'UnknownExternalVersionId',
      );
    } finally {
      await server.close();
    }
  });

  it('a configuration the service cannot use stops the start', async () => {
    let failure: unknown;
    try {
      const server = await startServer({ scbProcessingDelayMs: -1 } as Partial<Config>);
      await server.close();
    } catch (error) {
      failure = error;
    }
    expect(String(failure)).to.contain('scbProcessingDelayMs');
  });
});
