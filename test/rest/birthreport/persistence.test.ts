import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { birthNumbers, personnummer } from '../../../src/rest/birthreport/personnummer.js';
import { SqliteRegistryStore } from '../../../src/store/registry-store.js';
import { openDatabase } from '../../../src/store/sqlite.js';
import { startServer } from '../../support/server.js';
import { MOTHER, PATH, TODAY, expectNewbornNumber, post, sampleReport, startApp } from './support.js';

describe('Birth report (REST): the store survives a restart', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'birthreport-'));
    file = path.join(dir, 'store.sqlite');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('keeps reports: the same reportId answers the same number (and the same 202) after a restart', async () => {
    const created = sampleReport();
    const manual = sampleReport((r) => (r.child.aliveAtBirth = false));
    let server = await startServer({ storePath: file });
    const before201 = await post(server.url + PATH, created);
    const before202 = await post(server.url + PATH, manual);
    await server.close();

    server = await startServer({ storePath: file });
    try {
      const after201 = await post(server.url + PATH, created);
      const after202 = await post(server.url + PATH, manual);
      expect([before201.status, after201.status]).to.deep.equal([201, 201]);
      expect(after201.body).to.deep.equal(before201.body);
      expect(after202.body).to.deep.equal(before202.body);
      const conflict = await post(server.url + PATH, { ...created, totalNumberOfChildren: 3 });
      expect(conflict.status).to.equal(422);
      // The same child under a new reportId is a duplicate, also after the restart.
      const duplicate = await post(server.url + PATH, { ...created, reportId: sampleReport().reportId });
      expect(duplicate.status).to.equal(202);
      // A new child the same day never gets the number already handed out.
      const twin = await post(
        server.url + PATH,
        sampleReport((r) => {
          r.child.order = 2;
          r.totalNumberOfChildren = 2;
        }),
      );
      expect(twin.status).to.equal(201);
      expect(twin.body.personalIdentityNumber).to.not.equal(before201.body.personalIdentityNumber);
    } finally {
      await server.close();
    }

    const db = openDatabase(file);
    try {
      const migrations = db.prepare("SELECT version FROM schema_migrations WHERE module = 'birthreport'").all();
      expect(migrations).to.deep.equal([{ version: 1 }]);
      expect(db.prepare('SELECT count(*) AS n FROM birth_report').get()).to.deep.equal({ n: 4 });
    } finally {
      db.close();
    }
  });

  it('206 when every birth number of the date and sex is already someone’s (over HTTP)', async () => {
    const db = openDatabase(file);
    const registry = new SqliteRegistryStore(db);
    for (const n of birthNumbers('BOY')) {
      registry.put({
        personidentitet: personnummer('2026-11-19', n),
        status: 'FODD',
        since: '2026-11-19',
        details: {},
      });
    }
    db.close();
    const server = await startServer({ storePath: file });
    try {
      const boy = await post(
        server.url + PATH,
        sampleReport((r) => (r.child = { ...r.child, date: '2026-11-19', gender: 'BOY' })),
      );
      expect(boy.status).to.equal(202);
      expect((boy.body.message as { messageConfirmationCode: string }).messageConfirmationCode).to.equal('206');
      const girl = await post(
        server.url + PATH,
        sampleReport((r) => {
          r.child = { ...r.child, date: '2026-11-19', gender: 'GIRL', order: 2 };
          r.totalNumberOfChildren = 2;
        }),
      );
      expect(girl.status).to.equal(201);
      expectNewbornNumber(girl.body.personalIdentityNumber, '2026-11-19', 'GIRL');
    } finally {
      await server.close();
    }
  });
});

describe('Birth report (REST): the child joins the population', () => {
  it('is a person with registrering FODD for every service, also after a restart', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'birthreport-'));
    const storePath = path.join(dir, 'store.sqlite');
    try {
      const report = sampleReport((r) => (r.child.gender = 'BOY'));
      let started = await startApp({ storePath });
      const answer = await post(started.url + PATH, report);
      expect(answer.status).to.equal(201);
      const number = answer.body.personalIdentityNumber as string;
      const person = started.app.population.person(number, TODAY);
      expect(person?.identity.birthDate).to.equal('2026-11-20');
      expect(person?.alder).to.equal(0);
      expect(person?.registrering).to.deep.include({ status: 'FODD', since: '2026-11-20' });
      expect(person?.registrering?.details).to.deep.include({
        gender: 'BOY',
        modersPersonidentitet: MOTHER,
        reportId: report.reportId,
        municipality: 'Östersund',
      });
      await started.close();

      started = await startApp({ storePath });
      try {
        expect(started.app.population.person(number, TODAY)?.registrering?.status).to.equal('FODD');
      } finally {
        await started.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a 202 adds nobody to the population', async () => {
    const started = await startApp();
    try {
      const answer = await post(
        started.url + PATH,
        sampleReport((r) => (r.child.gender = 'UNKNOWN')),
      );
      expect(answer.status).to.equal(202);
      const sameDay = [...birthNumbers('BOY'), ...birthNumbers('GIRL')].map((n) => personnummer('2026-11-20', n));
      expect(sameDay.filter((n) => started.app.population.person(n, TODAY)?.registrering)).to.deep.equal([]);
    } finally {
      await started.close();
    }
  });
});
