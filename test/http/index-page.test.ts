import { expect } from 'chai';
import { BASE_SERVICES } from '../../src/bastjanster/registry.js';
import type { EndpointIndex } from '../../src/http/index-page.js';
import { REST_SERVICES } from '../../src/rest/registry.js';
import { loadDialects } from '../../src/ssbtek/dialects.js';
import { startServer, type TestServer } from '../support/server.js';

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

/** A template's `{name}` segments filled with values the services take. */
function concrete(path: string): string {
  return path.replace('{version}', 'v9').replace('{aktorsId}', '026-51');
}

describe('GET /: the index of what this emulator serves', () => {
  let server: TestServer;
  let index: EndpointIndex;
  before(async () => {
    server = await startServer({ baseServiceUrls: { TNS: 'http://127.0.0.1:9/tns' } });
    index = (await (
      await fetch(`${server.url}/`, { headers: { accept: 'application/json' } })
    ).json()) as EndpointIndex;
  });
  after(() => server.close());
  const service = (id: string) => index.services.find((s) => s.id === id)!;

  it('lists every service the app mounts, from its registries, with the day the emulator lives on', async () => {
    expect(index.services.map((s) => s.id)).to.deep.equal([
      'SSBTEK',
      ...BASE_SERVICES.map((s) => s.id),
      'PU',
      ...REST_SERVICES.map((s) => s.id),
      'admin',
      'console',
      'health',
      'metrics',
      'schemas',
      'index',
    ]);
    expect(index.base).to.equal(server.url);
    expect(index.today).to.deep.equal({ today: '2026-11-24', source: 'config', configured: '2026-11-24' });
    expect(service('TNS').transport).to.equal('http://127.0.0.1:9/tns');
    expect(service('AF').transport).to.equal('in-process');
  });

  it('links each SSBTEK dialect’s WSDL (every namespace it answers in), and each WSDL is served', async () => {
    const dialects = [...loadDialects().values()];
    const listed = service('SSBTEK').dialects!;
    expect(listed.map((d) => d.dialect)).to.deep.equal([...new Set(dialects.map((d) => d.dialect))]);
    for (const binding of dialects) {
      const entry = listed.find((d) => d.dialect === binding.dialect)!;
      expect(entry.namespaces).to.include(binding.namespace);
      const wsdl = await fetch(`${server.url}${entry.wsdl}`);
      expect(wsdl.status, entry.wsdl).to.equal(200);
      expect(await wsdl.text()).to.contain('definitions');
    }
  });

  it('links each REST adapter’s and the admin API’s OpenAPI document, and Personuppgiftstjänsten’s WSDL, all served', async () => {
    for (const rest of REST_SERVICES) {
      const listed = service(rest.id);
      expect(listed.contracts).to.deep.equal([{ title: 'OpenAPI', href: `/openapi/${rest.id}.json` }]);
      expect(listed.operations.length, rest.id).to.be.greaterThan(0);
      for (const op of listed.operations) expect(op.path.startsWith('/'), op.path).to.equal(true);
    }
    for (const href of [...REST_SERVICES.map((s) => `/openapi/${s.id}.json`), '/openapi/admin.json']) {
      const document = (await (await fetch(`${server.url}${href}`)).json()) as { openapi: string };
      expect(document.openapi, href).to.equal('3.1.0');
    }
    const pu = await fetch(`${server.url}${service('PU').contracts[0]!.href}`);
    expect(pu.status).to.equal(200);
    expect(await pu.text()).to.contain('GetPersonsForProfile');
  });

  it('names each base service’s native operations, and each is answered there by the service itself', async () => {
    for (const base of BASE_SERVICES) {
      const listed = service(base.id);
      expect(listed.operations.length, base.id).to.equal(base.nativePaths.length + 1);
      for (const op of listed.operations) {
        expect(op.method).to.equal('POST');
        const post = (path: string) =>
          fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: '' });
        // An empty question is refused, but by the operation: not the "no such resource" of a wrong path.
        expect((await post(concrete(op.path))).status, op.path).to.not.equal(404);
        expect((await post(`${base.mountPath}/no-such-operation`)).status, base.id).to.equal(404);
      }
    }
  });

  it('serves HTML to a browser, JSON to anything else that takes it, and 406 to a caller taking neither', async () => {
    const html = await fetch(`${server.url}/`, { headers: { accept: BROWSER_ACCEPT } });
    expect(html.headers.get('content-type')).to.match(/^text\/html/);
    const page = await html.text();
    expect(page).to.contain('<h1>SSBTEK emulator</h1>').and.contain('2026-11-24');
    for (const href of ['/ssbtek?wsdl&amp;version=11', '/openapi/birthreport.json', '/openapi/admin.json'])
      expect(page).to.contain(`href="${href}"`);
    expect(page).to.contain('POST /bastjanster/af/arbetssokande/ersattningsstod/v2/fraga');
    const any = await fetch(`${server.url}/`);
    expect(any.headers.get('content-type')).to.match(/^application\/json/);
    const neither = await fetch(`${server.url}/`, { headers: { accept: 'text/plain' } });
    expect(neither.status).to.equal(406);
    expect(neither.headers.get('content-type')).to.match(/application\/problem\+json/);
  });
});
