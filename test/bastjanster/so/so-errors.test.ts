import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { SO_FELKODER } from '../../../src/bastjanster/so/felkoder.js';
import { NativeProtocolError, type NativeResponse } from '../../../src/bastjanster/types.js';
import type { TjanstUtfall } from '../../../src/ssbtek/model.js';
import { NS } from '../../../src/xml/namespaces.js';
import { PROJECT_ROOT } from '../../../src/xml/schema.js';
import { at, textAt, tree } from '../../support/xml.js';
import { ssbtekViolations } from '../skv/ssbtek-fit.js';
import { ask, FEL_1, FEL_201, handle, map, so, soFraga } from './so-support.js';

const btError = (felkod: string, text: string): TjanstUtfall => ({
  kind: 'error',
  kalla: 'BT',
  felkod,
  felmeddelande: [text],
});
const fixture = (name: string): string =>
  fs
    .readFileSync(path.join(PROJECT_ROOT, 'test', 'fixtures', 'native', 'so', name), 'utf8')
    .replace(/^<\?xml[^>]*\?>\s*/, '');
const soap = (status: number, payload: string): NativeResponse => ({
  status,
  contentType: 'text/xml',
  body: `<soapenv:Envelope xmlns:soapenv="${NS.soapEnv}"><soapenv:Body>${payload}</soapenv:Body></soapenv:Envelope>`,
});
const request = (body: string) => ({ path: '/ubpservice', contentType: 'text/xml', body });

function expectFault(response: NativeResponse, code: '201' | '1'): void {
  expect(response.status).to.equal(500);
  const fault = at(tree(response.body), 'Body', 'Fault');
  // Written literally: a bare number, not a QName such as soapenv:Server.
  expect(textAt(fault, 'faultcode')).to.equal(code);
  expect(textAt(fault, 'faultstring')).to.equal(SO_FELKODER[code].felmeddelande);
}

describe('SO: fault codes of the §7.3.3 table, and their mapping (seed §7.3.2)', () => {
  it(`201 (scenario person ${FEL_201}): faultcode 201 "An unexpected error occurred" → error kalla BT`, async () => {
    const { response, utfall } = await ask(soFraga({ personidentitet: FEL_201 }));
    expectFault(response, '201');
    expect(utfall).to.deep.equal(btError('201', 'An unexpected error occurred'));
  });

  it(`1 (scenario person ${FEL_1}): faultcode 1 "Arbetslöshetskassa" → error kalla BT`, async () => {
    const { response, utfall } = await ask(soFraga({ personidentitet: FEL_1 }));
    expectFault(response, '1');
    expect(utfall).to.deep.equal(btError('1', 'Arbetslöshetskassa'));
  });

  const invalid: [string, string][] = [
    [
      'a request without From',
      so.adapter
        .toNative(soFraga(), { settings: { testmiljo: true, systemId: 'X' }, korrelationsid: 'K' })
        .body.replace(/<so:From>[^<]*<\/so:From>/, ''),
    ],
    [
      'an IdentificationNumber that is not 12 digits',
      so.adapter.toNative(soFraga({ personidentitet: '8801062392' }), {
        settings: { testmiljo: true, systemId: 'X' },
        korrelationsid: 'K',
      }).body,
    ],
    ['a body that is not XML', 'hello'],
    [
      'an unknown operation',
      `<soapenv:Envelope xmlns:soapenv="${NS.soapEnv}"><soapenv:Body><so:Ping xmlns:so="${NS.so}"/></soapenv:Body></soapenv:Envelope>`,
    ],
  ];
  for (const [what, body] of invalid) {
    it(`201 for ${what}`, async () => {
      const response = await handle(request(body));
      expectFault(response, '201');
      expect(map(response)).to.deep.equal(btError('201', 'An unexpected error occurred'));
    });
  }

  it('gives errors that fit the v10 and v1 answers', () => {
    expect(ssbtekViolations('SO', btError('1', 'Arbetslöshetskassa'))).to.deep.equal([]);
  });

  it('answers POST /__test with 200', async () => {
    expect((await handle({ path: '/__test', contentType: 'text/plain', body: '' })).status).to.equal(200);
  });
});

describe('SO: answers the adapter cannot understand (→ NativeProtocolError, 2001)', () => {
  const answer = async () => (await ask(soFraga())).response;
  const unreadable: [string, () => NativeResponse | Promise<NativeResponse>][] = [
    ['the 404 page of an unknown path', () => handle({ path: '/ubpservice/v2', contentType: 'text/xml', body: '' })],
    [
      'an answer that is not XML',
      () => ({ status: 200, contentType: 'text/xml', body: 'Service Temporarily Unavailable <<<' }),
    ],
    ['half an answer', async () => ({ ...(await answer()), body: (await answer()).body.slice(0, 400) })],
    ['an HTML 500 page', () => ({ status: 500, contentType: 'text/html', body: '<html><body>500</body></html>' })],
    ['a valid response at HTTP 503', async () => ({ ...(await answer()), status: 503 })],
    [
      'a response without ArbetsloshetsersattningLista',
      () =>
        soap(
          200,
          fixture('so-response-ok.xml').replace(
            /<ArbetsloshetsersattningLista>[\s\S]*<\/ArbetsloshetsersattningLista>/,
            '',
          ),
        ),
    ],
    ['the request echoed back instead of a response', () => soap(200, fixture('so-request-ok.xml'))],
    [
      'a Fault without faultcode',
      () => soap(500, `<soapenv:Fault><faultcode></faultcode><faultstring>x</faultstring></soapenv:Fault>`),
    ],
  ];
  for (const [what, response] of unreadable) {
    it(what, async () => {
      const native = await response();
      expect(() => map(native)).to.throw(NativeProtocolError);
    });
  }

  it('reads the shipped native samples as data', () => {
    expect(map(soap(200, fixture('so-response-ok.xml'))).kind).to.equal('data');
    expect(map(soap(200, fixture('so-response-ingen-utbetalning.xml'))).kind).to.equal('data');
  });
});
