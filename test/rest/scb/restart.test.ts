import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'chai';
import type { Config } from '../../../src/config.js';
import { startServer } from '../../support/server.js';
import { CSV_V2_OK, XML_OK, b64, get, pollUntilProcessed, resultOf, ticketFor } from './support.js';

interface Row {
  ticket: string;
  state: string;
  attempts: number;
  processed_count: number;
}

function rows(file: string): Row[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT ticket, state, attempts, processed_count FROM scb_delivery ORDER BY id').all() as Row[];
  } finally {
    db.close();
  }
}

describe('SCB: the durable queue across restarts', () => {
  let dir: string;
  let file: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scb-restart-'));
    file = path.join(dir, 'store.sqlite');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('processes every ticket exactly once: queued at stop, claimed at a crash, and never again after', async () => {
    // 1. Deliveries are accepted, then the server stops before the processing delay has passed.
    const first = await startServer({ storePath: file, scbProcessingDelayMs: 1500 } as Partial<Config>);
    const bodies = [
      { Contract: 'demo', fileContent: b64(CSV_V2_OK), DeliveryFormatName: 'LONERAPPORT_CSV' },
      { Contract: 'demo', fileContent: b64(XML_OK), DeliveryFormatName: 'LONERAPPORT_XML' },
      { Contract: 'demo', fileContent: b64('x;y\n'), DeliveryFormatName: 'LONERAPPORT_CSV' },
      { Contract: 'demo', Test: true, fileContent: b64(XML_OK), DeliveryFormatName: 'LONERAPPORT_XML' },
      { Contract: 'demo', fileContent: b64(CSV_V2_OK), DeliveryFormatName: 'LONERAPPORT_CSV', ExternalVersionId: '1' },
    ];
    const tickets: string[] = [];
    for (const body of bodies) tickets.push(await ticketFor(first.url, body));
    for (const ticket of tickets) expect((await get(first.url, `/status/${ticket}`)).status).to.equal(202);
    await first.close();
    expect(rows(file).map((r) => [r.state, r.processed_count])).to.deep.equal(tickets.map(() => ['queued', 0]));

    // 2. A crash between claim and result: two deliveries are left claimed by a process that is gone.
    const db = new Database(file);
    db.prepare(
      `UPDATE scb_delivery SET state = 'processing', claim_id = 'gone', attempts = attempts + 1 WHERE ticket IN (?, ?)`,
    ).run(tickets[1], tickets[3]);
    db.close();

    // 3. Started again on the same file: everything is processed, once.
    const second = await startServer({ storePath: file, scbProcessingDelayMs: 1500 } as Partial<Config>);
    const results = [];
    for (const ticket of tickets) results.push(await resultOf(second.url, ticket));
    expect(results.map((r) => r.successfulValidation)).to.deep.equal([true, true, false, true, false]);
    await second.close();
    const after = rows(file);
    expect(after.map((r) => r.ticket)).to.deep.equal(tickets);
    expect(after.map((r) => [r.state, r.processed_count])).to.deep.equal(tickets.map(() => ['processed', 1]));
    expect(after.map((r) => r.attempts)).to.deep.equal([1, 2, 1, 2, 1]);

    // 4. A third start finds nothing to do, and still answers every ticket with the same result.
    const third = await startServer({ storePath: file } as Partial<Config>);
    try {
      for (const [i, ticket] of tickets.entries()) {
        const status = await pollUntilProcessed(third.url, ticket);
        expect(status).to.have.length(1);
        expect((await get(third.url, `/delivery/${ticket}`)).body).to.deep.equal(results[i]);
      }
    } finally {
      await third.close();
    }
    expect(rows(file).map((r) => r.processed_count)).to.deep.equal([1, 1, 1, 1, 1]);
  });
});
