import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { BASE_SERVICES, serviceMap } from '../../src/bastjanster/registry.js';
import { InProcessTransport, type Transport } from '../../src/bastjanster/transport.js';
import { ScenarioControl } from '../../src/scenario/control.js';
import { withScenarioControl } from '../../src/scenario/controlled-emulator.js';
import {
  AnswerCache,
  charsOfServiceAnswer,
  type CachedAnswer,
  type CachedServiceAnswer,
} from '../../src/ssbtek/answer-cache.js';
import { loadDialects } from '../../src/ssbtek/dialects.js';
import { KeptAnswers, MAX_KEPT_REQUEST_BYTES } from '../../src/ssbtek/kept-answers.js';
import { SsbtekPipeline } from '../../src/ssbtek/pipeline.js';
import { openSqliteEngine } from '../../src/store/engine.js';
import { testPopulation } from '../support/context.js';
import { TODAY } from '../support/fraga.js';
import type { JournalEntry } from '../../src/journal/journal.js';
import { postSoap, v10Request } from '../support/requests.js';
import { startServer, type TestServer } from '../support/server.js';

/** A pipeline over the in-process emulators where SO is slower than its deadline. */
function pipelineWithSlowSo(): {
  pipeline: SsbtekPipeline;
  cache: AnswerCache;
  serviceAnswers: AnswerCache<CachedServiceAnswer>;
  dialects: ReturnType<typeof loadDialects>;
} {
  const scenarios = new ScenarioControl({}, new Map(BASE_SERVICES.map((s) => [s.id, s])));
  const emulators = new Map(BASE_SERVICES.map((s) => [s.id, withScenarioControl(s.emulator, scenarios)]));
  const inProcess = new InProcessTransport(emulators, { population: testPopulation(), today: () => TODAY });
  const transport: Transport = {
    send: async (service, request, abort) => {
      if (service === 'SO') await new Promise((resolve) => setTimeout(resolve, 50));
      return inProcess.send(service, request, abort);
    },
  };
  const cache = new AnswerCache({ entries: 10, chars: 1_000_000 });
  // As the app: a base-service answer is kept from its native request's second offer on.
  const serviceAnswers = new AnswerCache(
    { entries: 70, chars: 1_000_000, admitOnSecondSight: true },
    charsOfServiceAnswer,
  );
  const dialects = loadDialects();
  const pipeline = new SsbtekPipeline({
    dialects,
    services: serviceMap(),
    transport,
    settings: { testmiljo: true, systemId: 'SSBTEK-EMULATOR' },
    serviceTimeoutMs: (service) => (service === 'SO' ? 10 : 5000),
    scenarios,
    today: () => TODAY,
    overallTimeoutMs: 10_000,
    validateReplies: true,
    cache: { answers: cache, serviceAnswers, today: () => TODAY, inProcess: () => true },
  });
  return { pipeline, cache, serviceAnswers, dialects };
}

const answer = (body: string): CachedAnswer => ({ body, summary: { outcome: 'ok' }, results: [] });

describe('Answer cache (unit)', () => {
  it('gives back an answer only for the same request on the same day', () => {
    const cache = new AnswerCache({ entries: 10, chars: 10_000 });
    cache.set('request-a', '2026-11-24', answer('reply-a'));
    expect(cache.get('request-a', '2026-11-24')?.body).to.equal('reply-a');
    expect(cache.get('request-a', '2026-11-25')).to.equal(undefined);
    expect(cache.get('request-b', '2026-11-24')).to.equal(undefined);
    expect({ hits: cache.hits, misses: cache.misses }).to.deep.equal({ hits: 1, misses: 2 });
  });

  it('drops the least recently used answer first, by count and by characters', () => {
    const cache = new AnswerCache({ entries: 2, chars: 100 });
    cache.set('a', 'd', answer('1'));
    cache.set('b', 'd', answer('2'));
    cache.get('a', 'd');
    cache.set('c', 'd', answer('3'));
    expect(cache.get('b', 'd'), 'b was least recently used').to.equal(undefined);
    expect(cache.get('a', 'd')?.body).to.equal('1');
    cache.set('big', 'd', answer('x'.repeat(96)));
    expect(cache.size, 'the big one pushes the others out').to.equal(1);
    cache.set('huge', 'd', answer('x'.repeat(200)));
    expect(cache.get('huge', 'd'), 'an answer over the whole bound is never kept').to.equal(undefined);
  });

  it('answers kept request bytes without parsing or validating them again', async () => {
    const { pipeline, dialects } = pipelineWithSlowSo();
    let validations = 0;
    for (const binding of new Set(dialects.values())) {
      // The request is validated by libxml2; the reply, built here, on its tree (or by libxml2 when not shown valid).
      const validate = binding.schema.validate.bind(binding.schema);
      binding.schema.validate = (...args) => (validations++, validate(...args));
      const shownValid = binding.schema.shownValid.bind(binding.schema);
      binding.schema.shownValid = (...args) => (validations++, shownValid(...args));
    }
    const request = Buffer.from(v10Request({ include: ['AF'], korrelationsid: 'CACHE-0' }));
    const first = await pipeline.handle(request);
    const afterFirst = validations;
    expect(afterFirst, 'the request and its reply').to.equal(2);
    const second = await pipeline.handle(request);
    expect(second.summary.cache).to.equal('hit');
    expect(second.body).to.equal(first.body);
    expect(validations, 'nothing validated for the kept answer').to.equal(afterFirst);
    const other = await pipeline.handle(Buffer.from(v10Request({ include: ['AF'], korrelationsid: 'CACHE-00' })));
    expect(other.summary.cache).to.equal(undefined);
    expect(validations).to.equal(afterFirst + 2);
  });

  it('keeps no answer made before the kept answers were emptied (a scenario, day or registry change)', () => {
    const answers = new AnswerCache({ entries: 10, chars: 100_000 });
    const serviceAnswers = new AnswerCache<CachedServiceAnswer>({ entries: 10, chars: 100_000 }, charsOfServiceAnswer);
    const scenarios = { quiet: true, generation: 0 };
    const kept = new KeptAnswers({ answers, serviceAnswers, today: () => TODAY, inProcess: () => true }, scenarios);
    const lookup = kept.forRequest(Buffer.from('<request/>'));
    answers.clear();
    kept.keep(lookup!, { body: '<reply/>', summary: { outcome: 'ok' }, results: [] });
    expect(answers.size).to.equal(0);
    const again = kept.forRequest(Buffer.from('<request/>'));
    kept.keep(again!, { body: '<reply/>', summary: { outcome: 'ok' }, results: [] });
    expect(answers.size).to.equal(1);
  });

  it('gives a kept answer only for exactly its request bytes and caller, whatever their digest', () => {
    const answers = new AnswerCache({ entries: 10, chars: 100_000 });
    const serviceAnswers = new AnswerCache<CachedServiceAnswer>({ entries: 10, chars: 100_000 }, charsOfServiceAnswer);
    const kept = new KeptAnswers(
      { answers, serviceAnswers, today: () => TODAY, inProcess: () => true },
      { quiet: true, generation: 0 },
    );
    const bytes = Buffer.from('<request>a</request>');
    kept.keep(kept.forRequest(bytes)!, { body: '<reply/>', summary: { outcome: 'ok' }, results: [] });
    // A view into a larger buffer with the same bytes is the same request.
    const view = Buffer.from('xx<request>a</request>yy').subarray(2, 2 + bytes.length);
    expect(kept.forRequest(view)?.hit?.body).to.equal('<reply/>');
    expect(kept.forRequest(bytes, undefined, '162120002411')?.hit, 'another caller').to.equal(undefined);
    // Two requests whose digests collided would share a key: the kept bytes are compared, so the other one misses.
    const lookup = kept.forRequest(bytes)!;
    answers.set(lookup.key, TODAY, { ...lookup.hit!, requestBytes: Buffer.from('<request>b</request>') });
    expect(kept.forRequest(bytes)?.hit, 'kept for other bytes under the same key').to.equal(undefined);
  });

  it('is told of every registry write, its own and (through the change feed) another process’s on the same file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssbtek-registry-'));
    try {
      const file = path.join(dir, 'store.db');
      const [here, there] = [openSqliteEngine(file), openSqliteEngine(file)];
      let changesHere = 0;
      let changesThere = 0;
      here.registry.onChange(() => changesHere++);
      there.registry.onChange(() => changesThere++);
      here.registry.put({ personidentitet: '201701012393', status: 'FODD', since: TODAY, details: {} });
      expect(changesHere, 'a write here').to.equal(1);
      expect(changesThere, 'not yet taken in there').to.equal(0);
      there.feed.refresh();
      expect(changesThere, 'taken in there').to.equal(1);
      expect(there.registry.get('201701012393')?.status).to.equal('FODD');
      there.feed.refresh();
      expect(changesThere, 'nothing new').to.equal(1);
      void here.close();
      void there.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps a composite answer on first sight (no admission setting)', () => {
    const cache = new AnswerCache({ entries: 10, chars: 10_000 });
    cache.set('request-a', 'd', answer('reply-a'));
    expect(cache.size).to.equal(1);
    expect(cache.get('request-a', 'd')?.body).to.equal('reply-a');
  });

  it('with admission on, keeps an answer only from its second offer on', () => {
    const cache = new AnswerCache({ entries: 10, chars: 10_000, admitOnSecondSight: true });
    expect(cache.get('request-a', 'd')).to.equal(undefined);
    cache.set('request-a', 'd', answer('reply-a'));
    expect(cache.size, 'offered once').to.equal(0);
    expect(cache.get('request-a', 'd')).to.equal(undefined);
    cache.set('request-b', 'd', answer('reply-b'));
    cache.set('request-a', 'd', answer('reply-a'));
    expect(cache.size, 'a offered twice, b once').to.equal(1);
    expect(cache.get('request-a', 'd')?.body).to.equal('reply-a');
    expect(cache.get('request-b', 'd')).to.equal(undefined);
    // A key already kept (for another day) is seen: its new answer replaces the old one at once.
    cache.set('request-a', 'e', answer('reply-a-e'));
    expect(cache.get('request-a', 'e')?.body).to.equal('reply-a-e');
    expect({ size: cache.size, hits: cache.hits, misses: cache.misses }).to.deep.equal({ size: 1, hits: 2, misses: 3 });
  });

  it('forgets the keys offered once after its window (4 × the entries) and on clear()', () => {
    const window = 4 * 2;
    const offered = (others: number): AnswerCache => {
      const cache = new AnswerCache({ entries: 2, chars: 10_000, admitOnSecondSight: true });
      cache.set('a', 'd', answer('1'));
      for (let n = 0; n < others; n++) cache.set(`other-${n}`, 'd', answer('2'));
      cache.set('a', 'd', answer('1'));
      return cache;
    };
    expect(offered(window - 1).get('a', 'd')?.body, 'still within the window').to.equal('1');
    const forgot = offered(window);
    expect(forgot.get('a', 'd'), 'the window was full: a new one began').to.equal(undefined);
    forgot.set('a', 'd', answer('1'));
    expect(forgot.get('a', 'd')?.body, 'recorded again in the new window').to.equal('1');
    const cleared = new AnswerCache({ entries: 2, chars: 10_000, admitOnSecondSight: true });
    cleared.set('a', 'd', answer('1'));
    cleared.clear();
    cleared.set('a', 'd', answer('1'));
    expect(cleared.size, 'clear() forgets the keys offered once').to.equal(0);
    cleared.set('a', 'd', answer('1'));
    expect(cleared.size).to.equal(1);
  });

  it('keeps nothing from a long run of native requests each for a new person (the varied-person load)', () => {
    const serviceAnswers = new AnswerCache<CachedServiceAnswer>(
      { entries: 7000, chars: 32_000_000, admitOnSecondSight: true },
      charsOfServiceAnswer,
    );
    const padding = '<fraga><ar>2025</ar><ar>2024</ar></fraga>'.repeat(60);
    const key = (n: number) => `SKV  /skv/fraga\n<Envelope>${padding}<pnr>${190000000000 + 7919 * n}</pnr></Envelope>`;
    const kept: CachedServiceAnswer = {
      response: { status: 200, contentType: 'text/xml', body: '<svar/>' },
      utfall: { kind: 'error', kalla: 'BT', felkod: '500', felmeddelande: [] },
    };
    // Several doorkeeper windows (4 × 7000 keys each).
    for (let n = 0; n < 100_000; n++) serviceAnswers.set(key(n), TODAY, kept);
    expect(serviceAnswers.size).to.equal(0);
    serviceAnswers.set(key(99_999), TODAY, kept);
    expect(serviceAnswers.size, 'a repeated one is kept').to.equal(1);
  });

  it('keeps nothing when switched off', () => {
    const cache = new AnswerCache({ entries: 0, chars: 100 });
    cache.set('a', 'd', answer('1'));
    expect(cache.enabled).to.equal(false);
    expect(cache.size).to.equal(0);
  });

  it("keeps each base service's answer by its native request, so later queries for the same person reuse it", async () => {
    const { pipeline, cache, serviceAnswers } = pipelineWithSlowSo();
    const services = ['AF', 'CSN', 'FK', 'SKV', 'TNS', 'MIV'] as const;
    const query = (id: string) =>
      pipeline.handle(Buffer.from(v10Request({ include: [...services], korrelationsid: id })));
    const first = await query('K-1');
    expect(serviceAnswers.size, 'each answer offered once: none kept yet').to.equal(0);
    const second = await query('K-2');
    expect(second.summary.cache, 'other bytes: the composite is made again').to.equal(undefined);
    expect(second.body.replaceAll('K-2', 'K-1')).to.equal(first.body);
    // Services whose native request carries the korrelationsid were asked a new request; the others a second time.
    const carriesId = (second.results ?? []).filter((r) => r.native?.request?.body.includes('K-2')).length;
    expect(services.length - carriesId).to.be.greaterThan(0);
    expect(serviceAnswers.hits, 'nothing kept to answer from yet').to.equal(0);
    expect(serviceAnswers.size, 'offered a second time: kept').to.equal(services.length - carriesId);
    const third = await query('K-3');
    expect(third.body.replaceAll('K-3', 'K-1')).to.equal(first.body);
    expect(serviceAnswers.hits, 'answered from memory').to.equal(services.length - carriesId);
    expect(cache.size).to.equal(3);
  });

  it('never keeps a base-service answer shaped by a scenario person', async () => {
    const { pipeline, serviceAnswers } = pipelineWithSlowSo();
    // 198112092393: CSN answers -1101 by the scenario person's own scenario (so the composite is not kept either).
    const request = Buffer.from(v10Request({ personidentitet: '198112092393', include: ['CSN', 'AF'] }));
    await pipeline.handle(request);
    await pipeline.handle(request);
    expect(serviceAnswers.size, 'both offered twice: AF kept, CSN not').to.equal(1);
  });
});

describe('Answer cache in the SSBTEK pipeline', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(() => server.close());
  beforeEach(async () => {
    await fetch(`${server.url}/__admin/scenarios`, { method: 'DELETE' });
    await fetch(`${server.url}/__admin/requests`, { method: 'DELETE' });
  });

  const post = (body: string, headers: Record<string, string> = {}) => postSoap(`${server.url}/ssbtek`, body, headers);
  const journal = async (): Promise<JournalEntry[]> =>
    ((await (await fetch(`${server.url}/__admin/requests`)).json()) as { requests: JournalEntry[] }).requests;

  it('answers identical request bytes with the identical reply, marked in the journal', async () => {
    const request = v10Request({ korrelationsid: 'CACHE-1' });
    const first = await post(request);
    const second = await post(request);
    expect(first.status).to.equal(200);
    expect(second.body).to.equal(first.body);
    const [newest, oldest] = await journal();
    expect(oldest?.answeredFromCache).to.equal(undefined);
    expect(newest?.answeredFromCache).to.equal(true);
    expect(newest?.request.body, 'the kept answer journals the request it answered').to.equal(request);
    expect(newest?.reply.body).to.equal(first.body);
    expect(newest?.services?.map((s) => s.service)).to.deep.equal(['AF', 'CSN', 'FK', 'SKV', 'SO', 'TNS', 'MIV']);
  });

  it('keeps no answer for a request past 32 KB (a padded body, not a repeated query), yet answers it', async () => {
    const query = v10Request({ korrelationsid: 'CACHE-PADDED' });
    const at = query.indexOf('<soapenv:Body');
    const padded = `${query.slice(0, at)}<!--${'x'.repeat(MAX_KEPT_REQUEST_BYTES)}-->${query.slice(at)}`;
    const first = await post(padded);
    const second = await post(padded);
    expect(first.status).to.equal(200);
    expect(second.body).to.equal(first.body);
    const [newest] = await journal();
    expect(newest?.answeredFromCache).to.equal(undefined);
  });

  it('still validates every request: other bytes are another query, a broken one a Fault', async () => {
    await post(v10Request({ korrelationsid: 'CACHE-2' }));
    const other = await post(v10Request({ korrelationsid: 'CACHE-3' }));
    expect(other.body).to.contain('CACHE-3');
    const broken = await post(v10Request({ korrelationsid: 'CACHE-2', personidentitet: '19770628239' }));
    expect(broken.status).to.equal(500);
    expect(broken.body).to.match(/felkod>1001</);
  });

  it('never uses or keeps an answer while scenario settings apply, and forgets when they change', async () => {
    const request = v10Request({ include: ['AF'], korrelationsid: 'CACHE-4' });
    const normal = await post(request);
    const put = await fetch(`${server.url}/__admin/scenarios/AF`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ error: '410' }),
    });
    expect(put.status).to.equal(200);
    const during = await post(request);
    expect(during.body).to.not.equal(normal.body);
    expect(during.body).to.match(/felkod>410</);
    await fetch(`${server.url}/__admin/scenarios/AF`, { method: 'DELETE' });
    const after = await post(request);
    expect(after.body).to.equal(normal.body);
    const entries = await journal();
    expect(entries.map((e) => e.answeredFromCache ?? false)).to.deep.equal([false, false, false]);
  });

  it('never keeps an answer shaped by the request header or by a scenario person', async () => {
    const viaHeader = v10Request({ include: ['AF'], korrelationsid: 'CACHE-5' });
    await post(viaHeader, { 'X-SSBTEK-Scenario': 'AF:error=410' });
    const plain = await post(viaHeader);
    expect(plain.body).to.not.match(/felkod>410</);
    // A scenario person whose CSN answers -1101: the emulator marks the answer, so it is computed each time.
    const csnPerson = v10Request({ personidentitet: '198112092393', include: ['CSN'], korrelationsid: 'CACHE-6' });
    await post(csnPerson);
    await post(csnPerson);
    const entries = await journal();
    expect(entries.map((e) => e.answeredFromCache ?? false)).to.deep.equal([false, false, false, false]);
  });

  it('never keeps an SSBT 2000 answer (a deadline can be the load, not the query)', async () => {
    // SO answers after 50 ms, its deadline is 10 ms: 2000 each time, and the second query is computed again.
    const { pipeline, cache } = pipelineWithSlowSo();
    const request = Buffer.from(v10Request({ include: ['SO', 'AF'], korrelationsid: 'CACHE-7' }));
    for (let n = 0; n < 2; n++) {
      const result = await pipeline.handle(request);
      expect(result.body).to.match(/felkod>2000</);
      expect(result.summary.cache).to.equal(undefined);
    }
    expect(cache.size).to.equal(0);
  });

  it('computes every query when switched off (answerCacheEntries 0)', async () => {
    const off = await startServer({ answerCacheEntries: 0 });
    try {
      const request = v10Request({ korrelationsid: 'CACHE-8' });
      await postSoap(`${off.url}/ssbtek`, request);
      await postSoap(`${off.url}/ssbtek`, request);
      const entries = ((await (await fetch(`${off.url}/__admin/requests`)).json()) as { requests: JournalEntry[] })
        .requests;
      expect(entries.map((e) => e.answeredFromCache ?? false)).to.deep.equal([false, false]);
    } finally {
      await off.close();
    }
  });
});
