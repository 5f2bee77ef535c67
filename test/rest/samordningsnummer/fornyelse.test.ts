import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { SqliteRegistryStore } from '../../../src/store/registry-store.js';
import { openDatabase, type SqliteDatabase } from '../../../src/store/sqlite.js';
import { TODAY } from '../../support/fraga.js';
import { testnummer } from '../../../src/population/testnummer.js';
import { accessToken, anmal, ANMAL, call, errorsOf, NUMMER, startSkv, type SkvServer } from './support.js';

const TITLE = 'Valideringsfel vid anrop till: /m2m/v1/fornyelse/anmal';

interface Kvitto {
  status: string;
  samordningsnummer: string;
  ingivarnamn: string;
  mottagen: string;
  aktivTom: string;
  redanFornyat: boolean;
}

describe('Samordningsnummer (REST): the test numbers', () => {
  it("come from Skatteverket's CC0 test lists", () => {
    const samordning = new Set(testnummer('samordningsnummer'));
    for (const n of [
      ...NUMMER.vilande,
      ...NUMMER.aktuella,
      ...NUMMER.ejAktuella.map((e) => e.nummer),
      ...NUMMER.okanda,
    ])
      expect(samordning.has(n), n).to.equal(true);
    expect(testnummer('personnummer')).to.include(NUMMER.personnummer);
  });
});

describe('Samordningsnummer (REST): POST /fornyelse/anmal', () => {
  let server: SkvServer;
  let token: string;
  before(async () => {
    server = await startSkv();
    token = await accessToken(server.url);
  });
  after(() => server.close());

  it('200 MOTTAGEN for a vilande number: active again to the end of the fifth year after today', async () => {
    const nummer = NUMMER.vilande[0]!;
    const a = await anmal(server.url, token, nummer);
    expect(a.status, a.text).to.equal(200);
    const kvitto = a.body as Kvitto;
    expect(kvitto).to.include({
      status: 'MOTTAGEN',
      samordningsnummer: nummer,
      ingivarnamn: 'Polismyndigheten, register',
      aktivTom: '2031-12-31',
      redanFornyat: false,
    });
    expect(Date.parse(kvitto.mottagen)).to.be.closeTo(Date.now(), 60_000);
  });

  it('200 for a number in its last active year (on its way to becoming vilande)', async () => {
    for (const nummer of NUMMER.aktuella.slice(0, 2)) {
      const a = await anmal(server.url, token, nummer);
      expect(a.status, `${nummer} ${a.text}`).to.equal(200);
      expect(a.body).to.include({ aktivTom: '2031-12-31', redanFornyat: false });
    }
  });

  it('registers the renewal with the population, so every service sees it (status FORNYAD since today)', async () => {
    const nummer = NUMMER.vilande[1]!;
    expect(server.population.person(nummer, TODAY)!.registrering).to.equal(undefined);
    expect((await anmal(server.url, token, nummer, 'Migrationsverket')).status).to.equal(200);
    const registrering = server.population.person(nummer, TODAY)!.registrering!;
    expect(registrering).to.deep.include({ status: 'FORNYAD', since: TODAY });
    expect(registrering.details).to.include({
      ingivarnamn: 'Migrationsverket',
      aktivTom: '2031-12-31',
      varVilande: true,
    });
  });

  it('is idempotent per number: the same receipt again, redanFornyat true, nothing new registered', async () => {
    const nummer = NUMMER.vilande[2]!;
    const first = (await anmal(server.url, token, nummer, 'Polismyndigheten, register')).body as Kvitto;
    const again = await anmal(server.url, token, nummer, 'Försäkringskassan');
    expect(again.status).to.equal(200);
    expect(again.body).to.deep.equal({ ...first, redanFornyat: true });
    expect(server.population.person(nummer, TODAY)!.registrering!.details).to.include({
      ingivarnamn: 'Polismyndigheten, register',
    });
  });

  it('answers concurrent anmälningar of one number with one renewal', async () => {
    const nummer = NUMMER.vilande[3]!;
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) => anmal(server.url, token, nummer, `Myndighet ${i}`)),
    );
    expect(answers.map((a) => a.status)).to.deep.equal([200, 200, 200, 200, 200, 200]);
    const receipts = answers.map((a) => a.body as Kvitto);
    expect(receipts.filter((k) => !k.redanFornyat)).to.have.length(1);
    expect(new Set(receipts.map((k) => k.mottagen)).size).to.equal(1);
  });

  it('400 FORNYELSE_EJ_AKTUELL for a number not yet in its last active year', async () => {
    for (const { nummer, aktivTom, kanFornyasFran } of NUMMER.ejAktuella) {
      const a = await anmal(server.url, token, nummer);
      expect(a.status, nummer).to.equal(400);
      expect(errorsOf(a)).to.deep.equal([
        {
          source: 'samordningsnummer',
          type: 'FORNYELSE_EJ_AKTUELL',
          title: TITLE,
          description: `Samordningsnumret ${nummer} är aktivt till och med ${aktivTom}; det kan förnyas tidigast ${kanFornyasFran}.`,
        },
      ]);
      expect(server.population.person(nummer, TODAY)!.registrering).to.equal(undefined);
    }
  });

  it('400 SAMORDNINGSNUMMER_SAKNAS for a well-formed number that is not assigned (yet)', async () => {
    for (const nummer of NUMMER.okanda) {
      const a = await anmal(server.url, token, nummer);
      expect(a.status, nummer).to.equal(400);
      expect(errorsOf(a)).to.deep.equal([
        {
          source: 'samordningsnummer',
          type: 'SAMORDNINGSNUMMER_SAKNAS',
          title: TITLE,
          description: `Samordningsnumret ${nummer} finns inte hos Skatteverket.`,
        },
      ]);
    }
  });

  it('400 for a number that is not a samordningsnummer: a personnummer, a wrong check digit, no such date', async () => {
    const wrongCheckDigit = NUMMER.vilande[4]!.slice(0, 11) + String((Number(NUMMER.vilande[4]!.slice(11)) + 1) % 10);
    const cases: [string, string][] = [
      [NUMMER.personnummer, '{samordningsnummer must be a samordningsnummer (day of birth + 60), not a personnummer}'],
      [wrongCheckDigit, '{samordningsnummer must have a valid check digit}'],
      ['191413702390', '{samordningsnummer must contain a valid date}'],
    ];
    for (const [nummer, description] of cases) {
      const a = await anmal(server.url, token, nummer);
      expect(a.status, nummer).to.equal(400);
      expect(errorsOf(a)).to.deep.equal([{ source: null, type: null, title: TITLE, description }]);
    }
  });

  it("400 with the seed's errors[] shape for a malformed anmälan", async () => {
    const cases: [unknown, string[]][] = [
      [{ ingivarnamn: 'P', samordningsnummer: '1914016823' }, ['{samordningsnummer must match "\\d{12}"}']],
      [{ ingivarnamn: 'P', samordningsnummer: '19140168239x' }, ['{samordningsnummer must match "\\d{12}"}']],
      [{ ingivarnamn: 'P', samordningsnummer: 191401682396 }, ['{samordningsnummer must be a string}']],
      [{ samordningsnummer: '191401682396' }, ['{ingivarnamn must not be null}']],
      [{ ingivarnamn: '   ', samordningsnummer: '191401682396' }, ['{ingivarnamn must not be blank}']],
      [{ ingivarnamn: '', samordningsnummer: '191401682396' }, ['{ingivarnamn must not be blank}']],
      [
        { ingivarnamn: 'x'.repeat(201), samordningsnummer: '191401682396' },
        ['{ingivarnamn size must be between 1 and 200}'],
      ],
      [{}, ['{ingivarnamn must not be null}', '{samordningsnummer must not be null}']],
      [[], ['{body must be an object}']],
    ];
    for (const [body, descriptions] of cases) {
      const a = await call(server.url, 'POST', ANMAL, { token, body });
      expect(a.status, JSON.stringify(body)).to.equal(400);
      expect(errorsOf(a)).to.deep.equal(
        descriptions.map((description) => ({ source: null, type: null, title: TITLE, description })),
      );
    }
  });

  it('400 for a body that is not JSON, or too large', async () => {
    const headers = { 'content-type': 'application/json' };
    const broken = await call(server.url, 'POST', ANMAL, { token, raw: '{"ingivarnamn": ', headers });
    expect(broken.status).to.equal(400);
    expect(errorsOf(broken)[0]).to.deep.equal({
      source: null,
      type: null,
      title: TITLE,
      description: '{body must be valid JSON}',
    });
    const huge = await call(server.url, 'POST', ANMAL, {
      token,
      raw: JSON.stringify({ ingivarnamn: 'x'.repeat(70_000), samordningsnummer: '191401682396' }),
      headers,
    });
    expect(huge.status).to.equal(400);
    expect(errorsOf(huge)[0]!.description).to.equal('{body must not be larger than 64kb}');
  });

  it('ignores fields it does not know', async () => {
    const a = await call(server.url, 'POST', ANMAL, {
      token,
      body: { ingivarnamn: 'P', samordningsnummer: NUMMER.vilande[5]!, annat: true },
    });
    expect(a.status, a.text).to.equal(200);
  });
});

describe('Samordningsnummer (REST): renewals survive a restart', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samordningsnummer-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("keeps the renewal, its receipt and the population's status in the store file", async () => {
    const storePath = path.join(dir, 'store.sqlite');
    const nummer = NUMMER.vilande[6]!;
    const first = await startSkv({ storePath });
    let kvitto: Kvitto;
    try {
      const a = await anmal(first.url, await accessToken(first.url), nummer, 'Skolverket');
      expect(a.status).to.equal(200);
      kvitto = a.body as Kvitto;
    } finally {
      await first.close();
    }
    const second = await startSkv({ storePath });
    try {
      expect(second.population.person(nummer, TODAY)!.registrering).to.deep.include({
        status: 'FORNYAD',
        since: TODAY,
      });
      const again = await anmal(second.url, await accessToken(second.url), nummer, 'Någon annan');
      expect(again.status).to.equal(200);
      expect(again.body).to.deep.equal({ ...kvitto, redanFornyat: true });
    } finally {
      await second.close();
    }
  });

  it('a renewed number keeps its receipt for the period and is due again in the fifth calendar year', async () => {
    const storePath = path.join(dir, 'years.sqlite');
    const nummer = NUMMER.vilande[7]!;
    const now = await startSkv({ storePath });
    let kvitto: Kvitto;
    try {
      const a = await anmal(now.url, await accessToken(now.url), nummer);
      expect(a.status).to.equal(200);
      kvitto = a.body as Kvitto;
    } finally {
      await now.close();
    }
    const later = await startSkv({ storePath, today: '2030-12-31' });
    try {
      const a = await anmal(later.url, await accessToken(later.url), nummer);
      expect(a.status).to.equal(200);
      expect(a.body).to.deep.equal({ ...kvitto, redanFornyat: true });
    } finally {
      await later.close();
    }
    const due = await startSkv({ storePath, today: '2031-01-01' });
    try {
      const a = await anmal(due.url, await accessToken(due.url), nummer);
      expect(a.status, a.text).to.equal(200);
      expect(a.body).to.include({ aktivTom: '2036-12-31', redanFornyat: false });
      expect(due.population.person(nummer, '2031-01-01')!.registrering).to.deep.include({ since: '2031-01-01' });
    } finally {
      await due.close();
    }
  });
});

describe('Samordningsnummer (REST): a status set by another service', () => {
  let dir: string;
  let server: SkvServer;
  let registry: SqliteRegistryStore;
  let db: SqliteDatabase;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samordningsnummer-'));
    const storePath = path.join(dir, 'store.sqlite');
    server = await startSkv({ storePath });
    // A second connection to the same store: what another adapter writes to the shared registry.
    db = openDatabase(storePath);
    registry = new SqliteRegistryStore(db);
  });
  after(async () => {
    db.close();
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a renewal registered elsewhere counts: 400 naming the day it was renewed', async () => {
    const renewed = NUMMER.aktuella[2]!;
    registry.put({ personidentitet: renewed, status: 'FORNYAD', since: '2026-03-01', details: {} });
    const a = await anmal(server.url, await accessToken(server.url), renewed);
    expect(a.status).to.equal(400);
    expect(errorsOf(a)[0]!.description).to.equal(
      `Samordningsnumret ${renewed} förnyades 2026-03-01 och är aktivt till och med 2031-12-31; det kan förnyas tidigast 2031-01-01.`,
    );
  });

  it('a number declared VILANDE can be renewed even within its active years', async () => {
    const vilande = NUMMER.ejAktuella[4]!.nummer;
    registry.put({ personidentitet: vilande, status: 'VILANDE', since: '2026-11-01', details: {} });
    const b = await anmal(server.url, await accessToken(server.url), vilande);
    expect(b.status, b.text).to.equal(200);
    expect(server.population.person(vilande, TODAY)!.registrering).to.deep.include({ status: 'FORNYAD', since: TODAY });
    expect(registry.get(vilande)!.details).to.include({ varVilande: true });
  });
});
