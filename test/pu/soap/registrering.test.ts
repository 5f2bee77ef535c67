import { expect } from 'chai';
import { DEFAULT_PU_CONSUMERS } from '../../../src/pu/consumers.js';
import { PuSoapService } from '../../../src/pu/soap/service.js';
import { Population } from '../../../src/population/population.js';
import type { RegisteredPerson, RegistryStore } from '../../../src/store/registry-store.js';
import { NS } from '../../../src/xml/namespaces.js';
import { parseXml } from '../../../src/xml/parse.js';
import { readEnvelope } from '../../../src/xml/soap.js';
import { childrenNamed } from '../../../src/xml/tree.js';
import { at, CONSUMERS, IDS, oracle, personRecord, request, TODAY } from './support/pu.js';
import { MemoryPuRegistry } from './support/memory-registry.js';

/** A newborn reported by the birth report service (status FODD) and a renewed samordningsnummer (FORNYAD). */
const NEWBORN = '202601012384';
const REGISTERED: RegisteredPerson[] = [
  { personidentitet: NEWBORN, status: 'FODD', since: '2026-01-01', details: {} },
  { personidentitet: IDS.samordningsnummer, status: 'FORNYAD', since: '2026-10-15', details: {} },
];

const store: RegistryStore = {
  get: (id) => REGISTERED.find((p) => p.personidentitet === id),
  put: () => undefined,
  list: () => REGISTERED,
  onChange: () => undefined,
};

describe('PU GetPersonsForProfile v5: what other services registered', () => {
  const service = new PuSoapService({
    population: new Population([], store),
    registry: new MemoryPuRegistry(),
    consumers: new Map(DEFAULT_PU_CONSUMERS.map((c) => [c.id, c])),
    today: () => TODAY,
  });

  const records = (ids: string[], profile: string) => {
    const result = service.handle(Buffer.from(request(ids, profile)), CONSUMERS.extended);
    expect(result.status, result.body).to.equal(200);
    const parsed = parseXml(Buffer.from(result.body));
    try {
      const { payload } = readEnvelope(parsed.root);
      expect(oracle().validate(parsed, payload)).to.deep.equal([]);
      return childrenNamed(payload, NS.puGetPersons, 'requestedPersonRecord').map(personRecord);
    } finally {
      parsed.dispose();
    }
  };

  it('a reported birth: registered where born from the birth date, born in Sweden', () => {
    const [record] = records([NEWBORN], 'P4');
    expect(at(record, 'populationRegistrationLocality', 'populationRegistrationDate', 'value')).to.equal('2026-01-01');
    expect(at(record, 'birth', 'dateOfBirth', 'value')).to.equal('2026-01-01');
  });

  it('a renewed samordningsnummer carries its renewal date (P4)', () => {
    const [record] = records([IDS.samordningsnummer], 'P4');
    expect(at(record, 'coOrdinationNumberData', 'renewalDate', 'value')).to.equal('2026-10-15');
  });
});
