import fs from 'node:fs';
import https from 'node:https';
import { expect } from 'chai';
import { readExample } from '../../../src/examples/catalogue.js';
import { TODAY } from '../../support/fraga.js';
import { at, textAt, tree } from '../../support/xml.js';
import { startServer, TEST_TLS, testTlsFile, type TestServer } from '../../support/server.js';

const REQUEST = readExample('pu-get-persons-p5.xml', TODAY);

/**
 * Over HTTPS a PU consumer is its client certificate: the subject serialNumber of a certificate the configured CA
 * vouches for. An untrusted certificate, or none, names nobody — and the X-PU-Consumer header is not taken instead.
 */
describe('Personuppgiftstjänsten over HTTPS: the consumer is its client certificate', () => {
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

  function call(client?: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const request = https.request(
        {
          host: '127.0.0.1',
          port,
          path: '/pu/v5/GetPersonsForProfile',
          method: 'POST',
          rejectUnauthorized: false,
          ...(client && {
            cert: fs.readFileSync(testTlsFile(`${client}.pem`)),
            key: fs.readFileSync(testTlsFile(`${client}.key`)),
          }),
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
