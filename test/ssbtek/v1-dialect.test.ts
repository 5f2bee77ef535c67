import { expect } from 'chai';
import { CompiledSchema } from '../../src/xml/schema.js';
import { NS } from '../../src/xml/namespaces.js';
import { startServer, type TestServer } from '../support/server.js';
import { example, postSoap, testaRequest } from '../support/requests.js';
import { at, elements, text, textAt, tree } from '../support/xml.js';
import { replyViolations } from '../support/validate.js';

describe('SSBTEK v1 dialect (the seed)', () => {
  let server: TestServer;
  const v1 = CompiledSchema.compile('v1', 'ssbtek/v1/sammansatt_bastjanst_v1.xsd');
  const v1Alt = CompiledSchema.compile('v1-alt', 'ssbtek/v1/sammansatt_bastjanst_v1.xsd', [NS.ssbtV1, NS.ssbtekV1]);
  before(async () => (server = await startServer()));
  after(() => server.close());
  const post = (body: string) => postSoap(`${server.url}/ssbtek`, body);

  it("answers the seed's example query in full, as written: its five services, in its namespace", async () => {
    const reply = await post(example('seed-example-v1.xml'));
    expect(reply.status, reply.body).to.equal(200);
    const response = at(tree(reply.body), 'Body', 'hamtaBastjanstInformationResponse');
    expect(response?.ns).to.equal(NS.ssbtV1);
    expect(textAt(response, 'korrelationsid')).to.equal('KORRID12345');
    expect(textAt(response, 'frageTidpunkt')).to.equal('2014-01-07T09:30:47.123');
    const services = elements(at(response, 'svarsdata') ?? tree('<x/>'));
    expect(services.map((s) => s.name)).to.deep.equal(['AF', 'CSN', 'FK', 'SKV', 'SO']);
    for (const s of services) expect(elements(s).map((e) => e.name)).to.have.length(1);
    expect(replyViolations(reply.body, v1)).to.deep.equal([]);
  });

  it('carries the FK benefit flags (incl. the example spelling arbetskadeliivranta) to FK and answers FK data', async () => {
    const reply = await post(example('seed-example-v1.xml'));
    const fk = at(tree(reply.body), 'Body', 'hamtaBastjanstInformationResponse', 'svarsdata', 'FK');
    expect(elements(fk ?? tree('<x/>')).map((e) => e.name)).to.satisfy(
      (n: string[]) => n[0] === 'data' || n[0] === 'error',
    );
  });

  it('accepts the namespace of the seed WSDL (integration/SSBTEK/1) and answers in it', async () => {
    const body = example('seed-example-v1.xml').replace(NS.ssbtV1, NS.ssbtekV1);
    const reply = await post(body);
    expect(reply.status, reply.body).to.equal(200);
    expect(at(tree(reply.body), 'Body', 'hamtaBastjanstInformationResponse')?.ns).to.equal(NS.ssbtekV1);
    expect(replyViolations(reply.body, v1Alt)).to.deep.equal([]);
  });

  it('spells kalla SSBTEK for the composite service’s own errors (seed §7.2)', async () => {
    const body = example('seed-example-v1.xml').replace(
      '<personidentitet>197706282394',
      '<personidentitet>198412042395',
    );
    const slow = await startServer({ serviceTimeoutsMs: { SKV: 300 } });
    try {
      const reply = await postSoap(`${slow.url}/ssbtek`, body);
      const skv = at(tree(reply.body), 'Body', 'hamtaBastjanstInformationResponse', 'svarsdata', 'SKV', 'error');
      expect(textAt(skv, 'kalla')).to.equal('SSBTEK');
      expect(textAt(skv, 'felkod')).to.equal('2000');
    } finally {
      await slow.close();
    }
  });

  it('rejects a v1 query missing one of the 27 benefit flags with Fault 1001', async () => {
    const body = example('seed-example-v1.xml').replace('<fk:prognos>1</fk:prognos>', '');
    const reply = await post(body);
    expect(reply.status).to.equal(500);
    const detail = at(tree(reply.body), 'Body', 'Fault', 'detail', 'hamtaBastjanstInformationFault');
    expect(detail?.ns).to.equal(NS.ssbtV1);
    expect(textAt(detail, 'felkod')).to.equal('1001');
    expect(
      elements(detail ?? tree('<x/>'))
        .filter((e) => e.name === 'felmeddelande')
        .map(text)
        .join(),
    ).to.match(/formansforteckning/);
  });

  it('answers testaBastjanstInformation in v1', async () => {
    const reply = await post(testaRequest(NS.ssbtV1));
    expect(at(tree(reply.body), 'Body', 'testaBastjanstInformationResponse')?.ns).to.equal(NS.ssbtV1);
  });
});
