import { expect } from 'chai';
import { startServer, type TestServer } from '../support/server.js';
import { at, attr, elements, tree } from '../support/xml-attrs.js';

describe('WSDL and schemas served for clients', () => {
  let server: TestServer;
  before(async () => (server = await startServer()));
  after(() => server.close());

  it('serves the v10 WSDL with soap:address set to the address the client used', async () => {
    const response = await fetch(`${server.url}/ssbtek?wsdl`);
    expect(response.status).to.equal(200);
    const wsdl = tree(await response.text());
    expect(wsdl.name).to.equal('definitions');
    const address = at(wsdl, 'service', 'port', 'address');
    expect(attr(address, 'location')).to.equal(`${server.url}/ssbtek`);
  });

  it('follows the Host header the client sent', async () => {
    const port = new URL(server.url).port;
    const response = await fetch(`http://localhost:${port}/ssbtek?wsdl`);
    expect(attr(at(tree(await response.text()), 'service', 'port', 'address'), 'location')).to.equal(
      `http://localhost:${port}/ssbtek`,
    );
  });

  it('points the WSDL schema imports at schemas this server serves, and those import further served schemas', async () => {
    const wsdl = tree(await (await fetch(`${server.url}/ssbtek?wsdl`)).text());
    const imports = elements(at(wsdl, 'types', 'schema') ?? wsdl).filter((e) => e.name === 'import');
    expect(imports).to.have.length(1);
    const location = attr(imports[0], 'schemaLocation') ?? '';
    expect(location).to.equal(`${server.url}/xsd/ssbtek/v10/sammansatt_bastjanst_v10.xsd`);
    const xsd = await fetch(location);
    expect(xsd.status).to.equal(200);
    const schema = tree(await xsd.text());
    for (const imported of elements(schema).filter((e) => e.name === 'import')) {
      const url = new URL(attr(imported, 'schemaLocation') ?? '', location);
      expect((await fetch(url)).status, url.href).to.equal(200);
    }
  });

  it('serves the v1 WSDL (seed appendix A) with its schema under the SSBTEK/1 namespace', async () => {
    const wsdl = tree(await (await fetch(`${server.url}/ssbtek?wsdl&version=1`)).text());
    expect(attr(wsdl, 'targetNamespace')).to.equal('http://schema.forsakringskassan.se/integration/SSBTEK/1');
    const location =
      attr(
        elements(at(wsdl, 'types', 'schema') ?? wsdl).find((e) => e.name === 'import'),
        'schemaLocation',
      ) ?? '';
    const schema = tree(await (await fetch(location)).text());
    expect(attr(schema, 'targetNamespace')).to.equal('http://schema.forsakringskassan.se/integration/SSBTEK/1');
  });

  it('serves nothing outside xsd/ and only .xsd files', async () => {
    expect((await fetch(`${server.url}/xsd/..%2F..%2Fpackage.json`)).status).to.equal(404);
    expect((await fetch(`${server.url}/xsd/../package.json`)).status).to.equal(404);
    expect((await fetch(`${server.url}/xsd/ssbtek/v10/none.xsd`)).status).to.equal(404);
  });

  it('answers /health with 200 JSON listing the base services', async () => {
    const response = await fetch(`${server.url}/health`);
    expect(response.status).to.equal(200);
    const health = (await response.json()) as { status: string; baseServices: { id: string }[] };
    expect(health.status).to.equal('ok');
    expect(health.baseServices.map((s) => s.id)).to.deep.equal(['AF', 'CSN', 'FK', 'SKV', 'SO', 'TNS', 'MIV']);
  });
});
