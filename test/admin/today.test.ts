import { expect } from 'chai';
import type { JournalEntry } from '../../src/journal/journal.js';
import { Today } from '../../src/scenario/today.js';
import { postSoap, v10Request } from '../support/requests.js';
import { at, elements, textAt, tree } from '../support/xml.js';
import { accessToken, anmal, errorsOf, NUMMER, startSkv, type SkvServer } from '../rest/samordningsnummer/support.js';

/** The scenario person with data from every service on any day (fixtures/population/scenario-persons). */
const DATA_RICH = '198601042388';

/** CSN's part of a v10 answer: "data", or "kalla felkod". */
function csnPart(body: string): string {
  const csn = at(tree(body), 'Body', 'hamtaBastjanstInformationResponse', 'svarsdata', 'CSN');
  const [part] = elements(csn!);
  return part?.name === 'data' ? 'data' : `${textAt(part, 'kalla')} ${textAt(part, 'felkod')}`;
}

describe('"today" at run time (PUT/GET/DELETE /__admin/today)', () => {
  let server: SkvServer;
  // The tests' configured day is 2026-11-24 (support.ts).
  before(async () => (server = await startSkv()));
  after(() => server.close());
  afterEach(() => fetch(`${server.url}/__admin/today`, { method: 'DELETE' }));

  const putToday = (body: unknown) =>
    fetch(`${server.url}/__admin/today`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const health = async () => (await (await fetch(`${server.url}/health`)).json()) as Record<string, unknown>;
  // CSN refuses a period starting more than two months before its today (−1006): 2026-10-01 is fine on
  // 2026-11-24 and too old on 2027-01-31.
  const askCsn = () =>
    postSoap(
      `${server.url}/ssbtek`,
      v10Request({ include: ['CSN'], personidentitet: DATA_RICH, from: '2026-10-01', tom: '2026-11-20' }),
    );

  it('reads, sets and resets the day every service lives on, saying where it comes from (also in /health)', async () => {
    const configured = { today: '2026-11-24', source: 'config', configured: '2026-11-24' };
    expect(await (await fetch(`${server.url}/__admin/today`)).json()).to.deep.equal(configured);
    const set = await putToday({ today: '2027-01-31' });
    expect(set.status).to.equal(200);
    expect(await set.json()).to.deep.equal({ today: '2027-01-31', source: 'admin', configured: '2026-11-24' });
    expect(await health()).to.include({ today: '2027-01-31', todaySource: 'admin' });
    const reset = await fetch(`${server.url}/__admin/today`, { method: 'DELETE' });
    expect(await reset.json()).to.deep.equal(configured);
    expect(await health()).to.include({ today: '2026-11-24', todaySource: 'config' });
  });

  it('refuses a day that is not one, or another member, with a problem document; the day stays', async () => {
    for (const body of [{ today: '2027-02-30' }, { today: '3000-01-01' }, { day: '2027-01-31' }, {}]) {
      const response = await putToday(body);
      expect(response.status, JSON.stringify(body)).to.equal(400);
      expect(response.headers.get('content-type')).to.match(/application\/problem\+json/);
    }
    const unknown = (await (await putToday({ day: '2027-01-31' })).json()) as { errors: { allowed?: string[] }[] };
    expect(unknown.errors.find((e) => e.allowed)?.allowed).to.deep.equal(['today']);
    expect(((await health()) as { today: string }).today).to.equal('2026-11-24');
  });

  it('moves CSN’s period rule with it, and back on reset', async () => {
    expect(csnPart((await askCsn()).body)).to.equal('data');
    await putToday({ today: '2027-01-31' });
    expect(csnPart((await askCsn()).body)).to.equal('BT -1006');
    await fetch(`${server.url}/__admin/today`, { method: 'DELETE' });
    expect(csnPart((await askCsn()).body)).to.equal('data');
  });

  it('moves samordningsnummer renewal due dates with it, and back on reset', async () => {
    const token = await accessToken(server.url);
    const [due2027, due2028] = NUMMER.ejAktuella;
    // On 2026-11-24 the number assigned in 2022 cannot be renewed before 2027-01-01.
    const before = await anmal(server.url, token, due2027!.nummer);
    expect(before.status).to.equal(400);
    expect(errorsOf(before)[0]?.type).to.equal('FORNYELSE_EJ_AKTUELL');
    expect(errorsOf(before)[0]?.description).to.contain('tidigast 2027-01-01');
    await putToday({ today: '2027-01-31' });
    const renewed = await anmal(server.url, token, due2027!.nummer);
    expect(renewed.status).to.equal(200);
    expect(renewed.body).to.include({ status: 'MOTTAGEN', aktivTom: '2032-12-31' });
    await fetch(`${server.url}/__admin/today`, { method: 'DELETE' });
    const after = await anmal(server.url, token, due2028!.nummer);
    expect(after.status).to.equal(400);
    expect(errorsOf(after)[0]?.description).to.contain('tidigast 2028-01-01');
  });

  it('empties the kept answers: a query answered before a change is made again after it', async () => {
    const journal = async () =>
      (
        (await (await fetch(`${server.url}/__admin/requests?service=SSBTEK&limit=1`)).json()) as {
          requests: JournalEntry[];
        }
      ).requests[0];
    await askCsn();
    await askCsn();
    expect((await journal())?.answeredFromCache, 'kept on the same day').to.equal(true);
    // Away and back to the same day: an answer kept for it before would be valid, but the change empties them.
    await putToday({ today: '2027-01-31' });
    await fetch(`${server.url}/__admin/today`, { method: 'DELETE' });
    await askCsn();
    expect((await journal())?.answeredFromCache).to.equal(undefined);
  });
});

describe('Today (unit): state and change listeners', () => {
  it('names the source and the configured day, and tells listeners of every change', () => {
    let changes = 0;
    const today = new Today(undefined, () => '2030-05-05');
    today.onChange(() => changes++);
    expect(today.state()).to.deep.equal({ today: '2030-05-05', source: 'real', configured: null });
    today.set('2027-01-31');
    expect(today.state()).to.deep.equal({ today: '2027-01-31', source: 'admin', configured: null });
    today.set(undefined);
    expect(changes).to.equal(2);
    expect(new Today('2026-11-24').state().source).to.equal('config');
  });
});
