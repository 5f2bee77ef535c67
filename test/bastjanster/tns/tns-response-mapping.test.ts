import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { tns } from '../../../src/bastjanster/tns/index.js';
import { NativeProtocolError, type NativeResponse } from '../../../src/bastjanster/types.js';
import { NS } from '../../../src/xml/namespaces.js';
import { PROJECT_ROOT } from '../../../src/xml/schema.js';
import { renderFault } from '../../../src/xml/soap.js';
import { adapterContext } from '../../support/context.js';
import { sampleFraga } from '../../support/fraga.js';
import { elements, text, textAt } from '../../support/xml.js';

const fraga = sampleFraga({}, { TNS: { inkludera: true } });

/** A payload (fixture file or text) inside a SOAP 1.1 envelope, as TS would answer it. */
function soap(payload: string, status = 200): NativeResponse {
  const body = `<soapenv:Envelope xmlns:soapenv="${NS.soapEnv}"><soapenv:Body>${payload.replace(/<\?xml[^>]*\?>/, '')}</soapenv:Body></soapenv:Envelope>`;
  return { status, contentType: 'text/xml; charset=utf-8', body };
}

const fixture = (name: string): string =>
  fs.readFileSync(path.join(PROJECT_ROOT, 'test/fixtures/native/tns', name), 'utf8');
const map = (response: NativeResponse) => tns.adapter.fromNative(response, fraga, adapterContext());
const HU = `xmlns:hu="${NS.tns}"`;

describe('TNS: answer mapping (seed §6.13, §7.3.3)', () => {
  it('puts everything under HamtaUppgifterResponse into data when resultat is OK', () => {
    const utfall = map(soap(fixture('tns-response-ok.xml')));
    if (utfall.kind !== 'data' || utfall.data.kind !== 'xml') throw new Error(`expected xml data, got ${utfall.kind}`);
    const [resultat, fordonsinnehav, ...rest] = utfall.data.children;
    expect(rest).to.deep.equal([]);
    expect([resultat?.name, resultat?.ns, text(resultat)]).to.deep.equal(['resultat', NS.tns, 'OK']);
    expect([fordonsinnehav?.name, fordonsinnehav?.ns]).to.deep.equal(['fordonsinnehav', NS.tns]);
    const regnr = elements(fordonsinnehav!).map((f) => textAt(f, 'regnr'));
    expect(regnr).to.deep.equal(['ABC123', 'XYZ98A']);
  });

  it('maps resultat OK with an empty fordonsinnehav to data (not an error)', () => {
    const utfall = map(soap(fixture('tns-response-inga-fordon.xml')));
    expect(utfall.kind).to.equal('data');
    if (utfall.kind === 'data' && utfall.data.kind === 'xml') {
      expect(utfall.data.children.map((c) => c.name)).to.deep.equal(['resultat', 'fordonsinnehav']);
    }
  });

  it('maps resultat FEL to error kalla BT with the felkod and feltext', () => {
    expect(map(soap(fixture('tns-response-fel.xml')))).to.deep.equal({
      kind: 'error',
      kalla: 'BT',
      felkod: '99',
      felmeddelande: ['Oväntat fel'],
    });
  });

  it('takes the first felresultat for felkod and every feltext for felmeddelande', () => {
    const payload = `<hu:HamtaUppgifterResponse ${HU}><hu:resultat>FEL</hu:resultat>
      <hu:felresultat><hu:felkod>99</hu:felkod><hu:feltext>Oväntat fel</hu:feltext></hu:felresultat>
      <hu:felresultat><hu:felkod>98</hu:felkod><hu:feltext>Annat fel</hu:feltext></hu:felresultat></hu:HamtaUppgifterResponse>`;
    expect(map(soap(payload))).to.deep.equal({
      kind: 'error',
      kalla: 'BT',
      felkod: '99',
      felmeddelande: ['Oväntat fel', 'Annat fel'],
    });
  });

  const unreadable: [string, NativeResponse][] = [
    [
      'resultat FEL without felresultat',
      soap(`<hu:HamtaUppgifterResponse ${HU}><hu:resultat>FEL</hu:resultat></hu:HamtaUppgifterResponse>`),
    ],
    [
      'a resultat outside OK|FEL (schema violation)',
      soap(`<hu:HamtaUppgifterResponse ${HU}><hu:resultat>KANSKE</hu:resultat></hu:HamtaUppgifterResponse>`),
    ],
    ['a felkod that is not an integer', soap(fixture('tns-response-fel.xml').replace('>99<', '>nio<'))],
    ['another element than HamtaUppgifterResponse', soap(fixture('tns-request-ok.xml'))],
    [
      'a SOAP Fault',
      { status: 500, contentType: 'text/xml', body: renderFault({ code: 'Server', message: 'Internal' }) },
    ],
    ['a response without envelope', { status: 200, contentType: 'text/xml', body: fixture('tns-response-ok.xml') }],
    ['something that is not XML', { status: 200, contentType: 'text/xml', body: 'Service Temporarily Unavailable' }],
    ['HTTP 503', { status: 503, contentType: 'text/html', body: '<html/>' }],
    ['HTTP 500 with a normal answer', soap(fixture('tns-response-ok.xml'), 500)],
  ];
  for (const [what, response] of unreadable) {
    it(`treats ${what} as a protocol error (→ 2001)`, () => expect(() => map(response)).to.throw(NativeProtocolError));
  }
});
