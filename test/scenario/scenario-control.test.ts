import { expect } from 'chai';
import { startServer, type TestServer } from '../support/server.js';
import { postSoap, v10Request } from '../support/requests.js';
import { at, textAt, tree } from '../support/xml.js';

const ERROR = (body: string, id: string) =>
  at(tree(body), 'Body', 'hamtaBastjanstInformationResponse', 'svarsdata', id, 'error');

describe('Scenario control end to end: header, admin API, config file', () => {
  let server: TestServer;
  before(async () => (server = await startServer()));
  after(() => server.close());
  afterEach(() => fetch(`${server.url}/__admin/scenarios`, { method: 'DELETE' }));
  const post = (body: string, headers?: Record<string, string>) => postSoap(`${server.url}/ssbtek`, body, headers);

  it('per request: "AF answers 500 UPPGIFTSAKNAS, CSN times out"', async () => {
    const started = Date.now();
    const reply = await post(v10Request({ include: ['AF', 'CSN', 'TNS'] }), {
      'X-SSBTEK-Scenario': 'AF:error=500; CSN:error=timeout,timeoutMs=300',
    });
    expect(Date.now() - started).to.be.below(3000);
    expect(textAt(ERROR(reply.body, 'AF'), 'kalla')).to.equal('BT');
    expect(textAt(ERROR(reply.body, 'AF'), 'felkod')).to.equal('500');
    expect(textAt(ERROR(reply.body, 'AF'), 'felmeddelande')).to.equal(
      'Det finns inga uppgifter om den efterfrågade personen hos Arbetsförmedlingen.',
    );
    expect(textAt(ERROR(reply.body, 'CSN'), 'kalla')).to.equal('SSBT');
    expect(textAt(ERROR(reply.body, 'CSN'), 'felkod')).to.equal('2000');
    expect(at(tree(reply.body), 'Body', 'hamtaBastjanstInformationResponse', 'svarsdata', 'TNS', 'data')).to.not.equal(
      undefined,
    );
  });

  it('a latency past the service deadline gives 2000, without special cases', async () => {
    const reply = await post(v10Request({ include: ['MIV'] }), {
      'X-SSBTEK-Scenario': 'MIV:latency=fixed(2000),timeoutMs=200',
    });
    expect(textAt(ERROR(reply.body, 'MIV'), 'felkod')).to.equal('2000');
  });

  it('renders each forced code in the service’s native form and maps it back', async () => {
    const cases: [string, string][] = [
      ['CSN', '-1102'],
      ['FK', '1002'],
      ['SKV', '9071004'],
      ['SO', '201'],
      ['TNS', '99'],
      ['MIV', '500-104'],
    ];
    const header = cases.map(([id, code]) => `${id}:error=${code}`).join(';');
    const reply = await post(v10Request(), { 'X-SSBTEK-Scenario': header });
    for (const [id, code] of cases) {
      expect(textAt(ERROR(reply.body, id), 'kalla'), id).to.equal('BT');
      expect(textAt(ERROR(reply.body, id), 'felkod'), id).to.equal(code);
    }
  });

  it('transport failures by header: garbage, half, http-500 → 2001', async () => {
    const reply = await post(v10Request({ include: ['AF', 'SKV', 'SO'] }), {
      'X-SSBTEK-Scenario': 'AF:error=garbage;SKV:error=half;SO:error=http-500',
    });
    for (const id of ['AF', 'SKV', 'SO']) expect(textAt(ERROR(reply.body, id), 'felkod'), id).to.equal('2001');
  });

  it('refuses a malformed header with a SOAP Fault naming the problem, running nothing', async () => {
    const reply = await post(v10Request(), { 'X-SSBTEK-Scenario': 'AF:error=123456' });
    expect(reply.status).to.equal(500);
    expect(textAt(tree(reply.body), 'Body', 'Fault', 'faultstring')).to.match(
      /AF: error "123456" is not one of AF's answers/,
    );
  });

  it('at run time through the admin API, until reset', async () => {
    const put = await fetch(`${server.url}/__admin/scenarios/af`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ error: '410' }),
    });
    expect(put.status).to.equal(200);
    expect(await (await fetch(`${server.url}/__admin/scenarios`)).json()).to.deep.equal({ AF: { error: '410' } });
    const during = await post(v10Request({ include: ['AF'] }));
    expect(textAt(ERROR(during.body, 'AF'), 'felkod')).to.equal('410');
    expect((await fetch(`${server.url}/__admin/scenarios/AF`, { method: 'DELETE' })).status).to.equal(204);
    const after = await post(v10Request({ include: ['AF'] }));
    expect(ERROR(after.body, 'AF')).to.equal(undefined);
  });

  it('answers bad admin input with a problem document', async () => {
    const bad = await fetch(`${server.url}/__admin/scenarios/AF`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ latency: { type: 'fast' } }),
    });
    expect(bad.status).to.equal(400);
    expect(bad.headers.get('content-type')).to.match(/application\/problem\+json/);
    expect(((await bad.json()) as { detail: string }).detail).to.match(/latency.type/);
    const unknown = await fetch(`${server.url}/__admin/scenarios/XYZ`, { method: 'PUT', body: '{}' });
    expect(unknown.status).to.equal(404);
    const notJson = await fetch(`${server.url}/__admin/scenarios/AF`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: '{',
    });
    expect(notJson.status).to.equal(400);
  });

  it('an error rate fails some calls and not others', async () => {
    const header = { 'X-SSBTEK-Scenario': 'TNS:errorRate=0.5' };
    const replies = await Promise.all(Array.from({ length: 40 }, () => post(v10Request({ include: ['TNS'] }), header)));
    const failed = replies.filter((r) => textAt(ERROR(r.body, 'TNS'), 'felkod') === '99').length;
    expect(failed).to.be.above(0);
    expect(failed).to.be.below(40);
  });

  it('also applies on a base service’s own path', async () => {
    const response = await fetch(`${server.url}/bastjanster/tns/__test`, {
      method: 'POST',
      headers: { 'X-SSBTEK-Scenario': 'TNS:' },
    });
    expect(response.status).to.equal(400);
    expect(response.headers.get('content-type')).to.match(/problem\+json/);
  });
});

describe('Scenario control from the config file, and the overall deadline', () => {
  it('config-file scenarios apply from the start', async () => {
    const server = await startServer({ scenarios: { TNS: { error: '99' } } });
    try {
      const reply = await postSoap(`${server.url}/ssbtek`, v10Request({ include: ['TNS'] }));
      expect(textAt(ERROR(reply.body, 'TNS'), 'felkod')).to.equal('99');
    } finally {
      await server.close();
    }
  });

  it('a service that never answers, with a long service deadline, runs into the overall deadline: Fault 1000', async () => {
    const server = await startServer({ overallTimeoutMs: 300, scenarios: { SO: { error: 'timeout' } } });
    try {
      const reply = await postSoap(`${server.url}/ssbtek`, v10Request({ include: ['SO'] }));
      expect(reply.status).to.equal(500);
      expect(textAt(tree(reply.body), 'Body', 'Fault', 'detail', 'hamtaBastjanstInformationFault', 'felkod')).to.equal(
        '1000',
      );
    } finally {
      await server.close();
    }
  });
});
