import { expect } from 'chai';
import { call, CONSUMERS, IDS, request, startPuServer, type PuServer } from './support/pu.js';

describe('PU GetPersonsForProfile v5: faults (SOAP 1.1, HTTP 500)', () => {
  let server: PuServer;
  before(async () => (server = await startPuServer()));
  after(() => server.close());

  const faultOf = async (body: string, consumer: string | null = CONSUMERS.extended) => {
    const answer = await call(server, body, consumer);
    expect(answer.status, answer.body).to.equal(500);
    expect(answer.fault).to.not.equal(undefined);
    return answer.fault!;
  };

  it('an unknown consumer: VP007 authorization missing', async () => {
    const fault = await faultOf(request([IDS.plain], 'P1'), 'SE0000000000-OKAND');
    expect(fault.code).to.equal('soapenv:Server');
    expect(fault.message).to.match(/^VP007 Authorization missing for serviceConsumerId: SE0000000000-OKAND/);
  });

  it('no consumer at all: VP007', async () => {
    expect((await faultOf(request([IDS.plain], 'P1'), null)).message).to.match(/^VP007 .*no X-PU-Consumer header/);
  });

  it('no LogicalAddress header: VP003', async () => {
    const fault = await faultOf(request([IDS.plain], 'P1', { logicalAddress: null }));
    expect(fault.message).to.match(/^VP003 No receiverId \(logical address\)/);
  });

  it('more than 500 personId', async () => {
    const ids = Array.from({ length: 501 }, () => IDS.plain);
    const fault = await faultOf(request(ids, 'P1'));
    expect(fault.code).to.equal('soapenv:Client');
    expect(fault.message).to.equal('Too many personId: 501; at most 500 identities per request.');
  });

  it('no personId: a validation fault naming the element', async () => {
    const fault = await faultOf(request([], 'P1'));
    expect(fault.code).to.equal('soapenv:Client');
    expect(fault.message).to.match(
      /^Invalid GetPersonsForProfile request: Rad 1: \/Envelope\/Body\/GetPersonsForProfile\/profile: .*Expected is \( personId \)/,
    );
  });

  it('a profile outside the contract is a validation fault', async () => {
    const fault = await faultOf(request([IDS.plain], 'P11'));
    expect(fault.message).to.match(/^Invalid GetPersonsForProfile request: .*profile.*P11/);
  });

  it('a reserved profile (P6–P10)', async () => {
    const fault = await faultOf(request([IDS.plain], 'P6'));
    expect(fault.message).to.equal('Profile P6 is reserved for future use; use one of P1, P2, P3, P4, P5.');
  });

  it('ignoreReferredIdentity must be a boolean', async () => {
    const body = request([IDS.plain], 'P1').replace('>false<', '>kanske<');
    expect((await faultOf(body)).message).to.match(/ignoreReferredIdentity/);
  });

  it('an unknown operation, dispatched by qualified name', async () => {
    const body = request([IDS.plain], 'P1').replace(/GetPersonsForProfile>/g, 'GetPersonsForProfil>');
    expect((await faultOf(body)).message).to.match(/^Unknown operation \{urn:riv:.*\}GetPersonsForProfil;/);
    const otherNs = request([IDS.plain], 'P1').replace(
      ':GetPersonsForProfileResponder:5"',
      ':GetPersonsForProfileResponder:4"',
    );
    expect((await faultOf(otherNs)).message).to.match(/^Unknown operation .*Responder:4\}GetPersonsForProfile;/);
  });

  it('malformed XML, a DTD, a SOAP 1.2 envelope', async () => {
    expect((await faultOf('<a><b></a>')).message).to.match(/^The XML is not well-formed/);
    expect((await faultOf('<!DOCTYPE x [<!ENTITY e "x">]><x/>')).message).to.match(/DTD\) is not allowed/);
    const soap12 = request([IDS.plain], 'P1').replace(
      'http://schemas.xmlsoap.org/soap/envelope/',
      'http://www.w3.org/2003/05/soap-envelope',
    );
    const fault = await faultOf(soap12);
    expect(fault.code).to.equal('soapenv:VersionMismatch');
  });

  it('a wrong media type: 415 with a Fault', async () => {
    const res = await fetch(server.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-pu-consumer': CONSUMERS.extended },
      body: '{}',
    });
    expect(res.status).to.equal(415);
    expect(await res.text()).to.match(/<faultstring>Unsupported media type/);
  });

  it('GET without ?wsdl: 405 with a Fault', async () => {
    const res = await fetch(server.endpoint);
    expect(res.status).to.equal(405);
    expect(await res.text()).to.match(/GET \/pu\/v5\/GetPersonsForProfile\?wsdl serves the WSDL/);
  });
});
