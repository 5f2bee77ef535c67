import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { ConfigError, configFromEnv, loadConfigFile } from '../../src/config.js';
import { PU_SOAP_PATH } from '../../src/pu/soap/http.js';
import { rawHttp } from '../support/raw-http.js';
import { startServer, type TestServer } from '../support/server.js';
import { at, attr, elements, tree } from '../support/xml-attrs.js';

const PUBLIC = 'https://ssbtek.example.test:8443/emulator';

/** soap:address and every schemaLocation in a served WSDL. */
function addresses(wsdl: string): { address: string | undefined; schemas: string[] } {
  const root = tree(wsdl);
  const schemas: string[] = [];
  const walk = (element: ReturnType<typeof tree>): void => {
    const location = attr(element, 'schemaLocation');
    if (location !== undefined) schemas.push(location);
    for (const child of elements(element)) walk(child);
  };
  walk(root);
  return { address: attr(at(root, 'service', 'port', 'address'), 'location'), schemas };
}

describe('Public base URL: the addresses written into served documents', () => {
  describe('setting', () => {
    it('reads SSBTEK_PUBLIC_BASE_URL, an absolute http(s) URL, without a trailing slash', () => {
      expect(configFromEnv({ SSBTEK_PUBLIC_BASE_URL: 'https://gw.example.test/ssbtek/' }).publicBaseUrl).to.equal(
        'https://gw.example.test/ssbtek',
      );
      expect(configFromEnv({ SSBTEK_PUBLIC_BASE_URL: 'http://gw.example.test:8080' }).publicBaseUrl).to.equal(
        'http://gw.example.test:8080',
      );
      expect(configFromEnv({}).publicBaseUrl).to.equal(undefined);
    });

    for (const bad of [
      'gw.example.test',
      '/ssbtek',
      'ftp://gw.example.test',
      'https://gw.example.test/?a=1',
      'https://gw.example.test/#x',
      'https://user:pw@gw.example.test',
      'https://',
    ]) {
      it(`refuses ${JSON.stringify(bad)} naming the setting`, () => {
        expect(() => configFromEnv({ SSBTEK_PUBLIC_BASE_URL: bad })).to.throw(/SSBTEK_PUBLIC_BASE_URL/);
      });
    }

    it('takes publicBaseUrl from a config file, checked the same way', () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'public-base-'));
      try {
        const good = path.join(dir, 'good.json');
        fs.writeFileSync(good, JSON.stringify({ publicBaseUrl: 'https://gw.example.test/x/' }));
        expect(loadConfigFile(good).publicBaseUrl).to.equal('https://gw.example.test/x');
        const bad = path.join(dir, 'bad.json');
        fs.writeFileSync(bad, JSON.stringify({ publicBaseUrl: 'gopher://gw.example.test' }));
        expect(() => loadConfigFile(bad))
          .to.throw(ConfigError)
          .with.property('message')
          .that.match(/publicBaseUrl/);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('configured', () => {
    let server: TestServer;
    let port: number;
    before(async () => {
      server = await startServer({ publicBaseUrl: PUBLIC });
      port = Number(new URL(server.url).port);
    });
    after(() => server.close());

    const wsdls: [string, string, string][] = [
      ['/ssbtek?wsdl', '/ssbtek', '/xsd/ssbtek/v10/sammansatt_bastjanst_v10.xsd'],
      ['/ssbtek?wsdl&version=11', '/ssbtek', '/xsd/ssbtek/v11/sammansatt_bastjanst_v11.xsd'],
      ['/ssbtek?wsdl&version=1', '/ssbtek', '/xsd/ssbtek/v1/sammansatt_bastjanst_v1.xsd?ns=SSBTEK'],
      ['/ssbtek/v1?wsdl', '/ssbtek', '/xsd/ssbtek/v1/sammansatt_bastjanst_v1.xsd?ns=SSBTEK'],
      ['/ssbtek/v11?wsdl', '/ssbtek', '/xsd/ssbtek/v11/sammansatt_bastjanst_v11.xsd'],
      [`${PU_SOAP_PATH}?wsdl`, PU_SOAP_PATH, '/xsd/pu/'],
    ];
    for (const [target, endpoint, schema] of wsdls) {
      it(`GET ${target} names the public URL whatever Host the client sent`, async () => {
        const answer = await rawHttp(port, [`GET ${target} HTTP/1.1`, 'Host: attacker.example']);
        expect(answer.status, answer.body).to.equal(200);
        expect(answer.body).to.not.contain('attacker.example');
        const { address, schemas } = addresses(answer.body);
        expect(address).to.equal(`${PUBLIC}${endpoint}`);
        expect(schemas).to.have.length.greaterThan(0);
        for (const location of schemas) expect(location.startsWith(`${PUBLIC}/xsd/`), location).to.equal(true);
        expect(schemas.some((s) => s.startsWith(`${PUBLIC}${schema}`))).to.equal(true);
        // The same document for every client: nothing in it depends on the request.
        expect(answer.headers.vary ?? '').to.not.match(/host/i);
      });
    }
  });

  describe('not configured', () => {
    let server: TestServer;
    let port: number;
    before(async () => {
      server = await startServer();
      port = Number(new URL(server.url).port);
    });
    after(() => server.close());

    it('follows the (valid) Host, and says the document varies with it, for shared caches', async () => {
      const answer = await rawHttp(port, ['GET /ssbtek?wsdl HTTP/1.1', `Host: localhost:${port}`]);
      expect(addresses(answer.body).address).to.equal(`http://localhost:${port}/ssbtek`);
      expect(answer.headers.vary).to.match(/\bhost\b/i);
      const pu = await rawHttp(port, [`GET ${PU_SOAP_PATH}?wsdl HTTP/1.1`, `Host: localhost:${port}`]);
      expect(addresses(pu.body).address).to.equal(`http://localhost:${port}${PU_SOAP_PATH}`);
      expect(pu.headers.vary).to.match(/\bhost\b/i);
    });
  });
});
