import { expect } from 'chai';
import { DEFAULT_PU_CONSUMERS, effectiveContract } from '../../../src/pu/consumers.js';
import { disclosureFor, protectionOf, type Disclosure, type Protection } from '../../../src/pu/profiles/protection.js';
import { at, call, CONSUMERS, fields, IDS, personRecord, request, startPuServer, type PuServer } from './support/pu.js';
import { Population } from '../../../src/population/population.js';
import { loadScenarioPersons } from '../../../src/population/scenarios.js';

const REQUIRED = ['personalIdentity', 'protectedPersonIndicator', 'testIndicator', 'primaryIdentity'];
/** Sekretessmarkering, normal contract: first and last name, identity, county code (P2+) and sex only. */
const SEKRETESS_LIMITED = {
  P1: ['personalIdentity', 'gender', 'protectedPersonIndicator', 'testIndicator', 'primaryIdentity', 'name'],
  P5: [
    'personalIdentity',
    'gender',
    'protectedPersonIndicator',
    'testIndicator',
    'primaryIdentity',
    'name',
    'populationRegistrationLocality',
  ],
};
/** Skyddad folkbokföring, every contract: name and identity number only (plus the contract's required flags). */
const NAME_AND_IDENTITY = [...REQUIRED, 'name'];
/** Sekretessmarkering, extended contract: the whole profile, but never contact details. */
const SEKRETESS_EXTENDED_P5 = [
  'personalIdentity',
  'gender',
  'protectedPersonIndicator',
  'testIndicator',
  'primaryIdentity',
  'version',
  'name',
  'linkedIdentity',
  'birth',
  'populationRegistrationLocality',
  'populationRegistrationRecord',
  'addressInformation',
  'citizenship',
  'protectedPopulationRecord',
];

type ConsumerKind = keyof typeof CONSUMERS;

/** The table: person × consumer → what a P5 and a P1 request may show. */
const TABLE: { person: keyof typeof IDS; consumer: ConsumerKind; disclosure: Disclosure; p5: string[] | 'full' }[] = [
  { person: 'plain', consumer: 'normal', disclosure: 'FULL', p5: 'full' },
  { person: 'plain', consumer: 'extended', disclosure: 'FULL', p5: 'full' },
  { person: 'plain', consumer: 'private', disclosure: 'FULL', p5: 'full' },
  { person: 'sekretess', consumer: 'normal', disclosure: 'SEKRETESS_LIMITED', p5: SEKRETESS_LIMITED.P5 },
  { person: 'sekretess', consumer: 'extended', disclosure: 'FULL', p5: SEKRETESS_EXTENDED_P5 },
  // a private provider is configured with an extended contract, but never gets extended access
  { person: 'sekretess', consumer: 'private', disclosure: 'SEKRETESS_LIMITED', p5: SEKRETESS_LIMITED.P5 },
  { person: 'skyddad', consumer: 'normal', disclosure: 'NAME_AND_IDENTITY', p5: NAME_AND_IDENTITY },
  { person: 'skyddad', consumer: 'extended', disclosure: 'NAME_AND_IDENTITY', p5: NAME_AND_IDENTITY },
  { person: 'skyddad', consumer: 'private', disclosure: 'NAME_AND_IDENTITY', p5: NAME_AND_IDENTITY },
];

describe('PU GetPersonsForProfile v5: protection rules (seed 004 §5.1.2, §6.2.3)', () => {
  const population = new Population(loadScenarioPersons());
  const consumer = (kind: ConsumerKind) => DEFAULT_PU_CONSUMERS.find((c) => c.id === CONSUMERS[kind])!;

  it('the scenario persons have the protection the tests assume', () => {
    const protection = (id: string): Protection => protectionOf(population.person(id, '2026-11-24')!);
    expect(protection(IDS.plain)).to.equal('NONE');
    expect(protection(IDS.sekretess)).to.equal('SEKRETESSMARKERING');
    expect(protection(IDS.skyddad)).to.equal('SKYDDAD_FOLKBOKFORING');
  });

  for (const row of TABLE) {
    it(`disclosure: ${row.person} × ${row.consumer} → ${row.disclosure}`, () => {
      const person = population.person(IDS[row.person], '2026-11-24')!;
      expect(disclosureFor(protectionOf(person), effectiveContract(consumer(row.consumer)))).to.equal(row.disclosure);
    });
  }

  describe('over HTTP', () => {
    let server: PuServer;
    let full: string[];
    before(async () => {
      server = await startPuServer();
      full = fields(personRecord((await call(server, request([IDS.plain], 'P5'))).records[0]));
    });
    after(() => server.close());

    for (const row of TABLE) {
      it(`P5: ${row.person} × ${row.consumer} shows ${row.p5 === 'full' ? 'the whole profile' : row.p5.join(', ')}`, async () => {
        const answer = await call(server, request([IDS[row.person]], 'P5'), CONSUMERS[row.consumer]);
        const record = personRecord(answer.records[0]);
        expect(fields(record)).to.deep.equal(row.p5 === 'full' ? full : row.p5);
        expect(at(record, 'personalIdentity', 'extension')).to.equal(IDS[row.person]);
        expect(at(record, 'protectedPersonIndicator')).to.equal(String(row.person !== 'plain'));
        expect(at(record, 'name', 'givenName'))
          .to.be.a('string')
          .and.not.equal('');
        expect(at(record, 'name', 'surname'))
          .to.be.a('string')
          .and.not.equal('');
        if (row.disclosure === 'SEKRETESS_LIMITED') {
          expect(at(record, 'populationRegistrationLocality', 'countyCode')).to.match(/^\d{2}$/);
          expect(fields(record && personRecord(answer.records[0]))).to.not.include('addressInformation');
        }
        // protected persons never expose contact details (their consent says 'ALL')
        if (row.person !== 'plain') expect(answer.body).to.not.match(/hemlig@example|0709999999/);
      });

      it(`P1: ${row.person} × ${row.consumer}`, async () => {
        const record = personRecord(
          (await call(server, request([IDS[row.person]], 'P1'), CONSUMERS[row.consumer])).records[0],
        );
        const expected =
          row.disclosure === 'FULL'
            ? [
                'personalIdentity',
                'gender',
                'protectedPersonIndicator',
                'testIndicator',
                'primaryIdentity',
                'version',
                'name',
                'linkedIdentity',
              ]
            : row.disclosure === 'SEKRETESS_LIMITED'
              ? SEKRETESS_LIMITED.P1
              : NAME_AND_IDENTITY;
        expect(fields(record)).to.deep.equal(expected);
      });
    }

    it('the skyddad folkbokföring record shows the name and identity number', async () => {
      const record = personRecord((await call(server, request([IDS.skyddad], 'P4'), CONSUMERS.extended)).records[0]);
      const person = population.person(IDS.skyddad, '2026-11-24')!;
      expect(at(record, 'name', 'givenName')).to.equal(person.fornamn);
      expect(at(record, 'name', 'surname')).to.equal(person.efternamn);
      expect(at(record, 'personalIdentity', 'extension')).to.equal(IDS.skyddad);
    });

    it('the sekretess record under a normal contract shows the county code from the population', async () => {
      const record = personRecord((await call(server, request([IDS.sekretess], 'P2'), CONSUMERS.normal)).records[0]);
      const person = population.person(IDS.sekretess, '2026-11-24')!;
      expect(at(record, 'populationRegistrationLocality', 'countyCode')).to.equal(person.lan);
      expect(at(record, 'gender')).to.equal(person.identity.sex);
    });
  });
});
