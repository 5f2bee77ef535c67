import { expect } from 'chai';
import { startServer, type TestServer } from '../support/server.js';
import { example, postSoap, v10Request } from '../support/requests.js';
import { referencePresent, referenceSchema, SSBTEK_V10_REFERENCE } from '../support/reference.js';
import { replyViolations } from '../support/validate.js';
import { testPopulation } from '../support/context.js';

/** v10 answers must be valid against the public v10 contract itself, not only against the project's own copy. */
describe('v10 answers against the public reference contract (../shared/reference)', function () {
  let server: TestServer;
  before(async function () {
    if (!referencePresent()) {
      console.log(`      (skipped: reference contract not found at ${SSBTEK_V10_REFERENCE})`);
      this.skip();
    }
    server = await startServer({ serviceTimeoutsMs: { SKV: 300 } });
  });
  after(() => server?.close());

  const check = async (body: string): Promise<string> => {
    const reply = await postSoap(`${server.url}/ssbtek`, body);
    expect(replyViolations(reply.body, referenceSchema(SSBTEK_V10_REFERENCE)), reply.body.slice(0, 2000)).to.deep.equal(
      [],
    );
    return reply.body;
  };

  it('the v10 example with all seven services', async () => {
    await check(example('v10-all-services.xml'));
  });

  it('with the query echoed', async () => {
    await check(v10Request({ echo: true }));
  });

  it('Fault 1001', async () => {
    await check(v10Request({ personidentitet: '1' }));
  });

  it('testaBastjanstInformation', async () => {
    await check(
      '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><t:testaBastjanstInformation xmlns:t="http://schema.forsakringskassan.se/integration/ssbt/10"/></s:Body></s:Envelope>',
    );
  });

  it('every scenario person, all services', async () => {
    for (const person of testPopulation().scenarioPersons()) {
      await check(v10Request({ personidentitet: person.personidentitet, echo: true }));
    }
  });
});
