import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { miv } from '../../../src/bastjanster/miv/index.js';
import { NativeProtocolError, type NativeResponse } from '../../../src/bastjanster/types.js';
import { NS } from '../../../src/xml/namespaces.js';
import { PROJECT_ROOT } from '../../../src/xml/schema.js';
import { renderFault } from '../../../src/xml/soap.js';
import { adapterContext } from '../../support/context.js';
import { sampleFraga } from '../../support/fraga.js';
import { elements, textAt, tree } from '../../support/xml.js';

const fraga = sampleFraga({}, { MIV: { inkludera: true } });
const fixture = (name: string): string =>
  fs.readFileSync(path.join(PROJECT_ROOT, 'test/fixtures/native/miv', name), 'utf8').replace(/<\?xml[^>]*\?>/, '');

function soap(payload: string, status = 200): NativeResponse {
  const body = `<soapenv:Envelope xmlns:soapenv="${NS.soapEnv}"><soapenv:Body>${payload}</soapenv:Body></soapenv:Envelope>`;
  return { status, contentType: 'text/xml; charset=utf-8', body };
}

/** A Fault as MIV's SOAP stack renders it, with the given detail children (as text). */
function fault(detail?: string, status = 500): NativeResponse {
  const body =
    `<soapenv:Envelope xmlns:soapenv="${NS.soapEnv}"><soapenv:Body><soapenv:Fault><faultcode>soapenv:Client</faultcode>` +
    `<faultstring>Felaktigt personnummer</faultstring>${detail === undefined ? '' : `<detail>${detail}</detail>`}` +
    `</soapenv:Fault></soapenv:Body></soapenv:Envelope>`;
  return { status, contentType: 'text/xml; charset=utf-8', body };
}

const map = (response: NativeResponse) => miv.adapter.fromNative(response, fraga, adapterContext());
const MIVNS = `xmlns:miv="${NS.miv}"`;

describe('MIV: answer mapping (seed §6.14, §7.3.3)', () => {
  it('puts the children of findByPersonnummerResponse (the unqualified response) into data', () => {
    const utfall = map(soap(fixture('miv-response-ok.xml')));
    if (utfall.kind !== 'data' || utfall.data.kind !== 'xml') throw new Error(`expected xml data, got ${utfall.kind}`);
    expect(utfall.data.children.map((c) => [c.ns, c.name])).to.deep.equal([['', 'response']]);
    const response = utfall.data.children[0]!;
    expect(elements(response).every((e) => e.ns === '')).to.equal(true);
    expect(textAt(response, 'svarCollection', 'svar', 'giltighetstid')).to.equal('TIDBEGRANSAT');
  });

  it('maps an answer with an empty svarCollection to data (not an error)', () => {
    const utfall = map(soap(fixture('miv-response-inga-arenden.xml')));
    expect(utfall.kind).to.equal('data');
  });

  it('maps a Fault with SSBTEKSoapException to error kalla BT with faultCode and faultString', () => {
    expect(map(fault(fixture('miv-fault-ok.xml')))).to.deep.equal({
      kind: 'error',
      kalla: 'BT',
      felkod: '500-103',
      felmeddelande: ['Felaktigt personnummer'],
    });
  });

  it('reads the SSBTEKSoapException also from a Fault sent with HTTP 200', () => {
    expect(map(fault(fixture('miv-fault-ok.xml'), 200))).to.include({ kind: 'error', felkod: '500-103' });
  });

  const unreadable: [string, NativeResponse][] = [
    ['a Fault without detail', fault()],
    ['a Fault whose detail is not SSBTEKSoapException', fault('<x:Other xmlns:x="urn:x"/>')],
    [
      'an SSBTEKSoapException with qualified children (schema violation)',
      fault(`<miv:SSBTEKSoapException ${MIVNS}><miv:faultCode>500-103</miv:faultCode></miv:SSBTEKSoapException>`),
    ],
    [
      'an SSBTEKSoapException without faultCode',
      fault(`<miv:SSBTEKSoapException ${MIVNS}><faultString>x</faultString></miv:SSBTEKSoapException>`),
    ],
    [
      'a plain SOAP Fault',
      { status: 500, contentType: 'text/xml', body: renderFault({ code: 'Server', message: 'Internal' }) },
    ],
    [
      'a giltighetstid outside PERMANENT|TIDBEGRANSAT',
      soap(fixture('miv-response-ok.xml').replace('>TIDBEGRANSAT<', '>EVIG<')),
    ],
    [
      'a qualified response element',
      soap(fixture('miv-response-ok.xml').replace(/<(\/?)response>/g, '<$1miv:response>')),
    ],
    ['another element than findByPersonnummerResponse', soap(fixture('miv-request-ok.xml'))],
    ['an answer without envelope', { status: 200, contentType: 'text/xml', body: fixture('miv-response-ok.xml') }],
    [
      'something that is not XML',
      { status: 200, contentType: 'text/xml', body: 'Service Temporarily Unavailable <<<' },
    ],
    ['HTTP 502', { status: 502, contentType: 'text/html', body: '<html/>' }],
    ['HTTP 500 with a normal answer', soap(fixture('miv-response-ok.xml'), 500)],
  ];
  for (const [what, response] of unreadable) {
    it(`treats ${what} as a protocol error (→ 2001)`, () => expect(() => map(response)).to.throw(NativeProtocolError));
  }

  it('keeps the fixture fault detail in MIV namespace with unqualified children', () => {
    const detail = tree(fixture('miv-fault-ok.xml'));
    expect([detail.ns, elements(detail).map((e) => e.ns)]).to.deep.equal([NS.miv, ['', '']]);
  });
});
