import { expect } from 'chai';
import { startServer, type TestServer } from '../../support/server.js';
import { PATH, TODAY, expectShape, post, properties, sampleReport, type Json, type Report } from './support.js';

/** [what, how the valid sample is broken, the property the 400 names]. */
const CASES: [string, (r: Report) => void, string][] = [
  ['reportId missing', (r) => delete r.reportId, 'reportId'],
  ['reportId not a UUID', (r) => (r.reportId = 'report-1'), 'reportId'],
  ['reportedBy missing', (r) => delete r.reportedBy, 'reportedBy'],
  ['reporter missing', (r) => (r.reportedBy = {}), 'reportedBy.reporter'],
  ['reporter blank', (r) => (r.reportedBy = { reporter: '   ' }), 'reportedBy.reporter'],
  ['mother missing', (r) => delete (r as Json).mother, 'mother'],
  ['mother with neither number nor date', (r) => (r.mother = { name: { firstName: 'Alex' } }), 'mother'],
  [
    'mother with both number and date',
    (r) => (r.mother = { personalIdentityNumber: { id: '199001012385' }, dateOfBirth: { year: '1990' } }),
    'mother',
  ],
  ['father with neither', (r) => (r.father = {}), 'father'],
  [
    'father with both',
    (r) => (r.father = { personalIdentityNumber: { id: '199001032391' }, dateOfBirth: { year: '1990' } }),
    'father',
  ],
  [
    'number without id',
    (r) => (r.mother = { personalIdentityNumber: { oid: '1.2.3' } }),
    'mother.personalIdentityNumber.id',
  ],
  [
    'number too short',
    (r) => (r.mother = { personalIdentityNumber: { id: '9001012385' } }),
    'mother.personalIdentityNumber.id',
  ],
  [
    'number with letters',
    (r) => (r.mother = { personalIdentityNumber: { id: '19900101-23X5' } }),
    'mother.personalIdentityNumber.id',
  ],
  [
    'number with a month 13',
    (r) => (r.mother = { personalIdentityNumber: { id: '19901301-2385' } }),
    'mother.personalIdentityNumber.id',
  ],
  [
    'number with 30 February',
    (r) => (r.father = { personalIdentityNumber: { id: '19900230-2391' } }),
    'father.personalIdentityNumber.id',
  ],
  [
    'oid not an OID',
    (r) => (r.mother = { personalIdentityNumber: { id: '199001012385', oid: 'pnr' } }),
    'mother.personalIdentityNumber.oid',
  ],
  ['year before 1900', (r) => (r.father = { dateOfBirth: { year: '1899' } }), 'father.dateOfBirth.year'],
  ['year after 2100', (r) => (r.father = { dateOfBirth: { year: '2101' } }), 'father.dateOfBirth.year'],
  ['year of 2 digits', (r) => (r.father = { dateOfBirth: { year: '90' } }), 'father.dateOfBirth.year'],
  ['year as a number', (r) => (r.father = { dateOfBirth: { year: 1990 } }), 'father.dateOfBirth.year'],
  ['year missing', (r) => (r.father = { dateOfBirth: { month: '01' } }), 'father.dateOfBirth.year'],
  ['month 13', (r) => (r.father = { dateOfBirth: { year: '1990', month: '13' } }), 'father.dateOfBirth.month'],
  ['month of 1 digit', (r) => (r.father = { dateOfBirth: { year: '1990', month: '4' } }), 'father.dateOfBirth.month'],
  ['day 32', (r) => (r.father = { dateOfBirth: { year: '1990', month: '01', day: '32' } }), 'father.dateOfBirth.day'],
  ['day 00', (r) => (r.father = { dateOfBirth: { year: '1990', month: '01', day: '00' } }), 'father.dateOfBirth.day'],
  ['day without month', (r) => (r.father = { dateOfBirth: { year: '1990', day: '04' } }), 'father.dateOfBirth.day'],
  ['no such date', (r) => (r.father = { dateOfBirth: { year: '1990', month: '02', day: '29' } }), 'father.dateOfBirth'],
  ['child missing', (r) => delete (r as Json).child, 'child'],
  ['child date missing', (r) => delete r.child.date, 'child.date'],
  ['child date after today', (r) => (r.child.date = '2026-11-25'), 'child.date'],
  ['child date not a date', (r) => (r.child.date = '2026-02-30'), 'child.date'],
  ['child date without dashes', (r) => (r.child.date = '20261120'), 'child.date'],
  ['gender missing', (r) => delete r.child.gender, 'child.gender'],
  ['gender not one of the three', (r) => (r.child.gender = 'boy'), 'child.gender'],
  ['municipality missing', (r) => delete r.child.municipality, 'child.municipality'],
  ['municipality blank', (r) => (r.child.municipality = ''), 'child.municipality'],
  ['aliveAtBirth missing', (r) => delete r.child.aliveAtBirth, 'child.aliveAtBirth'],
  ['aliveAtBirth as text', (r) => (r.child.aliveAtBirth = 'true'), 'child.aliveAtBirth'],
  ['order missing', (r) => delete r.child.order, 'child.order'],
  ['order 0', (r) => (r.child.order = 0), 'child.order'],
  ['order not whole', (r) => (r.child.order = 1.5), 'child.order'],
  [
    'order above totalNumberOfChildren',
    (r) => {
      r.child.order = 3;
      r.totalNumberOfChildren = 2;
    },
    'child.order',
  ],
  ['totalNumberOfChildren missing', (r) => delete r.totalNumberOfChildren, 'totalNumberOfChildren'],
  ['totalNumberOfChildren 0', (r) => (r.totalNumberOfChildren = 0), 'totalNumberOfChildren'],
  ['totalNumberOfChildren 10', (r) => (r.totalNumberOfChildren = 10), 'totalNumberOfChildren'],
  ['6 residentialAddress lines', (r) => (r.residentialAddress = ['a', 'b', 'c', 'd', 'e', 'f']), 'residentialAddress'],
  [
    '6 foreign address lines',
    (r) => (r.residentialAddressAbroad = ['a', 'b', 'c', 'd', 'e', 'f']),
    'residentialAddressAbroad',
  ],
  ['6 phone numbers', (r) => (r.phoneNumber = ['1', '2', '3', '4', '5', '6']), 'phoneNumber'],
  ['a phone number not text', (r) => (r.phoneNumber = [70_000_000]), 'phoneNumber[0]'],
];

describe('Birth report (REST): field rules → 400 with invalidParameters', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(() => server.close());

  for (const [what, breakIt, property] of CASES) {
    it(`${what} → 400 naming ${property}`, async () => {
      const answer = await post(server.url + PATH, sampleReport(breakIt));
      expect(properties(answer)).to.deep.equal([property]);
      const [parameter] = answer.body.invalidParameters as { reason: string; value: unknown }[];
      expect(parameter?.reason).to.be.a('string').and.not.equal('');
    });
  }

  it('lists every violation at once, schema and service rules together, each with its value', async () => {
    const answer = await post(
      server.url + PATH,
      sampleReport((r) => {
        r.reportId = 'nope';
        r.mother = { personalIdentityNumber: { id: '199001012385' }, dateOfBirth: { year: '1800' } };
        r.child.date = '2027-01-01';
        r.child.gender = 'X';
        r.child.order = 4;
        r.totalNumberOfChildren = 2;
        r.phoneNumber = ['1', '2', '3', '4', '5', '6'];
      }),
    );
    expect(properties(answer)).to.have.members([
      'reportId',
      'mother',
      'mother.dateOfBirth.year',
      'child.date',
      'child.gender',
      'child.order',
      'phoneNumber',
    ]);
    const byProperty = new Map(
      (answer.body.invalidParameters as { property: string; value: unknown; reason: string }[]).map((p) => [
        p.property,
        p,
      ]),
    );
    expect(byProperty.get('reportId')?.value).to.equal('nope');
    expect(byProperty.get('child.date')?.reason).to.contain(TODAY);
    expect(byProperty.get('child.order')?.value).to.equal('4');
    expect(Object.keys(answer.body.invalidParameters as object[])).to.have.length(7);
    expect(Object.keys((answer.body.invalidParameters as object[])[0] as object)).to.deep.equal([
      'reason',
      'value',
      'property',
    ]);
  });

  it('gives a missing field the value null, and each error its own errorId', async () => {
    const first = await post(
      server.url + PATH,
      sampleReport((r) => delete r.reportId),
    );
    const second = await post(
      server.url + PATH,
      sampleReport((r) => delete r.reportId),
    );
    expect((first.body.invalidParameters as { value: unknown }[])[0]?.value).to.equal(null);
    expect(first.body.errorId).to.be.a('string').and.not.equal(second.body.errorId);
    expect(first.body).to.include({ title: 'Bad Request', status: 400 });
  });

  it('refuses a body that is not an object', async () => {
    expect(properties(await post(server.url + PATH, []))).to.deep.equal(['body']);
  });

  it('refuses an X-Emulator-Error it cannot emulate', async () => {
    const answer = await post(server.url + PATH, sampleReport(), { 'X-Emulator-Error': '418' });
    expect(properties(answer)).to.deep.equal(['X-Emulator-Error']);
  });

  it('accepts the boundaries: years 1900 and 2100, 5 lines each, 9 children, a child born today', async () => {
    const answer = await post(
      server.url + PATH,
      sampleReport((r) => {
        r.father = { dateOfBirth: { year: '1900', month: '02', day: '28' } };
        r.residentialAddress = ['1', '2', '3', '4', '5'];
        r.residentialAddressAbroad = ['1', '2', '3', '4', '5'];
        r.phoneNumber = ['1', '2', '3', '4', '5'];
        r.totalNumberOfChildren = 9;
        r.child.order = 9;
        r.child.date = TODAY;
      }),
    );
    expect(answer.status, JSON.stringify(answer.body)).to.equal(201);
    const other = await post(
      server.url + PATH,
      sampleReport((r) => (r.father = { dateOfBirth: { year: '2100' } })),
    );
    expect(other.status, JSON.stringify(other.body)).to.equal(201);
    expectShape('BirthReportCreated', other.body);
  });
});
