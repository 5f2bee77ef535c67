import { expect } from 'chai';
import { pino } from 'pino';
import { createApp, type App } from '../../src/app.js';
import { DEFAULT_CONFIG, configFromEnv } from '../../src/config.js';
import { BASE_SERVICES } from '../../src/bastjanster/registry.js';
import { AnswerCache, charsOfServiceAnswer } from '../../src/ssbtek/answer-cache.js';
import { KeptAnswers } from '../../src/ssbtek/kept-answers.js';
import { checkToday, parseTodayHeader, Today, TodayError } from '../../src/scenario/today.js';
import type { JournalEntry } from '../../src/journal/journal.js';
import { adapterContext } from '../support/context.js';
import { sampleFraga } from '../support/fraga.js';
import { example, postSoap, v10Request } from '../support/requests.js';
import { startServer, type TestServer } from '../support/server.js';
import { at, elements, textAt, tree } from '../support/xml.js';

/** Each service's part of a v10 answer: "data" or "kalla felkod". */
function parts(body: string): Record<string, string> {
  const svarsdata = at(tree(body), 'Body', 'hamtaBastjanstInformationResponse', 'svarsdata');
  const out: Record<string, string> = {};
  for (const service of elements(svarsdata!)) {
    const [part] = elements(service);
    out[service.name] =
      part?.name === 'data' ? 'data' : `${textAt(part, 'kalla') ?? ''} ${textAt(part, 'felkod') ?? ''}`;
  }
  return out;
}

const ALL_DATA = { AF: 'data', CSN: 'data', FK: 'data', SKV: 'data', SO: 'data', TNS: 'data', MIV: 'data' };
/** The v10 example as written for the tests' today (2026-11-24): its period starts 2026-10-24. */
const V10_FOR_2026_11_24 = (): string => example('v10-all-services.xml');

describe('"today": one provider in layers (request over run time over config over the real date)', () => {
  it('takes the request’s day, then the run-time one, then the config’s, then the clock', () => {
    const today = new Today('2026-11-24', () => '2030-01-01');
    expect(today.current()).to.equal('2026-11-24');
    expect(today.forRequest('2027-06-15')).to.equal('2027-06-15');
    today.set('2028-02-29');
    expect(today.current()).to.equal('2028-02-29');
    expect(today.forRequest(undefined)).to.equal('2028-02-29');
    today.set(undefined);
    expect(today.current()).to.equal('2026-11-24');
    expect(new Today(undefined, () => '2030-01-01').current()).to.equal('2030-01-01');
  });

  it('accepts only real calendar days YYYY-MM-DD in 1900–2999, naming where the value came from', () => {
    expect(parseTodayHeader(' 2028-02-29 ')).to.equal('2028-02-29');
    expect(parseTodayHeader(undefined)).to.equal(undefined);
    expect(parseTodayHeader('  ')).to.equal(undefined);
    for (const bad of [
      '2027-02-29',
      '2026-13-01',
      '20261124',
      '2026-11-24T00:00:00',
      'today',
      '1899-12-31',
      '3000-01-01',
    ])
      expect(() => parseTodayHeader(bad), bad).to.throw(TodayError, /^X-SSBTEK-Today header: /);
    expect(() => checkToday('2026-02-30', 'SSBTEK_TODAY')).to.throw(
      'SSBTEK_TODAY: "2026-02-30" is not a calendar date',
    );
    expect(() => configFromEnv({ SSBTEK_TODAY: '2026-02-30' })).to.throw(/SSBTEK_TODAY/);
    expect(() => new Today('2026-02-30')).to.throw(TodayError);
  });
});

describe('X-SSBTEK-Today on POST /ssbtek', () => {
  let server: TestServer;
  // The emulator lives on another day than the requests: only the header can make them right.
  before(async () => (server = await startServer({ today: '2031-03-15' })));
  after(() => server.close());

  it('answers for the header’s day, in every base service at once', async () => {
    const without = await postSoap(`${server.url}/ssbtek`, V10_FOR_2026_11_24());
    expect(parts(without.body).CSN, 'CSN on its own today refuses a period four years old').to.equal('BT -1006');
    const reply = await postSoap(`${server.url}/ssbtek`, V10_FOR_2026_11_24(), { 'X-SSBTEK-Today': '2026-11-24' });
    expect(reply.status).to.equal(200);
    expect(parts(reply.body)).to.deep.equal(ALL_DATA);
  });

  it('refuses a day that is not one with a SOAP Client Fault naming the header; nothing runs', async () => {
    for (const value of ['2026-02-30', 'igår', '24/11/2026']) {
      const reply = await postSoap(`${server.url}/ssbtek`, V10_FOR_2026_11_24(), { 'X-SSBTEK-Today': value });
      expect(reply.status).to.equal(500);
      expect(textAt(tree(reply.body), 'Body', 'Fault', 'faultcode')).to.match(/Client$/);
      expect(textAt(tree(reply.body), 'Body', 'Fault', 'faultstring')).to.equal(
        `Invalid X-SSBTEK-Today header: "${value}" is not a calendar date YYYY-MM-DD`,
      );
    }
  });

  it('is recorded in the journal: the header, and the day every exchange was answered for', async () => {
    await fetch(`${server.url}/__admin/requests`, { method: 'DELETE' });
    await postSoap(`${server.url}/ssbtek`, v10Request({ include: ['SKV'] }), { 'X-SSBTEK-Today': '2027-06-15' });
    await postSoap(`${server.url}/ssbtek`, v10Request({ include: ['SKV'] }));
    await postSoap(`${server.url}/ssbtek`, v10Request({ include: ['SKV'] }), { 'X-SSBTEK-Today': 'nope' });
    const { requests } = (await (await fetch(`${server.url}/__admin/requests`)).json()) as {
      requests: JournalEntry[];
    };
    expect(requests.map((r) => [r.today, r.request.headers['x-ssbtek-today'], r.outcome])).to.deep.equal([
      ['2031-03-15', 'nope', 'fault'],
      ['2031-03-15', undefined, 'ok'],
      ['2027-06-15', '2027-06-15', 'ok'],
    ]);
  });

  it('is passed on to base services reached over HTTP (another emulator on yet another day)', async () => {
    const urls = Object.fromEntries(BASE_SERVICES.map((s) => [s.id, `${server.url}${s.mountPath}`]));
    const composite = await startServer({ today: '2029-09-09', baseServiceUrls: urls });
    try {
      const reply = await postSoap(`${composite.url}/ssbtek`, V10_FOR_2026_11_24(), { 'X-SSBTEK-Today': '2026-11-24' });
      expect(parts(reply.body)).to.deep.equal(ALL_DATA);
    } finally {
      await composite.close();
    }
  });

  it('is read on the base services’ own paths, and refused there in their error form', async () => {
    const csn = BASE_SERVICES.find((s) => s.id === 'CSN')!;
    const fk = BASE_SERVICES.find((s) => s.id === 'FK')!;
    const native = csn.adapter.toNative(
      sampleFraga(
        { personidentitet: '198601042388', tidsperiod: { fromDatum: '2026-10-24', tomDatum: '2026-11-24' } },
        { CSN: { inkludera: true } },
      ),
      adapterContext(),
    );
    const url = `${server.url}${csn.mountPath}${native.path}`;
    const send = (headers: Record<string, string>) =>
      fetch(url, { method: 'POST', headers: { 'content-type': native.contentType, ...headers }, body: native.body });
    const onItsOwnDay = await (await send({})).text();
    const onTheDay = await (await send({ 'X-SSBTEK-Today': '2026-11-24' })).text();
    expect(onItsOwnDay).to.not.equal(onTheDay);
    const csnAnswer = (body: string): string =>
      Buffer.from(textAt(tree(body), 'Body', 'KommunfragaSvar', 'svar') ?? '', 'base64').toString('utf8');
    expect(csnAnswer(onItsOwnDay)).to.contain('<csn:ResultatKod>-1006</csn:ResultatKod>');
    expect(csnAnswer(onTheDay)).to.contain('<csn:ResultatKod>0</csn:ResultatKod>');

    const refused = await send({ 'X-SSBTEK-Today': '2026-11-31' });
    expect(refused.status).to.equal(500);
    expect(await refused.text()).to.contain('Invalid X-SSBTEK-Today header: "2026-11-31" is not a calendar date');
    const json = await fetch(
      `${server.url}${fk.mountPath}/lefi-extern-formansinformation/v9/aktorer/x/formansinformation/fraga`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'X-SSBTEK-Today': 'x' },
        body: '{}',
      },
    );
    expect(json.status).to.equal(400);
    expect(json.headers.get('content-type')).to.match(/^application\/problem\+json/);
    expect(((await json.json()) as { title: string }).title).to.equal('Invalid X-SSBTEK-Today header');
  });

  it('is read by Personuppgiftstjänsten GetPersonsForProfile (its version is the day)', async () => {
    const headers = { 'X-PU-Consumer': 'SE2321000016-NORMAL' };
    const body = example('pu-get-persons-p5.xml');
    const url = `${server.url}/pu/v5/GetPersonsForProfile`;
    const version = (reply: string): string | undefined =>
      textAt(tree(reply), 'Body', 'GetPersonsForProfileResponse', 'requestedPersonRecord', 'personRecord', 'version');
    expect(version((await postSoap(url, body, headers)).body)).to.equal('20310315000000');
    expect(version((await postSoap(url, body, { ...headers, 'X-SSBTEK-Today': '2027-06-15' })).body)).to.equal(
      '20270615000000',
    );
    const refused = await postSoap(url, body, { ...headers, 'X-SSBTEK-Today': '2027-6-15' });
    expect(refused.status).to.equal(500);
    expect(refused.body).to.contain('Invalid X-SSBTEK-Today header');
  });
});

describe('X-SSBTEK-Today and kept answers', () => {
  let app: App;
  before(() => {
    app = createApp({ ...DEFAULT_CONFIG, today: '2031-03-15', storePath: ':memory:' }, pino({ level: 'silent' }));
  });
  after(() => app.close());

  it('keeps an answer for the day it was made for: the same bytes on another day are answered afresh', async () => {
    const bytes = Buffer.from(V10_FOR_2026_11_24());
    const first = await app.pipeline.handle(bytes, { todayHeader: '2026-11-24' });
    expect(first.summary.cache).to.equal(undefined);
    expect(first.today).to.equal('2026-11-24');
    expect(parts(first.body)).to.deep.equal(ALL_DATA);
    const again = await app.pipeline.handle(bytes, { todayHeader: '2026-11-24' });
    expect(again.summary.cache, 'the same bytes on the same day: kept').to.equal('hit');
    expect(again.body).to.equal(first.body);
    const later = await app.pipeline.handle(bytes, { todayHeader: '2027-06-15' });
    expect(later.summary.cache, 'another day: never the kept answer').to.equal(undefined);
    expect(parts(later.body).CSN).to.equal('BT -1006');
    const onItsOwn = await app.pipeline.handle(bytes);
    expect(onItsOwn.summary.cache).to.equal(undefined);
    expect(onItsOwn.today).to.equal('2031-03-15');
    expect(parts(onItsOwn.body).CSN).to.equal('BT -1006');
  });

  it('keeps base-service answers by native request and day (the day read from the request’s X-SSBTEK-Today)', () => {
    const serviceAnswers = new AnswerCache(
      { entries: 10, chars: 1_000_000, admitOnSecondSight: true },
      charsOfServiceAnswer,
    );
    const kept = new KeptAnswers(
      {
        answers: new AnswerCache({ entries: 10, chars: 1_000_000 }),
        serviceAnswers,
        today: () => '2031-03-15',
        inProcess: () => true,
      },
      { quiet: true, generation: 0 },
    );
    const request = (today?: string) => ({
      path: '/fraga',
      contentType: 'text/xml',
      body: '<fraga/>',
      ...(today && { headers: { 'X-SSBTEK-Today': today } }),
    });
    const answer = { status: 200, contentType: 'text/xml', body: '<svar/>' };
    // As in the app, an answer is kept from its native request's second offer on.
    for (let offer = 0; offer < 2; offer++) {
      kept
        .lookup('AF', request('2026-11-24'))!
        .keep(answer, { kind: 'error', kalla: 'BT', felkod: '500', felmeddelande: [] });
    }
    expect(kept.lookup('AF', request('2026-11-24'))!.hit?.response.body).to.equal('<svar/>');
    expect(kept.lookup('AF', request('2027-06-15'))!.hit).to.equal(undefined);
    expect(kept.lookup('AF', request())!.hit, 'the emulator’s own day is another').to.equal(undefined);
  });
});
