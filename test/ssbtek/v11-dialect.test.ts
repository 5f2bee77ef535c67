import { expect } from 'chai';
import { CompiledSchema } from '../../src/xml/schema.js';
import { NS } from '../../src/xml/namespaces.js';
import { startServer, type TestServer } from '../support/server.js';
import { postSoap, testaRequest, v10Request } from '../support/requests.js';
import { referencePresent, referenceSchema, SSBTEK_V11_REFERENCE } from '../support/reference.js';
import { at, attr, elements, tree } from '../support/xml-attrs.js';
import { textAt } from '../support/xml.js';
import { replyViolations } from '../support/validate.js';

/** ssbt/11: the same endpoint and model as v10; SKV asks with years and parts and answers per part. */
describe('SSBTEK v11 dialect (provisional: reconstructed from the test environment)', () => {
  let server: TestServer;
  const own = CompiledSchema.compile('v11', 'ssbtek/v11/sammansatt_bastjanst_v11.xsd');
  before(async () => (server = await startServer()));
  after(() => server.close());
  const post = (body: string) => postSoap(`${server.url}/ssbtek`, body);
  const withoutSkv = ['AF', 'CSN', 'FK', 'SO', 'TNS', 'MIV'] as const;

  /** Valid against the project's v11 schema, and against the reference's when it is beside the project. */
  const expectValid = (body: string): void => {
    expect(replyViolations(body, own), body.slice(0, 1500)).to.deep.equal([]);
    if (referencePresent(SSBTEK_V11_REFERENCE)) {
      expect(replyViolations(body, referenceSchema(SSBTEK_V11_REFERENCE)), body.slice(0, 1500)).to.deep.equal([]);
    }
  };

  it('answers in the ssbt/11 namespace, each service in contract order', async () => {
    const reply = await post(v10Request({ dialect: 'v11', include: [...withoutSkv], korrelationsid: 'V11-A' }));
    expect(reply.status, reply.body).to.equal(200);
    const response = at(tree(reply.body), 'Body', 'hamtaBastjanstInformationResponse');
    expect(response?.ns).to.equal(NS.ssbtV11);
    expect(textAt(response, 'korrelationsid')).to.equal('V11-A');
    const services = elements(at(response, 'svarsdata') ?? tree('<x/>'));
    expect(services.map((s) => s.name)).to.deep.equal([...withoutSkv]);
    expect(services.every((s) => s.ns === NS.ssbtV11)).to.equal(true);
    expectValid(reply.body);
  });

  it('echoes the query, SKV’s fraga included, when asked', async () => {
    const reply = await post(v10Request({ dialect: 'v11', echo: true, skvFraga: { ar: [2025, 2023] } }));
    expect(reply.status, reply.body).to.equal(200);
    const skv = at(tree(reply.body), 'Body', 'hamtaBastjanstInformationResponse', 'fraga', 'specifikaFrageparametrar');
    const fraga = at(skv, 'SKV', 'fraga');
    expect(elements(fraga ?? tree('<x/>')).map((e) => e.name)).to.deep.equal([
      'ar',
      'ar',
      'foretagsinformation',
      'individuppgifter',
      'skattekonto',
      'skatteuppgifter',
      'beskattningsbilagor',
    ]);
    expectValid(reply.body);
  });

  it('refuses SKV included without its fraga: Fault 1001 naming the missing element', async () => {
    const reply = await post(v10Request({ dialect: 'v11', specific: { SKV: '' } }));
    expect(reply.status).to.equal(500);
    const fault = at(tree(reply.body), 'Body', 'Fault', 'detail', 'hamtaBastjanstInformationFault');
    expect(fault?.ns).to.equal(NS.ssbtV11);
    expect(textAt(fault, 'felkod')).to.equal('1001');
    expect(elements(fault ?? tree('<x/>')).map((e) => textAt(e))).to.include(
      'specifikaFrageparametrar/SKV: inkludera är true men elementet fraga saknas.',
    );
    expectValid(reply.body);
  });

  it('accepts SKV without fraga when SKV is not included', async () => {
    const reply = await post(
      v10Request({ dialect: 'v11', include: ['AF'], specific: { SKV: '' }, personidentitet: '196211262834' }),
    );
    expect(reply.status, reply.body).to.equal(200);
  });

  it('validates SKV’s fraga against the v11 schema: no year → Fault 1001 with the line and path', async () => {
    const reply = await post(v10Request({ dialect: 'v11', skvFraga: { ar: [] } }));
    expect(reply.status).to.equal(500);
    const fault = at(tree(reply.body), 'Body', 'Fault', 'detail', 'hamtaBastjanstInformationFault');
    expect(textAt(fault, 'felkod')).to.equal('1001');
    expect(reply.body).to.match(/Rad \d+: \/Envelope\/Body\/hamtaBastjanstInformation\/.*SKV\/fraga/);
  });

  it('refuses v10’s SKV shape nowhere: a v10 query with an SKV fraga is invalid (v10 has none)', async () => {
    const v11Shape = v10Request({ dialect: 'v11' }).split(NS.ssbtV11).join(NS.ssbtV10);
    const reply = await post(v11Shape);
    expect(reply.status).to.equal(500);
    expect(
      textAt(at(tree(reply.body), 'Body', 'Fault', 'detail', 'hamtaBastjanstInformationFault'), 'felkod'),
    ).to.equal('1001');
  });

  it('answers testaBastjanstInformation in v11', async () => {
    const reply = await post(testaRequest(NS.ssbtV11));
    expect(reply.status, reply.body).to.equal(200);
    const response = at(tree(reply.body), 'Body', 'testaBastjanstInformationResponse');
    expect(response?.ns).to.equal(NS.ssbtV11);
    expect(elements(response ?? tree('<x/>')).map((e) => [e.name, textAt(e, 'anropad')])).to.deep.equal(
      ['AF', 'CSN', 'FK', 'SKV', 'SO', 'TNS', 'MIV'].map((id) => [id, 'true']),
    );
    expectValid(reply.body);
  });

  it('serves the v11 WSDL at ?wsdl&version=11 and /ssbtek/v11, importing a served v11 schema', async () => {
    for (const url of [`${server.url}/ssbtek?wsdl&version=11`, `${server.url}/ssbtek/v11?wsdl`]) {
      const wsdl = tree(await (await fetch(url)).text());
      expect(wsdl.name).to.equal('definitions');
      expect(attr(wsdl, 'targetNamespace')).to.equal(NS.ssbtV11);
      const schemaImport = elements(at(wsdl, 'types', 'schema') ?? wsdl).find((e) => e.name === 'import');
      const location = attr(schemaImport, 'schemaLocation') ?? '';
      expect(location).to.equal(`${server.url}/xsd/ssbtek/v11/sammansatt_bastjanst_v11.xsd`);
      const schema = await fetch(location);
      expect(schema.status).to.equal(200);
      expect(await schema.text()).to.contain('name="SkatteverketDelSvar"');
    }
  });

  it('answers an unknown WSDL version with a Fault naming the versions there are', async () => {
    const response = await fetch(`${server.url}/ssbtek?wsdl&version=12`);
    expect(response.status).to.equal(404);
    expect(await response.text()).to.contain('version=10 (default), 11 or 1');
  });
});
