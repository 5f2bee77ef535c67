import { expect } from 'chai';
import fs from 'node:fs';
import type { Server } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import { pino } from 'pino';
import { createApp, listen, type App } from '../../src/app.js';
import { DEFAULT_CONFIG, type Config } from '../../src/config.js';
import { PROJECT_ROOT } from '../../src/xml/schema.js';
import { TODAY } from '../support/fraga.js';

const TLS = path.join(PROJECT_ROOT, 'test/rest/scb/fixtures/tls');
const file = (name: string): string => path.join(TLS, name);
const FORGED = {
  cert: fs.readFileSync(file('client-forged-issuer.pem')),
  key: fs.readFileSync(file('client-forged-issuer.key')),
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
  let app: App;
  let server: Server;
  let port: number;
  before(async () => {
    const config: Config = {
      ...DEFAULT_CONFIG,
      today: TODAY,
      logLevel: 'silent',
      storePath: ':memory:',
      puConsumers: [{ id: '5599000006', name: 'Testregion', contract: 'extended', kind: 'public', lan: '01' }],
    };
    app = createApp(config, pino({ level: 'silent' }));
    server = await listen(app.app, '127.0.0.1', 0, {
      certFile: file('server.pem'),
      keyFile: file('server.key'),
      caFile: file('ca.pem'),
    });
    port = (server.address() as AddressInfo).port;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await app.close();
  });

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
