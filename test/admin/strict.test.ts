import { expect } from 'chai';
import { BASE_SERVICES } from '../../src/bastjanster/registry.js';
import { REST_SERVICES } from '../../src/rest/registry.js';
import { postSoap, v10Request } from '../support/requests.js';
import { startServer, type TestServer } from '../support/server.js';

interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors: { parameter?: string; pointer?: string; detail: string; allowed?: string[] }[];
}

const JOURNAL_SERVICES = ['SSBTEK', ...BASE_SERVICES.map((s) => s.id), 'PU', ...REST_SERVICES.map((s) => s.id)];
const VERIFY_MEMBERS = [
  'korrelationsid',
  'personidentitet',
  'service',
  'included',
  'outcome',
  'from',
  'to',
  'count',
  'atLeast',
];

describe('Admin API: strict, and enforced by its own OpenAPI document', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
    await postSoap(`${server.url}/ssbtek`, v10Request({ include: ['AF'], personidentitet: '197706282394' }));
  });
  after(() => server.close());

  const send = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      ...(body !== undefined && { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    return { status: response.status, type: response.headers.get('content-type') ?? '', body: await response.json() };
  };
  const refused = async (method: string, path: string, body?: unknown): Promise<Problem> => {
    const answer = await send(method, path, body);
    expect(answer.status, `${method} ${path} ${JSON.stringify(body)}`).to.equal(400);
    expect(answer.type).to.match(/^application\/problem\+json/);
    return answer.body as Problem;
  };

  it('refuses a verification with a misspelled key instead of passing it, listing the keys there are', async () => {
    const problem = await refused('POST', '/__admin/requests/verify', { personnummer: '197706282394', service: 'AF' });
    expect(problem).to.include({ type: 'about:blank', title: 'Invalid verification', status: 400 });
    expect(problem.errors).to.deep.equal([
      { pointer: '/personnummer', detail: '"personnummer" is not a known member', allowed: VERIFY_MEMBERS },
    ]);
    expect(problem.detail).to.contain('personnummer').and.contain('personidentitet');
    // The right key still answers.
    const right = await send('POST', '/__admin/requests/verify', { personidentitet: '197706282394', service: 'AF' });
    expect(right.body).to.deep.equal({ matched: 1, ok: true });
  });

  it('refuses an unknown filter of GET /__admin/requests, listing the filters there are', async () => {
    const problem = await refused('GET', '/__admin/requests?personnummer=197706282394');
    expect(problem.title).to.equal('Invalid filter');
    expect(problem.errors[0]).to.deep.include({ parameter: 'personnummer' });
    expect(problem.errors[0]?.allowed).to.deep.equal([
      'korrelationsid',
      'personidentitet',
      'service',
      'included',
      'outcome',
      'from',
      'to',
      'limit',
      'view',
    ]);
  });

  it('refuses values outside their lists, naming the list: services, outcomes', async () => {
    for (const path of ['/__admin/requests?service=XX', '/__admin/requests?service=af']) {
      const problem = await refused('GET', path);
      expect(problem.errors[0]).to.deep.include({ parameter: 'service', allowed: JOURNAL_SERVICES });
    }
    const outcome = await refused('POST', '/__admin/requests/verify', { outcome: 'failed' });
    expect(outcome.errors[0]).to.deep.include({ pointer: '/outcome', allowed: ['ok', 'fault', 'error'] });
  });

  it('refuses values of the wrong type or range, and combinations that mean nothing', async () => {
    for (const body of [
      { personidentitet: 197706282394 },
      { included: 'yes', service: 'AF' },
      { count: -1 },
      { count: 1.5 },
      { atLeast: '1' },
      { count: 1, atLeast: 1 },
      { included: true },
      { included: true, service: 'birthreport' },
    ])
      await refused('POST', '/__admin/requests/verify', body);
    for (const query of ['limit=0', 'limit=ten', 'included=maybe&service=AF', 'included=true'])
      await refused('GET', `/__admin/requests?${query}`);
  });

  it('refuses unknown or bad settings for the journal and the scenarios, naming what is allowed', async () => {
    const journal = await refused('PUT', '/__admin/journal', { enable: false });
    expect(journal.errors.find((e) => e.allowed)?.allowed).to.deep.equal(['enabled', 'capacity']);
    await refused('PUT', '/__admin/journal', {});
    await refused('PUT', '/__admin/journal', { capacity: 100_001 });
    const nested = await refused('PUT', '/__admin/scenarios/AF', { latency: { type: 'fixed', ms: 5, extra: 1 } });
    expect(nested.errors[0]).to.deep.include({ pointer: '/latency/extra' });
    const rate = await refused('PUT', '/__admin/scenarios/AF', { errorRate: 2 });
    expect(rate.title).to.equal('Invalid scenario settings');
    expect((await send('GET', '/__admin/journal')).body).to.deep.include({ enabled: true, capacity: 1000 });
  });

  it('serves its OpenAPI 3.1 document; every operation in it is served, nothing else under /__admin', async () => {
    const document = (await send('GET', '/openapi/admin.json')).body as {
      openapi: string;
      servers: { url: string }[];
      paths: Record<string, Record<string, unknown>>;
    };
    expect(document.openapi).to.equal('3.1.0');
    expect(document.servers).to.deep.equal([{ url: '/__admin' }]);
    for (const [path, item] of Object.entries(document.paths)) {
      for (const method of Object.keys(item).filter((k) => k !== 'parameters')) {
        const concrete = path
          .replace('{service}', 'AF')
          .replace('{id}', 'no-such-id')
          .replace('{number}', '198601042388');
        const response = await fetch(`${server.url}/__admin${concrete}`, { method: method.toUpperCase() });
        await response.body?.cancel();
        expect(response.status, `${method} ${path}`).to.not.be.oneOf([405, 501]);
        if (!path.includes('{id}')) expect(response.status, `${method} ${path}`).to.not.equal(404);
      }
    }
    const undocumented = await fetch(`${server.url}/__admin/mappings`);
    expect(undocumented.status).to.equal(404);
    const wrongMethod = await fetch(`${server.url}/__admin/today`, { method: 'POST' });
    expect(wrongMethod.status).to.equal(405);
    expect(wrongMethod.headers.get('allow')).to.equal('GET, PUT, DELETE');
  });
});
