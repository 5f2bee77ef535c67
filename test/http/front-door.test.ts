import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { pino } from 'pino';
import { createApp } from '../../src/app.js';
import { DEFAULT_CONFIG } from '../../src/config.js';
import { requestListener } from '../../src/http/front-door.js';
import { TODAY } from '../support/fraga.js';
import type { JournalEntry } from '../../src/journal/journal.js';
import { v10Request } from '../support/requests.js';
import { startServer, type TestServer } from '../support/server.js';

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** POST /ssbtek with Content-Length (the front door's ordinary request) or chunked (express's, as every other). */
function post(url: string, body: string, framing: 'length' | 'chunked', headers: Record<string, string> = {}) {
  return new Promise<Raw>((resolve, reject) => {
    const bytes = Buffer.from(body, 'utf8');
    const request = http.request(`${url}/ssbtek`, {
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

describe('SOAP front door (POST /ssbtek below express)', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(() => server.close());
  beforeEach(() => fetch(`${server.url}/__admin/requests`, { method: 'DELETE' }));

  const journal = async (): Promise<JournalEntry[]> =>
    ((await (await fetch(`${server.url}/__admin/requests`)).json()) as { requests: JournalEntry[] }).requests;

  for (const [what, body, headers] of [
    ['an answer', v10Request({ include: ['AF', 'TNS'], korrelationsid: 'FRONT-1' }), {}],
    ['a Fault 1001', v10Request({ include: ['AF'], personidentitet: '19770628239' }), {}],
    ['an envelope that is not XML', 'not xml at all', {}],
    ['an identified caller', v10Request({ include: ['AF'] }), { 'x-ssbtek-client-orgnr': '162120002411' }],
  ] as const) {
    it(`answers ${what} exactly as express does, and journals it the same`, async () => {
      const viaExpress = await post(server.url, body, 'chunked', headers);
      const viaFrontDoor = await post(server.url, body, 'length', headers);
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
      // express gives every request it handles its own prototype (req.get, req.path, ...).
      const [ordinary, chunked] = seen.map((req) => Object.getPrototypeOf(req) === http.IncomingMessage.prototype);
      expect({ ordinary, chunked }).to.deep.equal({ ordinary: true, chunked: false });
    } finally {
      own.closeAllConnections();
      await new Promise((resolve) => own.close(resolve));
      await close();
    }
  });
});
