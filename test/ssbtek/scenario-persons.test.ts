import { expect } from 'chai';
import { CompiledSchema } from '../../src/xml/schema.js';
import { SERVICE_IDS, type ServiceId } from '../../src/ssbtek/model.js';
import type { TjanstScenario } from '../../src/population/scenarios.js';
import { startServer, type TestServer } from '../support/server.js';
import { example, postSoap, v10Request } from '../support/requests.js';
import { testPopulation } from '../support/context.js';
import { at, elements, textAt, tree } from '../support/xml.js';
import { replyViolations } from '../support/validate.js';

const DEADLINE_MS = 500;
const TRANSPORT_FAILURES = new Set(['garbage', 'half', 'http-500']);

/** What the composite answer must say for a service, given the scenario the fixture names for it. */
function expected(scenario: TjanstScenario | undefined): { kalla: string; felkod: string } | undefined {
  if (!scenario) return undefined;
  if ((scenario.delayMs ?? 0) > DEADLINE_MS) return { kalla: 'SSBT', felkod: '2000' };
  if (scenario.scenario && TRANSPORT_FAILURES.has(scenario.scenario)) return { kalla: 'SSBT', felkod: '2001' };
  // A part error (SKV `skattekonto.503`) exists only in v11's per-part answer: v10 and v1 answer normally.
  if (scenario.scenario?.includes('.')) return undefined;
  if (scenario.scenario) return { kalla: 'BT', felkod: scenario.scenario };
  return undefined;
}

/**
 * Every curated scenario person, through the whole composite service: each named scenario turns into exactly the
 * error the seed's §7 says (base-service code with kalla BT, 2000 or 2001 with kalla SSBT), and every answer is
 * valid against the v10 schema.
 */
describe('Scenario persons through the composite service (fixtures/population/scenario-persons)', () => {
  let server: TestServer;
  const v10 = CompiledSchema.compile('v10', 'ssbtek/v10/sammansatt_bastjanst_v10.xsd');
  before(async () => (server = await startServer({ serviceTimeoutMs: DEADLINE_MS })));
  after(() => server.close());

  const persons = testPopulation().scenarioPersons();
  it('has scenario persons to check', () => expect(persons.length).to.be.above(5));

  for (const person of persons) {
    it(`${person.personidentitet}: ${person.beskrivning}`, async () => {
      const reply = await postSoap(`${server.url}/ssbtek`, v10Request({ personidentitet: person.personidentitet }));
      expect(reply.status, reply.body).to.equal(200);
      expect(replyViolations(reply.body, v10)).to.deep.equal([]);
      const svarsdata = at(tree(reply.body), 'Body', 'hamtaBastjanstInformationResponse', 'svarsdata');
      for (const id of SERVICE_IDS as readonly ServiceId[]) {
        const want = expected(person.tjanster?.[id]);
        if (!want) continue;
        const error = at(svarsdata, id, 'error');
        expect(error, `${id} should answer an error`).to.not.equal(undefined);
        expect({ kalla: textAt(error, 'kalla'), felkod: textAt(error, 'felkod') }, id).to.deep.equal(want);
        expect(elements(error ?? tree('<x/>')).filter((e) => e.name === 'felmeddelande').length, id).to.be.above(0);
      }
    });
  }
});

describe('Scenario persons in the v1 dialect (the seed example with each person)', () => {
  let server: TestServer;
  const v1 = CompiledSchema.compile('v1', 'ssbtek/v1/sammansatt_bastjanst_v1.xsd');
  before(async () => (server = await startServer({ serviceTimeoutMs: DEADLINE_MS })));
  after(() => server.close());

  for (const person of testPopulation().scenarioPersons()) {
    it(`${person.personidentitet}: answers AF, CSN, FK, SKV, SO valid against the v1 schema`, async () => {
      const body = example('seed-example-v1.xml').replace('197706282394', person.personidentitet);
      const reply = await postSoap(`${server.url}/ssbtek`, body);
      expect(reply.status, reply.body).to.equal(200);
      expect(replyViolations(reply.body, v1)).to.deep.equal([]);
      const svarsdata = at(tree(reply.body), 'Body', 'hamtaBastjanstInformationResponse', 'svarsdata');
      expect(elements(svarsdata ?? tree('<x/>')).map((e) => e.name)).to.deep.equal(['AF', 'CSN', 'FK', 'SKV', 'SO']);
      for (const id of ['AF', 'FK', 'SKV', 'SO'] as ServiceId[]) {
        const want = expected(person.tjanster?.[id]);
        if (!want) continue;
        const error = at(svarsdata, id, 'error');
        expect({ kalla: textAt(error, 'kalla'), felkod: textAt(error, 'felkod') }, id).to.deep.equal({
          kalla: want.kalla === 'SSBT' ? 'SSBTEK' : want.kalla,
          felkod: want.felkod,
        });
      }
    });
  }
});
