import fs from 'node:fs';
import https from 'node:https';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { expect } from 'chai';
import { pino } from 'pino';
import { createApp, listen, type App } from '../../../src/app.js';
import { DEFAULT_CONFIG, type Config } from '../../../src/config.js';
import { readExample } from '../../../src/examples/catalogue.js';
import { PROJECT_ROOT } from '../../../src/xml/schema.js';
import { TODAY } from '../../support/fraga.js';
import { at, textAt, tree } from '../../support/xml.js';

const TLS = path.join(PROJECT_ROOT, 'test/rest/scb/fixtures/tls');
const file = (name: string): string => path.join(TLS, name);
const REQUEST = readExample('pu-get-persons-p5.xml', TODAY);

/**
 * Over HTTPS a PU consumer is its client certificate: the subject serialNumber of a certificate the configured CA
 * vouches for. An untrusted certificate, or none, names nobody — and the X-PU-Consumer header is not taken instead.
 */
describe('Personuppgiftstjänsten over HTTPS: the consumer is its client certificate', () => {
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

  function call(client?: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const request = https.request(
        {
          host: '127.0.0.1',
          port,
          path: '/pu/v5/GetPersonsForProfile',
          method: 'POST',
          rejectUnauthorized: false,
          ...(client && { cert: fs.readFileSync(file(`${client}.pem`)), key: fs.readFileSync(file(`${client}.key`)) }),
          headers: { 'content-type': 'text/xml; charset=utf-8', ...headers },
        },
        (response) => {
          let body = '';
          response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
        },
      );
      request.on('error', reject);
      request.end(REQUEST);
    });
  }

  it('answers a consumer identified by a trusted certificate', async () => {
    const reply = await call('client-5599000006');
    expect(reply.status, reply.body).to.equal(200);
    expect(at(tree(reply.body), 'Body', 'GetPersonsForProfileResponse')).to.not.equal(undefined);
  });

  it('refuses an untrusted certificate with the same serialNumber', async () => {
    const reply = await call('client-untrusted');
    expect(reply.status).to.equal(500);
    expect(textAt(tree(reply.body), 'Body', 'Fault', 'faultstring')).to.match(/VP007/);
  });

  it('does not take the X-PU-Consumer header over TLS instead of a certificate', async () => {
    const reply = await call(undefined, { 'X-PU-Consumer': '5599000006' });
    expect(reply.status).to.equal(500);
    expect(textAt(tree(reply.body), 'Body', 'Fault', 'faultstring')).to.match(/VP007/);
  });
});
