import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { pino } from 'pino';
import { createApp } from '../../src/app.js';
import { DEFAULT_CONFIG } from '../../src/config.js';
import { requestListener } from '../../src/http/front-door.js';
import type { JournalEntry } from '../../src/journal/journal.js';
import { v10Request } from '../support/requests.js';
import { af } from '../../src/bastjanster/af/index.js';
import { fk } from '../../src/bastjanster/fk/index.js';
import { PU_SOAP_PATH } from '../../src/pu/soap/http.js';
import { request as puRequest } from '../pu/soap/support/pu.js';
import { adapterContext } from '../support/context.js';
import { sampleFraga, TODAY } from '../support/fraga.js';
import { lefiFraga, lefiQuestion } from '../bastjanster/fk/support.js';

const PU_HEADERS = { 'content-type': 'text/xml; charset=utf-8', 'x-pu-consumer': 'SE2321000016-UTOKAT' };
import { startServer, type TestServer } from '../support/server.js';

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A POST with Content-Length (a front door's ordinary request) or chunked (express's, as every other). */
function post(
  url: string,
  body: string,
  framing: 'length' | 'chunked',
  headers: Record<string, string> = {},
  path = '/ssbtek',
) {
  return new Promise<Raw>((resolve, reject) => {
    const bytes = Buffer.from(body, 'utf8');
    const request = http.request(`${url}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'text/xml; charset=utf-8',
        ...(framing === 'length' ? { 'content-length': String(bytes.length) } : { 'transfer-encoding': 'chunked' }),
        ...headers,
      },
    });
    request.on('error', reject);
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (c: Buffer) => chunks.push(c));
      response.on('end', () =>
        resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks).toString() }),
      );
    });
    request.end(bytes);
  });
}

const comparable = (entry: JournalEntry): Partial<JournalEntry> => {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { id, receivedAt, durationMs, services, answeredFromCache, request, ...rest } = entry;
  const { ['content-length']: _length, ['transfer-encoding']: _framing, ...headers } = request.headers;
  return { ...rest, request: { ...request, headers } };
};

describe('SOAP front doors (POST /ssbtek, the base services’ paths and PU below express)', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(() => server.close());
  beforeEach(() => fetch(`${server.url}/__admin/requests`, { method: 'DELETE' }));

  const journal = async (): Promise<JournalEntry[]> =>
    ((await (await fetch(`${server.url}/__admin/requests`)).json()) as { requests: JournalEntry[] }).requests;

  const native = af.adapter.toNative(sampleFraga(), adapterContext());
  const afPath = `${af.mountPath}${native.path}`;
  const lefi = fk.adapter.toNative(lefiFraga(lefiQuestion('198601042388')), adapterContext());
  const lefiHeaders = { 'content-type': lefi.contentType, ...lefi.headers };
  // Over EARLY_SCAN_BYTES (64 KB): read by the front door whole, or refused by the early pre-scan as rawBody does.
  const query = v10Request({ include: ['AF', 'TNS'], korrelationsid: 'FRONT-PADDED' });
  const at = query.indexOf('<soapenv:Body');
  const padded = `${query.slice(0, at)}<!--${'x'.repeat(100_000)}-->${query.slice(at)}`;
  const flood = (bytes: number): string =>
    `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><x>${'<a/>'.repeat(bytes / 4)}</x></s:Body></s:Envelope>`;
  for (const [what, path, body, headers] of [
    ['an answer', '/ssbtek', v10Request({ include: ['AF', 'TNS'], korrelationsid: 'FRONT-1' }), {}],
    ['a Fault 1001', '/ssbtek', v10Request({ include: ['AF'], personidentitet: '19770628239' }), {}],
    ['an envelope that is not XML', '/ssbtek', 'not xml at all', {}],
    ['a query padded past 64 KB', '/ssbtek', padded, {}],
    ['a node flood of 100 KB (the early pre-scan)', '/ssbtek', flood(100_000), {}],
    ['a base service’s node flood of 100 KB', afPath, flood(100_000), { 'content-type': native.contentType }],
    ['a PU node flood of 200 KB', PU_SOAP_PATH, flood(200_000), PU_HEADERS],
    ['an identified caller', '/ssbtek', v10Request({ include: ['AF'] }), { 'x-ssbtek-client-orgnr': '162120002411' }],
    ['a base service’s answer (AF)', afPath, native.body, { 'content-type': native.contentType }],
    ['a base service’s JSON answer (FK LEFI)', `${fk.mountPath}${lefi.path}`, lefi.body, lefiHeaders],
    ['a base service’s Fault (AF, not XML)', afPath, '<broken', { 'content-type': native.contentType }],
    [
      'a base service’s refusal of its day',
      afPath,
      native.body,
      { 'content-type': native.contentType, 'x-ssbtek-today': 'igår' },
    ],
    [
      'a base service’s problem (JSON, bad day)',
      `${fk.mountPath}${lefi.path}`,
      lefi.body,
      { ...lefiHeaders, 'x-ssbtek-today': 'x' },
    ],
    [
      'a base service’s unknown path',
      `${af.mountPath}/nothing/here`,
      native.body,
      { 'content-type': native.contentType },
    ],
    ['a base service’s test page', `${af.mountPath}/__test`, '', { 'content-type': 'text/plain' }],
    ['a PU answer', PU_SOAP_PATH, puRequest(['198601042388'], 'P1'), PU_HEADERS],
    [
      'a PU Fault (unknown consumer)',
      PU_SOAP_PATH,
      puRequest(['198601042388'], 'P1'),
      { ...PU_HEADERS, 'x-pu-consumer': 'SE-NOBODY' },
    ],
    [
      'a PU refusal of its day',
      PU_SOAP_PATH,
      puRequest(['198601042388'], 'P1'),
      { ...PU_HEADERS, 'x-ssbtek-today': '2026-13-01' },
    ],
  ] as const) {
    it(`answers ${what} exactly as express does, and journals it the same`, async () => {
      const viaExpress = await post(server.url, body, 'chunked', headers, path);
      const viaFrontDoor = await post(server.url, body, 'length', headers, path);
      expect(viaFrontDoor.status).to.equal(viaExpress.status);
      expect(viaFrontDoor.body).to.equal(viaExpress.body);
      expect(viaFrontDoor.headers['content-type']).to.equal(viaExpress.headers['content-type']);
      expect(viaFrontDoor.headers['content-length']).to.equal(viaExpress.headers['content-length']);
      const [fromFrontDoor, fromExpress] = await journal();
      expect(fromFrontDoor && comparable(fromFrontDoor)).to.deep.equal(fromExpress && comparable(fromExpress));
    });
  }

  it('leaves what it does not take to express: a refused caller, another media type, a body over the limit', async () => {
    const refused = await post(server.url, v10Request(), 'length', { 'x-ssbtek-client-orgnr': 'nobody' });
    expect(refused.status).to.equal(403);
    expect(refused.body).to.contain('is not an organisationsnummer');
    const soap12 = await post(server.url, v10Request(), 'length', {
      'content-type': 'application/soap+xml; charset=utf-8',
    });
    expect(soap12.status).to.equal(415);
    expect(soap12.body).to.contain('SOAP 1.2');
  });

  it('answers a flood refused by the early pre-scan before it is all sent, and the connection goes on', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const send = (body: Buffer) =>
        new Promise<{ status: number; body: string; reused: boolean }>((resolve, reject) => {
          const request = http.request(`${server.url}/ssbtek`, {
            method: 'POST',
            agent,
            headers: { 'content-type': 'text/xml; charset=utf-8', 'content-length': String(body.length) },
          });
          request.on('error', reject);
          request.on('response', (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (c: Buffer) => chunks.push(c));
            response.on('end', () =>
              resolve({
                status: response.statusCode!,
                body: Buffer.concat(chunks).toString(),
                reused: request.reusedSocket,
              }),
            );
          });
          request.end(body);
        });
      const refused = await send(Buffer.from(flood(200_000)));
      expect(refused.status).to.equal(500);
      expect(refused.body).to.contain('<faultcode>soapenv:Client</faultcode>').and.contain('more than 10000 nodes');
      const next = await send(Buffer.from(v10Request({ include: ['AF'], korrelationsid: 'AFTER-FLOOD' })));
      expect(next.status).to.equal(200);
      expect(next.reused, 'the same keep-alive connection').to.equal(true);
    } finally {
      agent.destroy();
    }
  });

  it('takes the ordinary request itself: express never sees it', async () => {
    const { app, close } = createApp(
      { ...DEFAULT_CONFIG, storePath: ':memory:', today: TODAY, logLevel: 'silent' },
      pino({ level: 'silent' }),
    );
    const listener = requestListener(app);
    const seen: http.IncomingMessage[] = [];
    const own = http.createServer((req, res) => {
      seen.push(req);
      listener(req, res);
    });
    await new Promise<void>((resolve) => own.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(own.address() as AddressInfo).port}`;
      const body = v10Request({ include: ['AF'] });
      expect((await post(url, body, 'length')).status).to.equal(200);
      expect((await post(url, body, 'chunked')).status).to.equal(200);
      const native = af.adapter.toNative(sampleFraga(), adapterContext());
      const afHeaders = { 'content-type': native.contentType };
      expect((await post(url, native.body, 'length', afHeaders, `${af.mountPath}${native.path}`)).status).to.equal(200);
      const persons = puRequest(['198601042388'], 'P1');
      expect((await post(url, persons, 'length', PU_HEADERS, PU_SOAP_PATH)).status).to.equal(200);
      // express gives every request it handles its own prototype (req.get, req.path, ...).
      const [ordinary, chunked, base, pu] = seen.map(
        (req) => Object.getPrototypeOf(req) === http.IncomingMessage.prototype,
      );
      expect({ ordinary, chunked, base, pu }).to.deep.equal({ ordinary: true, chunked: false, base: true, pu: true });
    } finally {
      own.closeAllConnections();
      await new Promise((resolve) => own.close(resolve));
      await close();
    }
  });
});
