import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import pg from 'pg';
import { CALLER_HEADERS, sampleReport } from '../rest/birthreport/support.js';
import { NUMMER, SECRET, accessToken, ANMAL } from '../rest/samordningsnummer/support.js';
import { API, CSV_V2_OK, b64, ORG } from '../rest/scb/support.js';
import { request as puRequest, CONSUMERS, at, personRecord } from '../pu/soap/support/pu.js';
import { v10Request } from '../support/requests.js';
import { parseXml } from '../../src/xml/parse.js';
import { readEnvelope } from '../../src/xml/soap.js';
import { childrenNamed } from '../../src/xml/tree.js';
import { NS } from '../../src/xml/namespaces.js';
import { missingTools, Nginx, Postgres, Replica } from './harness.js';

const TODAY = '2026-11-24';
const json = { 'content-type': 'application/json' };

const delivery = () => ({
  Contract: 'demo',
  orgNr: ORG,
  Test: false,
  fileContent: b64(CSV_V2_OK),
  DeliveryFormatName: 'LONERAPPORT_CSV',
  ExternalVersionId: '2',
});

async function soap(url: string, body: string, headers: Record<string, string> = {}) {
  const r = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'text/xml; charset=utf-8', ...headers },
    body,
  });
  return { status: r.status, text: await r.text() };
}

/**
 * Two emulator replicas on one PostgreSQL, behind nginx round-robin (docs/deploy.md, "N replicas"): one state,
 * whichever replica answers.
 */
describe('Replicas on a shared PostgreSQL behind nginx', function () {
  this.timeout(120_000);
  const missing = missingTools();
  let db: Postgres;
  let a: Replica;
  let b: Replica;
  let lb: Nginx;
  let sql: pg.Client;
  let dir: string;

  before(async function () {
    if (missing) {
      console.log(`    (skipped: ${missing})`);
      this.skip();
    }
    db = await Postgres.start();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssbtek-replicas-'));
    const config = path.join(dir, 'emulator.json');
    fs.writeFileSync(
      config,
      JSON.stringify({ oauth2SigningSecret: SECRET, scbProcessingDelayMs: 100, scbClaimLeaseMs: 2_000 }),
    );
    const env = { SSBTEK_STORE: db.url, SSBTEK_TODAY: TODAY, SSBTEK_LOG_LEVEL: 'info' };
    a = await Replica.start(env, config);
    b = await Replica.start(env, config);
    lb = await Nginx.start([a.port, b.port]);
    sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
  });

  after(async () => {
    await sql?.end();
    lb?.stop();
    a?.kill('SIGTERM');
    b?.kill('SIGTERM');
    db?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a birth reported through A is found by a PU lookup and an SSBTEK query on B', async () => {
    const report = sampleReport();
    const created = await fetch(`${a.url}/v1/birthreport`, {
      method: 'POST',
      headers: { ...json, ...CALLER_HEADERS },
      body: JSON.stringify(report),
    });
    expect(created.status).to.equal(201);
    const number = ((await created.json()) as { personalIdentityNumber: string }).personalIdentityNumber;

    // B's in-memory registry knows the child (via NOTIFY): a newborn cannot be a mother, so a report naming the
    // child as mother needs manual handling (202) on B.
    const motherIsNewborn = sampleReport((r) => {
      r.mother = { personalIdentityNumber: { id: number } };
      r.child = { ...r.child, date: '2026-11-22' };
    });
    const manual = await fetch(`${b.url}/v1/birthreport`, {
      method: 'POST',
      headers: { ...json, ...CALLER_HEADERS },
      body: JSON.stringify(motherIsNewborn),
    });
    expect(manual.status).to.equal(202);

    const lookup = await soap(`${b.url}/pu/v5/GetPersonsForProfile`, puRequest([number], 'P4'), {
      'X-PU-Consumer': CONSUMERS.extended,
    });
    expect(lookup.status, lookup.text).to.equal(200);
    const { payload } = readEnvelope(parseXml(Buffer.from(lookup.text)).root);
    const record = personRecord(childrenNamed(payload, NS.puGetPersons, 'requestedPersonRecord')[0]);
    expect(at(record, 'birth', 'dateOfBirth', 'value')).to.equal('2026-11-20');

    // The same report again on B: the same number (the reportId's answer is in the shared store).
    const again = await fetch(`${b.url}/v1/birthreport`, {
      method: 'POST',
      headers: { ...json, ...CALLER_HEADERS },
      body: JSON.stringify(report),
    });
    expect(again.status).to.equal(201);
    expect(((await again.json()) as { personalIdentityNumber: string }).personalIdentityNumber).to.equal(number);

    const query = await soap(`${b.url}/ssbtek`, v10Request({ personidentitet: number, include: ['SKV'] }));
    expect(query.status, query.text).to.equal(200);
    expect(query.text).to.include(number);
  });

  it('a renewal through A shows on B (PU P4 renewal date) and is not made twice through B', async () => {
    const nummer = NUMMER.vilande[0]!;
    const token = await accessToken(lb.url);
    const renew = (url: string) =>
      fetch(`${url}${ANMAL}`, {
        method: 'POST',
        headers: { ...json, authorization: `Bearer ${token}`, skv_client_correlation_id: randomUUID() },
        body: JSON.stringify({ ingivarnamn: 'Replica test', samordningsnummer: nummer }),
      });
    expect((await renew(a.url)).status).to.equal(200);
    const repeated = await renew(b.url);
    expect(repeated.status).to.equal(200);
    const lookup = await soap(`${b.url}/pu/v5/GetPersonsForProfile`, puRequest([nummer], 'P4'), {
      'X-PU-Consumer': CONSUMERS.extended,
    });
    const { payload } = readEnvelope(parseXml(Buffer.from(lookup.text)).root);
    const record = personRecord(childrenNamed(payload, NS.puGetPersons, 'requestedPersonRecord')[0]);
    expect(at(record, 'coOrdinationNumberData', 'renewalDate', 'value')).to.equal(TODAY);
    const { rows } = await sql.query(
      'SELECT count(*)::int AS n FROM samordningsnummer_fornyelse WHERE samordningsnummer = $1',
      [nummer],
    );
    expect(rows[0].n).to.equal(1);
  });

  it('a scenario set on A shapes the answers from B, and verify on B counts A’s requests', async () => {
    const put = await fetch(`${a.url}/__admin/scenarios/AF`, {
      method: 'PUT',
      headers: json,
      body: JSON.stringify({ latency: { type: 'fixed', ms: 400 } }),
    });
    expect(put.status).to.equal(200);
    const started = Date.now();
    const slow = await soap(`${b.url}/ssbtek`, v10Request({ include: ['AF'] }));
    expect(slow.status).to.equal(200);
    expect(Date.now() - started).to.be.at.least(400);
    expect((await fetch(`${b.url}/__admin/scenarios`).then((r) => r.json())) as object).to.deep.equal({
      AF: { latency: { type: 'fixed', ms: 400 } },
    });
    expect((await fetch(`${b.url}/__admin/scenarios`, { method: 'DELETE' })).status).to.equal(204);

    const korrelationsid = `replica-${randomUUID().slice(0, 8)}`;
    for (let i = 0; i < 3; i++) {
      const r = await soap(`${a.url}/ssbtek`, v10Request({ korrelationsid, include: ['AF'] }));
      expect(r.status).to.equal(200);
    }
    const verify = await fetch(`${b.url}/__admin/requests/verify`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ korrelationsid, count: 3 }),
    });
    expect(await verify.json()).to.deep.equal({ matched: 3, ok: true });
  });

  it('kill -9 of A during a burst loses no acknowledged write, processes no ticket twice; B keeps answering', async () => {
    const token = await accessToken(lb.url);
    const tickets: string[] = [];
    const numbers: string[] = [];
    const renewed: string[] = [];
    const work: Promise<void>[] = [];
    const dates = Array.from({ length: 10 }, (_, i) => `2026-11-${String(11 + i).padStart(2, '0')}`);
    for (let i = 0; i < 30; i++) {
      if (i === 12) a.kill('SIGKILL');
      work.push(
        fetch(`${lb.url}${API}/delivery`, {
          method: 'POST',
          headers: { ...json, 'X-SCB-Client-OrgNr': ORG },
          body: JSON.stringify(delivery()),
        }).then(
          async (r) => void (r.status === 200 && tickets.push((await r.json()) as string)),
          () => undefined,
        ),
      );
      if (i < dates.length) {
        const report = sampleReport((r) => (r.child = { ...r.child, date: dates[i], gender: i % 2 ? 'BOY' : 'GIRL' }));
        work.push(
          fetch(`${lb.url}/v1/birthreport`, {
            method: 'POST',
            headers: { ...json, ...CALLER_HEADERS },
            body: JSON.stringify(report),
          }).then(
            async (r) =>
              void (
                r.status === 201 &&
                numbers.push(((await r.json()) as { personalIdentityNumber: string }).personalIdentityNumber)
              ),
            () => undefined,
          ),
        );
      }
      if (i >= 1 && i < 6) {
        const nummer = NUMMER.vilande[i]!;
        work.push(
          fetch(`${lb.url}${ANMAL}`, {
            method: 'POST',
            headers: { ...json, authorization: `Bearer ${token}`, skv_client_correlation_id: randomUUID() },
            body: JSON.stringify({ ingivarnamn: 'Burst', samordningsnummer: nummer }),
          }).then(
            (r) => void (r.status === 200 && renewed.push(nummer)),
            () => undefined,
          ),
        );
      }
      await new Promise((r) => setTimeout(r, 15));
    }
    await Promise.all(work);
    expect(tickets.length, 'acknowledged deliveries').to.be.greaterThan(10);
    expect(numbers.length, 'acknowledged births').to.be.greaterThan(3);

    // Every acknowledged write is in the store.
    const stored = await sql.query('SELECT ticket FROM scb_delivery WHERE ticket = ANY($1)', [tickets]);
    expect(stored.rowCount).to.equal(tickets.length);
    const births = await sql.query(
      'SELECT personal_identity_number AS n FROM birth_report WHERE personal_identity_number = ANY($1)',
      [numbers],
    );
    expect(births.rowCount).to.equal(numbers.length);
    expect(new Set(numbers).size).to.equal(numbers.length);
    const renewals = await sql.query(
      'SELECT DISTINCT samordningsnummer FROM samordningsnummer_fornyelse WHERE samordningsnummer = ANY($1)',
      [renewed],
    );
    expect(renewals.rowCount).to.equal(renewed.length);

    // B finishes every delivery (A's unfinished claims after the lease), each once.
    const deadline = Date.now() + 20_000;
    let unprocessed = tickets.length;
    while (Date.now() < deadline) {
      const { rows } = await sql.query(`SELECT count(*)::int AS n FROM scb_delivery WHERE state <> 'processed'`);
      unprocessed = rows[0].n as number;
      if (unprocessed === 0) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(unprocessed, 'deliveries not processed').to.equal(0);
    const { rows } = await sql.query(
      'SELECT max(processed_count)::int AS most, min(processed_count)::int AS least FROM scb_delivery',
    );
    expect(rows[0]).to.deep.equal({ most: 1, least: 1 });

    for (let i = 0; i < 6; i++) {
      const r = await soap(`${lb.url}/ssbtek`, v10Request({ include: ['AF'] }));
      expect(r.status).to.equal(200);
    }
  });
});
