import { expect } from 'chai';
import { ORG } from '../rest/scb/support.js';
import { startRobustServer, type RobustServer } from './support.js';

const BAD = '..%c0%af..%c0%afetc';
const PU_ADMIN = { 'X-PU-Consumer': 'SE2321000016-UTOKAT' };
const SCB = { 'X-SCB-Client-OrgNr': ORG };
const JSON_TYPE = { 'content-type': 'application/json' };
const XML_TYPE = { 'content-type': 'text/xml; charset=utf-8' };

/** Every route with a path parameter (or a wildcard), each given malformed percent-encoding where the parameter is. */
const ROUTES: { method: string; path: string; headers?: Record<string, string>; form: 'problem' | 'fault' | 'own' }[] =
  [
    { method: 'GET', path: `/xsd/${BAD}/passwd`, form: 'problem' },
    { method: 'GET', path: '/xsd/%E0%A4%A', form: 'problem' },
    { method: 'GET', path: `/xsd/ssbtek/${BAD}.xsd`, form: 'problem' },
    { method: 'PUT', path: `/__admin/scenarios/${BAD}`, headers: JSON_TYPE, form: 'problem' },
    { method: 'DELETE', path: `/__admin/scenarios/${BAD}`, form: 'problem' },
    { method: 'GET', path: `/__admin/requests/${BAD}`, form: 'problem' },
    ...['af', 'csn', 'fk', 'skv', 'so', 'tns', 'miv'].flatMap((id) => [
      { method: 'POST', path: `/bastjanster/${id}/${BAD}`, headers: XML_TYPE, form: 'fault' as const },
      { method: 'POST', path: `/bastjanster/${id}/${BAD}`, headers: JSON_TYPE, form: 'problem' as const },
    ]),
    {
      method: 'POST',
      path: `/bastjanster/fk/lefi-extern-formansinformation/v9/aktorer/${BAD}/formansinformation/fraga`,
      headers: JSON_TYPE,
      form: 'problem',
    },
    { method: 'GET', path: `/scb/api/v1/status/${BAD}`, headers: SCB, form: 'own' },
    { method: 'GET', path: `/scb/api/v1/delivery/${BAD}`, headers: SCB, form: 'own' },
    { method: 'GET', path: `/pu/admin/v1/identifiers/${BAD}/validation`, headers: PU_ADMIN, form: 'own' },
    { method: 'GET', path: `/pu/admin/v1/reserve-identities/${BAD}`, headers: PU_ADMIN, form: 'own' },
    {
      method: 'PUT',
      path: `/pu/admin/v1/reserve-identities/${BAD}/link`,
      headers: { ...PU_ADMIN, ...JSON_TYPE },
      form: 'own',
    },
    { method: 'GET', path: `/pu/admin/v1/contacts/${BAD}`, headers: PU_ADMIN, form: 'own' },
    { method: 'DELETE', path: `/pu/admin/v1/contacts/${BAD}`, headers: PU_ADMIN, form: 'own' },
  ];

/**
 * Malformed percent-encoding in a path parameter is the client's error: 400 on every route with one, in the
 * answering edge's form (a problem document, a SOAP Fault for XML callers, or the service's own shape), with no
 * stack and no internal-error log line.
 */
describe('Malformed percent-encoding in the path', () => {
  let server: RobustServer;
  before(async () => (server = await startRobustServer()));
  after(() => server.close());

  for (const route of ROUTES) {
    it(`${route.method} ${route.path}${route.headers?.['content-type'] ? ` (${route.headers['content-type']})` : ''}: 400`, async () => {
      const hasBody = route.method === 'POST' || route.method === 'PUT';
      const xml = route.form === 'fault';
      const response = await fetch(`${server.url}${route.path}`, {
        method: route.method,
        headers: route.headers,
        body: hasBody ? (xml ? '<x/>' : '{}') : undefined,
      });
      const text = await response.text();
      expect(response.status, text.slice(0, 300)).to.equal(400);
      expect(text).not.to.match(/at [\w.]+ \(|node:internal|URIError/);
      if (route.form === 'problem') {
        expect(response.headers.get('content-type')).to.match(/^application\/problem\+json/);
        expect(JSON.parse(text)).to.include({
          status: 400,
          detail: 'The request path is not valid percent-encoded UTF-8.',
        });
      } else if (route.form === 'fault') {
        expect(text).to.match(/<faultcode>soapenv:Client<\/faultcode><faultstring>The request path is not valid/);
      }
    });
  }

  it('logged none of them as an error', () => {
    const errors = server.logs.filter((line) => (line.level as number) >= 50);
    expect(errors.map((line) => line.msg)).to.deep.equal([]);
  });
});
