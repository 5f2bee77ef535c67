import { expect } from 'chai';
import { Journal, MAX_BODY_CHARS, clip, clipBytes, type JournalEntry } from '../../src/journal/journal.js';
import { startServer, type TestServer } from '../support/server.js';
import { postSoap, v10Request } from '../support/requests.js';

function entry(n: number, overrides: Partial<JournalEntry> = {}): Omit<JournalEntry, 'id'> {
  return {
    receivedAt: new Date(2026, 10, 24, 9, 0, n).toISOString(),
    today: '2026-11-24',
    durationMs: 1,
    service: 'SSBTEK',
    method: 'POST',
    path: '/ssbtek',
    operation: 'hamtaBastjanstInformation',
    dialect: 'v10',
    korrelationsid: `K-${n}`,
    personidentitet: n % 2 ? '197706282394' : '196211262834',
    included: n % 2 ? ['AF'] : ['SKV'],
    outcome: 'ok',
    felkod: null,
    request: { headers: {}, body: '' },
    reply: { status: 200, body: '' },
    services: [],
    ...overrides,
  };
}

describe('Request journal (unit)', () => {
  it('keeps the newest `capacity` exchanges, newest first', () => {
    const journal = new Journal(true, 3);
    for (let n = 1; n <= 5; n++) journal.record(entry(n));
    expect(journal.size).to.equal(3);
    expect(journal.list().map((e) => e.korrelationsid)).to.deep.equal(['K-5', 'K-4', 'K-3']);
  });

  it('filters by korrelationsid, personidentitet, included service and outcome', () => {
    const journal = new Journal(true, 10);
    for (let n = 1; n <= 6; n++) journal.record(entry(n, n === 6 ? { outcome: 'fault', felkod: '1001' } : {}));
    expect(journal.list({ korrelationsid: 'K-2' })).to.have.length(1);
    expect(journal.list({ personidentitet: '197706282394' }).map((e) => e.korrelationsid)).to.deep.equal([
      'K-5',
      'K-3',
      'K-1',
    ]);
    expect(journal.countMatching({ service: 'AF', included: true })).to.equal(3);
    expect(journal.countMatching({ service: 'AF', included: false })).to.equal(3);
    expect(journal.list({ outcome: 'fault' }).map((e) => e.felkod)).to.deep.equal(['1001']);
  });

  it('records nothing when switched off, and resizes keeping the newest', () => {
    const journal = new Journal(false, 5);
    expect(journal.record(entry(1))).to.equal(undefined);
    journal.enabled = true;
    for (let n = 1; n <= 5; n++) journal.record(entry(n));
    journal.resize(2);
    expect(journal.list().map((e) => e.korrelationsid)).to.deep.equal(['K-5', 'K-4']);
    journal.clear();
    expect(journal.size).to.equal(0);
  });

  it('cuts very large bodies so one request cannot take the memory', () => {
    const big = 'x'.repeat(MAX_BODY_CHARS + 10);
    expect(clip(big)).to.have.length.below(MAX_BODY_CHARS + 40);
    expect(clip(big)).to.match(/10 more characters\]$/);
  });

  it('cuts a large request body from its bytes, never inside a character', () => {
    const small = Buffer.from('<a>å</a>', 'utf8');
    expect(clipBytes(small)).to.equal('<a>å</a>');
    // "å" is two bytes; placed across the cut, it is left out whole rather than cut in two.
    const bytes = Buffer.from(`${'x'.repeat(MAX_BODY_CHARS - 1)}å${'y'.repeat(9)}`, 'utf8');
    const clipped = clipBytes(bytes);
    expect(clipped).to.equal(`${'x'.repeat(MAX_BODY_CHARS - 1)}…[11 more bytes]`);
    expect(clipped).not.to.contain('\ufffd');
  });
});

describe('Request journal and admin API (HTTP)', () => {
  let server: TestServer;
  before(async () => (server = await startServer()));
  after(() => server.close());
  beforeEach(() => fetch(`${server.url}/__admin/requests`, { method: 'DELETE' }));
  const get = async (path: string) => (await fetch(`${server.url}${path}`)).json() as Promise<Record<string, unknown>>;
  const post = (path: string, body: unknown) =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('records each exchange with request, reply and each service’s native messages and timing, newest first', async () => {
    await postSoap(`${server.url}/ssbtek`, v10Request({ include: ['AF', 'TNS'], korrelationsid: 'J-1' }), {
      'X-SSBTEK-Scenario': 'AF:error=500',
    });
    await postSoap(
      `${server.url}/ssbtek`,
      v10Request({ include: ['SKV'], korrelationsid: 'J-2', personidentitet: '196211262834' }),
    );
    const { requests } = (await get('/__admin/requests')) as { requests: JournalEntry[] };
    expect(requests.map((r) => r.korrelationsid)).to.deep.equal(['J-2', 'J-1']);
    const first = requests[1]!;
    expect(first).to.include({
      operation: 'hamtaBastjanstInformation',
      dialect: 'v10',
      outcome: 'ok',
      personidentitet: '197706282394',
    });
    expect(first.included).to.deep.equal(['AF', 'TNS']);
    expect(first.request.body).to.contain('J-1');
    expect(first.request.headers['x-ssbtek-scenario']).to.equal('AF:error=500');
    expect(first.reply.status).to.equal(200);
    const af = first.services!.find((s) => s.service === 'AF')!;
    expect(af.outcome).to.equal('error:BT:500');
    expect(af.request?.body).to.contain('FragaMeddelande');
    expect(af.response?.body).to.contain('SvarMeddelande');
    expect(af.durationMs).to.be.a('number');
    expect(await get(`/__admin/requests/${first.id}`)).to.deep.equal(first as unknown as Record<string, unknown>);
  });

  it('finds by korrelationsid or personidentitet, and verifies "a query for X was sent with AF included"', async () => {
    await postSoap(`${server.url}/ssbtek`, v10Request({ include: ['AF'], korrelationsid: 'V-1' }));
    await postSoap(`${server.url}/ssbtek`, v10Request({ include: ['SKV'], korrelationsid: 'V-2' }));
    expect(((await get('/__admin/requests?korrelationsid=V-2')) as { requests: unknown[] }).requests).to.have.length(1);
    expect(
      ((await get('/__admin/requests?personidentitet=197706282394')) as { requests: unknown[] }).requests,
    ).to.have.length(2);
    const yes = await (
      await post('/__admin/requests/verify', { personidentitet: '197706282394', service: 'AF', included: true })
    ).json();
    expect(yes).to.deep.equal({ matched: 1, ok: true });
    const no = await (
      await post('/__admin/requests/verify', { personidentitet: '197706282394', service: 'MIV', count: 1 })
    ).json();
    expect(no).to.deep.equal({ matched: 0, ok: false });
  });

  it('records Faults too, and can be emptied and switched off', async () => {
    await postSoap(`${server.url}/ssbtek`, v10Request({ personidentitet: '1' }));
    const { requests } = (await get('/__admin/requests?outcome=fault')) as { requests: JournalEntry[] };
    expect(requests[0]?.felkod).to.equal('1001');
    expect((await fetch(`${server.url}/__admin/requests`, { method: 'DELETE' })).status).to.equal(204);
    const off = await fetch(`${server.url}/__admin/journal`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ enabled: false }),
    });
    expect(await off.json()).to.deep.equal({ enabled: false, capacity: 1000, size: 0 });
    await postSoap(`${server.url}/ssbtek`, v10Request({ include: ['AF'] }));
    expect(await get('/__admin/journal')).to.deep.equal({ enabled: false, capacity: 1000, size: 0 });
    await fetch(`${server.url}/__admin/journal`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: '{"enabled":true}',
    });
  });

  it('answers unknown ids, bad filters and unknown admin paths with problem documents', async () => {
    const missing = await fetch(`${server.url}/__admin/requests/nope`);
    expect(missing.status).to.equal(404);
    expect(missing.headers.get('content-type')).to.match(/problem\+json/);
    expect((await fetch(`${server.url}/__admin/requests?limit=0`)).status).to.equal(400);
    expect((await fetch(`${server.url}/__admin/requests?service=XX`)).status).to.equal(400);
    expect((await fetch(`${server.url}/__admin/nothing`)).status).to.equal(404);
  });
});

describe('Prometheus metrics', () => {
  it('counts requests by operation and outcome, base-service latencies and error codes, and validation failures', async () => {
    const server = await startServer();
    try {
      await postSoap(`${server.url}/ssbtek`, v10Request({ include: ['AF', 'TNS'] }), {
        'X-SSBTEK-Scenario': 'TNS:error=99',
      });
      await postSoap(`${server.url}/ssbtek`, v10Request({ personidentitet: '1' }));
      const response = await fetch(`${server.url}/metrics`);
      expect(response.headers.get('content-type')).to.match(/text\/plain/);
      const text = await response.text();
      expect(text).to.contain(
        'ssbtek_requests_total{operation="hamtaBastjanstInformation",dialect="v10",outcome="ok"} 1',
      );
      expect(text).to.contain(
        'ssbtek_requests_total{operation="hamtaBastjanstInformation",dialect="v10",outcome="fault:1001"} 1',
      );
      expect(text).to.contain('ssbtek_base_service_errors_total{service="TNS",kalla="BT",felkod="99"} 1');
      expect(text).to.match(/ssbtek_base_service_duration_seconds_count\{service="AF"\} 1/);
      expect(text).to.contain('ssbtek_validation_failures_total{dialect="v10"} 1');
      expect(text).to.contain('process_resident_memory_bytes');
    } finally {
      await server.close();
    }
  });
});

describe('Request journal: the text bound', () => {
  it('drops the oldest exchanges when the kept text passes its bound, whatever the entry count', () => {
    const journal = new Journal(true, 1000, 10_000);
    const big = (n: number) => entry(n, { request: { headers: {}, body: 'x'.repeat(3_000) } });
    for (let n = 1; n <= 5; n++) journal.record(big(n));
    expect(journal.size).to.equal(2);
    expect(journal.list().map((e) => e.korrelationsid)).to.deep.equal(['K-5', 'K-4']);
  });

  it('keeps one exchange larger than the bound out entirely, rather than the memory', () => {
    const journal = new Journal(true, 1000, 1_000);
    journal.record(entry(1, { reply: { status: 200, body: 'y'.repeat(5_000) } }));
    expect(journal.size).to.equal(0);
  });
});
