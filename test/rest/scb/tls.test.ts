import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { pino } from 'pino';
import { createApp, type App } from '../../../src/app.js';
import { DEFAULT_CONFIG, type Config } from '../../../src/config.js';
import { TODAY } from '../../support/fraga.js';
import { API, ORG, ORG2, XML_OK, b64 } from './support.js';

// The fixtures stay in the source tree (dist/ has only the compiled tests).
const TLS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../test/rest/scb/fixtures/tls');
const read = (name: string) => fs.readFileSync(path.join(TLS, name));

interface Reply {
  status: number;
  body: { errors?: { errorCode: string }[] } | string;
}

/**
 * The HTTPS listener is the lead's (app.ts); this stands one up the way the service needs it: client certificates
 * requested but not rejected by TLS, so that the service answers 401/403 itself.
 */
describe('SCB: client certificate authentication over HTTPS', () => {
  let app: App;
  let server: https.Server;
  let port: number;
  before(async () => {
    const config = {
      ...DEFAULT_CONFIG,
      port: 0,
      today: TODAY,
      logLevel: 'silent',
      storePath: ':memory:',
      scbProcessingDelayMs: 20,
    } as Config;
    app = createApp(config, pino({ level: 'silent' }));
    server = https.createServer(
      {
        key: read('server.key'),
        cert: read('server.pem'),
        ca: read('ca.pem'),
        requestCert: true,
        rejectUnauthorized: false,
      },
      app.app,
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await app.close();
  });

  function call(method: string, p: string, client?: string, body?: unknown, headers: Record<string, string> = {}) {
    return new Promise<Reply>((resolve, reject) => {
      const request = https.request(
        {
          host: '127.0.0.1',
          port,
          method,
          path: `${API}${p}`,
          ca: read('ca.pem'),
          ...(client ? { key: read(`${client}.key`), cert: read(`${client}.pem`) } : {}),
          headers: { 'content-type': 'application/json', ...headers },
          agent: false,
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Reply['body'] }));
        },
      );
      request.on('error', reject);
      request.end(body === undefined ? undefined : JSON.stringify(body));
    });
  }

  const delivery = (orgNr: string) => ({
    Contract: 'demo',
    orgNr,
    fileContent: b64(XML_OK),
    DeliveryFormatName: 'LONERAPPORT_XML',
  });
  const codeOf = (r: Reply) => (typeof r.body === 'string' ? r.body : r.body.errors?.[0]?.errorCode);

  it('the organisation in the certificate (serialNumber) delivers for itself and polls its ticket', async () => {
    const r = await call('POST', '/delivery', 'client-5599000006', delivery(ORG));
    expect(r.status).to.equal(200);
    const ticket = r.body as string;
    let status: Reply;
    do status = await call('GET', `/status/${ticket}`, 'client-5599000006');
    while (status.status === 202);
    expect(status.status).to.equal(302);
    expect(status.body).to.equal('Processed');
  });

  it('a supplier certificate (organizationIdentifier NTRSE-…) delivers for an organisation of the contract', async () => {
    expect((await call('POST', '/delivery', 'client-supplier-5599000022', delivery(ORG2))).status).to.equal(200);
  });

  it('the certificate of one organisation may not deliver for another → 403', async () => {
    const r = await call('POST', '/delivery', 'client-5599000006', delivery(ORG2));
    expect([r.status, codeOf(r)]).to.deep.equal([403, 'Forbidden']);
  });

  it('no certificate, one from another CA, or one without an organisationsnummer → 401', async () => {
    for (const client of [undefined, 'client-untrusted', 'client-no-orgnr']) {
      const r = await call('POST', '/delivery', client, delivery(ORG));
      expect([client, r.status, codeOf(r)]).to.deep.equal([client, 401, 'Unauthenticated']);
    }
  });

  it('over HTTPS the stand-in header is not enough', async () => {
    const r = await call('POST', '/delivery', undefined, delivery(ORG), { 'X-SCB-Client-OrgNr': ORG });
    expect(r.status).to.equal(401);
  });
});
