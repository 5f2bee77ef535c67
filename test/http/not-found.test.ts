import { expect } from 'chai';
import { levenshtein, nearestPaths, type Candidate } from '../../src/http/nearest-paths.js';
import { startServer, type TestServer } from '../support/server.js';
import { textAt, tree } from '../support/xml.js';

const CANDIDATES: Candidate[] = [
  { method: 'POST', path: '/ssbtek', service: 'SSBTEK' },
  { method: 'GET', path: '/ssbtek?wsdl', service: 'SSBTEK', contract: true },
  { method: 'GET', path: '/ssbtek?wsdl&version=11', service: 'SSBTEK', contract: true },
  { method: 'POST', path: '/bastjanster/af/arbetssokande/ersattningsstod/v2/fraga', service: 'AF' },
  { method: 'POST', path: '/bastjanster/csn/kommunfraga/v4', service: 'CSN' },
  {
    method: 'POST',
    path: '/bastjanster/fk/lefi-extern-formansinformation/{version}/aktorer/{aktorsId}/formansinformation/fraga',
    service: 'FK',
  },
  { method: 'GET', path: '/pu/admin/v1/persons', service: 'pu-admin' },
  { method: 'GET', path: '/pu/admin/v1/reserve-identities/{id}', service: 'pu-admin' },
  { method: 'PATCH', path: '/pu/admin/v1/reserve-identities/{id}/person', service: 'pu-admin' },
  { method: 'GET', path: '/health', service: 'health' },
];

const nearest = (method: string, path: string) =>
  nearestPaths(method, path, CANDIDATES).map((s) => `${s.methods.join('|')} ${s.path}`);

describe('The nearest real paths (unit)', () => {
  it('ranks by shared leading segments, then edit distance; operations before contract documents', () => {
    expect(nearest('POST', '/ssbtk')).to.deep.equal(['POST /ssbtek', 'GET /ssbtek?wsdl']);
    expect(nearest('POST', '/bastjanster/ag/arbetssokande/ersattningsstod/v2/fraga')[0]).to.equal(
      'POST /bastjanster/af/arbetssokande/ersattningsstod/v2/fraga',
    );
    expect(nearest('GET', '/pu/admin/v1/person')[0]).to.equal('GET /pu/admin/v1/persons');
    expect(nearest('GET', '/healht')).to.deep.equal(['GET /health']);
  });

  it('fills a template’s {name} segments from the wrong path, so a typo elsewhere still finds it', () => {
    expect(
      nearest('POST', '/bastjanster/fk/lefi-extern-formansinformation/v9/aktorer/026-51/formansinformation/fråga')[0],
    ).to.equal(
      'POST /bastjanster/fk/lefi-extern-formansinformation/{version}/aktorer/{aktorsId}/formansinformation/fraga',
    );
    expect(nearest('GET', '/pu/admin/v1/reserve-identities/22850312AB30/persons')[0]).to.equal(
      'PATCH /pu/admin/v1/reserve-identities/{id}/person',
    );
  });

  it('suggests nothing for a path like none of them, and counts edits', () => {
    expect(nearest('GET', '/wp-login.php')).to.deep.equal([]);
    expect(levenshtein('kitten', 'sitting')).to.equal(3);
    expect(levenshtein('', 'abc')).to.equal(3);
    expect(levenshtein('same', 'same')).to.equal(0);
  });
});

describe('A wrong path, answered in the caller’s protocol', () => {
  let server: TestServer;
  before(async () => (server = await startServer()));
  after(() => server.close());

  it('a problem document naming the nearest real paths, for a JSON or browser caller', async () => {
    const response = await fetch(`${server.url}/birthreport/v1/birthreports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).to.equal(404);
    expect(response.headers.get('content-type')).to.match(/^application\/problem\+json/);
    const problem = (await response.json()) as { detail: string; nearest: { path: string }[]; index: string };
    expect(problem.nearest[0]).to.deep.equal({
      methods: ['POST'],
      path: '/birthreport/v1/birthreport',
      service: 'birthreport',
    });
    expect(problem.detail).to.contain('POST /birthreport/v1/birthreport');
    expect(problem.index).to.equal('/');
  });

  it('a SOAP 1.1 Fault for a SOAP caller (an XML body, or a SOAPAction header), naming the nearest paths', async () => {
    const callers: Record<string, string>[] = [
      { 'content-type': 'text/xml; charset=utf-8' },
      { soapaction: '""', 'content-type': 'application/octet-stream' },
    ];
    for (const headers of callers) {
      const response = await fetch(`${server.url}/ssbtk`, { method: 'POST', headers, body: '<x/>' });
      expect(response.status).to.equal(404);
      expect(response.headers.get('content-type')).to.match(/^text\/xml/);
      const body = await response.text();
      expect(textAt(tree(body), 'Body', 'Fault', 'faultcode')).to.equal('soapenv:Client');
      expect(textAt(tree(body), 'Body', 'Fault', 'faultstring')).to.match(
        /^Nothing is served at POST \/ssbtk\. Nearest: POST \/ssbtek,/,
      );
    }
  });

  it('405 with Allow for a real path asked with another method', async () => {
    const native = await fetch(`${server.url}/bastjanster/af/arbetssokande/ersattningsstod/v2/fraga`);
    expect(native.status).to.equal(405);
    expect(native.headers.get('allow')).to.equal('POST');
    const health = await fetch(`${server.url}/health`, { method: 'POST' });
    expect(health.status).to.equal(405);
    expect(health.headers.get('allow')).to.equal('GET');
    expect(((await health.json()) as { allow: string[] }).allow).to.deep.equal(['GET']);
  });

  it('an unknown admin path names the admin operations near it', async () => {
    const response = await fetch(`${server.url}/__admin/request`);
    expect(response.status).to.equal(404);
    const problem = (await response.json()) as { nearest: { methods: string[]; path: string }[] };
    expect(problem.nearest[0]).to.include({ path: '/__admin/requests' });
    expect(problem.nearest[0]?.methods).to.have.members(['GET', 'DELETE']);
  });
});
