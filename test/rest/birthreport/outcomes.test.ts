import { expect } from 'chai';
import { luhnCheckDigit } from '../../../src/population/identity.js';
import { startServer, type TestServer } from '../../support/server.js';
import {
  MOTHER,
  MOTHER_SAMORDNING,
  MOUNTED_PATH,
  OTHER_MOTHER,
  PATH,
  expectNewbornNumber,
  expectShape,
  post,
  sampleReport,
  type Answer,
} from './support.js';

function confirmationCode(answer: Answer): string {
  expect(answer.status, JSON.stringify(answer.body)).to.equal(202);
  expectShape('BirthReportAccepted', answer.body);
  return (answer.body.message as { messageConfirmationCode: string }).messageConfirmationCode;
}

describe('Birth report (REST): 201 with a new personnummer', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startServer();
  });
  afterEach(() => server.close());

  it('gives a girl a valid number: her birth date, an even sex digit, the right check digit', async () => {
    const report = sampleReport();
    const answer = await post(server.url + PATH, report);
    expect(answer.status, JSON.stringify(answer.body)).to.equal(201);
    expectShape('BirthReportCreated', answer.body);
    expect(answer.body.reportId).to.equal(report.reportId);
    expectNewbornNumber(answer.body.personalIdentityNumber, '2026-11-20', 'GIRL');
  });

  it('gives a boy an odd sex digit, also at the mount path', async () => {
    const answer = await post(
      server.url + MOUNTED_PATH,
      sampleReport((r) => (r.child.gender = 'BOY')),
    );
    expect(answer.status).to.equal(201);
    expectNewbornNumber(answer.body.personalIdentityNumber, '2026-11-20', 'BOY');
  });

  it('reads the mother’s number with -, + or no separator, and accepts a samordningsnummer', async () => {
    const ids = [`${MOTHER.slice(0, 8)}+${MOTHER.slice(8)}`, OTHER_MOTHER, MOTHER_SAMORDNING];
    for (const id of ids) {
      const answer = await post(
        server.url + PATH,
        sampleReport((r) => (r.mother = { personalIdentityNumber: { id } })),
      );
      expect(answer.status, id).to.equal(201);
    }
  });

  it('needs no father, and takes a father known only by his date of birth', async () => {
    const noFather = await post(
      server.url + PATH,
      sampleReport((r) => delete r.father),
    );
    const byDate = await post(
      server.url + PATH,
      sampleReport((r) => {
        r.father = { dateOfBirth: { year: '1988', month: '04' }, name: { firstName: 'Alex' } };
        r.child.date = '2026-11-21';
      }),
    );
    expect([noFather.status, byDate.status]).to.deep.equal([201, 201]);
  });

  it('gives twins different numbers', async () => {
    const twin = (order: number) =>
      sampleReport((r) => {
        r.mother = { personalIdentityNumber: { id: OTHER_MOTHER } };
        r.child.date = '2026-11-22';
        r.child.order = order;
        r.totalNumberOfChildren = 2;
      });
    const first = await post(server.url + PATH, twin(1));
    const second = await post(server.url + PATH, twin(2));
    expect([first.status, second.status]).to.deep.equal([201, 201]);
    expect(first.body.personalIdentityNumber).to.not.equal(second.body.personalIdentityNumber);
  });

  it('never hands out a number twice: 405 children over 15 days, all valid', async () => {
    // Each child distinct: three mothers, nine children per delivery, one delivery per mother and day.
    const numbers = new Set<string>();
    let n = 0;
    for (let day = 10; day <= 24; day++) {
      for (const mother of [MOTHER, OTHER_MOTHER, MOTHER_SAMORDNING]) {
        for (let order = 1; order <= 9; order++) {
          const gender = n++ % 2 === 0 ? 'BOY' : 'GIRL';
          const date = `2026-11-${day}`;
          const answer = await post(
            server.url + PATH,
            sampleReport((r) => {
              r.mother = { personalIdentityNumber: { id: mother } };
              r.child = { ...r.child, date, gender, order };
              r.totalNumberOfChildren = 9;
            }),
          );
          expect(answer.status, JSON.stringify(answer.body)).to.equal(201);
          expectNewbornNumber(answer.body.personalIdentityNumber, date, gender);
          numbers.add(answer.body.personalIdentityNumber as string);
        }
      }
    }
    expect(numbers.size).to.equal(405);
  });
});

describe('Birth report (REST): 202 manual handling with a confirmation code', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startServer();
  });
  afterEach(() => server.close());

  it('201: a second report of the same child under a new reportId (the seed’s own code and texts)', async () => {
    const first = await post(
      server.url + PATH,
      sampleReport((r) => (r.child.date = '2026-11-18')),
    );
    expect(first.status).to.equal(201);
    const again = await post(
      server.url + PATH,
      sampleReport((r) => {
        r.child.date = '2026-11-18';
        r.reportedBy = { reporter: 'Another midwife' };
      }),
    );
    expect(confirmationCode(again)).to.equal('201');
    expect(again.body.message).to.deep.equal({
      message: 'Anmälan mottagen. Skatteverket skickar underrättelse till barnets förälder.',
      description: 'Anmälan avser inte "nyanmälan", tilldelning av personnummer får inte ske',
      messageConfirmationCode: '201',
    });
  });

  it('202: a stillborn child gets no number', async () => {
    const answer = await post(
      server.url + PATH,
      sampleReport((r) => (r.child.aliveAtBirth = false)),
    );
    expect(confirmationCode(answer)).to.equal('202');
    expect(answer.body).to.not.have.property('personalIdentityNumber');
  });

  it('203: a mother known only by her date of birth is not in the population', async () => {
    const answer = await post(
      server.url + PATH,
      sampleReport((r) => (r.mother = { dateOfBirth: { year: '1990', month: '01', day: '01' } })),
    );
    expect(confirmationCode(answer)).to.equal('203');
  });

  it('203: a mother’s number with a wrong check digit is nobody in the population', async () => {
    // A CC0 test number with its check digit changed: no one can have it.
    const wrong = `${MOTHER.slice(0, 11)}${(luhnCheckDigit(MOTHER.slice(2, 11)) + 1) % 10}`;
    const answer = await post(
      server.url + PATH,
      sampleReport((r) => (r.mother = { personalIdentityNumber: { id: wrong } })),
    );
    expect(confirmationCode(answer)).to.equal('203');
  });

  it('203: a newborn reported here cannot be a mother', async () => {
    const born = await post(
      server.url + PATH,
      sampleReport((r) => (r.child.date = '2026-11-23')),
    );
    const id = born.body.personalIdentityNumber as string;
    const answer = await post(
      server.url + PATH,
      sampleReport((r) => (r.mother = { personalIdentityNumber: { id } })),
    );
    expect(confirmationCode(answer)).to.equal('203');
  });

  it('204: born more than 14 days back; 14 days back is still on time', async () => {
    const late = await post(
      server.url + PATH,
      sampleReport((r) => (r.child.date = '2026-11-09')),
    );
    expect(confirmationCode(late)).to.equal('204');
    const onTime = await post(
      server.url + PATH,
      sampleReport((r) => {
        r.child.date = '2026-11-10';
        r.mother = { personalIdentityNumber: { id: OTHER_MOTHER } };
      }),
    );
    expect(onTime.status).to.equal(201);
    expectNewbornNumber(onTime.body.personalIdentityNumber, '2026-11-10', 'GIRL');
  });

  it('205: gender UNKNOWN — the sex digit cannot be chosen', async () => {
    const answer = await post(
      server.url + PATH,
      sampleReport((r) => (r.child.gender = 'UNKNOWN')),
    );
    expect(confirmationCode(answer)).to.equal('205');
  });

  it('answers the lowest code when several reasons apply', async () => {
    const answer = await post(
      server.url + PATH,
      sampleReport((r) => {
        r.child.aliveAtBirth = false;
        r.child.gender = 'UNKNOWN';
        r.child.date = '2026-10-01';
      }),
    );
    expect(confirmationCode(answer)).to.equal('202');
  });
});
