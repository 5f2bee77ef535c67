import { expect } from 'chai';
import { CompiledSchema } from '../../src/xml/schema.js';
import { startServer, type TestServer } from '../support/server.js';
import { postSoap, v10Request, V10_NS } from '../support/requests.js';
import { at, elements, textAt, tree } from '../support/xml.js';
import { replyViolations } from '../support/validate.js';

const ORDER = ['AF', 'CSN', 'FK', 'SKV', 'SO', 'TNS', 'MIV'];

function svarsdata(body: string) {
  return at(tree(body), 'Body', 'hamtaBastjanstInformationResponse', 'svarsdata');
}

describe('SSBTEK composite answer (v10)', () => {
  let server: TestServer;
  const v10 = CompiledSchema.compile('v10', 'ssbtek/v10/sammansatt_bastjanst_v10.xsd');
  before(async () => (server = await startServer({ serviceTimeoutsMs: { SKV: 400 } })));
  after(() => server.close());
  const post = (body: string) => postSoap(`${server.url}/ssbtek`, body);

  it('answers all seven services in contract order, each with data or error, valid against the schema', async () => {
    const reply = await post(v10Request());
    expect(reply.status, reply.body).to.equal(200);
    const children = elements(svarsdata(reply.body) ?? tree('<x/>'));
    expect(children.map((c) => c.name)).to.deep.equal(ORDER);
    for (const c of children) {
      expect(c.ns).to.equal(V10_NS);
      expect(elements(c).map((e) => e.name)).to.satisfy(
        (names: string[]) => names.length === 1 && ['data', 'error'].includes(names[0]!),
      );
    }
    expect(replyViolations(reply.body, v10)).to.deep.equal([]);
  });

  it('answers only the included services, still in contract order', async () => {
    const reply = await post(v10Request({ include: ['MIV', 'AF', 'SKV'] }));
    expect(elements(svarsdata(reply.body) ?? tree('<x/>')).map((c) => c.name)).to.deep.equal(['AF', 'SKV', 'MIV']);
  });

  it('answers an empty svarsdata when no service is included', async () => {
    const reply = await post(v10Request({ include: [] }));
    expect(reply.status).to.equal(200);
    expect(elements(svarsdata(reply.body) ?? tree('<x/>'))).to.deep.equal([]);
  });

  it('echoes the query as fraga when fraganSkallInkluderasISvaret is true, and frageTidpunkt/korrelationsid always', async () => {
    const reply = await post(v10Request({ include: ['AF'], echo: true, korrelationsid: 'ECHO-1' }));
    const response = at(tree(reply.body), 'Body', 'hamtaBastjanstInformationResponse');
    expect(elements(response ?? tree('<x/>')).map((e) => e.name)).to.deep.equal([
      'fraga',
      'frageTidpunkt',
      'korrelationsid',
      'svarsdata',
    ]);
    expect(textAt(response, 'fraga', 'generellaFrageparametrar', 'personidentitet')).to.equal('197706282394');
    expect(textAt(response, 'fraga', 'specifikaFrageparametrar', 'AF')).to.equal('');
    expect(textAt(response, 'frageTidpunkt')).to.equal('2026-11-20T09:30:47.123');
    expect(textAt(response, 'korrelationsid')).to.equal('ECHO-1');
    expect(replyViolations(reply.body, v10)).to.deep.equal([]);
  });

  it('leaves out fraga, frageTidpunkt and korrelationsid when not asked for or not given', async () => {
    const reply = await post(v10Request({ include: ['AF'], korrelationsid: null, frageTidpunkt: null }));
    const response = at(tree(reply.body), 'Body', 'hamtaBastjanstInformationResponse');
    expect(elements(response ?? tree('<x/>')).map((e) => e.name)).to.deep.equal(['svarsdata']);
  });

  it("uses a service's own tidsperiod instead of the general one", async () => {
    const reply = await post(
      v10Request({
        include: ['AF'],
        specific: {
          AF: '<ssbt:tidsperiod><ssbt:fromDatum>2026-10-01</ssbt:fromDatum><ssbt:tomDatum>2026-10-31</ssbt:tomDatum></ssbt:tidsperiod>',
        },
      }),
    );
    expect(textAt(svarsdata(reply.body), 'AF', 'data', 'Fraga', 'From')).to.equal('2026-10-01');
    expect(textAt(svarsdata(reply.body), 'AF', 'data', 'Fraga', 'Tom')).to.equal('2026-10-31');
  });

  it('gives a slow service 2000 (kalla SSBT) at its own deadline without delaying or failing the others', async () => {
    const started = Date.now();
    const reply = await post(v10Request({ personidentitet: '198412042395', include: ['AF', 'SKV', 'TNS'] }));
    expect(Date.now() - started).to.be.below(3000);
    const data = svarsdata(reply.body);
    expect(textAt(data, 'SKV', 'error', 'kalla')).to.equal('SSBT');
    expect(textAt(data, 'SKV', 'error', 'felkod')).to.equal('2000');
    expect(textAt(data, 'SKV', 'error', 'felmeddelande')).to.equal(
      'Sessionstid har tagit slut. Timeout vid anrop mot Bastjänst.',
    );
    expect(at(data, 'TNS', 'data')).to.not.equal(undefined);
    expect(replyViolations(reply.body, v10)).to.deep.equal([]);
  });

  it('gives 2001 for an unreadable answer and for an HTTP 500 from a base service', async () => {
    const reply = await post(v10Request({ personidentitet: '198305032396', include: ['AF', 'MIV', 'TNS'] }));
    const data = svarsdata(reply.body);
    for (const id of ['AF', 'MIV']) {
      expect(textAt(data, id, 'error', 'kalla')).to.equal('SSBT');
      expect(textAt(data, id, 'error', 'felkod')).to.equal('2001');
      expect(textAt(data, id, 'error', 'felmeddelande')).to.equal(
        'Tekniskt fel vid anrop mot, eller svar från, Bastjänst',
      );
    }
    expect(at(data, 'TNS', 'data')).to.not.equal(undefined);
  });

  it('gives 2001 for a truncated answer', async () => {
    const reply = await post(v10Request({ personidentitet: '198506152399', include: ['AF'] }));
    expect(textAt(svarsdata(reply.body), 'AF', 'error', 'felkod')).to.equal('2001');
  });

  it('keeps parallel answers apart: 40 concurrent queries for different persons', async () => {
    const persons = ['197706282394', '196211262834', '196302273351', '198112182384', '199001012385'];
    const replies = await Promise.all(
      Array.from({ length: 40 }, (_, i) => {
        const person = persons[i % persons.length]!;
        return post(
          v10Request({ personidentitet: person, korrelationsid: `K-${i}`, include: ['AF', 'TNS', 'MIV'] }),
        ).then((r) => ({ i, person, r }));
      }),
    );
    for (const { i, person, r } of replies) {
      expect(r.status).to.equal(200);
      const response = at(tree(r.body), 'Body', 'hamtaBastjanstInformationResponse');
      expect(textAt(response, 'korrelationsid')).to.equal(`K-${i}`);
      const af = at(response, 'svarsdata', 'AF', 'data', 'Fraga', 'IdentitetsbeteckningFysiskPerson');
      if (af) expect(textAt(af)).to.equal(person);
    }
  });
});

describe('SSBTEK overall deadline → Fault 1000', () => {
  let server: TestServer;
  before(async () => (server = await startServer({ overallTimeoutMs: 300 })));
  after(() => server.close());

  it('answers Fault 1000 when the whole request outlives the overall deadline', async () => {
    const reply = await postSoap(
      `${server.url}/ssbtek`,
      v10Request({ personidentitet: '198412042395', include: ['SKV'] }),
    );
    expect(reply.status).to.equal(500);
    const detail = at(tree(reply.body), 'Body', 'Fault', 'detail', 'hamtaBastjanstInformationFault');
    expect(textAt(detail, 'felkod')).to.equal('1000');
    expect(textAt(detail, 'felmeddelande')).to.equal('Förfrågan tog för lång tid. Timeout har uppstått.');
    expect(textAt(tree(reply.body), 'Body', 'Fault', 'faultcode')).to.equal('soapenv:Server');
  });
});

describe('SSBTEK: a query a base service cannot be asked', () => {
  let server: TestServer;
  before(async () => (server = await startServer()));
  after(() => server.close());

  it('answers 2001 for FK with a second felmeddelande saying why (unimplemented LEFI version)', async () => {
    const body = v10Request({ include: ['FK', 'TNS'] }).replace(
      '<ssbt:version>v9</ssbt:version>',
      '<ssbt:version>v7</ssbt:version>',
    );
    const reply = await postSoap(`${server.url}/ssbtek`, body);
    const fk = at(tree(reply.body), 'Body', 'hamtaBastjanstInformationResponse', 'svarsdata', 'FK', 'error');
    expect(textAt(fk, 'kalla')).to.equal('SSBT');
    expect(textAt(fk, 'felkod')).to.equal('2001');
    const lines = elements(fk ?? tree('<x/>')).filter((e) => e.name === 'felmeddelande');
    expect(lines).to.have.length(2);
    expect(textAt(lines[1])).to.match(/v7/);
    expect(at(tree(reply.body), 'Body', 'hamtaBastjanstInformationResponse', 'svarsdata', 'TNS', 'data')).to.not.equal(
      undefined,
    );
  });
});
