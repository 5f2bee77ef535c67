import { expect } from 'chai';
import { SERVICE_IDS, type ServiceId } from '../../../src/ssbtek/model.js';
import { postSoap, v10Request, type V10Options } from '../../support/requests.js';
import { startServer, type TestServer } from '../../support/server.js';
import { textAt, tree } from '../../support/xml.js';
import { docsRows, docsServiceColumns, iipHeader, outcomes } from './support.js';

/** 198601042388 has data in all seven services (fixtures/population/scenario-persons/general.json). */
const ALLA_SJU = '198601042388';
const SUNDSVALL = '2120002411';
const KOMMUN_B = '2120001355';
const KUNDEN = '8020069582';
const OMBUDET = '5565866992';
const OBEHORIG = '5599000030';

interface Setup {
  caller?: string;
  query: V10Options;
  headers?: Record<string, string>;
}

const viaOmbud: V10Options = {
  soapHeader: iipHeader(KUNDEN),
  ingivare: `16${KUNDEN}`,
  personuppgiftsbitraden: [`16${OMBUDET}`],
  aktorsid: '802-01',
};

/** How each row of the per-service table in docs/ssbtek.md ("Who may ask") is brought about, over plain HTTP. */
const ROWS: Record<string, Setup> = {
  B1: { query: {} },
  B2: { caller: SUNDSVALL, query: { aktorsid: '026-51' } },
  B3: { caller: OMBUDET, query: viaOmbud },
  B4: { caller: OMBUDET, query: { soapHeader: iipHeader(SUNDSVALL), aktorsid: '026-51' } },
  B5: { caller: OBEHORIG, query: {} },
  B6: { caller: OBEHORIG, query: { ingivare: `16${OBEHORIG}` } },
  B7: { caller: KOMMUN_B, query: { ingivare: `16${KOMMUN_B}`, aktorsid: '213-55' } },
  B8: { caller: SUNDSVALL, query: { aktorsid: '802-01' } },
  B9: { caller: OMBUDET, query: { ...viaOmbud, personuppgiftsbitraden: [] } },
  B10: { caller: SUNDSVALL, query: { aktorsid: '026-51', personuppgiftsbitraden: [`16${OMBUDET}`] } },
  B11: {
    caller: KOMMUN_B,
    query: {
      ingivare: `16${KOMMUN_B}`,
      aktorsid: '213-55',
      personuppgiftsbitraden: [`16${SUNDSVALL}`],
      include: SERVICE_IDS.filter((id) => id !== 'SKV'),
    },
  },
  B12: { caller: OBEHORIG, query: { ingivare: `16${OBEHORIG}`, personidentitet: '198701052394' } },
  B13: {
    caller: OBEHORIG,
    query: { ingivare: `16${OBEHORIG}` },
    headers: { 'X-SSBTEK-Scenario': 'AF:error=402' },
  },
};

async function ask(server: TestServer, setup: Setup): Promise<{ status: number; body: string }> {
  const personidentitet = setup.query.personidentitet ?? ALLA_SJU;
  return postSoap(`${server.url}/ssbtek`, v10Request({ personidentitet, ...setup.query }), {
    ...(setup.caller && { 'X-SSBTEK-Client-OrgNr': setup.caller }),
    ...setup.headers,
  });
}

describe('Who may ask SSBTEK: every row of the per-service table in docs/ssbtek.md, over plain HTTP', () => {
  let server: TestServer;
  before(async () => (server = await startServer()));
  after(() => server.close());

  const rows = docsRows('B');

  it('lists the services in contract order, and every row has a setup here (and every setup a row)', () => {
    expect(docsServiceColumns()).to.deep.equal([...SERVICE_IDS]);
    expect(rows.map((r) => r.id)).to.deep.equal(Object.keys(ROWS));
  });

  for (const row of rows) {
    it(`${row.id}: ${row.cells[0]}`, async () => {
      const setup = ROWS[row.id];
      if (!setup) throw new Error(`no setup for ${row.id}`);
      const reply = await ask(server, setup);
      expect(reply.status, reply.body).to.equal(200);
      const expected = Object.fromEntries(SERVICE_IDS.map((id, i) => [id, row.cells[i + 1]]));
      expect(outcomes(reply.body)).to.deep.equal(expected);
    });
  }

  it('a refused AF still answers in its own form: ATKOMSTNEKAD with its text, translated as a BT error', async () => {
    const reply = await ask(server, ROWS.B6 as Setup);
    const af = tree(reply.body);
    expect(textAt(af, 'Body', 'hamtaBastjanstInformationResponse', 'svarsdata', 'AF', 'error', 'kalla')).to.equal('BT');
    expect(reply.body).to.contain('Frågan innehåller ett icke godkänt organisationsnummer för ingivaren');
    expect(reply.body).to.contain('Behörighet saknas för att använda informationstjänsten');
  });

  it('without a caller, SKV keeps its stand-in: an ingivare with a wrong check digit gets 9071006', async () => {
    const reply = await ask(server, { query: { ingivare: '162120002412', include: ['SKV'] } });
    expect(outcomes(reply.body).SKV).to.equal('9071006');
  });

  it('an iip header naming the caller itself is no ombud call: answered as the caller asking directly', async () => {
    const reply = await ask(server, {
      caller: SUNDSVALL,
      query: { aktorsid: '026-51', soapHeader: iipHeader(SUNDSVALL) },
    });
    expect(Object.values(outcomes(reply.body))).to.deep.equal(Array(7).fill('data'));
  });

  it('the header takes the forms of an organisationsnummer: 16-prefixed and with a hyphen', async () => {
    for (const caller of [`16${SUNDSVALL}`, '212000-2411']) {
      const reply = await ask(server, { caller, query: { aktorsid: '026-51', include: ['AF', 'SKV'] } });
      expect(outcomes(reply.body), caller).to.include({ AF: 'data', SKV: 'data' });
    }
  });
});

describe('Who may ask SSBTEK: the whole request (A rows) over plain HTTP', () => {
  let permissive: TestServer;
  let strict: TestServer;
  before(async () => {
    permissive = await startServer();
    strict = await startServer({ callerMode: 'strict' });
  });
  after(async () => {
    await permissive.close();
    await strict.close();
  });

  const row = (id: string): string =>
    docsRows('A')
      .find((r) => r.id === id)
      ?.cells.join(' | ') ?? '';
  const faultstring = (body: string): string | undefined => textAt(tree(body), 'Body', 'Fault', 'faultstring');

  it(`A1 strict, nobody named: ${row('A1')}`, async () => {
    expect(row('A1')).to.contain('HTTP 403');
    const reply = await postSoap(`${strict.url}/ssbtek`, v10Request({}));
    expect(reply.status).to.equal(403);
    expect(textAt(tree(reply.body), 'Body', 'Fault', 'faultcode')).to.equal('soapenv:Client');
    expect(faultstring(reply.body)).to.match(/No caller identity.*X-SSBTEK-Client-OrgNr.*strict/);
  });

  it('A1 strict still answers a named caller, and a testaBastjanstInformation only from one', async () => {
    const named = await postSoap(`${strict.url}/ssbtek`, v10Request({ aktorsid: '026-51', include: ['AF'] }), {
      'X-SSBTEK-Client-OrgNr': SUNDSVALL,
    });
    expect(outcomes(named.body).AF).to.equal('data');
    const testa =
      '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>' +
      '<t:testaBastjanstInformation xmlns:t="http://schema.forsakringskassan.se/integration/ssbt/10"/></soapenv:Body></soapenv:Envelope>';
    expect((await postSoap(`${strict.url}/ssbtek`, testa)).status).to.equal(403);
    expect((await postSoap(`${strict.url}/ssbtek`, testa, { 'X-SSBTEK-Client-OrgNr': OBEHORIG })).status).to.equal(200);
  });

  it(`A5 a stand-in header that is no organisationsnummer: ${row('A5')}`, async () => {
    expect(row('A5')).to.contain('HTTP 403');
    for (const server of [permissive, strict]) {
      for (const value of ['5565866996', '16556586996', 'EDB']) {
        const reply = await postSoap(`${server.url}/ssbtek`, v10Request({}), { 'X-SSBTEK-Client-OrgNr': value });
        expect(reply.status, value).to.equal(403);
        expect(faultstring(reply.body), value).to.contain(
          `X-SSBTEK-Client-OrgNr "${value}" is not an organisationsnummer`,
        );
      }
    }
  });

  it(`A6 an iip header SSBTEK cannot read: ${row('A6')}`, async () => {
    expect(row('A6')).to.contain('Fault 1001');
    const broken = {
      'an address with a wrong check digit': iipHeader('5565866996'),
      'no From': '<iip:iipax xmlns:iip="http://www.idainfront.se/ns/iip/1.0"/>',
      'two From': `<iip:iipax xmlns:iip="http://www.idainfront.se/ns/iip/1.0">${'<iip:From><iip:Address>8020069582</iip:Address></iip:From>'.repeat(2)}</iip:iipax>`,
      'two iipax': iipHeader(KUNDEN) + iipHeader(KUNDEN),
    };
    for (const [what, soapHeader] of Object.entries(broken)) {
      // Whoever asks, named or not: the header itself is unreadable.
      for (const caller of [undefined, OMBUDET]) {
        const reply = await postSoap(`${permissive.url}/ssbtek`, v10Request({ ...viaOmbud, soapHeader }), {
          ...(caller && { 'X-SSBTEK-Client-OrgNr': caller }),
        });
        expect(reply.status, what).to.equal(500);
        const fault = tree(reply.body);
        expect(textAt(fault, 'Body', 'Fault', 'detail', 'hamtaBastjanstInformationFault', 'felkod'), what).to.equal(
          '1001',
        );
        expect(reply.body, what).to.match(/Rad \d+: \/Envelope\/Header\/iipax/);
      }
    }
  });
});

/** The per-service map the docs table shows, as the base services declare it (each plugin's accessCodes). */
describe('Who may ask SSBTEK: each base service declares the codes of the table', () => {
  it('B4–B6 (about the asker) have a code in every service; FK alone checks the aktör, AF alone the biträde', async () => {
    const { BASE_SERVICES } = await import('../../../src/bastjanster/registry.js');
    const byId = new Map(BASE_SERVICES.map((s) => [s.id, s.accessCodes]));
    const b = Object.fromEntries(docsRows('B').map((r) => [r.id, r.cells.slice(1)]));
    SERVICE_IDS.forEach((id: ServiceId, i) => {
      const codes = byId.get(id);
      expect(codes?.['not-customers-ombud'], id).to.equal(b.B4?.[i]);
      expect(codes?.['ingivare-not-caller'], id).to.equal(b.B5?.[i]);
      expect(codes?.['no-agreement'], id).to.equal(b.B6?.[i]);
      expect(codes?.['aktor-not-callers'] !== undefined, id).to.equal(id === 'FK');
      expect(codes?.['ombud-not-named'] !== undefined, id).to.equal(id === 'AF');
    });
  });
});
