import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'chai';
import { example, postSoap } from '../support/requests.js';
import {
  CALLER_HEADERS,
  MOTHER,
  OTHER_MOTHER,
  expectNewbornNumber,
  sampleReport,
} from '../rest/birthreport/support.js';
import { NUMMER, accessToken, anmal } from '../rest/samordningsnummer/support.js';
import { API, CSV_V2_OK, ORG, XML_OK, b64 } from '../rest/scb/support.js';
import { serve, stop } from './support.js';

/** The numbers Skatteverket's test list gives that are renewable on the tests' today (vilande or in their last year). */
const RENEWABLE = [...NUMMER.vilande, ...NUMMER.aktuella];
const MOTHERS = [MOTHER, OTHER_MOTHER];

/** A birth report whose child is distinct per (mother, day, order): the same three would be a duplicate (202). */
function birthReport(mother: string, day: number, order: number): Record<string, unknown> {
  return sampleReport((r) => {
    r.mother = { personalIdentityNumber: { id: mother } };
    r.child = {
      date: `2026-11-${String(day).padStart(2, '0')}`,
      gender: order % 2 ? 'BOY' : 'GIRL',
      municipality: 'Östersund',
      aliveAtBirth: true,
      order,
    };
    r.totalNumberOfChildren = 9;
  });
}

const SCB_BODIES = [
  { Contract: 'demo', fileContent: b64(CSV_V2_OK), DeliveryFormatName: 'LONERAPPORT_CSV' },
  { Contract: 'demo', fileContent: b64(XML_OK), DeliveryFormatName: 'LONERAPPORT_XML' },
  { Contract: 'demo', fileContent: b64('x;y\n'), DeliveryFormatName: 'LONERAPPORT_CSV' },
];

function scbDeliver(url: string, body: unknown): Promise<Response> {
  return fetch(`${url}${API}/delivery`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'X-SCB-Client-OrgNr': ORG },
    body: JSON.stringify(body),
  });
}

function scbGet(url: string, route: string): Promise<Response> {
  return fetch(`${url}${API}${route}`, { headers: { 'X-SCB-Client-OrgNr': ORG }, redirect: 'manual' });
}

/** Polls a ticket's status until 302 (processed); anything but 202 on the way fails. */
async function untilProcessed(url: string, ticket: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await scbGet(url, `/status/${ticket}`);
    await status.arrayBuffer();
    if (status.status === 302) return;
    expect(status.status, ticket).to.equal(202);
    if (Date.now() > deadline) throw new Error(`ticket ${ticket} not processed within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

interface ScbRow {
  ticket: string;
  state: string;
  processed_count: number;
  processed_at: string | null;
  result_json: string | null;
}

function scbRows(db: Database.Database): Map<string, ScbRow> {
  const rows = db
    .prepare('SELECT ticket, state, processed_count, processed_at, result_json FROM scb_delivery')
    .all() as ScbRow[];
  return new Map(rows.map((r) => [r.ticket, r]));
}

function readStore<T>(file: string, read: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/**
 * Durability across the three writing REST adapters at once: a real `serve` process takes a concurrent burst of
 * SCB deliveries, birth reports and samordningsnummer renewals (each with its own client authentication) and is
 * killed with SIGKILL while requests are in flight. Every write it acknowledged must be in the store file, and a
 * restarted server must process every acknowledged SCB ticket exactly once and keep handing out unused numbers.
 */
describe('Durability: kill -9 during a mixed burst (SCB, birth reports, renewals) loses no acknowledged write', function () {
  this.timeout(60_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssbtek-mixed-'));
  const store = path.join(dir, 'store.sqlite');
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('keeps every acknowledged write, and processes every acknowledged ticket once after a restart', async () => {
    // No rate limit on the renewals. SCB processes each delivery 60 ms after it came, so the kill finds tickets
    // already processed and tickets still queued: with no delay a fast server had processed all of them, and 150 ms
    // outlasted the whole burst on this machine.
    const config = { samordningsnummerRequestsPerSecond: 0, scbProcessingDelayMs: 60 };
    const first = await serve(store, config);
    const { url } = first;
    const token = await accessToken(url);

    const births = new Map<string, string>(); // reportId → personnummer
    const renewals = new Map<string, string>(); // samordningsnummer → aktivTom
    const tickets = new Set<string>();
    const inFlight = { now: 0, atKill: 0 };
    let killed = false;
    const enough = (): boolean => births.size >= 20 && renewals.size >= 8 && tickets.size >= 20;
    const killWhenEnough = (): void => {
      if (!killed && enough()) {
        killed = true;
        inFlight.atKill = inFlight.now;
        first.child.kill('SIGKILL');
      }
    };
    /** Runs `send` until the kill (or a cap); false from `send` means the server is gone. */
    const worker = async (send: (i: number) => Promise<void>): Promise<void> => {
      for (let i = 0; i < 400 && !killed; i++) {
        inFlight.now++;
        try {
          await send(i);
        } catch {
          return; // the connection broke: the server is gone
        } finally {
          inFlight.now--;
        }
        killWhenEnough();
      }
    };

    const birthWorker = (w: number) =>
      worker(async (i) => {
        // Worker w uses order w + 1; (mother, day) walks through 2 × 14 days: no two children are the same.
        const report = birthReport(MOTHERS[i % 2]!, 10 + (Math.floor(i / 2) % 14), w + 1);
        const response = await fetch(`${url}/v1/birthreport`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...CALLER_HEADERS },
          body: JSON.stringify(report),
        });
        const body = (await response.json()) as { personalIdentityNumber?: string };
        if (response.status === 201 && body.personalIdentityNumber)
          births.set(report.reportId as string, body.personalIdentityNumber);
      });
    const renewalWorker = (w: number) =>
      worker(async (i) => {
        // Two workers take turns through the numbers, then go round again (answered "redanFornyat": no new write).
        const nummer = RENEWABLE[(2 * i + w) % RENEWABLE.length]!;
        const response = await anmal(url, token, nummer);
        const body = response.body as { status?: string; redanFornyat?: boolean; aktivTom?: string };
        if (response.status === 200 && body.status === 'MOTTAGEN' && body.redanFornyat === false)
          renewals.set(nummer, body.aktivTom!);
        // Slower than the others, so that the 17 numbers last until the kill.
        await new Promise((resolve) => setTimeout(resolve, 15));
      });
    const scbWorker = (w: number) =>
      worker(async (i) => {
        const response = await scbDeliver(url, SCB_BODIES[(i + w) % SCB_BODIES.length]);
        const body = (await response.json()) as unknown;
        if (response.status === 200 && typeof body === 'string') tickets.add(body);
      });

    await Promise.all([...[0, 1, 2, 3].map(birthWorker), ...[0, 1].map(renewalWorker), ...[0, 1, 2].map(scbWorker)]);
    const exit = await first.exited;
    expect(exit.signal, 'the server was killed, not stopped').to.equal('SIGKILL');
    expect(killed, `only ${births.size} births, ${renewals.size} renewals, ${tickets.size} tickets`).to.equal(true);
    expect(inFlight.atKill, 'requests in flight when the kill was sent').to.be.greaterThan(0);

    // 1. The store file, read directly: every acknowledged write is there.
    const before = readStore(store, (db) => {
      for (const [reportId, number] of births) {
        const row = db
          .prepare('SELECT personal_identity_number AS n, http_status AS s FROM birth_report WHERE report_key = ?')
          .get(reportId.toLowerCase()) as { n: string; s: number } | undefined;
        expect(row, reportId).to.deep.equal({ n: number, s: 201 });
        const registered = db
          .prepare('SELECT status, details FROM registered_person WHERE personidentitet = ?')
          .get(number) as { status: string; details: string } | undefined;
        expect(registered?.status, number).to.equal('FODD');
        expect((JSON.parse(registered!.details) as { reportId: string }).reportId).to.equal(reportId);
      }
      for (const [nummer, aktivTom] of renewals) {
        const rows = db
          .prepare('SELECT aktiv_tom AS a FROM samordningsnummer_fornyelse WHERE samordningsnummer = ?')
          .all(nummer) as { a: string }[];
        expect(rows, nummer).to.deep.equal([{ a: aktivTom }]);
        const registered = db.prepare('SELECT status FROM registered_person WHERE personidentitet = ?').get(nummer) as
          { status: string } | undefined;
        expect(registered?.status, nummer).to.equal('FORNYAD');
      }
      const rows = scbRows(db);
      for (const ticket of tickets) {
        expect(rows.get(ticket), ticket).to.not.equal(undefined);
        expect(rows.get(ticket)!.processed_count, ticket).to.be.at.most(1);
      }
      // Numbers are never shared, acknowledged or not.
      const numbers = db
        .prepare('SELECT personal_identity_number AS n FROM birth_report WHERE personal_identity_number IS NOT NULL')
        .all() as { n: string }[];
      expect(new Set(numbers.map((r) => r.n)).size).to.equal(numbers.length);
      return rows;
    });
    const processedBefore = [...before.values()].filter((r) => r.state === 'processed');
    const pendingBefore = [...before.values()].filter((r) => r.state !== 'processed');

    // 2. Started again on the same file: every ticket (acknowledged or only committed) is processed, once.
    const second = await serve(store, config);
    try {
      for (const ticket of before.keys()) {
        await untilProcessed(second.url, ticket);
        const result = await scbGet(second.url, `/delivery/${ticket}`);
        expect(result.status, ticket).to.equal(200);
        expect(((await result.json()) as { ticket: string }).ticket).to.equal(ticket);
      }

      // 3. New writes: a birth gets a number nobody has; a renewed number stays renewed (the same receipt);
      // a new delivery gets a new ticket.
      const report = birthReport(MOTHER, 24, 9);
      const born = await fetch(`${second.url}/v1/birthreport`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...CALLER_HEADERS },
        body: JSON.stringify(report),
      });
      expect(born.status).to.equal(201);
      const fresh = ((await born.json()) as { personalIdentityNumber: string }).personalIdentityNumber;
      expectNewbornNumber(fresh, '2026-11-24', 'BOY');
      const used = readStore(store, (db) =>
        (db.prepare('SELECT personidentitet AS n FROM registered_person').all() as { n: string }[]).map((r) => r.n),
      );
      expect(used.filter((n) => n === fresh)).to.have.length(1);
      expect([...births.values()]).not.to.include(fresh);

      const secondToken = await accessToken(second.url);
      const [renewedNummer, renewedTom] = [...renewals][0]!;
      const again = await anmal(second.url, secondToken, renewedNummer);
      expect(again.status).to.equal(200);
      expect(again.body).to.include({ status: 'MOTTAGEN', redanFornyat: true, aktivTom: renewedTom });

      const delivered = await scbDeliver(second.url, SCB_BODIES[0]);
      expect(delivered.status).to.equal(200);
      const newTicket = (await delivered.json()) as string;
      expect(before.has(newTicket)).to.equal(false);
      await untilProcessed(second.url, newTicket);
    } finally {
      expect(await stop(second)).to.deep.equal({ code: 0, signal: null });
    }

    // 4. Exactly once: every ticket processed once; those processed before the kill were not processed again.
    const afterRows = readStore(store, scbRows);
    for (const [ticket, row] of afterRows) {
      expect([ticket, row.state, row.processed_count]).to.deep.equal([ticket, 'processed', 1]);
    }
    for (const row of processedBefore) {
      const now = afterRows.get(row.ticket)!;
      expect([now.processed_at, now.result_json], row.ticket).to.deep.equal([row.processed_at, row.result_json]);
    }
    // Both kinds were there at the kill (processed and still queued or claimed), so both paths were exercised.
    expect(processedBefore.length, 'tickets processed before the kill').to.be.greaterThan(0);
    expect(pendingBefore.length, 'tickets still queued or claimed at the kill').to.be.greaterThan(0);
  });
});

/** Opens a new TCP connection to the server: 'connected' or the error code. */
function connect(url: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), hostname);
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

/** A request sent in parts: the headers and the first part now, the rest when `finish` is called. */
function partialPost(
  url: string,
  headers: Record<string, string>,
  body: string,
): { finish(): void; answer: Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> } {
  const bytes = Buffer.from(body, 'utf8');
  const request = http.request(url, {
    method: 'POST',
    headers: { ...headers, 'content-length': String(bytes.length) },
  });
  const answer = new Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }>((resolve, reject) => {
    request.on('error', reject);
    request.on('response', (response) => {
      let text = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, text }));
      response.on('error', reject);
    });
  });
  const half = Math.floor(bytes.length / 2);
  request.write(bytes.subarray(0, half));
  return { finish: () => request.end(bytes.subarray(half)), answer };
}

/**
 * Graceful stop: SIGTERM while an SSBTEK composite request (one base service made slow by the per-request scenario
 * header) and a birth report (its body still arriving) are in flight. Both complete with full, correct answers;
 * the listening socket is closed at once (new connections are refused); the process exits 0 soon after the last
 * answer, having closed the store.
 */
describe('Durability: SIGTERM lets in-flight requests finish, refuses new connections, exits 0', function () {
  this.timeout(30_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssbtek-sigterm-'));
  const store = path.join(dir, 'store.sqlite');
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('answers the in-flight SSBTEK request and birth report in full, then exits 0', async () => {
    const served = await serve(store);
    const { url } = served;
    const v10 = example('v10-all-services.xml');
    // The same request without the scenario: the answer the slow one must equal (the population is deterministic).
    const expected = await postSoap(`${url}/ssbtek`, v10);
    expect(expected.status).to.equal(200);
    expect(expected.body).to.contain('hamtaBastjanstInformationResponse');

    const started = Date.now();
    const slow = postSoap(`${url}/ssbtek`, v10, { 'X-SSBTEK-Scenario': 'AF:latency=fixed(2000)' }).then((r) => ({
      ...r,
      at: Date.now(),
    }));
    const report = sampleReport();
    const birth = partialPost(
      `${url}/v1/birthreport`,
      { 'content-type': 'application/json', ...CALLER_HEADERS },
      JSON.stringify(report),
    );
    // Both are with the server: the SSBTEK request is in the journal, the birth report's headers have arrived.
    await new Promise((resolve) => setTimeout(resolve, 300));

    served.child.kill('SIGTERM');
    await served.waitForLine(/"signal":"SIGTERM"/);
    // The listening socket closes right after the log line (the line is written first; a connection in the backlog
    // then is reset): from then on, while both requests are still open, a new connection is refused.
    let attempt = await connect(url);
    for (let i = 0; i < 20 && attempt !== 'ECONNREFUSED'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      attempt = await connect(url);
    }
    expect(attempt).to.equal('ECONNREFUSED');
    expect(Date.now() - started, 'still within the slow request').to.be.below(2000);

    birth.finish();
    const born = await birth.answer;
    expect(born.status, born.text).to.equal(201);
    const created = JSON.parse(born.text) as { reportId: string; personalIdentityNumber: string };
    expect(created.reportId).to.equal(report.reportId);
    expectNewbornNumber(created.personalIdentityNumber, '2026-11-20', 'GIRL');

    const answered = await slow;
    expect(answered.at - started, 'the slow answer waited for its latency').to.be.at.least(2000);
    expect(answered.status).to.equal(200);
    expect(answered.body).to.equal(expected.body);

    const exit = await served.exited;
    const exitedAfterMs = Date.now() - answered.at;
    expect(exit).to.deep.equal({ code: 0, signal: null });
    // Not the 10-second fallback: the server closed as soon as the last in-flight answer had gone.
    expect(exitedAfterMs, 'exit after the last answer (ms)').to.be.below(3000);

    // The birth report acknowledged during the shutdown is in the store.
    readStore(store, (db) => {
      const row = db
        .prepare('SELECT personal_identity_number AS n FROM birth_report WHERE report_key = ?')
        .get((report.reportId as string).toLowerCase()) as { n: string } | undefined;
      expect(row?.n).to.equal(created.personalIdentityNumber);
    });
  });
});
