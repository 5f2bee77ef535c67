import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { nativeSchema } from '../../../src/bastjanster/common/native-schemas.js';
import { readXmlDocument } from '../../../src/bastjanster/common/xml-message.js';
import { SKV_HTTP_FEL, SKV_MEDDELANDEN, type SkvMeddelandeKod } from '../../../src/bastjanster/skv/meddelandekoder.js';
import { NativeProtocolError, type NativeResponse } from '../../../src/bastjanster/types.js';
import type { TjanstUtfall } from '../../../src/ssbtek/model.js';
import { NS } from '../../../src/xml/namespaces.js';
import { renderFault } from '../../../src/xml/soap.js';
import type { XElement } from '../../../src/xml/tree.js';
import { serialize } from '../../../src/xml/write.js';
import { PROJECT_ROOT } from '../../../src/xml/schema.js';
import { adapterContext } from '../../support/context.js';
import { at, elements, textAt, tree } from '../../support/xml.js';
import { ask, handle, map, requestWithForfragan, skv, skvFraga } from './skv-support.js';
import { ssbtekViolations } from './ssbtek-fit.js';

/** Scenario persons in fixtures/population/scenario-persons/skv.json, one per code SKV can only give by itself. */
const SCENARIO_PERSONS: [SkvMeddelandeKod, string][] = [
  [9071000, '198701052394'],
  [9071001, '198701092390'],
  [9071002, '198701152392'],
  [9071003, '198701172382'],
  [9071004, '198701232392'],
  [9071005, '198701282397'],
  [9071008, '198702012389'],
  [9071009, '198702032395'],
  [9071010, '198702102396'],
];

const fixture = (name: string): string =>
  fs
    .readFileSync(path.join(PROJECT_ROOT, 'test', 'fixtures', 'native', 'skv', name), 'utf8')
    .replace(/^<\?xml[^>]*\?>\s*/, '');
const soap = (status: number, payload: string): NativeResponse => ({
  status,
  contentType: 'text/xml',
  body: `<soapenv:Envelope xmlns:soapenv="${NS.soapEnv}"><soapenv:Body>${payload}</soapenv:Body></soapenv:Envelope>`,
});

/** The Fault's skv:Exception, after checking it is valid against SKV's FaultTYPE. */
function exceptionOf(response: NativeResponse): XElement {
  const exception = at(tree(response.body), 'Body', 'Fault', 'detail', 'Exception');
  if (!exception) throw new Error(`no Exception in ${response.body}`);
  const valid = readXmlDocument(serialize(exception), nativeSchema('skv'));
  expect(valid.ok, valid.ok ? '' : valid.message).to.equal(true);
  return exception;
}

function expectException(response: NativeResponse, kod: SkvMeddelandeKod): void {
  expect(response.status).to.equal(500);
  expect(textAt(tree(response.body), 'Body', 'Fault', 'faultcode')).to.equal(
    `soapenv:${SKV_MEDDELANDEN[kod].faultcode}`,
  );
  const exception = exceptionOf(response);
  expect(exception.ns).to.equal(NS.skv);
  expect(elements(exception).map((e) => [e.ns, e.name])).to.deep.equal([
    ['', 'MeddelandeKod'],
    ['', 'MeddelandeText'],
    ['', 'Systemversion'],
  ]);
  expect(textAt(exception, 'MeddelandeKod')).to.equal(String(kod));
  expect(textAt(exception, 'MeddelandeText')).to.equal(SKV_MEDDELANDEN[kod].felmeddelande);
}

const btError = (felkod: string, text: string): TjanstUtfall => ({
  kind: 'error',
  kalla: 'BT',
  felkod,
  felmeddelande: [text],
});

describe('SKV v10: error codes of the §7.3.3 table, and their mapping (seed §7.3.2)', () => {
  for (const [kod, personnummer] of SCENARIO_PERSONS) {
    it(`${kod} (scenario person ${personnummer}): Fault with skv:Exception → error kalla BT`, async () => {
      const { response, utfall } = await ask(skvFraga({ personidentitet: personnummer }));
      expectException(response, kod);
      expect(utfall).to.deep.equal(btError(String(kod), SKV_MEDDELANDEN[kod].felmeddelande));
    });
  }

  it('9071006 for an organisationsnummer that cannot match any certificate (wrong check digit)', async () => {
    const fraga = skvFraga({ ingivare: { organisationsnummer: '162120002412', namn: 'Kommun A', handlaggare: 'H' } });
    const { response, utfall } = await ask(fraga);
    expectException(response, 9071006);
    expect(utfall).to.deep.equal(btError('9071006', SKV_MEDDELANDEN[9071006].felmeddelande));
  });

  const invalid: [string, () => ReturnType<typeof requestWithForfragan>][] = [
    [
      'forfragan that is not well-formed XML',
      () => requestWithForfragan('<Forfragan xmlns="urn:se:skatteverket:ssbtek:beskattningsuppgifter:1">'),
    ],
    ['forfragan that is not XML at all', () => requestWithForfragan('198701052394')],
    [
      'a Forfragan missing NamnPaIngivare',
      () =>
        requestWithForfragan(
          `<Forfragan xmlns="${NS.skvInner}"><OrganisationsnummerForIngivare>162120002411</OrganisationsnummerForIngivare><KontonamnForHandlaggare>H</KontonamnForHandlaggare><IdentitetsbeteckningFysiskPerson>197601042398</IdentitetsbeteckningFysiskPerson><Referensnummer>R</Referensnummer><OrganisationsnummerForPersonuppgiftsbitrade>162021005521</OrganisationsnummerForPersonuppgiftsbitrade><NamnPaPersonuppgiftsbitrade>F</NamnPaPersonuppgiftsbitrade></Forfragan>`,
        ),
    ],
    [
      'a Forfragan with a DOCTYPE',
      () => requestWithForfragan('<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><Forfragan>&e;</Forfragan>'),
    ],
    [
      'a qualified skv:forfragan (SKV’s local elements are unqualified)',
      () => requestWithForfragan(requestInner(), true),
    ],
    [
      'a body that is no SOAP envelope',
      () => ({ path: '/beskattningws', contentType: 'text/xml', body: '<forfragan/>' }),
    ],
  ];
  for (const [what, request] of invalid) {
    it(`9071007 for ${what}`, async () => {
      const response = await handle(request());
      expectException(response, 9071007);
      expect(map(response)).to.deep.equal(btError('9071007', SKV_MEDDELANDEN[9071007].felmeddelande));
    });
  }

  it('accepts the same request with an unqualified forfragan (control for the case above)', async () => {
    expect((await handle(requestWithForfragan(requestInner()))).status).to.equal(200);
  });

  it('404: an unknown path gives Tomcat’s HTML page → error 404 with the table’s text', async () => {
    const response = await handle({ path: '/beskattningws/v2', contentType: 'text/xml', body: '' });
    expect(response.status).to.equal(404);
    expect(response.contentType).to.match(/^text\/html/);
    expect(response.body).to.include('HTTP Status 404 – Not Found').and.include('Apache Tomcat');
    expect(map(response)).to.deep.equal(btError('404', SKV_HTTP_FEL[404].felmeddelande));
  });

  it('403 (scenario person 198702122394): Tomcat’s HTML page → error 403 with the table’s text', async () => {
    const { response, utfall } = await ask(skvFraga({ personidentitet: '198702122394' }));
    expect(response.status).to.equal(403);
    expect(response.body).to.include('HTTP Status 403 – Forbidden');
    expect(utfall).to.deep.equal(btError('403', SKV_HTTP_FEL[403].felmeddelande));
  });

  it('500 (scenario person 198702162390): a SOAP Fault without Exception → error 500 with the table’s text', async () => {
    const { response, utfall } = await ask(skvFraga({ personidentitet: '198702162390' }));
    expect(response.status).to.equal(500);
    const fault = at(tree(response.body), 'Body', 'Fault');
    expect(textAt(fault, 'faultcode')).to.equal('soapenv:Server');
    expect(textAt(fault, 'faultstring')).to.equal(SKV_HTTP_FEL[500].felmeddelande);
    expect(at(fault, 'detail')).to.equal(undefined);
    expect(utfall).to.deep.equal(btError('500', SKV_HTTP_FEL[500].felmeddelande));
  });

  it('gives errors that fit the v10 and v1 answers', () => {
    expect(ssbtekViolations('SKV', btError('9071007', SKV_MEDDELANDEN[9071007].felmeddelande))).to.deep.equal([]);
  });

  it('answers POST /__test with 200', async () => {
    expect((await handle({ path: '/__test', contentType: 'text/plain', body: '' })).status).to.equal(200);
  });
});

describe('SKV v10: answers the adapter cannot understand (→ NativeProtocolError, 2001)', () => {
  const unreadable: [string, () => NativeResponse | Promise<NativeResponse>][] = [
    [
      'garbage (scenario person 198702262398)',
      () => handle(skv.adapter.toNative(skvFraga({ personidentitet: '198702262398' }), adapterContext())),
    ],
    [
      'an HTML 500 page (common scenario http-500)',
      () => ({ status: 500, contentType: 'text/html', body: '<html><body><h1>500</h1></body></html>' }),
    ],
    ['a 502 from a proxy', () => ({ status: 502, contentType: 'text/plain', body: 'Bad Gateway' })],
    [
      'a svar that is not XML',
      () =>
        soap(
          200,
          `<skv:BeskattningsuppgifterResponse xmlns:skv="${NS.skv}"><svar>oops &lt;</svar></skv:BeskattningsuppgifterResponse>`,
        ),
    ],
    [
      'a svar whose document breaks Skatteverket’s schema (no PersonuppgiftLista)',
      () =>
        soap(
          200,
          `<skv:BeskattningsuppgifterResponse xmlns:skv="${NS.skv}"><svar>&lt;SvarBeskattningsuppgifterEnligtSFS2008-975 xmlns="${NS.skvStandardiseradInformation}"/&gt;</svar></skv:BeskattningsuppgifterResponse>`,
        ),
    ],
    [
      'a svar holding the emulator’s former document (urn:se:skatteverket:ssbtek:beskattningsuppgifter:1)',
      () =>
        soap(
          200,
          `<skv:BeskattningsuppgifterResponse xmlns:skv="${NS.skv}"><svar>&lt;Beskattningsuppgifter xmlns="${NS.skvInner}"&gt;&lt;IdentitetsbeteckningFysiskPerson&gt;197601042398&lt;/IdentitetsbeteckningFysiskPerson&gt;&lt;Referensnummer&gt;R&lt;/Referensnummer&gt;&lt;/Beskattningsuppgifter&gt;</svar></skv:BeskattningsuppgifterResponse>`,
        ),
    ],
    [
      'a qualified skv:svar',
      () =>
        soap(
          200,
          `<skv:BeskattningsuppgifterResponse xmlns:skv="${NS.skv}"><skv:svar>x</skv:svar></skv:BeskattningsuppgifterResponse>`,
        ),
    ],
    [
      'a Fault without Exception at HTTP 200',
      () => ({ status: 200, contentType: 'text/xml', body: renderFault({ code: 'Server', message: 'x' }) }),
    ],
    [
      'an Exception whose MeddelandeKod is outside 9071000–9071999',
      () =>
        soap(
          500,
          `<soapenv:Fault><faultcode>soapenv:Server</faultcode><faultstring>x</faultstring><detail>${fixture('skv-exception-ok.xml').replace('9071007', '123')}</detail></soapenv:Fault>`,
        ),
    ],
  ];
  for (const [what, response] of unreadable) {
    it(what, async () => {
      const answer = await response();
      expect(() => skv.adapter.fromNative(answer, skvFraga(), adapterContext())).to.throw(NativeProtocolError);
    });
  }

  it('reads the shipped native samples (response and Exception) as data and error', () => {
    expect(map(soap(200, fixture('skv-response-ok.xml'))).kind).to.equal('data');
    const fault = `<soapenv:Fault><faultcode>soapenv:Client</faultcode><faultstring>x</faultstring><detail>${fixture('skv-exception-ok.xml')}</detail></soapenv:Fault>`;
    expect(map(soap(500, fault))).to.deep.equal(btError('9071007', SKV_MEDDELANDEN[9071007].felmeddelande));
  });
});

/** A valid Forfragan document, as text. */
function requestInner(): string {
  const request = skv.adapter.toNative(skvFraga(), adapterContext());
  const element = at(tree(request.body), 'Body', 'BeskattningsuppgifterRequest', 'forfragan');
  return (element?.children ?? []).join('');
}
