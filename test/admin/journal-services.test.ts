import { expect } from 'chai';
import { af } from '../../src/bastjanster/af/index.js';
import type { JournalEntry } from '../../src/journal/journal.js';
import { readJournal } from '../../src/tools/replay/recording.js';
import { CALLER_HEADERS, sampleReport } from '../rest/birthreport/support.js';
import { request as puRequest } from '../pu/soap/support/pu.js';
import { adapterContext } from '../support/context.js';
import { sampleFraga } from '../support/fraga.js';
import { postSoap, v10Request } from '../support/requests.js';
import { startServer, type TestServer } from '../support/server.js';

describe('Request journal: every endpoint’s traffic, each with its service', () => {
  let server: TestServer;
  let entries: JournalEntry[];
  const list = async (query = '') =>
    ((await (await fetch(`${server.url}/__admin/requests${query}`)).json()) as { requests: JournalEntry[] }).requests;
  const verify = async (body: unknown) =>
    (await (
      await fetch(`${server.url}/__admin/requests/verify`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    ).json()) as { matched: number; ok: boolean };

  before(async () => {
    server = await startServer();
    await postSoap(`${server.url}/ssbtek`, v10Request({ include: ['AF'], korrelationsid: 'ALL-1' }));
    const native = af.adapter.toNative(sampleFraga(), adapterContext());
    await fetch(`${server.url}${af.mountPath}${native.path}`, {
      method: 'POST',
      headers: { 'content-type': native.contentType, 'x-ssbtek-today': '2027-03-01' },
      body: native.body,
    });
    await fetch(`${server.url}/v1/birthreport`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...CALLER_HEADERS },
      body: JSON.stringify(sampleReport()),
    });
    await fetch(`${server.url}/pu/v5/GetPersonsForProfile`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml; charset=utf-8', 'x-pu-consumer': 'SE2321000016-UTOKAT' },
      body: puRequest(['198601042388'], 'P1'),
    });
    await fetch(`${server.url}/pu/admin/v1/reserve-formats`, { headers: { 'x-pu-consumer': 'SE2321000016-UTOKAT' } });
    await fetch(`${server.url}/oauth2/v1/sys/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&client_id=demo&client_secret=demo',
    });
    // The emulator's own endpoints and contract documents are not traffic.
    for (const path of ['/health', '/', '/ssbtek?wsdl', '/openapi/scb.json', '/metrics', '/__admin/scenarios'])
      await fetch(`${server.url}${path}`);
    entries = await list();
  });
  after(() => server.close());

  it('records SSBTEK, a base service’s native path, the REST adapters and Personuppgiftstjänsten, newest first', () => {
    expect(entries.map((e) => [e.service, e.method, e.path, e.reply.status])).to.deep.equal([
      ['oauth2', 'POST', '/oauth2/v1/sys/token', 200],
      ['pu-admin', 'GET', '/pu/admin/v1/reserve-formats', 200],
      ['PU', 'POST', '/pu/v5/GetPersonsForProfile', 200],
      ['birthreport', 'POST', '/v1/birthreport', 201],
      ['AF', 'POST', '/bastjanster/af/arbetssokande/ersattningsstod/v2/fraga', 200],
      ['SSBTEK', 'POST', '/ssbtek', 200],
    ]);
    for (const entry of entries) {
      expect(entry.outcome, entry.service).to.equal('ok');
      if (entry.method === 'POST') expect(entry.request.body, entry.service).to.not.equal('');
      expect(entry.reply.body, entry.service).to.not.equal('');
    }
    expect(entries.find((e) => e.service === 'SSBTEK')).to.include({ korrelationsid: 'ALL-1', dialect: 'v10' });
  });

  it('keeps each exchange’s day: the X-SSBTEK-Today a base service honoured, else the emulator’s', () => {
    expect(entries.find((e) => e.service === 'AF')?.today).to.equal('2027-03-01');
    expect(entries.find((e) => e.service === 'birthreport')?.today).to.equal('2026-11-24');
  });

  it('keeps no credentials: the token endpoint’s secret and token are masked', () => {
    const token = entries.find((e) => e.service === 'oauth2')!;
    expect(token.request.body).to.equal('grant_type=client_credentials&client_id=demo&client_secret=***');
    expect(JSON.parse(token.reply.body)).to.include({ access_token: '***' });
  });

  it('filters by service: what it answered, and for a base service also the SSBTEK exchanges that included it', async () => {
    expect((await list('?service=birthreport')).map((e) => e.service)).to.deep.equal(['birthreport']);
    expect((await list('?service=AF')).map((e) => e.service)).to.deep.equal(['AF', 'SSBTEK']);
    expect((await list('?service=SSBTEK')).map((e) => e.service)).to.deep.equal(['SSBTEK']);
    expect(await list('?service=AF&included=false')).to.deep.equal([]);
    expect((await list('?service=CSN&included=false')).map((e) => e.service)).to.deep.equal(['SSBTEK']);
    expect(await verify({ service: 'PU', count: 1 })).to.deep.equal({ matched: 1, ok: true });
    expect(await verify({ service: 'pu-admin', outcome: 'error', count: 0 })).to.deep.equal({ matched: 0, ok: true });
  });

  it('record --from-journal reads only the SSBTEK exchanges (the others are no replay cases)', async () => {
    const { exchanges } = await readJournal(`${server.url}/ssbtek`, 100, 5_000);
    expect(exchanges.map((e) => e.source)).to.have.length(1);
    expect(exchanges[0]?.source).to.match(/hamtaBastjanstInformation \(v10\), AF$/);
  });

  it('records refusals too, with outcome error (JSON) or fault (XML)', async () => {
    await fetch(`${server.url}/v1/birthreport`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...CALLER_HEADERS },
      body: '{}',
    });
    await fetch(`${server.url}/pu/v5/GetPersonsForProfile`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml; charset=utf-8' },
      body: puRequest(['198601042388'], 'P1'),
    });
    // Refused before the composite reads it (SOAP 1.2's media type): still its traffic, the Fault as sent.
    await fetch(`${server.url}/ssbtek`, {
      method: 'POST',
      headers: { 'content-type': 'application/soap+xml' },
      body: '<x/>',
    });
    const [ssbtek, pu, birth] = await list('?limit=3');
    expect([birth?.service, birth?.reply.status, birth?.outcome]).to.deep.equal(['birthreport', 400, 'error']);
    expect([pu?.service, pu?.reply.status, pu?.outcome]).to.deep.equal(['PU', 500, 'fault']);
    expect([ssbtek?.service, ssbtek?.reply.status, ssbtek?.outcome]).to.deep.equal(['SSBTEK', 415, 'fault']);
    expect(ssbtek?.reply.body).to.contain('application/soap+xml is SOAP 1.2');
  });
});
