import { expect } from 'chai';
import { PU_SOAP_PATH } from '../../src/pu/soap/http.js';
import { v10Request } from '../support/requests.js';
import { rawHttp, type RawAnswer } from '../support/raw-http.js';
import { startServer, type TestServer } from '../support/server.js';
import { at, attr, tree } from '../support/xml-attrs.js';

/** A SOAP 1.1 Fault with a Client faultcode whose faultstring names the Host header. */
function expectHostFault(answer: RawAnswer): void {
  expect(answer.status, answer.body).to.equal(400);
  expect(answer.headers['content-type']).to.match(/^text\/xml/);
  expect(answer.body).to.match(/<(\w+:)?Fault>/);
  expect(answer.body).to.match(/<faultcode>\w+:Client<\/faultcode>/);
  expect(answer.body).to.match(/<faultstring>[^<]*Host[^<]*<\/faultstring>/);
}

/** An RFC 9457 problem document (400) whose detail names the Host header. */
function expectHostProblem(answer: RawAnswer): void {
  expect(answer.status, answer.body).to.equal(400);
  expect(answer.headers['content-type']).to.match(/^application\/problem\+json/);
  const problem = JSON.parse(answer.body) as { status: number; title: string; detail: string };
  expect(problem.status).to.equal(400);
  expect(`${problem.title} ${problem.detail}`).to.match(/Host/);
}

/**
 * RFC 9112 §3.2: a request with more than one Host line, or a Host that is not a valid host[:port], is answered
 * 400 — in the caller's protocol: a SOAP Fault on SOAP endpoints, a problem document elsewhere. The Host is what
 * the emulator writes into the WSDLs it serves when no public base URL is configured, so it must be one.
 */
describe('Host header: one, and a valid host[:port]', () => {
  let server: TestServer;
  let port: number;
  before(async () => {
    server = await startServer();
    port = Number(new URL(server.url).port);
  });
  after(() => server.close());

  const soapPost = (hosts: string[], path = '/ssbtek'): Promise<RawAnswer> =>
    rawHttp(
      port,
      [`POST ${path} HTTP/1.1`, ...hosts.map((h) => `Host: ${h}`), 'Content-Type: text/xml; charset=utf-8'],
      v10Request(),
    );
  const get = (target: string, hosts: string[]): Promise<RawAnswer> =>
    rawHttp(port, [`GET ${target} HTTP/1.1`, ...hosts.map((h) => `Host: ${h}`)]);

  it('answers a valid SSBTEK query sent the same way (the raw client is sound)', async () => {
    const answer = await soapPost([`127.0.0.1:${port}`]);
    expect(answer.status, answer.body).to.equal(200);
  });

  it('refuses a repeated Host on POST /ssbtek with a 400 SOAP Fault, even when both say the same', async () => {
    expectHostFault(await soapPost([`127.0.0.1:${port}`, 'attacker.example']));
    expectHostFault(await soapPost([`127.0.0.1:${port}`, `127.0.0.1:${port}`]));
  });

  it('refuses a repeated Host on the WSDL and on PU with a SOAP Fault', async () => {
    expectHostFault(await get('/ssbtek?wsdl', [`127.0.0.1:${port}`, 'attacker.example']));
    expectHostFault(await get(`${PU_SOAP_PATH}?wsdl`, ['attacker.example', `127.0.0.1:${port}`]));
    expectHostFault(await soapPost([`127.0.0.1:${port}`, 'attacker.example'], PU_SOAP_PATH));
  });

  it('refuses a repeated Host elsewhere with a problem document', async () => {
    expectHostProblem(await get('/health', [`127.0.0.1:${port}`, 'attacker.example']));
    expectHostProblem(await get('/openapi/birthreport.json', ['localhost', 'localhost']));
  });

  const malformed = [
    'attacker.example"><x',
    'a b.example',
    'host.example:99999',
    'host.example:80:80',
    'host.example:',
    'user@host.example',
    '[::1',
    '[not-ipv6]',
    'exa$mple.example',
    '-leading-hyphen.example',
    'host.example/path',
    '',
  ];
  for (const host of malformed) {
    it(`refuses the malformed Host ${JSON.stringify(host)} (a Fault on SOAP paths, a problem elsewhere)`, async () => {
      expectHostFault(await soapPost([host]));
      expectHostFault(await get('/ssbtek?wsdl', [host]));
      expectHostProblem(await get('/health', [host]));
    });
  }

  const valid = ['localhost', 'localhost:8080', '127.0.0.1', '[::1]:8080', 'Emulator.Example.', 'ssbtek_emulator:8080'];
  for (const host of valid) {
    it(`accepts the Host ${JSON.stringify(host)}`, async () => {
      expect((await get('/health', [host])).status).to.equal(200);
    });
  }

  it('refuses an absolute-form target naming another authority than Host, serves one naming the same', async () => {
    expectHostFault(await get('http://attacker.example/ssbtek?wsdl', [`127.0.0.1:${port}`]));
    expectHostProblem(await get('http://attacker.example/__admin/requests', [`127.0.0.1:${port}`]));
    const same = await get(`http://127.0.0.1:${port}/ssbtek?wsdl`, [`127.0.0.1:${port}`]);
    expect(same.status, same.body).to.equal(200);
  });

  it('refuses an HTTP/1.1 request without Host in the caller’s protocol', async () => {
    expectHostFault(
      await rawHttp(port, ['POST /ssbtek HTTP/1.1', 'Content-Type: text/xml; charset=utf-8'], v10Request()),
    );
    expectHostProblem(await rawHttp(port, ['GET /health HTTP/1.1']));
  });

  it('serves HTTP/1.0 without Host, the WSDL then naming the address the server was reached at', async () => {
    const answer = await rawHttp(port, ['GET /ssbtek?wsdl HTTP/1.0']);
    expect(answer.status, answer.body).to.equal(200);
    const location = attr(at(tree(answer.body), 'service', 'port', 'address'), 'location');
    expect(location).to.equal(`http://127.0.0.1:${port}/ssbtek`);
  });
});
