import { expect } from 'chai';
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import tls from 'node:tls';
import { PROJECT_ROOT } from '../../src/xml/schema.js';
import { startServer, TEST_TLS, testTlsFile, type TestServer } from '../support/server.js';

const FORGED = {
  cert: fs.readFileSync(testTlsFile('client-forged-issuer.pem')),
  key: fs.readFileSync(testTlsFile('client-forged-issuer.key')),
};
const PU_REQUEST = fs.readFileSync(path.join(PROJECT_ROOT, 'fixtures/examples/pu-get-persons-p5.xml'), 'utf8');
const TRIES = 20;

/**
 * A client certificate with a forged issuer (the trusted CA's name, signed by another key) over the emulator's own
 * HTTPS listener (listen()): the handshake completes and each service answers it in its own form, every time —
 * SCB 401 Unauthenticated, PU a VP007 Fault. Sent as a raw request a moment after the handshake (what curl and
 * most clients do), which before the fix was dropped with no answer on every try.
 */
describe('TLS: a client certificate with a forged issuer gets the service’s answer, not a dropped connection', function () {
  this.timeout(60_000);
  let server: TestServer;
  let port: number;
  before(async () => {
    server = await startServer(
      { puConsumers: [{ id: '5599000006', name: 'Testregion', contract: 'extended', kind: 'public', lan: '01' }] },
      undefined,
      TEST_TLS,
    );
    port = server.port;
  });
  after(() => server.close());

  /** Handshake, a pause, then the request: resolves with the raw answer ('' when the connection was dropped). */
  function rawExchange(request: string): Promise<string> {
    return new Promise((resolve) => {
      const socket = tls.connect({ host: '127.0.0.1', port, rejectUnauthorized: false, ...FORGED }, () => {
        setTimeout(() => socket.write(request), 10);
      });
      let answer = '';
      socket.setEncoding('utf8').on('data', (chunk: string) => (answer += chunk));
      socket.on('error', () => resolve(answer));
      socket.on('close', () => resolve(answer));
    });
  }

  const request = (method: string, target: string, headers: Record<string, string>, body = ''): string =>
    `${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n` +
    `${Object.entries({ ...headers, 'Content-Length': String(Buffer.byteLength(body)) })
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('')}\r\n${body}`;

  it(`SCB: 401 Unauthenticated in SCB's shape, ${TRIES} of ${TRIES} tries`, async () => {
    const statuses: string[] = [];
    for (let i = 0; i < TRIES; i++) {
      const answer = await rawExchange(request('GET', '/scb/api/v1/status/00000000-0000-0000-0000-000000000000', {}));
      statuses.push(answer.split('\r\n')[0] || 'dropped');
      if (answer) expect(answer).to.contain('"errorCode":"Unauthenticated"');
    }
    expect(statuses).to.deep.equal(Array.from({ length: TRIES }, () => 'HTTP/1.1 401 Unauthorized'));
  });

  it(`PU GetPersonsForProfile: a VP007 Fault (no consumer), ${TRIES} of ${TRIES} tries`, async () => {
    const statuses: string[] = [];
    for (let i = 0; i < TRIES; i++) {
      const answer = await rawExchange(
        request('POST', '/pu/v5/GetPersonsForProfile', { 'Content-Type': 'text/xml; charset=utf-8' }, PU_REQUEST),
      );
      statuses.push(answer.split('\r\n')[0] || 'dropped');
      if (answer) expect(answer).to.match(/<faultstring>VP007 /);
    }
    expect(statuses).to.deep.equal(Array.from({ length: TRIES }, () => 'HTTP/1.1 500 Internal Server Error'));
  });

  it('the same through https.request (request sent with the handshake)', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = https.request(
        { host: '127.0.0.1', port, path: '/scb/api/v1/status/x', rejectUnauthorized: false, agent: false, ...FORGED },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).to.equal(401);
  });
});
