import { expect } from 'chai';
import { DEL_FEL } from '../../../src/bastjanster/skv/delar/del-fel.js';
import { HTTP_STATUS } from '../../../src/bastjanster/skv/delar/fel.js';
import { validateSkvFel, validateSkvSvar } from '../../../src/bastjanster/skv/delar/schemas.js';
import type { SkvFel, SkvFraga, SkvSvar } from '../../../src/bastjanster/skv/delar/typer.js';
import { SKV_HTTP_FEL, SKV_MEDDELANDEN, type SkvMeddelandeKod } from '../../../src/bastjanster/skv/meddelandekoder.js';
import type { EmulatorContext, NativeResponse } from '../../../src/bastjanster/types.js';
import { SKV_DELAR, type SkvDel } from '../../../src/ssbtek/model.js';
import { startServer, type TestServer } from '../../support/server.js';
import { ANSTALLD, BARN, FORETAGARE, handle, withScenario } from './skv-support.js';

const PATH = '/ekonomiskt-bistand/v1/fraga';

function question(overrides: Partial<SkvFraga> = {}): SkvFraga {
  return {
    ingivare: { organisationsnummer: '162120002411', namn: 'Kommun A', kontonamnForHandlaggare: 'HL123456' },
    personuppgiftsbitrade: { organisationsnummer: '162021005521', namn: 'Försäkringskassan' },
    identitet: FORETAGARE,
    referensnummer: 'AID-1',
    ar: [2024, 2025],
    delar: [...SKV_DELAR],
    ...overrides,
  };
}

const post = (body: unknown, context: Partial<EmulatorContext> = {}): Promise<NativeResponse> =>
  handle(
    { path: PATH, contentType: 'application/json', body: typeof body === 'string' ? body : JSON.stringify(body) },
    context,
  );

function svar(response: NativeResponse): SkvSvar {
  expect(response.status, response.body).to.equal(200);
  expect(response.contentType).to.match(/^application\/json/);
  const checked = validateSkvSvar(JSON.parse(response.body));
  expect(checked.ok, checked.ok ? '' : checked.violations.join('; ')).to.equal(true);
  return JSON.parse(response.body) as SkvSvar;
}

function fel(response: NativeResponse): SkvFel {
  expect(response.contentType).to.match(/^application\/json/);
  const checked = validateSkvFel(JSON.parse(response.body));
  expect(checked.ok, checked.ok ? '' : checked.violations.join('; ')).to.equal(true);
  return JSON.parse(response.body) as SkvFel;
}

describe('SKV v11 native service: POST /bastjanster/skv/ekonomiskt-bistand/v1/fraga', () => {
  it('answers a good question with 200 and every part asked, valid against the answer schema', async () => {
    const answer = svar(await post(question()));
    expect(answer.identitet).to.equal(FORETAGARE);
    expect(answer.referensnummer).to.equal('AID-1');
    expect(Object.keys(answer.delar)).to.deep.equal([...SKV_DELAR]);
    for (const del of SKV_DELAR) expect(answer.delar[del]?.status, del).to.equal(200);
  });

  it('answers only the parts asked, in the contract’s order whatever order they were asked in', async () => {
    const answer = svar(await post(question({ delar: ['skatteuppgifter', 'foretagsinformation'] })));
    expect(Object.keys(answer.delar)).to.deep.equal(['foretagsinformation', 'skatteuppgifter']);
  });

  it('answers a question for no part with no part', async () => {
    expect(svar(await post(question({ delar: [] }))).delar).to.deep.equal({});
  });

  it('answers 404 Not found in every part for a person without taxation data and for a number nobody has', async () => {
    for (const identitet of [BARN, '197601042399']) {
      const answer = svar(await post(question({ identitet })));
      for (const del of SKV_DELAR)
        expect(answer.delar[del], del).to.deep.equal({ status: 404, meddelande: 'Not found' });
    }
  });

  const invalid: [string, unknown, RegExp][] = [
    ['a body that is not JSON', '{"identitet":', /inte giltig JSON/],
    ['no identitet', { ...question(), identitet: undefined }, /\(roten\): must have required property 'identitet'/],
    ['an unknown member', { ...question(), tidsperiod: {} }, /must NOT have additional properties/],
    ['an identitet of ten digits', question({ identitet: '7601042398' }), /\/identitet: must match pattern/],
    ['no year', question({ ar: [] }), /\/ar: must NOT have fewer than 1 items/],
    ['a year of two digits', question({ ar: [24] }), /\/ar\/0: must be >= 1000/],
    [
      'an unknown part',
      { ...question(), delar: ['kapital'] },
      /\/delar\/0: must be equal to one of the allowed values/,
    ],
    ['a part asked twice', question({ delar: ['skattekonto', 'skattekonto'] }), /\/delar: must NOT have duplicate/],
    [
      'an organisationsnummer of ten digits',
      question({ ingivare: { organisationsnummer: '2120002411', namn: 'K', kontonamnForHandlaggare: 'H' } }),
      /\/ingivare\/organisationsnummer: must match pattern/,
    ],
  ];
  for (const [what, body, detalj] of invalid) {
    it(`9071007 (HTTP 400) for ${what}, naming what was wrong without echoing values`, async () => {
      const response = await post(body);
      expect(response.status).to.equal(400);
      const answer = fel(response);
      expect(answer.meddelandeKod).to.equal(9071007);
      expect(answer.meddelandeText).to.equal(SKV_MEDDELANDEN[9071007].felmeddelande);
      expect(answer.systemversion).to.equal('1.0');
      expect(answer.detaljer?.join('\n')).to.match(detalj);
      expect(response.body).to.not.include('7601042398');
    });
  }

  it('9071006 (HTTP 403) for an ingivare whose organisationsnummer has a wrong check digit', async () => {
    const response = await post(
      question({ ingivare: { organisationsnummer: '162120002412', namn: 'K', kontonamnForHandlaggare: 'H' } }),
    );
    expect(response.status).to.equal(403);
    expect(fel(response)).to.deep.equal({
      meddelandeKod: 9071006,
      meddelandeText: SKV_MEDDELANDEN[9071006].felmeddelande,
      systemversion: '1.0',
    });
  });

  for (const kod of Object.keys(SKV_MEDDELANDEN).map(Number) as SkvMeddelandeKod[]) {
    it(`${kod} by scenario: HTTP ${HTTP_STATUS[kod]} with SKV's error form`, async () => {
      const response = await post(question(), withScenario(String(kod)));
      expect(response.status).to.equal(HTTP_STATUS[kod]);
      expect(fel(response)).to.deep.include({ meddelandeKod: kod, meddelandeText: SKV_MEDDELANDEN[kod].felmeddelande });
    });
  }

  it('403 and 404 by scenario: the gateway’s Tomcat HTML pages', async () => {
    for (const status of [403, 404]) {
      const response = await post(question(), withScenario(String(status)));
      expect(response.status).to.equal(status);
      expect(response.contentType).to.match(/^text\/html/);
      expect(response.body).to.include(`HTTP Status ${status}`).and.include('Apache Tomcat');
    }
  });

  it('500 by scenario: the gateway’s error in SKV’s form without a code', async () => {
    const response = await post(question(), withScenario('500'));
    expect(response.status).to.equal(500);
    expect(fel(response)).to.deep.equal({ meddelandeText: SKV_HTTP_FEL[500].felmeddelande });
  });

  for (const del of SKV_DELAR) {
    for (const status of Object.keys(DEL_FEL).map(Number) as (keyof typeof DEL_FEL)[]) {
      it(`${del}.${status} by scenario: that part answers ${status}, the others data`, async () => {
        const answer = svar(await post(question(), withScenario(`${del}.${status}`)));
        expect(answer.delar[del]).to.deep.equal({ status, meddelande: DEL_FEL[status] });
        for (const other of SKV_DELAR.filter((d): d is SkvDel => d !== del)) {
          expect(answer.delar[other]?.status, other).to.equal(200);
        }
      });
    }
  }

  it('leaves the answer as it is when the part a scenario names was not asked', async () => {
    const asked = question({ delar: ['skatteuppgifter'] });
    expect((await post(asked, withScenario('skattekonto.503'))).body).to.equal((await post(asked)).body);
  });

  it('answers the common scenarios (garbage, http-500) as every emulator does', async () => {
    expect((await post(question(), withScenario('garbage'))).body).to.not.match(/^\{/);
    expect((await post(question(), withScenario('http-500'))).status).to.equal(500);
    const half = await post(question(), withScenario('half'));
    expect(() => JSON.parse(half.body)).to.throw();
  });

  it('answers an unknown path below the mount with Tomcat’s 404 page', async () => {
    const response = await handle({
      path: '/ekonomiskt-bistand/v2/fraga',
      contentType: 'application/json',
      body: '{}',
    });
    expect(response.status).to.equal(404);
    expect(response.body).to.include('HTTP Status 404');
  });

  it('answers the same question the same way (deterministic)', async () => {
    expect((await post(question({ identitet: ANSTALLD }))).body).to.equal(
      (await post(question({ identitet: ANSTALLD }))).body,
    );
  });
});

describe('SKV v11 native service over HTTP (its own path below SKV’s mount)', () => {
  let server: TestServer;
  before(async () => (server = await startServer()));
  after(() => server.close());

  const send = (body: string) =>
    fetch(`${server.url}/bastjanster/skv${PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });

  it('answers a question with 200 application/json, the same as in-process', async () => {
    const response = await send(JSON.stringify(question({ identitet: ANSTALLD })));
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.match(/^application\/json/);
    expect(await response.text()).to.equal((await post(question({ identitet: ANSTALLD }))).body);
  });

  it('answers a question that breaks the schema with 400 and SKV’s error form', async () => {
    const response = await send('{"identitet":"x"}');
    expect(response.status).to.equal(400);
    expect((JSON.parse(await response.text()) as SkvFel).meddelandeKod).to.equal(9071007);
  });
});
