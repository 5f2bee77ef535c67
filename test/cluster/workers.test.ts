/**
 * `serve --workers 2` on one SQLite file, for real: node:cluster hands fresh connections out round-robin, so each
 * request below opens its own connection and the two workers take turns. What one process would do, the cluster
 * must do too: a scenario set through one worker applies on both, the journal, its live stream and the figures at a
 * glance count every worker's exchanges, and a worker killed is replaced.
 */
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { freePort } from '../replicas/harness.js';
import { v10Request } from '../support/requests.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

interface Answer {
  status: number;
  body: string;
}

/** One request on a connection of its own (no keep-alive: the cluster picks a worker per connection). */
function fresh(
  port: number,
  method: string,
  urlPath: string,
  body?: string,
  type = 'application/json',
  timeoutMs = 15_000,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: urlPath,
        agent: false,
        headers: body === undefined ? {} : { 'content-type': type, 'content-length': Buffer.byteLength(body) },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
      },
    );
    request.setTimeout(timeoutMs, () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.on('error', reject);
    request.end(body);
  });
}

const query = (korrelationsid: string): string => v10Request({ korrelationsid });
const soap = (port: number, korrelationsid: string) =>
  fresh(port, 'POST', '/ssbtek', query(korrelationsid), 'text/xml; charset=utf-8');

/** `serve --workers 2` on 127.0.0.1:`port`, its store a file in `dir`, the log at warn. */
function serveWorkers(
  dir: string,
  port: number,
  env: NodeJS.ProcessEnv = {},
  stdio: StdioOptions = ['ignore', 'ignore', 'ignore'],
): ChildProcess {
  return spawn(
    process.execPath,
    [path.join(ROOT, 'dist/src/cli/main.js'), 'serve', '--workers', '2', '--host', '127.0.0.1', '--port', String(port)],
    { env: { ...process.env, SSBTEK_STORE: path.join(dir, 'store.db'), SSBTEK_LOG_LEVEL: 'warn', ...env }, stdio },
  );
}

interface Health {
  workers: { workers: { pid: number; listening: boolean }[]; replaced: number; answeredBy: number };
}

describe('serve --workers 2: one emulator on every core', function () {
  this.timeout(90_000);
  let dir: string;
  let port: number;
  let server: ChildProcess;
  let stderr = '';

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssbtek-workers-'));
    port = await freePort();
    server = serveWorkers(dir, port, { SSBTEK_TODAY: '2026-11-24' }, ['ignore', 'ignore', 'pipe']);
    server.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    const deadline = Date.now() + 30_000;
    for (;;) {
      const health = await fresh(port, 'GET', '/health').catch(() => undefined);
      const workers = health?.status === 200 ? (JSON.parse(health.body) as Health).workers.workers : [];
      if (workers.length === 2 && workers.every((w) => w.listening)) break;
      if (server.exitCode !== null || Date.now() > deadline)
        throw new Error(`serve --workers did not start: ${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  });

  after(async () => {
    if (server.exitCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** The pids answering `count` fresh connections. */
  async function answering(count: number): Promise<Set<number>> {
    const pids = new Set<number>();
    for (let i = 0; i < count; i++)
      pids.add((JSON.parse((await fresh(port, 'GET', '/health')).body) as Health).workers.answeredBy);
    return pids;
  }

  it('answers on two workers, each listed by /health', async () => {
    const health = JSON.parse((await fresh(port, 'GET', '/health')).body) as Health;
    expect(health.workers.workers.map((w) => w.pid)).to.have.length(2);
    // Neither died starting (two workers migrating one new file at once take turns).
    expect(health.workers.replaced).to.equal(0);
    expect([...(await answering(6))].sort()).to.deep.equal(health.workers.workers.map((w) => w.pid).sort());
  });

  it('applies a scenario set through one worker on both, and its reset too', async () => {
    const set = await fresh(port, 'PUT', '/__admin/scenarios/AF', JSON.stringify({ error: 'http-500' }));
    expect(set.status).to.equal(200);
    for (let i = 0; i < 4; i++) {
      const reply = await soap(port, `scenario-${i}`);
      expect(reply.body, `request ${i}`).to.match(/<(\w+:)?felkod>2001<\//);
    }
    expect((await fresh(port, 'DELETE', '/__admin/scenarios')).status).to.equal(204);
    for (let i = 0; i < 4; i++) {
      const reply = await soap(port, `reset-${i}`);
      expect(reply.status).to.equal(200);
      expect(reply.body, `request ${i}`).not.to.match(/felkod>2001</);
    }
  });

  it('moves "today" on both workers when it is moved through one, and back', async () => {
    const moved = await fresh(port, 'PUT', '/__admin/today', JSON.stringify({ today: '2027-03-01' }));
    expect(moved.status).to.equal(200);
    for (let i = 0; i < 4; i++)
      expect((JSON.parse((await fresh(port, 'GET', '/health')).body) as { today: string }).today).to.equal(
        '2027-03-01',
      );
    expect((await fresh(port, 'DELETE', '/__admin/today')).status).to.be.oneOf([200, 204]);
    for (let i = 0; i < 4; i++)
      expect((JSON.parse((await fresh(port, 'GET', '/health')).body) as { today: string }).today).to.equal(
        '2026-11-24',
      );
  });

  it("journals every worker's exchanges: list, verify, one by id, state and emptying, from any worker", async () => {
    expect((await fresh(port, 'DELETE', '/__admin/requests')).status).to.equal(204);
    const ids = ['J-1', 'J-2', 'J-3', 'J-4', 'J-5', 'J-6'];
    for (const id of ids) expect((await soap(port, id)).status).to.equal(200);
    for (let i = 0; i < 4; i++) {
      const verify = await fresh(port, 'POST', '/__admin/requests/verify', JSON.stringify({ service: 'SSBTEK' }));
      expect(JSON.parse(verify.body), `verify on connection ${i}`).to.deep.equal({ matched: 6, ok: true });
    }
    const listed = JSON.parse((await fresh(port, 'GET', '/__admin/requests?limit=10')).body) as {
      requests: { id: string; korrelationsid: string }[];
    };
    expect(listed.requests.map((e) => e.korrelationsid)).to.deep.equal([...ids].reverse());
    for (const entry of listed.requests.slice(0, 2)) {
      const one = await fresh(port, 'GET', `/__admin/requests/${entry.id}`);
      expect(one.status).to.equal(200);
      expect((JSON.parse(one.body) as { korrelationsid: string }).korrelationsid).to.equal(entry.korrelationsid);
    }
    // The two workers keep the journal between them: half its capacity each, the capacity set in all.
    expect(JSON.parse((await fresh(port, 'GET', '/__admin/journal')).body)).to.deep.include({
      capacity: 1000,
      size: 6,
    });
    expect((await fresh(port, 'DELETE', '/__admin/requests')).status).to.equal(204);
    for (let i = 0; i < 2; i++)
      expect((JSON.parse((await fresh(port, 'GET', '/__admin/journal')).body) as { size: number }).size).to.equal(0);
  });

  it("streams every worker's exchanges live to a console connected to one of them", async () => {
    const seen = new Set<string>();
    const stream = http.get({ host: '127.0.0.1', port, path: '/__admin/events', agent: false });
    const response = await new Promise<http.IncomingMessage>((resolve, reject) => {
      stream.on('response', resolve);
      stream.on('error', reject);
    });
    let text = '';
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => {
      text += chunk;
      for (const match of text.matchAll(/"korrelationsid":"(S-\d)"/g)) seen.add(match[1]!);
    });
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      for (let i = 1; i <= 6; i++) expect((await soap(port, `S-${i}`)).status).to.equal(200);
      const deadline = Date.now() + 5_000;
      while (seen.size < 6 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      expect([...seen].sort()).to.deep.equal(['S-1', 'S-2', 'S-3', 'S-4', 'S-5', 'S-6']);
    } finally {
      stream.destroy();
    }
  });

  it("counts every worker's requests in the figures at a glance and in /metrics", async () => {
    const before = JSON.parse((await fresh(port, 'GET', '/__admin/stats')).body) as {
      metrics: { ssbtek: { requests: number } };
    };
    for (let i = 0; i < 4; i++) expect((await soap(port, `M-${i}`)).status).to.equal(200);
    for (let i = 0; i < 2; i++) {
      const after = JSON.parse((await fresh(port, 'GET', '/__admin/stats')).body) as typeof before;
      expect(after.metrics.ssbtek.requests, `stats on connection ${i}`).to.equal(before.metrics.ssbtek.requests + 4);
    }
    const metrics = (await fresh(port, 'GET', '/metrics')).body;
    const total = [...metrics.matchAll(/^ssbtek_requests_total\{[^}]*\} (\d+)$/gm)].reduce(
      (n, m) => n + Number(m[1]),
      0,
    );
    expect(total).to.equal(before.metrics.ssbtek.requests + 4);
  });

  it('replaces a worker killed with SIGKILL, and keeps answering meanwhile', async () => {
    const health = JSON.parse((await fresh(port, 'GET', '/health')).body) as Health;
    const victim = health.workers.workers[0]!.pid;
    process.kill(victim, 'SIGKILL');
    const deadline = Date.now() + 40_000;
    let now: Health | undefined;
    while (Date.now() < deadline) {
      // A connection handed to the worker as it died is lost with it: poll with a short timeout.
      const reply = await fresh(port, 'GET', '/health', undefined, undefined, 2_000).catch(() => undefined);
      now = reply?.status === 200 ? (JSON.parse(reply.body) as Health) : undefined;
      if (
        now?.workers.replaced === 1 &&
        now.workers.workers.length === 2 &&
        now.workers.workers.every((w) => w.listening)
      )
        break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(now?.workers.replaced).to.equal(1);
    expect(now?.workers.workers.map((w) => w.pid)).not.to.include(victim);
    for (let i = 0; i < 4; i++) expect((await soap(port, `after-kill-${i}`)).status).to.equal(200);
  });
});

/**
 * A worker is asked nothing, and told nothing, before it announces itself ready (worker-link.ts): a message to a
 * worker still loading its modules is lost. Shown at start-up, where the first worker listens while the second
 * still loads: /health answers at once (it used to wait out the primary's 3 s deadline for the second worker's
 * journal), and a console that starts listening then gets the second worker's exchanges too (the setting that
 * tells a worker to forward them used to be sent to it while it loaded, and lost).
 */
describe('serve --workers 2: a worker still starting is asked nothing until it is ready', function () {
  this.timeout(90_000);

  it("answers /health while a worker starts, and a console listening from then on gets that worker's exchanges", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssbtek-workers-start-'));
    const port = await freePort();
    const server = serveWorkers(dir, port);
    const seen = new Set<string>();
    let stream: http.ClientRequest | undefined;
    try {
      // The first 200 from /health: one worker listens; the other may still be loading.
      const deadline = Date.now() + 30_000;
      let first: Health | undefined;
      const slowest = { ms: 0 };
      while (!first) {
        const asked = performance.now();
        const reply = await fresh(port, 'GET', '/health', undefined, undefined, 10_000).catch(() => undefined);
        if (reply?.status === 200) {
          first = JSON.parse(reply.body) as Health;
          slowest.ms = performance.now() - asked;
        } else if (Date.now() > deadline) throw new Error('serve --workers did not start');
        else await new Promise((resolve) => setTimeout(resolve, 20));
      }
      stream = http.get({ host: '127.0.0.1', port, path: '/__admin/events', agent: false });
      const response = await new Promise<http.IncomingMessage>((resolve, reject) => {
        stream!.on('response', resolve);
        stream!.on('error', reject);
      });
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        text += chunk;
        for (const match of text.matchAll(/"korrelationsid":"(W-\d+)"/g)) seen.add(match[1]!);
      });
      // Until the second worker listens, /health is answered at once: nobody waits for a worker still loading
      // (the primary's deadline for a worker's answer is 3 s).
      for (;;) {
        const asked = performance.now();
        const now = JSON.parse((await fresh(port, 'GET', '/health')).body) as Health;
        slowest.ms = Math.max(slowest.ms, performance.now() - asked);
        if (now.workers.workers.length === 2 && now.workers.workers.every((w) => w.listening)) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(slowest.ms, 'the slowest /health while a worker started').to.be.below(2_000);
      // Fresh connections are handed to both workers.
      const sent: string[] = [];
      for (let i = 1; i <= 12; i++) {
        sent.push(`W-${i}`);
        expect((await soap(port, `W-${i}`)).status).to.equal(200);
      }
      const until = Date.now() + 5_000;
      while (seen.size < sent.length && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 100));
      expect([...seen].sort()).to.deep.equal([...sent].sort());
    } finally {
      stream?.destroy();
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
