import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_BODY_LIMITS, type BodyLimits } from '../../src/config.js';
import { testnummer } from '../../src/population/testnummer.js';
import { PROJECT_ROOT } from '../../src/xml/schema.js';
import { CALLER_HEADERS } from '../rest/birthreport/support.js';
import { ORG } from '../rest/scb/support.js';
import { accessToken } from '../rest/samordningsnummer/support.js';
import { postSoap, v10Request } from '../support/requests.js';
import { completeResponse, rawExchange, startRobustServer, type RobustServer } from './support.js';

const XML = 'text/xml; charset=utf-8';
const JSON_TYPE = 'application/json';

/**
 * Each endpoint with its limit, a request line and headers, and how its refusal looks in its own form: 413, except
 * where the service's contract has no 413 (Samordningsnummer and OAuth2 answer 400 in their error shapes).
 */
const ENDPOINTS: {
  limit: keyof BodyLimits;
  method: string;
  path: string;
  headers: Record<string, string> | (() => Promise<Record<string, string>>);
  form: RegExp;
  status?: number;
}[] = [
  {
    limit: 'ssbtek',
    method: 'POST',
    path: '/ssbtek',
    headers: { 'Content-Type': XML },
    form: /<faultcode>soapenv:Client<\/faultcode><faultstring>The request body is larger than the limit of 262144 bytes/,
  },
  {
    limit: 'pu',
    method: 'POST',
    path: '/pu/v5/GetPersonsForProfile',
    headers: { 'Content-Type': XML },
    form: /larger than the limit of 524288 bytes/,
  },
  {
    limit: 'bastjanster',
    method: 'POST',
    path: '/bastjanster/tns/hamtauppgifter/v1',
    headers: { 'Content-Type': XML },
    form: /larger than the limit of 262144 bytes/,
  },
  {
    limit: 'scb',
    method: 'POST',
    path: '/scb/api/v1/delivery',
    headers: { 'Content-Type': JSON_TYPE, 'X-SCB-Client-OrgNr': ORG },
    form: /"errorCode":"PayloadTooLarge"/,
  },
  {
    limit: 'birthreport',
    method: 'POST',
    path: '/v1/birthreport',
    headers: { 'Content-Type': JSON_TYPE, ...CALLER_HEADERS },
    form: /larger than 64kb.*"status":413/,
  },
  {
    limit: 'puAdmin',
    method: 'POST',
    path: '/pu/admin/v1/reserve-identities/national',
    headers: { 'Content-Type': JSON_TYPE, 'X-PU-Consumer': 'SE2321000016-UTOKAT' },
    form: /problem:too-large.*larger than 16kb/,
  },
  {
    limit: 'admin',
    method: 'PUT',
    path: '/__admin/scenarios/AF',
    headers: { 'Content-Type': JSON_TYPE },
    form: /"status":413.*larger than 1mb/,
  },
  {
    limit: 'samordningsnummer',
    method: 'POST',
    path: '/folkbokforing/samordningsnummer/v1/fornyelse/anmal',
    headers: async () => ({
      'Content-Type': JSON_TYPE,
      authorization: `Bearer ${await accessToken(server.url)}`,
      skv_client_correlation_id: 'limit-1',
    }),
    form: /Valideringsfel.*body must not be larger than 64kb/,
    status: 400,
  },
  {
    limit: 'oauth2',
    method: 'POST',
    path: '/oauth2/v1/sys/token',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    form: /"error":"invalid_request","error_description":"the request body is too large"/,
    status: 400,
  },
];
let server: RobustServer;

/**
 * Each endpoint's body limit (config `bodyLimits`) is answered 413 in its own form from Content-Length alone, before
 * a byte of the body is sent; the largest real requests fit with room to spare.
 */
describe('Body limits per endpoint', function () {
  this.timeout(30_000);
  before(async () => (server = await startRobustServer({ logLevel: 'warn' })));
  after(() => server.close());

  for (const endpoint of ENDPOINTS) {
    const limit = DEFAULT_BODY_LIMITS[endpoint.limit];
    const status = endpoint.status ?? 413;
    it(`${endpoint.method} ${endpoint.path}: ${limit} bytes + 1 → ${status} in its own form, before the body`, async () => {
      const headers = typeof endpoint.headers === 'function' ? await endpoint.headers() : endpoint.headers;
      const head =
        `${endpoint.method} ${endpoint.path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n` +
        `${Object.entries({ ...headers, 'Content-Length': String(limit + 1) })
          .map(([k, v]) => `${k}: ${v}\r\n`)
          .join('')}\r\n`;
      // Only the head is ever sent: the answer must come without the body.
      const outcome = await rawExchange(server.port, (socket) => socket.write(head), 5_000);
      const response = completeResponse(outcome.bytes);
      expect(response?.status, outcome.bytes.toString('utf8', 0, 300)).to.equal(status);
      expect(response!.body).to.match(endpoint.form);
    });
  }

  it('the largest real requests fit: PU for 500 identities, a query with a WS-Security header', async () => {
    const ids = testnummer('personnummer').slice(0, 500);
    const pu = fs
      .readFileSync(path.join(PROJECT_ROOT, 'fixtures/examples/pu-get-persons-p5.xml'), 'utf8')
      .replace(
        /(<gp:personId>.*<\/gp:personId>\s*)+/s,
        ids
          .map(
            (id) =>
              `      <gp:personId><p:root>1.2.752.129.2.1.3.1</p:root><p:extension>${id}</p:extension></gp:personId>\n`,
          )
          .join(''),
      );
    expect(Buffer.byteLength(pu), 'a PU request for 500 identities').to.be.within(50_000, DEFAULT_BODY_LIMITS.pu / 4);
    const reply = await postSoap(`${server.url}/pu/v5/GetPersonsForProfile`, pu, {
      'X-PU-Consumer': 'SE2321000016-UTOKAT',
    });
    expect(reply.status, reply.body.slice(0, 300)).to.equal(200);
    // A signed message: a 2 KB certificate and a signature over the Body make a header of about 10 KB.
    const security = `<wsse:Security xmlns:wsse="urn:example:wsse"><wsse:BinarySecurityToken>${'QUJD'.repeat(2500)}</wsse:BinarySecurityToken></wsse:Security>`;
    const query = v10Request().replace('<soapenv:Header/>', `<soapenv:Header>${security}</soapenv:Header>`);
    expect(query.length).to.be.below(DEFAULT_BODY_LIMITS.ssbtek / 10);
    expect((await postSoap(`${server.url}/ssbtek`, query)).status).to.equal(200);
  });
});
