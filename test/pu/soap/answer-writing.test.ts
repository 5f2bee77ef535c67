import { expect } from 'chai';
import { DEFAULT_PU_CONSUMERS } from '../../../src/pu/consumers.js';
import { PuSoapService, responderSchema } from '../../../src/pu/soap/service.js';
import { Population } from '../../../src/population/population.js';
import { loadScenarioPersons } from '../../../src/population/scenarios.js';
import type { RegistryStore } from '../../../src/store/registry-store.js';
import { CONSUMERS, IDS, RESERVES, request, testRegistry, TODAY } from './support/pu.js';

const store: RegistryStore = { get: () => undefined, put: () => undefined, list: () => [], onChange: () => undefined };

/** Known, protected, unknown and reserve identities, each several times: a long answer of every kind of record. */
const MIXED = Array.from({ length: 6 }, () => [...Object.values(IDS), ...Object.values(RESERVES)]).flat();

describe('PU GetPersonsForProfile v5: the answer written a record at a time', () => {
  const service = new PuSoapService({
    population: new Population(loadScenarioPersons(), store),
    registry: testRegistry(),
    consumers: new Map(DEFAULT_PU_CONSUMERS.map((c) => [c.id, c])),
    today: () => TODAY,
  });
  const answer = (profile: string, consumer: string): string => {
    const result = service.handle(Buffer.from(request(MIXED, profile)), consumer);
    expect(result.status, result.body).to.equal(200);
    return result.body;
  };

  it("gives the same bytes as the whole answer checked by libxml2 (the path a record the tree check can't show valid takes)", () => {
    const schema = responderSchema();
    for (const [profile, consumer] of [
      ['P5', CONSUMERS.normal],
      ['P4', CONSUMERS.extended],
      ['P1', CONSUMERS.normal],
    ] as const) {
      const { shownValid, validate } = schema;
      let libxml2 = 0;
      schema.validate = (...args) => {
        libxml2++;
        return validate.apply(schema, args);
      };
      let streamed: string, whole: string;
      try {
        streamed = answer(profile, consumer);
        expect(libxml2, 'record by record: libxml2 validated the request alone').to.equal(1);
        schema.shownValid = () => false;
        whole = answer(profile, consumer);
        expect(libxml2, 'not shown valid: libxml2 validated the request and the whole answer').to.equal(3);
      } finally {
        schema.shownValid = shownValid;
        schema.validate = validate;
      }
      expect(streamed, `${profile}, ${consumer}`).to.equal(whole);
      expect(streamed.match(/<[\w]+:requestedPersonRecord>/g)).to.have.length(MIXED.length);
    }
  });
});
