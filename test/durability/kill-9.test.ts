import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'chai';
import { CALLER_HEADERS } from '../rest/birthreport/support.js';
import { PROJECT_ROOT } from '../../src/xml/schema.js';

const MAIN = path.join(PROJECT_ROOT, 'dist/src/cli/main.js');
/** From Skatteverket's CC0 test list: the mother of every reported child. */
const MOTHER = '199001012385';

/** Starts the real program (`ssbtek-emulator serve`) on a free port with a file store; resolves with its URL. */
function serve(store: string): Promise<{ child: ChildProcess; url: string }> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    SSBTEK_STORE: store,
    SSBTEK_TODAY: '2026-11-24',
    SSBTEK_LOG_LEVEL: 'info',
  };
  delete env.PORT;
  delete env.CI;
  const child = spawn(process.execPath, [MAIN, 'serve', '--port', '0', '--host', '127.0.0.1'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${buffered}`)), 15_000);
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      const match = /"url":"(http:\/\/127\.0\.0\.1:\d+)\/ssbtek"/.exec(buffered);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1]! });
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${buffered}`)));
  });
}

/** A valid report; (order, day) keeps children distinct (the same mother, day and order would be a duplicate). */
function report(reportId: string, order: number, day: number): object {
  return {
    reportId,
    reportedBy: { reporter: 'Alfa BB, Barnmorska', phoneNumber: '070 00 00 000' },
    mother: { personalIdentityNumber: { id: MOTHER } },
    child: {
      date: `2026-11-${String(day).padStart(2, '0')}`,
      gender: day % 2 ? 'BOY' : 'GIRL',
      municipality: 'Östersund',
      aliveAtBirth: true,
      order,
    },
    totalNumberOfChildren: 9,
    residentialAddress: ['Storgatan 1'],
    phoneNumber: ['070 00 00 001'],
  };
}

/**
 * Durability: a burst of birth reports against a real server process, `kill -9` while requests are in flight,
 * then the store file is read directly: every report the server acknowledged (201) is there, with the number it
 * answered, and the child is in the population registry. A restarted server answers the same.
 */
describe('Durability: kill -9 during a burst of writes loses no acknowledged write', function () {
  this.timeout(60_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssbtek-kill9-'));
  const store = path.join(dir, 'store.sqlite');
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('keeps every acknowledged birth report', async () => {
    const { child, url } = await serve(store);
    const acknowledged = new Map<string, string>();
    let killed = false;
    const worker = async (w: number): Promise<void> => {
      for (let i = 0; i < 14 && !killed; i++) {
        const reportId = randomUUID();
        try {
          const response = await fetch(`${url}/v1/birthreport`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...CALLER_HEADERS },
            body: JSON.stringify(report(reportId, w + 1, 10 + (i % 14))),
          });
          const body = (await response.json()) as { personalIdentityNumber?: string };
          if (response.status === 201 && body.personalIdentityNumber)
            acknowledged.set(reportId, body.personalIdentityNumber);
        } catch {
          return; // the server is gone
        }
        if (acknowledged.size >= 25 && !killed) {
          killed = true;
          child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: 6 }, (_, w) => worker(w)));
    await new Promise((resolve) =>
      child.exitCode !== null || child.signalCode !== null ? resolve(null) : child.once('exit', resolve),
    );
    expect(child.signalCode).to.equal('SIGKILL');
    expect(acknowledged.size).to.be.at.least(25);

    const db = new Database(store, { readonly: true });
    try {
      for (const [reportId, number] of acknowledged) {
        const row = db
          .prepare('SELECT personal_identity_number AS n FROM birth_report WHERE report_key LIKE ?')
          .get(`%${reportId}%`) as { n: string } | undefined;
        expect(row?.n, reportId).to.equal(number);
        const registered = db.prepare('SELECT status FROM registered_person WHERE personidentitet = ?').get(number) as
          { status: string } | undefined;
        expect(registered?.status, number).to.equal('FODD');
      }
    } finally {
      db.close();
    }

    const again = await serve(store);
    try {
      // A new report after the restart gets a number no acknowledged report has: the numbers in use survived.
      const response = await fetch(`${again.url}/v1/birthreport`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...CALLER_HEADERS },
        body: JSON.stringify(report(randomUUID(), 9, 23)),
      });
      expect(response.status).to.equal(201);
      const fresh = ((await response.json()) as { personalIdentityNumber: string }).personalIdentityNumber;
      expect([...acknowledged.values()]).not.to.include(fresh);
    } finally {
      again.child.kill('SIGTERM');
    }
  });
});
