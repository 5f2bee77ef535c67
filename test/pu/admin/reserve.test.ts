import { expect } from 'chai';
import { nridProblems, parseNrid } from '../../../src/pu/reserve/nrid.js';
import type { TestServer } from '../../support/server.js';
import {
  PERSONNUMMER,
  SAMORDNINGSNUMMER,
  call,
  expectProblem,
  expectShape,
  nameOf,
  start,
  type Json,
} from './support.js';

describe('PU admin: reserve identities', () => {
  let server: TestServer;
  before(async () => {
    server = await start();
  });
  after(() => server.close());

  const national = async (person?: Json): Promise<Json> => {
    const answer = await call(server, 'POST', '/reserve-identities/national', { body: person ? { person } : {} });
    expect(answer.status, answer.text).to.equal(201);
    expectShape('ReserveIdentity', answer.body);
    expect(answer.headers.get('location')).to.equal(`/pu/admin/v1/reserve-identities/${String(answer.body.id)}`);
    return answer.body;
  };

  describe('national reserve numbers (NRID)', () => {
    it('carries the birth date and sex of the person data, with a valid check digit', async () => {
      const created = await national({ fornamn: 'Okänd', efternamn: 'Patient', fodelsedatum: '1985-03-12', kon: 'K' });
      const id = String(created.id);
      expect(id).to.match(/^22850312[A-Z]{2}[02468][0-9]$/);
      expect(nridProblems(id)).to.deep.equal([]);
      expect(parseNrid(id)).to.deep.include({ birthDate: '1985-03-12', sex: 'K' });
      expect(created).to.deep.include({
        kind: 'NATIONAL',
        person: { fornamn: 'Okänd', efternamn: 'Patient', fodelsedatum: '1985-03-12', kon: 'K' },
      });
    });

    it('is 00000000 and X without a birth date and sex; a man gets an odd digit', async () => {
      expect(String((await national()).id)).to.match(/^00000000[A-Z]{2}X[0-9]$/);
      expect(String((await national({ fodelsedatum: '2024-02-29', kon: 'M' })).id)).to.match(
        /^23240229[A-Z]{2}[13579][0-9]$/,
      );
    });

    it('never hands out the same number twice', async () => {
      const ids = new Set<string>();
      for (let i = 0; i < 60; i++) ids.add(String((await national({ fodelsedatum: '2001-01-01', kon: 'K' })).id));
      expect(ids.size).to.equal(60);
      for (const id of ids) expect(nridProblems(id)).to.deep.equal([]);
    });

    it('refuses a birth date after today or before 1800, and unknown fields', async () => {
      let problem = expectProblem(
        await call(server, 'POST', '/reserve-identities/national', {
          body: { person: { fodelsedatum: '2099-01-01' } },
        }),
        400,
      );
      expect(problem.errors).to.deep.equal([
        { pointer: '/person/fodelsedatum', detail: 'must be a date between 1800-01-01 and today' },
      ]);
      problem = expectProblem(
        await call(server, 'POST', '/reserve-identities/national', {
          body: { person: { fodelsedatum: '1799-12-31' } },
        }),
        400,
      );
      expect((problem.errors as Json[])[0]?.pointer).to.equal('/person/fodelsedatum');
      problem = expectProblem(
        await call(server, 'POST', '/reserve-identities/national', { body: { person: { kon: 'X', nickname: 'a' } } }),
        400,
      );
      expect((problem.errors as Json[]).map((e) => e.pointer)).to.have.members(['/person/kon', '/person/nickname']);
    });
  });

  describe('regional reserve numbers', () => {
    it('registers one in a configured format, once', async () => {
      const body = { id: '99850312K123', format: 'EXEMPEL', person: { efternamn: 'Okänd' } };
      const answer = await call(server, 'POST', '/reserve-identities/regional', { body });
      expect(answer.status, answer.text).to.equal(201);
      expect(answer.body).to.deep.include({ id: '99850312K123', kind: 'REGIONAL', format: 'EXEMPEL' });
      const again = expectProblem(await call(server, 'POST', '/reserve-identities/regional', { body }), 409);
      expect(again.detail).to.match(/already registered/);
    });

    it('refuses a number not in the format, and an unknown format, saying why', async () => {
      let problem = expectProblem(
        await call(server, 'POST', '/reserve-identities/regional', { body: { id: '99850312K12', format: 'EXEMPEL' } }),
        400,
      );
      expect(problem.errors).to.deep.equal([
        {
          pointer: '/id',
          detail:
            'does not match format EXEMPEL: 99, the birth date YYMMDD, a capital letter and three digits, e.g. 99850312K123 (example format)',
        },
      ]);
      problem = expectProblem(
        await call(server, 'POST', '/reserve-identities/regional', { body: { id: '99850312K123', format: 'NOPE' } }),
        400,
      );
      expect(problem.errors).to.deep.equal([
        { pointer: '/format', detail: 'there is no regional reserve format NOPE' },
      ]);
    });
  });

  describe('person data, links and search', () => {
    it('adds person data (merge), links once, and is found by reserve id and by name', async () => {
      const id = String((await national({ kon: 'M' })).id);
      let answer = await call(server, 'PATCH', `/reserve-identities/${id}/person`, {
        body: { fornamn: 'Zebulon', efternamn: 'Reservsson' },
      });
      expect(answer.status, answer.text).to.equal(200);
      expect(answer.body.person).to.deep.equal({ kon: 'M', fornamn: 'Zebulon', efternamn: 'Reservsson' });

      const pnr = PERSONNUMMER[10] as string;
      answer = await call(server, 'PUT', `/reserve-identities/${id}/link`, { body: { personidentitet: pnr } });
      expect(answer.status, answer.text).to.equal(200);
      expect(answer.body.linkedTo).to.equal(pnr);
      expect(
        (await call(server, 'PUT', `/reserve-identities/${id}/link`, { body: { personidentitet: pnr } })).status,
      ).to.equal(200);
      const other = SAMORDNINGSNUMMER[0] as string;
      expect(
        expectProblem(
          await call(server, 'PUT', `/reserve-identities/${id}/link`, { body: { personidentitet: other } }),
          409,
        ).detail,
      ).to.equal(`reserve identity ${id} is already linked to ${pnr}`);

      answer = await call(server, 'GET', `/persons?reservId=${id}`);
      expect(answer.body.persons).to.deep.equal([
        { id, typ: 'NATIONAL_RESERVE', kon: 'M', fornamn: 'Zebulon', efternamn: 'Reservsson', linkedTo: pnr },
      ]);
      answer = await call(server, 'GET', `/persons?personidentitet=${pnr}`);
      const [person] = answer.body.persons as Json[];
      expectShape('PersonRecord', person);
      expect(person).to.deep.include({ id: pnr, typ: 'PERSONNUMMER', reservidentiteter: [id], ...nameOf(pnr) });

      answer = await call(server, 'GET', `/persons?namn=${encodeURIComponent('zebulon RESERV')}`);
      expect((answer.body.persons as Json[]).map((p) => p.id)).to.deep.equal([id]);
      // The linked person is known now, so a search by their generated name finds them too.
      const { fornamn, efternamn } = nameOf(pnr);
      answer = await call(server, 'GET', `/persons?namn=${encodeURIComponent(`${fornamn} ${efternamn}`)}`);
      expect((answer.body.persons as Json[]).map((p) => p.id)).to.include(pnr);
    });

    it('refuses a link to an invalid number and answers 404 for an unknown reserve id', async () => {
      const id = String((await national()).id);
      const n = PERSONNUMMER[0] as string;
      const wrong = `${n.slice(0, 11)}${(Number(n[11]) + 1) % 10}`;
      const problem = expectProblem(
        await call(server, 'PUT', `/reserve-identities/${id}/link`, { body: { personidentitet: wrong } }),
        400,
      );
      expect(problem.errors).to.deep.equal([{ pointer: '/personidentitet', detail: 'the check digit is wrong' }]);
      expectProblem(await call(server, 'GET', '/reserve-identities/22850312AB30'), 404);
      const bad = expectProblem(await call(server, 'GET', '/reserve-identities/22850312AB31'), 400);
      expect(bad.errors).to.deep.equal([{ parameter: 'id', detail: 'check digit is 1, expected 0' }]);
      expect((await call(server, 'GET', `/reserve-identities/${id}`)).body.id).to.equal(id);
    });

    it('finds nothing for an unknown reserve id and an unknown name', async () => {
      expect((await call(server, 'GET', '/persons?reservId=22850312AB30')).body.persons).to.deep.equal([]);
      expect((await call(server, 'GET', '/persons?namn=Qwxyzzy')).body.persons).to.deep.equal([]);
    });
  });
});
