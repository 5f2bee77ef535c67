import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'chai';
import type { Config } from '../../../src/config.js';
import { startServer, type TestServer } from '../../support/server.js';
import {
  API,
  CSV_V2_OK,
  ORG,
  ORG2,
  SUPPLIER,
  XML_OK,
  b64,
  get,
  pollUntilProcessed,
  resultOf,
  ticketFor,
} from './support.js';

describe('SCB inlämningstjänst: the asynchronous flow over HTTP', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(() => server.close());

  it('POST delivery → ticket; status 202 "Not processed" until done, then 302 "Processed" → result', async () => {
    const ticket = await ticketFor(server.url, {
      Contract: 'demo',
      orgNr: ORG,
      Test: false,
      fileContent: b64(CSV_V2_OK),
      DeliveryFormatName: 'LONERAPPORT_CSV',
      ExternalVersionId: '2',
    });
    const seen = await pollUntilProcessed(server.url, ticket);
    expect(seen.length, 'the default processing delay makes 202 observable').to.be.greaterThan(1);
    for (const r of seen.slice(0, -1)) {
      expect(r.status).to.equal(202);
      expect(r.body).to.equal('Not processed');
      expect(r.headers.get('location')).to.equal(null);
      expect(r.headers.get('etag'), 'a poll is never answered 304').to.equal(null);
    }
    const done = seen[seen.length - 1]!;
    expect(done.body).to.equal('Processed');
    expect(done.headers.get('location')).to.equal(`${API}/delivery/${ticket}`);
    expect(done.headers.get('cache-control')).to.equal('no-store');

    const result = await get(server.url, done.headers.get('location')!.slice(API.length));
    expect(result.status).to.equal(200);
    expect(result.body).to.deep.equal({ successfulValidation: true, ticket, errors: [] });
  });

  it('a client that follows the 302 lands on the result', async () => {
    const ticket = await ticketFor(server.url, {
      Contract: 'demo',
      fileContent: b64(XML_OK),
      DeliveryFormatName: 'LONERAPPORT_XML',
    });
    await pollUntilProcessed(server.url, ticket);
    const followed = await fetch(`${server.url}${API}/status/${ticket}`, { headers: { 'X-SCB-Client-OrgNr': ORG } });
    expect(followed.status).to.equal(200);
    expect(await followed.json()).to.deep.equal({ successfulValidation: true, ticket, errors: [] });
  });

  it('GET delivery/{ticket} before processing answers 202 "Not processed"', async () => {
    const ticket = await ticketFor(server.url, {
      Contract: 'demo',
      fileContent: b64(XML_OK),
      DeliveryFormatName: 'LONERAPPORT_XML',
    });
    const early = await get(server.url, `/delivery/${ticket}`);
    expect(early.status).to.equal(202);
    expect(early.body).to.equal('Not processed');
  });

  it('accepts camelCase as well as the service description spelling', async () => {
    const ticket = await ticketFor(
      server.url,
      {
        contract: 'demo',
        OrgNr: '559900-0014',
        test: false,
        FileContent: b64(CSV_V2_OK),
        deliveryFormatName: 'LONERAPPORT_CSV',
        externalVersionId: 2,
      },
      ORG2,
    );
    expect((await resultOf(server.url, ticket, ORG2)).successfulValidation).to.equal(true);
  });

  it('uses the default version when ExternalVersionId is left out, and the named one when given', async () => {
    // Version 1 has four columns; the five-column file is right for the default (2) only.
    const byDefault = await ticketFor(server.url, {
      Contract: 'demo',
      fileContent: b64(CSV_V2_OK),
      DeliveryFormatName: 'LONERAPPORT_CSV',
    });
    const v1 = await ticketFor(server.url, {
      Contract: 'demo',
      fileContent: b64(CSV_V2_OK),
      DeliveryFormatName: 'LONERAPPORT_CSV',
      ExternalVersionId: '1',
    });
    expect((await resultOf(server.url, byDefault)).successfulValidation).to.equal(true);
    const r1 = await resultOf(server.url, v1);
    expect(r1.successfulValidation).to.equal(false);
    expect(r1.errors.map((e) => e.errorCode)).to.deep.equal(['CsvHeader', 'RowValidation']);
    expect(r1.errors[0]!.errorMessage).to.contain('version 1');
  });

  it('a supplier may deliver for any organisation of the contract, and poll its tickets', async () => {
    const ticket = await ticketFor(
      server.url,
      {
        Contract: 'demo',
        orgNr: ORG2,
        fileContent: b64(XML_OK),
        DeliveryFormatName: 'LONERAPPORT_XML',
      },
      SUPPLIER,
    );
    expect((await resultOf(server.url, ticket, SUPPLIER)).ticket).to.equal(ticket);
    // The organisation delivered for may read it too.
    expect((await get(server.url, `/delivery/${ticket}`, ORG2)).status).to.equal(200);
  });

  it('each POST gives a new ticket, also for the same file', async () => {
    const body = { Contract: 'demo', fileContent: b64(XML_OK), DeliveryFormatName: 'LONERAPPORT_XML' };
    const tickets = await Promise.all([1, 2, 3].map(() => ticketFor(server.url, body)));
    expect(new Set(tickets).size).to.equal(3);
  });

  it('serves its OpenAPI document', async () => {
    const r = await fetch(`${server.url}/openapi/scb.json`);
    expect(r.status).to.equal(200);
    const doc = (await r.json()) as { openapi: string; servers: { url: string }[]; paths: Record<string, unknown> };
    expect(doc.openapi).to.equal('3.1.0');
    expect(doc.servers[0]!.url).to.equal(API);
    expect(Object.keys(doc.paths)).to.have.members(['/delivery', '/status/{ticket}', '/delivery/{ticket}']);
  });
});

describe('SCB inlämningstjänst: Test deliveries', () => {
  let server: TestServer;
  let dir: string;
  let file: string;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scb-test-'));
    file = path.join(dir, 'store.sqlite');
    server = await startServer({ storePath: file, scbProcessingDelayMs: 100 } as Partial<Config>);
  });
  after(async () => {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('are validated and answered, but their file is not kept; a normal delivery is kept', async () => {
    const bad = XML_OK.replace('<Yrkeskod>2512</Yrkeskod>', '<Yrkeskod>25</Yrkeskod>');
    const test = await ticketFor(server.url, {
      Contract: 'demo',
      Test: true,
      fileContent: b64(bad),
      DeliveryFormatName: 'LONERAPPORT_XML',
    });
    const real = await ticketFor(server.url, {
      Contract: 'demo',
      Test: false,
      fileContent: b64(XML_OK),
      DeliveryFormatName: 'LONERAPPORT_XML',
    });
    const testResult = await resultOf(server.url, test);
    expect(testResult.successfulValidation).to.equal(false);
    expect(testResult.errors[0]!.rowErrors[0]!.errorDescription).to.match(
      /^Rad 7: \/Lonerapport\/Anstalld\/Yrkeskod: /,
    );
    expect((await resultOf(server.url, real)).successfulValidation).to.equal(true);

    const db = new Database(file, { readonly: true });
    try {
      const row = (ticket: string) =>
        db
          .prepare('SELECT test, file_content, file_size, result_json FROM scb_delivery WHERE ticket = ?')
          .get(ticket) as {
          test: number;
          file_content: Buffer | null;
          file_size: number;
          result_json: string;
        };
      expect(row(test).test).to.equal(1);
      expect(row(test).file_content).to.equal(null);
      expect(row(test).file_size).to.equal(Buffer.byteLength(bad));
      expect(JSON.parse(row(test).result_json)).to.deep.equal(testResult);
      expect(row(real).file_content!.toString('utf8')).to.equal(XML_OK);
    } finally {
      db.close();
    }
  });
});
