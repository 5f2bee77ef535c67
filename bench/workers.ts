/**
 * `npm run bench`'s rows for all cores and for the store engines: the composite (kept and a new person each) with
 * `serve --workers auto` on a SQLite file, as `npm start` runs it, with each worker's peak RSS; and a REST write
 * (an SCB delivery: stored, queued, validated) on the SQLite file with one process and with workers, and on a
 * throw-away PostgreSQL (Debian's postgresql, as the multi-replica test starts it) when it is installed.
 */
import path from 'node:path';
import { missingTools, Postgres } from '../test/replicas/harness.js';
import { procStatusKb, type Child } from './procs.js';
import { SOAP_HEADERS, V10, variedPerson, type LoadRequest } from './requests.js';

type Request = LoadRequest;

export interface WorkerBench {
  scenario(
    label: string,
    request: Request,
    status: number,
    pid?: number,
    connections?: number[],
    options?: { steady?: boolean },
  ): Promise<void>;
  preflight(label: string, request: Request, status: number, marker: string): Promise<string>;
  startEmulator(extraEnv: Record<string, string>, extraArgs?: string[]): Promise<{ child: Child; base: string }>;
  tmp: string;
  notes: string[];
}

const SCB_ORG = '5599000006';
const CSV = 'Period;Anstallningsnummer;Yrkeskod;Manadslon;Sysselsattningsgrad\r\n202610;A-1;2512;45000;100\r\n';

const scbDelivery = (base: string): Request => ({
  url: `${base}/scb/api/v1/delivery`,
  method: 'POST',
  headers: { 'content-type': 'application/json', 'X-SCB-Client-OrgNr': SCB_ORG },
  body: JSON.stringify({
    Contract: 'demo',
    DeliveryFormatName: 'LONERAPPORT_CSV',
    fileContent: Buffer.from(CSV).toString('base64'),
  }),
});

async function workerPids(base: string): Promise<number[]> {
  const health = (await (await fetch(`${base}/health`)).json()) as { workers?: { workers: { pid: number }[] } };
  return health.workers?.workers.map((w) => w.pid) ?? [];
}

/** The composite rows with every core, and the peak RSS of each worker after them. */
export async function workerRows(bench: WorkerBench, connections: number[]): Promise<void> {
  const store = path.join(bench.tmp, 'workers.sqlite');
  // npm start's defaults: every core, a SQLite file, and the log at info (one line per exchange).
  const emulator = await bench.startEmulator({ SSBTEK_STORE: store, SSBTEK_LOG_LEVEL: 'info' }, ['--workers', 'auto']);
  try {
    const { base } = emulator;
    const pids = await workerPids(base);
    const soap = { url: `${base}/ssbtek`, method: 'POST' as const, headers: SOAP_HEADERS, body: V10 };
    await bench.preflight('(c, workers)', soap, 200, 'hamtaBastjanstInformationResponse');
    await bench.scenario('(c) = (c), workers auto', soap, 200, pids[0], connections, { steady: true });
    await bench.scenario(
      '(v) = (v), workers auto',
      { ...soap, vary: (_, n) => variedPerson(n) },
      200,
      pids[0],
      connections,
      { steady: true },
    );
    const peaks = pids.map((pid) => ((procStatusKb(pid, 'VmHWM') ?? 0) / 1024).toFixed(0));
    bench.notes.push(
      `Workers auto: ${pids.length} workers on a SQLite file; peak RSS (VmHWM) per worker after its rows: ` +
        `${peaks.join(', ')} MB (the RSS column shows the first worker's).`,
    );
    await scbRow(bench, base, '(s) SCB delivery (write), SQLite file, workers auto', pids[0]);
  } finally {
    await emulator.child.stop();
  }
}

/** A REST write on each engine with one process: the SQLite file, and PostgreSQL when it can be started here. */
export async function storeRows(bench: WorkerBench): Promise<void> {
  const sqlite = await bench.startEmulator({ SSBTEK_STORE: path.join(bench.tmp, 'writes.sqlite') });
  try {
    await scbRow(bench, sqlite.base, '(s) SCB delivery (write), SQLite file, 1 process', sqlite.child.pid);
  } finally {
    await sqlite.child.stop();
  }
  const missing = missingTools();
  if (missing) {
    bench.notes.push(`No PostgreSQL row: ${missing}.`);
    return;
  }
  const postgres = await Postgres.start();
  try {
    const emulator = await bench.startEmulator({ SSBTEK_STORE: postgres.url });
    try {
      await scbRow(bench, emulator.base, '(s) SCB delivery (write), PostgreSQL, 1 process', emulator.child.pid);
    } finally {
      await emulator.child.stop();
    }
  } finally {
    postgres.stop();
  }
}

async function scbRow(bench: WorkerBench, base: string, label: string, pid: number | undefined): Promise<void> {
  // The answer is the ticket: a UUID as a JSON string.
  const ticket = await bench.preflight(label, scbDelivery(base), 200, '-');
  if (!/^"[0-9a-f-]{36}"$/.test(ticket)) throw new Error(`${label}: expected a ticket, got ${ticket.slice(0, 200)}`);
  await bench.scenario(label, scbDelivery(base), 200, pid);
}
