import { expect } from 'chai';
import { DEFAULT_BODY_LIMITS } from '../../src/config.js';
import { startServer, type TestServer } from '../support/server.js';
import { postSoap, testaRequest, v10Request } from '../support/requests.js';
import { at, elements, text, textAt, tree } from '../support/xml.js';

/** Every refusal is a SOAP 1.1 Fault with a clear message — never plain text, never a stack trace. */
function expectFault(
  reply: { status: number; contentType: string; body: string },
  status: number,
  pattern: RegExp,
): void {
  expect(reply.status, reply.body).to.equal(status);
  expect(reply.contentType).to.match(/^text\/xml/);
  expect(reply.body).not.to.match(/at [\w.]+ \(|node:internal|\.ts:\d+/);
  const fault = at(tree(reply.body), 'Body', 'Fault');
  expect(fault, reply.body).to.not.equal(undefined);
  expect(textAt(fault, 'faultstring')).to.match(pattern);
}

describe('SSBTEK endpoint: faults for bad input', () => {
  let server: TestServer;
  before(async () => (server = await startServer({ bodyLimits: { ...DEFAULT_BODY_LIMITS, ssbtek: 64 * 1024 } })));
  after(() => server.close());
  const url = (): string => `${server.url}/ssbtek`;

  it('answers malformed XML with a Client Fault naming the problem', async () => {
    const reply = await postSoap(
      url(),
      '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>',
    );
    expectFault(reply, 500, /not well-formed/);
    expect(textAt(tree(reply.body), 'Body', 'Fault', 'faultcode')).to.equal('soapenv:Client');
  });

  it('refuses a DTD with an external entity without reading it', async () => {
    const body = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>`;
    const reply = await postSoap(url(), body);
    expectFault(reply, 500, /DTD\) is not allowed/);
    expect(reply.body).not.to.contain('root:');
  });

  it('refuses a billion-laughs DTD quickly', async () => {
    const entities = Array.from({ length: 10 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join('');
    const body = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY l0 "lol">${entities}]><x>&l10;</x>`;
    const started = Date.now();
    expectFault(await postSoap(url(), body), 500, /DTD/);
    expect(Date.now() - started).to.be.below(1000);
  });

  it('refuses a DTD hidden in a UTF-16 document', async () => {
    const body = Buffer.from(
      '\ufeff<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY e "x">]><x>&e;</x>',
      'utf16le',
    );
    expectFault(await postSoap(url(), body), 500, /DTD|well-formed/);
  });

  it('answers an empty body', async () => {
    expectFault(await postSoap(url(), ''), 500, /empty/);
  });

  it('answers a document that is not a SOAP 1.1 envelope with VersionMismatch', async () => {
    const reply = await postSoap(
      url(),
      '<hamtaBastjanstInformation xmlns="http://schema.forsakringskassan.se/integration/ssbt/10"/>',
    );
    expectFault(reply, 500, /expected a SOAP 1.1 Envelope/);
    expect(textAt(tree(reply.body), 'Body', 'Fault', 'faultcode')).to.equal('soapenv:VersionMismatch');
  });

  it('answers a SOAP 1.2 envelope with VersionMismatch', async () => {
    const body = '<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"><env:Body/></env:Envelope>';
    expectFault(await postSoap(url(), body), 500, /SOAP 1.2/);
  });

  it('answers an empty Body', async () => {
    const body = '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body/></s:Envelope>';
    expectFault(await postSoap(url(), body), 500, /Body is empty/);
  });

  it('answers a Body with two operations', async () => {
    const body = `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><a/><b/></s:Body></s:Envelope>`;
    expectFault(await postSoap(url(), body), 500, /exactly one/);
  });

  it('answers an unknown operation, naming it with its namespace', async () => {
    const body = testaRequest('urn:other').replace('testaBastjanstInformation', 'gissa');
    expectFault(await postSoap(url(), body), 500, /Unknown operation \{urn:other\}gissa/);
  });

  it('does not dispatch on the local name alone: the right name in a wrong namespace is unknown', async () => {
    expectFault(
      await postSoap(url(), testaRequest('http://schema.forsakringskassan.se/integration/ssbt/9')),
      500,
      /Unknown operation/,
    );
  });

  it('answers a wrong media type with 415 and a Fault', async () => {
    expectFault(await postSoap(url(), v10Request(), { 'content-type': 'application/json' }), 415, /text\/xml/);
    expectFault(await postSoap(url(), v10Request(), { 'content-type': 'application/soap+xml' }), 415, /SOAP 1.2/);
  });

  it('answers an oversize body with 413 and a Fault, from Content-Length before reading it', async () => {
    const big = v10Request().replace(
      '<soapenv:Header/>',
      `<soapenv:Header><x>${'a'.repeat(70 * 1024)}</x></soapenv:Header>`,
    );
    expectFault(await postSoap(url(), big), 413, /larger than the limit of 65536 bytes/);
  });

  it('answers trailing garbage after the envelope as malformed', async () => {
    expectFault(await postSoap(url(), testaRequest() + '<second/>'), 500, /not well-formed/);
  });

  it('answers GET without ?wsdl with a Fault, not a page', async () => {
    const response = await fetch(url());
    expect(response.status).to.equal(405);
    expect(elements(at(tree(await response.text()), 'Body') ?? tree('<x/>')).map((e) => e.name)).to.deep.equal([
      'Fault',
    ]);
  });

  it('keeps serving after all of the above', async () => {
    const reply = await postSoap(url(), testaRequest());
    expect(reply.status).to.equal(200);
    expect(
      text(at(tree(reply.body), 'Body', 'testaBastjanstInformationResponse', 'AF', 'anropad') ?? tree('<x/>')),
    ).to.equal('true');
  });
});
