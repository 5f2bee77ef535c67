import { expect } from 'chai';
import { startServer, type TestServer } from '../support/server.js';
import { postSoap, v10Request } from '../support/requests.js';
import { at, elements, text, textAt, tree } from '../support/xml.js';

const SEED_1001 = 'Förfrågan kunde inte tolkas. Fel har uppstått vid validering av förfrågan.';

function faultDetail(body: string) {
  const detail = at(tree(body), 'Body', 'Fault', 'detail', 'hamtaBastjanstInformationFault');
  return {
    detail,
    felkod: textAt(detail, 'felkod'),
    felmeddelanden: detail
      ? elements(detail)
          .filter((e) => e.name === 'felmeddelande')
          .map(text)
      : [],
  };
}

describe('SSBTEK endpoint: schema validation → Fault 1001 (§7.1)', () => {
  let server: TestServer;
  before(async () => (server = await startServer()));
  after(() => server.close());
  const post = (body: string) => postSoap(`${server.url}/ssbtek`, body);

  it('answers an invalid personidentitet with 1001, the seed text, and one line per violation with line and path', async () => {
    const reply = await post(v10Request({ personidentitet: '19770628239' }));
    expect(reply.status).to.equal(500);
    const { detail, felkod, felmeddelanden } = faultDetail(reply.body);
    expect(detail?.ns).to.equal('http://schema.forsakringskassan.se/integration/ssbt/10');
    expect(felkod).to.equal('1001');
    expect(felmeddelanden[0]).to.equal(SEED_1001);
    expect(felmeddelanden).to.have.length(2);
    expect(felmeddelanden[1]).to.match(
      /^Rad 11: \/Envelope\/Body\/hamtaBastjanstInformation\/generellaFrageparametrar\/personidentitet: .*'19770628239'.*pattern/,
    );
    expect(textAt(tree(reply.body), 'Body', 'Fault', 'faultstring')).to.equal(SEED_1001);
  });

  it('reports every violation, not just the first', async () => {
    const body = v10Request({ from: '2026-13-01' })
      .replace('<ssbt:namn>Kommun A</ssbt:namn>', '<ssbt:namn></ssbt:namn>')
      .replace('inkludera="true"', 'inkludera="ja"');
    const { felkod, felmeddelanden } = faultDetail((await post(body)).body);
    expect(felkod).to.equal('1001');
    expect(felmeddelanden.slice(1).map((m) => m.split(': ')[1])).to.deep.equal([
      '/Envelope/Body/hamtaBastjanstInformation/generellaFrageparametrar/ingivare/namn',
      '/Envelope/Body/hamtaBastjanstInformation/generellaFrageparametrar/tidsperiod/fromDatum',
      '/Envelope/Body/hamtaBastjanstInformation/specifikaFrageparametrar/AF',
    ]);
  });

  it('rejects elements in the wrong order and a missing service element', async () => {
    const swapped = v10Request().replace(
      /(<ssbt:syfte>.*?<\/ssbt:syfte>)\s*(<ssbt:lagtext>.*?<\/ssbt:lagtext>)/s,
      '$2$1',
    );
    expect(faultDetail((await post(swapped)).body).felkod).to.equal('1001');
    const missing = v10Request().replace(/<ssbt:MIV [^>]*><\/ssbt:MIV>/, '');
    expect(faultDetail((await post(missing)).body).felmeddelanden.join()).to.match(/specifikaFrageparametrar/);
  });

  it('rejects FK inkludera=true without its fraga (the contract requires the underlying element)', async () => {
    const body = v10Request({ include: ['FK'], specific: { FK: ' ' } });
    const { felkod, felmeddelanden } = faultDetail((await post(body)).body);
    expect(felkod).to.equal('1001');
    expect(felmeddelanden[1]).to.match(/FK: inkludera är true men elementet fraga saknas/);
  });

  it('names the operation in the detail: testaBastjanstInformationFault for testa', async () => {
    const body = `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><t:testaBastjanstInformation xmlns:t="http://schema.forsakringskassan.se/integration/ssbt/10"><t:x/></t:testaBastjanstInformation></s:Body></s:Envelope>`;
    const reply = await post(body);
    expect(at(tree(reply.body), 'Body', 'Fault', 'detail', 'testaBastjanstInformationFault', 'felkod')).to.not.equal(
      undefined,
    );
  });
});
