import fs from 'node:fs';
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { CASES, type Answer, type AttackRequest, type CaseContext } from './cases.js';

/** Bodies larger than this are sent after a short wait for an early answer (413 from Content-Length). */
const EARLY_ANSWER_BYTES = 1024 * 1024;
const EARLY_ANSWER_WAIT_MS = 200;

/**
 * One HTTP client: sends a request and resolves with what came back — status and the start of the body — or the
 * connection error. A large body is sent a moment after the headers, as a client that reads early answers does:
 * a server that refuses it from Content-Length answers and closes before it is sent (no write error hides it).
 */
export function send(agent: http.Agent, base: string, request: AttackRequest, timeoutMs = 30_000): Promise<Answer> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (answer: Answer): void => {
      if (settled) return;
      settled = true;
      resolve(answer);
    };
    const headers: Record<string, string> = { ...request.headers };
    if (request.body) headers['content-length'] = String(request.body.length);
    const req = http.request(`${base}${request.path}`, { method: request.method, headers, agent, timeout: timeoutMs });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        if (size < 2048) chunks.push(chunk);
        size += chunk.length;
      });
      res.on('end', () =>
        settle({ status: res.statusCode ?? 0, head: Buffer.concat(chunks).toString('utf8', 0, 2048) }),
      );
      res.on('error', (error) => settle({ status: res.statusCode ?? 0, head: '', error: error.message }));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (error: NodeJS.ErrnoException) =>
      settle({ status: 0, head: '', error: error.code ?? error.message }),
    );
    const body = request.body;
    if (!body || body.length <= EARLY_ANSWER_BYTES) return void req.end(body);
    let answered = false;
    req.once('response', () => (answered = true));
    req.flushHeaders();
    setTimeout(() => {
      if (!answered) req.end(body);
    }, EARLY_ANSWER_WAIT_MS);
  });
}

/** What one attacking client reports when its time is up. */
export interface ClientReport {
  sent: number;
  /** Milliseconds each request took, client-side (send to last byte of the answer). */
  ms: number[];
  /** Answers by status (0: connection error), with the first answer of each status as a sample. */
  byStatus: Record<string, { count: number; sample: Answer }>;
  /** Answers that were not the ones the case must get: how many, and the first few problems. */
  wrong: number;
  problems: string[];
}

export interface ClientJob {
  base: string;
  caseName: string;
  context: CaseContext;
  until: number;
  maxRequests: number;
  /** CPU niceness for this client's thread (0: as the process's). */
  nice?: number;
}

/**
 * An attacking client: builds its case's requests, sends them back to back until its time or count is up, and
 * checks every answer against the case. Run as a worker thread, so its own work never delays the probe.
 */
export async function attack(job: ClientJob): Promise<ClientReport> {
  const attackCase = CASES.find((c) => c.name === job.caseName);
  if (!attackCase) throw new Error(`no attack case ${job.caseName}`);
  const requests = attackCase.build(job.context);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const report: ClientReport = { sent: 0, ms: [], byStatus: {}, wrong: 0, problems: [] };
  while (Date.now() < job.until && report.sent < job.maxRequests) {
    const request = requests[report.sent % requests.length]!;
    if (request.fresh) request.body?.write(randomUUID(), request.fresh.offset, 'latin1');
    const started = performance.now();
    const answer = await send(agent, job.base, request);
    report.ms.push(performance.now() - started);
    report.sent++;
    const entry = (report.byStatus[String(answer.status)] ??= { count: 0, sample: answer });
    entry.count++;
    const problem = attackCase.expect(answer);
    if (problem !== undefined) {
      report.wrong++;
      if (report.problems.length < 3) report.problems.push(`${problem}: ${answer.error ?? answer.head.slice(0, 300)}`);
    }
  }
  agent.destroy();
  return report;
}

/**
 * Lowers this thread's CPU priority (Linux: a thread's id is its own scheduling entity, /proc/thread-self names it).
 * The attackers and the probe share one process and the machine's cores with the server: at equal priority the
 * attackers' threads delay the probe's reading of its answers, which is the load generator measuring itself.
 */
function lowerThreadPriority(nice: number): void {
  if (nice === 0 || process.platform !== 'linux') return;
  const tid = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
  os.setPriority(tid, nice);
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  const job = workerData as ClientJob;
  lowerThreadPriority(job.nice ?? 0);
  void attack(job).then((report) => port.postMessage(report));
}
