import { expect } from 'chai';
import { JSON_CONTENT_TYPE } from '../../../src/bastjanster/skv/delar/fel.js';
import { SKV_HTTP_FEL, SKV_MEDDELANDEN, type SkvMeddelandeKod } from '../../../src/bastjanster/skv/meddelandekoder.js';
import { tomcatPage } from '../../../src/bastjanster/skv/tomcat-pages.js';
import { NativeProtocolError, type NativeResponse } from '../../../src/bastjanster/types.js';
import { SKV_DELAR, type SkvDel, type TjanstUtfall } from '../../../src/ssbtek/model.js';
import { adapterContext } from '../../support/context.js';
import { NS } from '../../../src/xml/namespaces.js';
import { at, elements, tree } from '../../support/xml.js';
import {
  ANSTALLD,
  ARBETSSOKANDE,
  ask,
  BARN,
  delarOf,
  delData,
  FORETAGARE,
  handle,
  map,
  skv,
  v11Fraga,
  withScenario,
} from './skv-support.js';
import { renderedXml, SSBTEK_V11_REFERENCE, ssbtekV11Violations } from './ssbtek-fit.js';
import { referencePresent, referenceSchema } from '../../support/reference.js';

const NOT_FOUND = { kind: 'error', kalla: 'BT', felkod: '404', felmeddelande: ['Not found'] };
const btError = (felkod: string, text: string): TjanstUtfall => ({
  kind: 'error',
  kalla: 'BT',
  felkod,
  felmeddelande: [text],
});

/** Per part: 'data', or the felkod of its error. */
function outline(utfall: TjanstUtfall): Partial<Record<SkvDel, string>> {
  const out: Partial<Record<SkvDel, string>> = {};
  for (const [del, part] of Object.entries(delarOf(utfall)) as [SkvDel, { kind: string; felkod?: string }][]) {
    out[del] = part.kind === 'data' ? 'data' : (part.felkod ?? '');
  }
  return out;
}

/** The outcome fits ssbt/11's SkatteverketSvar (checked when the reconstructed v11 schema is at hand). */
function fitsV11(utfall: TjanstUtfall): void {
  if (!referencePresent(SSBTEK_V11_REFERENCE)) return;
  expect(ssbtekV11Violations('SKV', utfall)).to.deep.equal([]);
}

describe('SKV v11 adapter: all five parts for two years', () => {
  it('198601042388 (job seeker trading shares, came 23 months ago): data in all five parts', async () => {
    const { utfall } = await ask(v11Fraga({ personidentitet: ARBETSSOKANDE }));
    for (const del of SKV_DELAR) expect(outline(utfall)[del], del).to.equal('data');
    expect(delData(utfall, 'foretagsinformation')).to.deep.equal({
      foretag: {
        foretagId: ARBETSSOKANDE,
        arbetsgivarregistrerad: false,
        momsregistrerad: false,
        godkandFskatt: false,
      },
    });
    // Came 2024-12-24 (today 2026-11-24 less 23 months): declared months from December 2024.
    const manader = delData<{ individuppgifter: { redovisningsperiod: string }[] }>(utfall, 'individuppgifter');
    expect(manader.individuppgifter.map((m) => m.redovisningsperiod)).to.deep.equal([
      '202412',
      ...['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'].map((m) => `2025${m}`),
    ]);
    const skatt = delData<{ beslutadeSkatteuppgifter: { beskattningsar: number }[] }>(utfall, 'skatteuppgifter');
    expect(skatt.beslutadeSkatteuppgifter.map((b) => b.beskattningsar)).to.deep.equal([2024, 2025]);
    // A trader in listed securities (aktiehandel): a K4 sale every decided year.
    const bilagor = delData<{ beskattningsbilagor: { beskattningsar: number; bilagor: { blankett: string }[] }[] }>(
      utfall,
      'beskattningsbilagor',
    );
    expect(bilagor.beskattningsbilagor.map((y) => [y.beskattningsar, y.bilagor.map((b) => b.blankett)])).to.deep.equal([
      [2024, ['K4']],
      [2025, ['K4']],
    ]);
    fitsV11(utfall);
  });

  it('197601042398 (employee): data in all five parts, both years', async () => {
    const { utfall } = await ask(v11Fraga({ personidentitet: ANSTALLD }));
    for (const del of SKV_DELAR) expect(outline(utfall)[del], del).to.equal('data');
    const skatt = delData<{ beslutadeSkatteuppgifter: { beskattningsar: number }[] }>(utfall, 'skatteuppgifter');
    expect(skatt.beslutadeSkatteuppgifter.map((b) => b.beskattningsar)).to.deep.equal([2024, 2025]);
    expect(delData<{ individuppgifter: unknown[] }>(utfall, 'individuppgifter').individuppgifter).to.have.length(24);
    fitsV11(utfall);
  });

  it('197703279336 (business on the side): every registration, NE and K4', async () => {
    const { utfall } = await ask(v11Fraga({ personidentitet: FORETAGARE }));
    expect(delData(utfall, 'foretagsinformation')).to.deep.equal({
      foretag: { foretagId: FORETAGARE, arbetsgivarregistrerad: true, momsregistrerad: true, godkandFskatt: true },
    });
    const bilagor = delData<{ beskattningsbilagor: { beskattningsar: number; bilagor: { blankett: string }[] }[] }>(
      utfall,
      'beskattningsbilagor',
    );
    expect(bilagor.beskattningsbilagor.map((y) => [y.beskattningsar, y.bilagor.map((b) => b.blankett)])).to.deep.equal([
      [2024, ['K4']],
      [2025, ['NE']],
    ]);
  });

  it('a child: 404 Not found in every part, which fits the v11 answer', async () => {
    const { utfall } = await ask(v11Fraga({ personidentitet: BARN }));
    for (const del of SKV_DELAR) expect(delarOf(utfall)[del], del).to.deep.equal(NOT_FOUND);
    fitsV11(utfall);
  });

  it('puts the part’s JSON document, byte for byte as SKV sent it, base64 in data', async () => {
    const { response, utfall } = await ask(v11Fraga());
    const sent = (JSON.parse(response.body) as { delar: Record<string, { data: unknown }> }).delar;
    for (const del of SKV_DELAR) {
      const part = delarOf(utfall)[del];
      if (part?.kind !== 'data') throw new Error(del);
      expect(Buffer.from(part.base64, 'base64').toString('utf8')).to.equal(JSON.stringify(sent[del]?.data));
    }
  });

  it('answers only the parts asked; no part asked gives an empty SKV element', async () => {
    const some = await ask(v11Fraga({}, { ar: [2025], delar: ['skattekonto'] }));
    expect(Object.keys(delarOf(some.utfall))).to.deep.equal(['skattekonto']);
    const none = await ask(v11Fraga({}, { ar: [2025], delar: [] }));
    expect(delarOf(none.utfall)).to.deep.equal({});
    fitsV11(none.utfall);
  });

  it('renders one SkatteverketDelSvar per part under SKV, valid against the reconstructed ssbt/11 schema', async function () {
    if (!referencePresent(SSBTEK_V11_REFERENCE)) {
      console.log(`      (skipped: ${SSBTEK_V11_REFERENCE} is not present)`);
      this.skip();
    }
    // beskattningsbilagor.404 by scenario: four parts data, one an error
    const { utfall } = await ask(v11Fraga({ personidentitet: '197604219423' }));
    expect(ssbtekV11Violations('SKV', utfall)).to.deep.equal([]);
    const binding = {
      dialect: 'v11',
      namespace: NS.ssbtV11,
      schema: referenceSchema(SSBTEK_V11_REFERENCE),
      kallaSsbt: 'SSBT',
    } as const;
    const skvElement = at(tree(renderedXml('SKV', utfall, binding)), 'svarsdata', 'SKV');
    expect(skvElement && elements(skvElement).map((e) => [e.name, elements(e).map((c) => c.name)])).to.deep.equal([
      ['foretagsinformation', ['data']],
      ['individuppgifter', ['data']],
      ['skattekonto', ['data']],
      ['skatteuppgifter', ['data']],
      ['beskattningsbilagor', ['error']],
    ]);
  });
});

describe('SKV v11 adapter: part errors by scenario', () => {
  const persons: [string, SkvDel, string, string][] = [
    ['196809139295', 'foretagsinformation', '403', 'Forbidden'],
    ['197503309176', 'individuppgifter', '500', 'Internal server error'],
    ['197603122388', 'skattekonto', '503', 'Service unavailable'],
    ['197604122387', 'skatteuppgifter', '504', 'Gateway timeout'],
    ['197604219423', 'beskattningsbilagor', '404', 'Not found'],
  ];
  for (const [personnummer, del, felkod, text] of persons) {
    it(`scenario person ${personnummer}: ${del} → BT ${felkod} ${text}, the other parts data`, async () => {
      const { utfall } = await ask(v11Fraga({ personidentitet: personnummer }));
      expect(delarOf(utfall)[del]).to.deep.equal(btError(felkod, text));
      for (const other of SKV_DELAR.filter((d) => d !== del)) expect(outline(utfall)[other], other).to.equal('data');
      fitsV11(utfall);
    });
  }

  it('the same by X-SSBTEK-Scenario / admin API (SKV:error=individuppgifter.404)', async () => {
    const { utfall } = await ask(v11Fraga(), withScenario('individuppgifter.404'));
    expect(delarOf(utfall).individuppgifter).to.deep.equal(NOT_FOUND);
    expect(outline(utfall).skattekonto).to.equal('data');
  });
});

describe('SKV v11 adapter: errors for the whole SKV answer', () => {
  const persons: [SkvMeddelandeKod, string][] = [
    [9071000, '198701052394'],
    [9071002, '198701152392'],
    [9071003, '198701172382'],
    [9071004, '198701232392'],
    [9071010, '198702102396'],
  ];
  for (const [kod, personnummer] of persons) {
    it(`${kod} (scenario person ${personnummer}) → error kalla BT with SKV's code and text`, async () => {
      const { utfall } = await ask(v11Fraga({ personidentitet: personnummer }));
      expect(utfall).to.deep.equal(btError(String(kod), SKV_MEDDELANDEN[kod].felmeddelande));
      fitsV11(utfall);
    });
  }

  it('9071006 for an ingivare that cannot match the certificate', async () => {
    const fraga = v11Fraga({ ingivare: { organisationsnummer: '162120002412', namn: 'K', handlaggare: 'H' } });
    expect((await ask(fraga)).utfall).to.deep.equal(btError('9071006', SKV_MEDDELANDEN[9071006].felmeddelande));
  });

  it('9071007 carries what was wrong after SKV’s text', () => {
    const body = {
      meddelandeKod: 9071007,
      meddelandeText: 'Tekniskt fel',
      systemversion: '1.0',
      detaljer: ['/ar/0: x'],
    };
    const response: NativeResponse = { status: 400, contentType: JSON_CONTENT_TYPE, body: JSON.stringify(body) };
    expect(map(response, v11Fraga())).to.deep.equal({
      kind: 'error',
      kalla: 'BT',
      felkod: '9071007',
      felmeddelande: ['Tekniskt fel', '/ar/0: x'],
    });
  });

  it('403 (scenario person 198702122394) and 500 (198702162390): the gateway’s errors with the table’s text', async () => {
    expect((await ask(v11Fraga({ personidentitet: '198702122394' }))).utfall).to.deep.equal(
      btError('403', SKV_HTTP_FEL[403].felmeddelande),
    );
    expect((await ask(v11Fraga({ personidentitet: '198702162390' }))).utfall).to.deep.equal(
      btError('500', SKV_HTTP_FEL[500].felmeddelande),
    );
  });

  it('404: Tomcat’s page for a wrong path → error 404 with the table’s text', () => {
    expect(map(tomcatPage(404, '/x'), v11Fraga())).to.deep.equal(btError('404', SKV_HTTP_FEL[404].felmeddelande));
  });
});

describe('SKV v11 adapter: answers it cannot understand (→ NativeProtocolError, 2001)', () => {
  const json = (status: number, body: unknown): NativeResponse => ({
    status,
    contentType: JSON_CONTENT_TYPE,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const ok = (delar: unknown) => json(200, { identitet: ANSTALLD, referensnummer: 'R', delar });
  const skattekonto = { status: 404, meddelande: 'Not found' };
  const unreadable: [string, () => NativeResponse | Promise<NativeResponse>][] = [
    [
      'garbage (scenario person 198702262398)',
      () => handle(skv.adapter.toNative(v11Fraga({ personidentitet: '198702262398' }), adapterContext())),
    ],
    [
      'a truncated answer (half)',
      () => handle(skv.adapter.toNative(v11Fraga(), adapterContext()), withScenario('half')),
    ],
    [
      'an HTML 500 page (http-500)',
      () => handle(skv.adapter.toNative(v11Fraga(), adapterContext()), withScenario('http-500')),
    ],
    ['200 that is not JSON', () => json(200, 'OK')],
    ['200 outside the schema (a part with status 200 and no data)', () => ok({ skattekonto: { status: 200 } })],
    ['200 missing parts asked', () => ok({ skattekonto })],
    [
      '200 with a part that was not asked',
      () => ok({ ...Object.fromEntries(SKV_DELAR.map((d) => [d, skattekonto])), extra: 1 }),
    ],
    ['400 without SKV’s error form', () => json(400, { error: 'bad' })],
    ['500 with a code SKV does not have', () => json(500, { meddelandeKod: 9071999, meddelandeText: 'x' })],
    ['502 from a proxy', () => ({ status: 502, contentType: 'text/plain', body: 'Bad Gateway' })],
  ];
  for (const [what, response] of unreadable) {
    it(what, async () => {
      const answer = await response();
      expect(() => skv.adapter.fromNative(answer, v11Fraga(), adapterContext())).to.throw(NativeProtocolError);
    });
  }
});
