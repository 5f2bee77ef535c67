import { expect } from 'chai';
import { ROOT } from '../../../src/pu/profiles/identities.js';
import {
  at,
  call,
  CONSUMERS,
  fields,
  IDS,
  P,
  personRecord,
  request,
  RESERVES,
  startPuServer,
  type PuServer,
} from './support/pu.js';
import { child, childrenNamed } from '../../../src/xml/tree.js';

const P1 = [
  'personalIdentity',
  'gender',
  'protectedPersonIndicator',
  'testIndicator',
  'primaryIdentity',
  'version',
  'name',
  'linkedIdentity',
];
const P2_LOCALITY = ['populationRegistrationLocality'];
const P2_TAIL = ['protectedPopulationRecord'];

/** A person record's elements per profile (unprotected person, linked reserve, contact details shared with ALL). */
const EXPECTED: Record<string, string[]> = {
  P1,
  P2: [...P1, ...P2_LOCALITY, 'addressInformation', ...P2_TAIL],
  P3: [...P1, ...P2_LOCALITY, 'addressInformation', 'contactInformation', 'contactInformation', ...P2_TAIL],
  P4: [
    ...P1,
    'birth',
    ...P2_LOCALITY,
    'addressInformation',
    'contactInformation',
    'contactInformation',
    'immigration',
    ...P2_TAIL,
  ],
  P5: [
    ...P1,
    'birth',
    ...P2_LOCALITY,
    'populationRegistrationRecord',
    'addressInformation',
    'contactInformation',
    'contactInformation',
    'immigration',
    ...P2_TAIL,
  ],
};

describe('PU GetPersonsForProfile v5: profiles over HTTP', () => {
  let server: PuServer;
  before(async () => (server = await startPuServer()));
  after(() => server.close());

  for (const profile of ['P1', 'P2', 'P3', 'P4', 'P5']) {
    it(`${profile}: the profile's elements, in contract order, valid against the reference schema`, async () => {
      const answer = await call(server, request([IDS.plain], profile));
      expect(answer.status).to.equal(200);
      expect(answer.records).to.have.length(1);
      const record = personRecord(answer.records[0]);
      expect(fields(record)).to.deep.equal(EXPECTED[profile]);
      expect(at(record, 'personalIdentity', 'root')).to.equal(ROOT.personnummer);
      expect(at(record, 'personalIdentity', 'extension')).to.equal(IDS.plain);
      expect(at(record, 'gender')).to.equal('K');
      expect(at(record, 'protectedPersonIndicator')).to.equal('false');
      expect(at(record, 'version')).to.equal('20261124000000');
      expect(at(record, 'linkedIdentity', 'referredPersonalIdentity', 'extension')).to.equal(RESERVES.linked);
    });
  }

  it('P2 writes the registration county and municipality, P4 the birth, P5 the history', async () => {
    const p5 = personRecord((await call(server, request([IDS.plain2], 'P5'))).records[0]);
    expect(at(p5, 'populationRegistrationLocality', 'countyCode')).to.match(/^\d{2}$/);
    expect(at(p5, 'populationRegistrationLocality', 'municipalityCode')).to.match(/^\d{2}$/);
    expect(at(p5, 'birth', 'dateOfBirth', 'value')).to.equal('1977-06-28');
    expect(at(p5, 'birth', 'placeOfBirthSweden', 'birthCountyCode')).to.match(/^\d{2}$/);
    expect(at(p5, 'citizenship', 'citizenshipCountryCode')).to.equal('SE');
    expect(at(p5, 'populationRegistrationRecord', 'syncronizationTime')).to.equal('2026-11-24T00:00:00');
    const p4 = personRecord((await call(server, request([IDS.plain], 'P4'))).records[0]);
    expect(at(p4, 'birth', 'birthAbroad', 'countryOfBirth')).to.equal('Syrien');
    expect(at(p4, 'immigration', 'immigrationDate', 'value')).to.equal('2024-12-24');
  });

  it('a samordningsnummer has its own root and no population registration', async () => {
    const record = personRecord((await call(server, request([IDS.samordningsnummer], 'P4'))).records[0]);
    expect(at(record, 'personalIdentity', 'root')).to.equal(ROOT.samordningsnummer);
    expect(fields(record)).to.not.include('populationRegistrationLocality');
  });

  it('one requestedPersonRecord per personId, in order; unknown identities get an empty record', async () => {
    const ids = [IDS.plain2, IDS.badChecksum, IDS.plain, 'NR9999999999', IDS.plain2];
    const answer = await call(server, request(ids, 'P1'));
    expect(answer.records.map((r) => at(r, 'requestedPersonalIdentity', 'extension'))).to.deep.equal(ids);
    expect(answer.records.map((r) => personRecord(r) !== undefined)).to.deep.equal([true, false, true, false, true]);
    // a personnummer sent with the samordningsnummer root is not that identity
    const wrongRoot = await call(server, request([{ root: ROOT.samordningsnummer, extension: IDS.plain }], 'P1'));
    expect(personRecord(wrongRoot.records[0])).to.equal(undefined);
  });

  it('answers 500 identities in one request', async () => {
    const ids = Array.from({ length: 500 }, (_, i) => (i % 2 ? IDS.plain : IDS.plain2));
    const answer = await call(server, request(ids, 'P5'));
    expect(answer.records).to.have.length(500);
  });

  describe('reserve identities and ignoreReferredIdentity', () => {
    it('a linked reserve identity answers with the person it refers to when references are followed', async () => {
      const answer = await call(server, request([RESERVES.linked], 'P2', { ignoreReferredIdentity: false }));
      const record = personRecord(answer.records[0]);
      expect(at(answer.records[0], 'requestedPersonalIdentity', 'extension')).to.equal(RESERVES.linked);
      expect(at(record, 'personalIdentity', 'extension')).to.equal(IDS.plain);
      expect(at(record, 'primaryIdentity')).to.equal('true');
    });

    it('with ignoreReferredIdentity the reserve identity answers with its own record, linked to the person', async () => {
      const answer = await call(server, request([RESERVES.linked], 'P4', { ignoreReferredIdentity: true }));
      const record = personRecord(answer.records[0]);
      expect(at(record, 'personalIdentity', 'root')).to.equal(ROOT.nationalReserve);
      expect(at(record, 'personalIdentity', 'extension')).to.equal(RESERVES.linked);
      expect(at(record, 'primaryIdentity')).to.equal('false');
      expect(at(record, 'name', 'givenName')).to.equal('Okänd');
      expect(at(record, 'linkedIdentity', 'referredPersonalIdentity', 'extension')).to.equal(IDS.plain);
      expect(at(record, 'linkedIdentity', 'primaryIdentity')).to.equal('true');
      expect(at(record, 'administrativeInformation', 'categoryOfPerson')).to.equal('NRID');
      expect(at(record, 'birth', 'dateOfBirth', 'value')).to.equal('1986-01-04');
    });

    it('an unlinked regional reserve identity is its own primary identity', async () => {
      const answer = await call(server, request([RESERVES.unlinked], 'P2'));
      const record = personRecord(answer.records[0]);
      expect(at(record, 'personalIdentity', 'root')).to.equal(ROOT.regionalReserve);
      expect(at(record, 'primaryIdentity')).to.equal('true');
      expect(at(record, 'gender')).to.equal('U');
      expect(at(record, 'administrativeInformation', 'categoryOfPerson')).to.equal('LRID');
      expect(fields(record)).to.not.include('linkedIdentity');
    });

    it('a reserve linked to a protected person carries that protection', async () => {
      const answer = await call(
        server,
        request([RESERVES.linkedProtected], 'P2', { ignoreReferredIdentity: true }),
        CONSUMERS.normal,
      );
      const record = personRecord(answer.records[0]);
      expect(at(record, 'protectedPersonIndicator')).to.equal('true');
      expect(fields(record)).to.not.include('linkedIdentity');
    });
  });

  describe('digital contact details (P3) follow the consent', () => {
    const contactTypes = async (id: string, consumer: string) => {
      const record = personRecord((await call(server, request([id], 'P3'), consumer)).records[0]);
      return record ? childrenNamed(record, P, 'contactInformation').map((c) => at(c, 'contactType')) : [];
    };
    it("shared with 'ALL': every consumer sees them", async () => {
      expect(await contactTypes(IDS.plain, CONSUMERS.normal)).to.deep.equal(['EMAIL', 'MOBILE']);
      expect(await contactTypes(IDS.plain, CONSUMERS.private)).to.deep.equal(['EMAIL', 'MOBILE']);
    });
    it('shared with one consumer: only that consumer sees them', async () => {
      expect(await contactTypes(IDS.plain2, CONSUMERS.extended)).to.deep.equal(['EMAIL']);
      expect(await contactTypes(IDS.plain2, CONSUMERS.normal)).to.deep.equal([]);
    });
    it('P1 and P2 never carry contact details', async () => {
      const record = personRecord((await call(server, request([IDS.plain], 'P2'))).records[0]);
      expect(record && child(record, P, 'contactInformation')).to.equal(undefined);
    });
  });
});
