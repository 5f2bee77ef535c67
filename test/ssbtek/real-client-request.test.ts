import { expect } from 'chai';
import { parseXml } from '../../src/xml/parse.js';
import { startServer, type TestServer } from '../support/server.js';
import { postSoap } from '../support/requests.js';
import { realClientRequest } from '../support/real-client.js';
import { referencePresent, referenceSchema, SSBTEK_V10_REFERENCE } from '../support/reference.js';
import { replyViolations } from '../support/validate.js';
import { at, elements, textAt, tree } from '../support/xml.js';

/** The data-rich scenario person: data from all seven services (fixtures/population/scenario-persons/general.json). */
const DATA_RICH = '198601042388';
const SERVICES = ['AF', 'CSN', 'FK', 'SKV', 'SO', 'TNS', 'MIV'];

/**
 * The request of the one public SSBTEK client, byte for byte as its JAXB marshaller writes it (SOAP-ENV/ns2,
 * inkludera="true", FK aktorsid 026-51, a UUID korrelationsid and arendeidentitet), sent unchanged.
 */
describe('A real client’s v10 request, sent unchanged', () => {
  let server: TestServer;
  before(async () => (server = await startServer()));
  after(() => server.close());

  const outcomes = async (arendeidentitet: string): Promise<{ body: string; outcome: Record<string, string> }> => {
    const reply = await postSoap(
      `${server.url}/ssbtek`,
      realClientRequest({
        personidentitet: DATA_RICH,
        arendeidentitet,
        korrelationsid: '3f2b8c1e-6d7a-4e59-9c0b-2a4d8e6f1b73',
      }),
    );
    expect(reply.status, reply.body.slice(0, 1500)).to.equal(200);
    const svarsdata = at(tree(reply.body), 'Body', 'hamtaBastjanstInformationResponse', 'svarsdata');
    const outcome: Record<string, string> = {};
    for (const service of elements(svarsdata ?? tree('<x/>'))) {
      const error = at(service, 'error');
      outcome[service.name] = error ? `${textAt(error, 'kalla')} ${textAt(error, 'felkod')}` : 'data';
    }
    return { body: reply.body, outcome };
  };

  it('with a short arendeidentitet: data from every service for the data-rich person', async () => {
    const { body, outcome } = await outcomes('FA-2026-000123');
    expect(outcome).to.deep.equal(Object.fromEntries(SERVICES.map((s) => [s, 'data'])));
    if (referencePresent()) expect(replyViolations(body, referenceSchema(SSBTEK_V10_REFERENCE))).to.deep.equal([]);
  });

  it('with its 36-character UUID arendeidentitet: CSN answers -1005, every other service data', async () => {
    const { body, outcome } = await outcomes('9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d');
    expect(outcome).to.deep.equal({ ...Object.fromEntries(SERVICES.map((s) => [s, 'data'])), CSN: 'BT -1005' });
    if (referencePresent()) expect(replyViolations(body, referenceSchema(SSBTEK_V10_REFERENCE))).to.deep.equal([]);
  });

  it('gets the fields it reads: FK’s LEFI JSON and Skatteverket’s own document in SKV/data/svar', async () => {
    const { body } = await outcomes('FA-2026-000124');
    const svarsdata = at(tree(body), 'Body', 'hamtaBastjanstInformationResponse', 'svarsdata');
    const lefi = JSON.parse(
      Buffer.from(textAt(at(svarsdata, 'FK', 'data'), 'lefiJsonSvar') ?? '', 'base64').toString(),
    );
    expect(lefi).to.be.an('object');
    const svar = textAt(at(svarsdata, 'SKV', 'data'), 'svar') ?? '';
    const document = parseXml(Buffer.from(svar, 'utf8'));
    try {
      expect(document.root.name).to.equal('SvarBeskattningsuppgifterEnligtSFS2008-975');
      const personuppgift = at(document.root, 'PersonuppgiftLista', 'Personuppgift');
      expect(textAt(personuppgift, 'IdentitetsbeteckningFysiskPerson')).to.equal(DATA_RICH);
    } finally {
      document.dispose();
    }
  });
});
