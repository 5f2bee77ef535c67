import { expect } from 'chai';
import { SERVICE_IDS } from '../../src/ssbtek/model.js';
import { CompiledSchema } from '../../src/xml/schema.js';
import { startServer, type TestServer } from '../support/server.js';
import { postSoap, v10Request } from '../support/requests.js';
import { replyViolations } from '../support/validate.js';
import { at, elements, text, textAt, tree } from '../support/xml.js';

/** 198601042388: data from all seven services (scenario person, fixtures/population/scenario-persons). */
const ALLA_SJU = '198601042388';
const UUID = '3f2b8c1e-9a4d-4e7b-8c21-5d6f0a9b1c2e';

/** Each service's outcome in a composite answer: 'data', or the error's kalla and felkod. */
function utfall(body: string): Record<string, string> {
  const svarsdata = at(tree(body), 'Body', 'hamtaBastjanstInformationResponse', 'svarsdata');
  return Object.fromEntries(
    elements(svarsdata ?? tree('<x/>')).map((service) => {
      const [part] = elements(service);
      return [
        service.name,
        part?.name === 'data' ? 'data' : `${textAt(part, 'kalla') ?? ''} ${textAt(part, 'felkod') ?? ''}`,
      ];
    }),
  );
}

/**
 * The arendeidentitet reaches every base service unchanged (seed §6); only CSN's contract limits its length
 * (ArendId at most 31 characters), so a client's UUID gives CSN -1005 and nothing else changes.
 */
describe('SSBTEK v10: a long arendeidentitet (a UUID) through the composite service', () => {
  let server: TestServer;
  const v10 = CompiledSchema.compile('v10', 'ssbtek/v10/sammansatt_bastjanst_v10.xsd');
  before(async () => (server = await startServer()));
  after(() => server.close());
  const ask = async (arendeidentitet: string) => {
    const reply = await postSoap(`${server.url}/ssbtek`, v10Request({ personidentitet: ALLA_SJU, arendeidentitet }));
    expect(reply.status, reply.body).to.equal(200);
    expect(replyViolations(reply.body, v10)).to.deep.equal([]);
    return reply.body;
  };

  it('gives data from all seven services for an arendeidentitet of 31 characters; CSN echoes it unchanged', async () => {
    const arendeidentitet = 'A'.repeat(31);
    const body = await ask(arendeidentitet);
    expect(utfall(body)).to.deep.equal(Object.fromEntries(SERVICE_IDS.map((id) => [id, 'data'])));
    const svar = textAt(tree(body), 'Body', 'hamtaBastjanstInformationResponse', 'svarsdata', 'CSN', 'data', 'svar');
    const csnSvar = tree(Buffer.from(svar ?? '', 'base64').toString('utf8'));
    expect(text(at(csnSvar, 'GemensamtFragaEkbistand', 'ArendId') ?? tree('<x/>'))).to.equal(arendeidentitet);
  });

  for (const [what, arendeidentitet] of [
    ['32 characters', 'A'.repeat(32)],
    ['a UUID (36 characters)', UUID],
  ] as const) {
    it(`gives CSN BT -1005 for ${what}, and every other service the same answer as for a short one`, async () => {
      const kort = utfall(await ask('AID12341234'));
      const lang = utfall(await ask(arendeidentitet));
      expect(lang).to.deep.equal({ ...kort, CSN: 'BT -1005' });
      expect(kort.CSN).to.equal('data');
    });
  }

  it("passes the UUID unchanged to the services that echo it (AF's Referensnummer)", async () => {
    const body = await ask(UUID);
    const af = at(tree(body), 'Body', 'hamtaBastjanstInformationResponse', 'svarsdata', 'AF', 'data');
    expect(textAt(af, 'Fraga', 'Referensnummer')).to.equal(UUID);
  });
});
