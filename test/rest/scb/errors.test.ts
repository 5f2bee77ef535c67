import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { DEFAULT_BODY_LIMITS } from '../../../src/config.js';
import { EMULATED_STATUSES } from '../../../src/rest/scb/errors.js';
import { startServer, type TestServer } from '../../support/server.js';
import {
  API,
  CSV_V2_OK,
  ORG,
  ORG2,
  OUTSIDER,
  SUPPLIER,
  XML_OK,
  b64,
  deliver,
  expectError,
  get,
  ticketFor,
} from './support.js';

const ok = { Contract: 'demo', orgNr: ORG, fileContent: b64(CSV_V2_OK), DeliveryFormatName: 'LONERAPPORT_CSV' };

describe('SCB inlämningstjänst: refused calls', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer({ bodyLimits: { ...DEFAULT_BODY_LIMITS, scb: 64 * 1024 } });
  });
  after(() => server.close());

  describe('delivery parameters (400)', () => {
    it('unknown contract', async () => {
      expectError(await deliver(server.url, { ...ok, Contract: 'nope' }), 400, 'UnknownContract');
    });
    it('delivery format left out where the contract has several', async () => {
      const { DeliveryFormatName: _, ...rest } = ok;
      expectError(await deliver(server.url, rest), 400, 'DeliveryFormatRequired');
    });
    it('unknown delivery format', async () => {
      expectError(
        await deliver(server.url, { ...ok, DeliveryFormatName: 'LONERAPPORT_PDF' }),
        400,
        'UnknownDeliveryFormat',
      );
    });
    it('unknown version', async () => {
      const r = await deliver(server.url, { ...ok, ExternalVersionId: '7' });
      expectError(r, 400, 'UnknownExternalVersionId');
      expect(JSON.stringify(r.body)).to.contain('1, 2');
    });
    it('orgNr not in the contract', async () => {
      expectError(await deliver(server.url, { ...ok, orgNr: OUTSIDER }, OUTSIDER), 400, 'OrgNrNotInContract');
    });
    it('orgNr that is not an organisationsnummer', async () => {
      expectError(await deliver(server.url, { ...ok, orgNr: '5599000007' }), 400, 'InvalidOrgNr');
    });
    it('fileContent that is not base64', async () => {
      for (const fileContent of ['not base64!', 'QUJD=', 'QUJ', 'Q*==']) {
        expectError(await deliver(server.url, { ...ok, fileContent }), 400, 'InvalidFileContent');
      }
    });
    it('fileContent with MIME line breaks is base64', async () => {
      const wrapped = b64(CSV_V2_OK).replace(/(.{20})/g, '$1\r\n');
      expect((await deliver(server.url, { ...ok, fileContent: wrapped })).status).to.equal(200);
    });
    it('empty fileContent', async () => {
      expectError(await deliver(server.url, { ...ok, fileContent: '' }), 400, 'EmptyFileContent');
    });
    it('missing Contract or fileContent, in either spelling', async () => {
      const { Contract: _c, ...noContract } = ok;
      const { fileContent: _f, ...noFile } = ok;
      const r = await deliver(server.url, noContract);
      expectError(r, 400, 'MissingParameter');
      expect(JSON.stringify(r.body)).to.contain('Contract');
      expectError(await deliver(server.url, noFile), 400, 'MissingParameter');
      expectError(await deliver(server.url, { ...ok, Contract: '  ' }), 400, 'MissingParameter');
    });
    it('the same parameter twice with different values', async () => {
      expectError(await deliver(server.url, { ...ok, contract: 'other' }), 400, 'DuplicateParameter');
      expect((await deliver(server.url, { ...ok, contract: 'demo' })).status).to.equal(200);
    });
    it('wrong types and unknown fields are refused by the OpenAPI document', async () => {
      expectError(await deliver(server.url, { ...ok, Test: 'yes' }), 400, 'InvalidRequest');
      expectError(await deliver(server.url, { ...ok, fileContent: 12 }), 400, 'InvalidRequest');
      const r = await deliver(server.url, { ...ok, Kontrakt: 'demo' });
      expectError(r, 400, 'InvalidRequest');
      expect(JSON.stringify(r.body)).to.contain('additional properties');
    });
    it('a body that is not JSON, or not an object', async () => {
      expectError(await deliver(server.url, '{"Contract": '), 400, 'InvalidRequest');
      expectError(await deliver(server.url, '["demo"]'), 400, 'InvalidRequest');
    });
  });

  describe('authentication and authorisation (401/403)', () => {
    it('no stand-in header → 401', async () => {
      expectError(await deliver(server.url, ok, null), 401, 'Unauthenticated');
      expectError(await get(server.url, `/status/${randomUUID()}`, null), 401, 'Unauthenticated');
    });
    it('a header that is no organisationsnummer → 401', async () => {
      expectError(await deliver(server.url, ok, 'abc'), 401, 'Unauthenticated');
    });
    it('caller other than orgNr (and no supplier of the contract) → 403', async () => {
      expectError(await deliver(server.url, ok, ORG2), 403, 'Forbidden');
    });
    it('no orgNr: the caller must be known to the contract', async () => {
      const { orgNr: _, ...noOrg } = ok;
      expectError(await deliver(server.url, noOrg, OUTSIDER), 403, 'Forbidden');
      expect((await deliver(server.url, noOrg, ORG2)).status).to.equal(200);
      expect((await deliver(server.url, noOrg, SUPPLIER)).status).to.equal(200);
    });
    it("someone else's ticket → 403", async () => {
      const ticket = await ticketFor(server.url, ok);
      expectError(await get(server.url, `/status/${ticket}`, ORG2), 403, 'Forbidden');
      expectError(await get(server.url, `/delivery/${ticket}`, SUPPLIER), 403, 'Forbidden');
    });
  });

  describe('tickets and paths', () => {
    it('unknown ticket → 404 on status and on delivery', async () => {
      expectError(await get(server.url, `/status/${randomUUID()}`), 404, 'UnknownTicket');
      expectError(await get(server.url, `/delivery/${randomUUID()}`), 404, 'UnknownTicket');
    });
    it('a ticket that is not a UUID → 400', async () => {
      expectError(await get(server.url, '/status/12345'), 400, 'InvalidRequest');
    });
    it('a ticket in upper case is the same ticket', async () => {
      const ticket = await ticketFor(server.url, {
        ...ok,
        fileContent: b64(XML_OK),
        DeliveryFormatName: 'LONERAPPORT_XML',
      });
      expect((await get(server.url, `/status/${ticket.toUpperCase()}`)).status).to.be.oneOf([202, 302]);
    });
    it('unknown path → 404, wrong method → 405 with Allow', async () => {
      expectError(await get(server.url, '/leverans'), 404, 'NotFound');
      const r = await get(server.url, '/delivery');
      expectError(r, 405, 'MethodNotAllowed');
      expect(r.headers.get('allow')).to.equal('POST');
    });
    it('not JSON → 415', async () => {
      const r = await fetch(`${server.url}${API}/delivery`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', 'X-SCB-Client-OrgNr': ORG },
        body: 'Contract=demo',
      });
      expectError({ status: r.status, headers: r.headers, body: await r.json() }, 415, 'UnsupportedMediaType');
    });
    it('a body over the limit → 413', async () => {
      const r = await deliver(server.url, { ...ok, fileContent: b64('x'.repeat(70 * 1024)) });
      expectError(r, 413, 'PayloadTooLarge');
    });
  });

  describe('X-Emulator-Error', () => {
    for (const status of [429, 500, 502, 503, 504]) {
      it(`${status} on every operation, in the service's error shape`, async () => {
        const extra = { 'X-Emulator-Error': String(status) };
        expect((await deliver(server.url, ok, ORG, extra)).status).to.equal(status);
        const r = await fetch(`${server.url}${API}/status/${randomUUID()}`, { headers: extra });
        expectError(
          { status: r.status, headers: r.headers, body: await r.json() },
          status,
          EMULATED_STATUSES[status]![0],
        );
      });
    }
    it('a value it does not know → 400', async () => {
      expectError(await deliver(server.url, ok, ORG, { 'X-Emulator-Error': '418' }), 400, 'InvalidRequest');
    });
  });
});
