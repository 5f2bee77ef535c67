import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { csn } from '../../../src/bastjanster/csn/index.js';
import { NativeProtocolError, type NativeResponse } from '../../../src/bastjanster/types.js';
import { Population } from '../../../src/population/population.js';
import { NS } from '../../../src/xml/namespaces.js';
import { readFault, renderEnvelope, renderFault } from '../../../src/xml/soap.js';
import { PROJECT_ROOT } from '../../../src/xml/schema.js';
import { el } from '../../../src/xml/tree.js';
import { adapterContext, emulatorContext } from '../../support/context.js';
import { at, tree } from '../../support/xml.js';
import { ask, csnFraga, send, STUDENT, tamperedRequest } from './csn-support.js';

const FIXTURES = path.join(PROJECT_ROOT, 'test', 'fixtures', 'native', 'csn');

/** A KommunfragaSvar in a SOAP envelope whose svar is `base64`. */
function kommunfragaSvar(base64: string): NativeResponse {
  return {
    status: 200,
    contentType: 'text/xml; charset=utf-8',
    body: renderEnvelope([el(NS.csnWs, 'KommunfragaSvar', [el(NS.csnWs, 'svar', base64)])]),
  };
}

function fixtureAsSvar(file: string): NativeResponse {
  return kommunfragaSvar(fs.readFileSync(path.join(FIXTURES, file)).toString('base64'));
}

function fromNative(response: NativeResponse) {
  return csn.adapter.fromNative(response, csnFraga(), adapterContext());
}

describe('CSN: the emulator as a SOAP 1.1 service', () => {
  it('answers POST /__test with 200', async () => {
    expect((await send({ path: '/__test', contentType: 'text/plain', body: '' })).status).to.equal(200);
  });

  it('answers an unknown path with HTTP 404 (a web server page, no SOAP)', async () => {
    const response = await send({ path: '/kommunfraga/v3', contentType: 'text/xml', body: '' });
    expect([response.status, response.contentType]).to.deep.equal([404, 'text/html; charset=utf-8']);
  });

  const unreadable: [string, () => string][] = [
    ['not XML', () => 'SBNUppgEkBistandBegar?'],
    ['XML without a SOAP envelope', () => '<SBNUppgEkBistandBegar/>'],
    [
      'a question missing ArendId (schema)',
      () => tamperedRequest(csnFraga(), /<sam:ArendId>[^<]*<\/sam:ArendId>/, '').body,
    ],
    ['another operation in the Body', () => renderEnvelope([el(NS.csnKommunfraga, 'Okand')])],
    [
      'a Kommun longer than the contract allows (schema)',
      () => tamperedRequest(csnFraga(), '212000-2411', '162120-002411').body,
    ],
  ];
  for (const [what, body] of unreadable) {
    it(`answers ${what} with a SOAP Fault Client (HTTP 500), which SSBTEK treats as a protocol error`, async () => {
      const response = await send({ path: '/kommunfraga/v4', contentType: 'text/xml', body: body() });
      expect(response.status).to.equal(500);
      const payload = at(tree(response.body), 'Body', 'Fault');
      expect(payload && readFault(payload)?.code).to.equal('soapenv:Client');
      expect(() => fromNative(response)).to.throw(NativeProtocolError);
    });
  }

  describe('common scenarios, mapped to protocol errors (→ 2001)', () => {
    const person = (scenario: string) => ({
      personidentitet: STUDENT,
      beskrivning: scenario,
      tjanster: { CSN: { scenario } },
    });
    for (const scenario of ['garbage', 'half', 'http-500']) {
      it(`${scenario}`, async () => {
        const population = new Population([person(scenario)]);
        const request = csn.adapter.toNative(csnFraga(), adapterContext());
        const response = await csn.emulator.handle(request, emulatorContext({ population }));
        expect(() => fromNative(response)).to.throw(NativeProtocolError);
      });
    }

    it('delayMs: answers after the delay', async () => {
      const population = new Population([
        { personidentitet: STUDENT, beskrivning: 'slow', tjanster: { CSN: { delayMs: 60 } } },
      ]);
      const started = Date.now();
      const { utfall } = await ask(csnFraga(), { population });
      expect(Date.now() - started).to.be.at.least(55);
      expect(utfall.kind).to.equal('data');
    });
  });
});

describe('CSN: answer mapping (seed §6.9, §7.3.2)', () => {
  it('puts the base64 message into svar exactly as CSN sent it', async () => {
    const { response, utfall } = await ask(csnFraga());
    const sent = /<csnws:svar>([^<]*)<\/csnws:svar>/.exec(response.body)?.[1];
    expect(utfall).to.deep.equal({ kind: 'data', data: { kind: 'base64', element: 'svar', base64: sent } });
  });

  it('removes line breaks from a base64 message CSN wrapped at 76 characters', () => {
    const base64 = fs.readFileSync(path.join(FIXTURES, 'csn-svar-ok.xml')).toString('base64');
    const wrapped = base64.replace(/(.{76})/g, '$1\n');
    expect(wrapped).to.contain('\n');
    expect(fromNative(kommunfragaSvar(wrapped))).to.deep.equal({
      kind: 'data',
      data: { kind: 'base64', element: 'svar', base64 },
    });
  });

  it('maps the documented -2 answer (fixture) to error kalla BT with ResultatKod and ResultatText', () => {
    expect(fromNative(fixtureAsSvar('csn-svar-post-saknas.xml'))).to.deep.equal({
      kind: 'error',
      kalla: 'BT',
      felkod: '-2',
      felmeddelande: ['Posten finns inte, sökidentiteten finns inte i systemet'],
    });
  });

  it('maps the documented answer with ResultatKod 0 and no cases (fixture) to data', () => {
    expect(fromNative(fixtureAsSvar('csn-svar-tom.xml')).kind).to.equal('data');
  });

  it('reads the documented wrapper (fixture csn-ws-svar-ok.xml) in an envelope', () => {
    const wrapper = fs.readFileSync(path.join(FIXTURES, 'csn-ws-svar-ok.xml'), 'utf8').replace(/^<\?xml[^>]*>\s*/, '');
    const response = {
      status: 200,
      contentType: 'text/xml',
      body: `<soapenv:Envelope xmlns:soapenv="${NS.soapEnv}"><soapenv:Body>${wrapper}</soapenv:Body></soapenv:Envelope>`,
    };
    expect(fromNative(response).kind).to.equal('data');
  });

  const broken: [string, NativeResponse][] = [
    ['HTTP 503', { status: 503, contentType: 'text/html', body: '<html/>' }],
    [
      'a SOAP Fault with HTTP 200',
      { status: 200, contentType: 'text/xml', body: renderFault({ code: 'Server', message: 'nere' }) },
    ],
    [
      'a SOAP Fault with HTTP 500',
      { status: 500, contentType: 'text/xml', body: renderFault({ code: 'Server', message: 'nere' }) },
    ],
    ['not XML', { status: 200, contentType: 'text/xml', body: 'Service Unavailable' }],
    [
      'an unknown Body element',
      { status: 200, contentType: 'text/xml', body: renderEnvelope([el(NS.csnWs, 'Annat')]) },
    ],
    ['a svar that is not base64', kommunfragaSvar('inte base64!')],
    ['an empty svar', kommunfragaSvar('')],
    ['a svar that decodes to something other than XML', kommunfragaSvar(Buffer.from('hej hej').toString('base64'))],
    [
      'a decoded CSNSvar that breaks the schema',
      kommunfragaSvar(
        Buffer.from(
          `<csn:CSNSvar xmlns:csn="${NS.csnKommunfraga}" schemaVersion="4.0"><csn:Personer/></csn:CSNSvar>`,
        ).toString('base64'),
      ),
    ],
    ['a decoded document that is a question, not a CSNSvar', fixtureAsSvar('csn-fraga-ok.xml')],
    ['a decoded document that is the HUT answer, not a CSNSvar', fixtureAsSvar('csn-hut-svar-ok.xml')],
  ];
  for (const [what, response] of broken) {
    it(`treats ${what} as a protocol error (→ 2001)`, () => {
      expect(() => fromNative(response)).to.throw(NativeProtocolError);
    });
  }
});
