import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { Command, InvalidArgumentError, Option } from 'commander';
import { CASES, type AttackCase, type CaseContext } from './attack/cases.js';
import { attack, type ClientJob, type ClientReport } from './attack/client.js';
import { probe, probeFor, type ProbeResult } from './attack/probe.js';
import { freePort, procStatusKb, start, waitUntilUp, type Child } from './procs.js';
import { PROJECT_ROOT } from './stages.js';

/**
 * `npm run attack`: the emulator (`serve`, its own process, a store in a temporary directory, 127.0.0.1 only) under
 * the hostile battery of bench/attack/cases.ts. First the probe alone (normal v10 composite queries, a new
 * korrelationsid each) gives the baseline p50/p99; then each flood case runs with `--clients` attacking clients
 * (worker threads, back to back) while the probe measures again; the other cases are sent a few times. Every
 * answer is checked against its case. Prints RSS before, after each case and after idling, the probe's figures
 * with and without attack, and each case's answers. Exit 1 when a case got a wrong answer (a 500 other than a
 * SOAP Client Fault is always wrong) or the probe's p99 under a flood passed `--p99`.
 */

const TODAY = '2026-11-24';

const positive = (value: string): number => {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('must be a positive number');
  return n;
};
const niceness = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 19) throw new InvalidArgumentError('must be a whole number from 0 to 19');
  return n;
};

const program = new Command('attack')
  .description('hostile battery against a local emulator: answers, RSS, and normal queries’ latency under attack')
  .addOption(new Option('-s, --seconds <n>', 'flood time per flood case').argParser(positive).default(6))
  .addOption(new Option('-b, --baseline <n>', 'probe time without attack').argParser(positive).default(6))
  .addOption(new Option('-c, --clients <n>', 'attacking clients per flood case').argParser(positive).default(2))
  .addOption(
    new Option('--p99 <ms>', 'fail when the probe’s p99 under a flood passes this').argParser(positive).default(20),
  )
  .addOption(new Option('--only <names>', 'comma-separated case names (or their beginnings) to run'))
  .addOption(new Option('--node-flags <flags>', 'extra node flags for the server, space-separated').default(''))
  .addOption(
    new Option(
      '--server-cpus <list>',
      'run the server on these CPUs only (taskset), e.g. 0: with the clients on the others, the load generator does ' +
        'not take the server’s CPU time (start the script itself with taskset -c 1)',
    ),
  )
  .addOption(
    new Option(
      '--attacker-nice <n>',
      'CPU niceness of the attacking clients’ threads (0–19; Linux): the attack stays as fast as the server answers ' +
        'it, but the load generator’s own threads no longer take the probe’s CPU on the shared cores',
    )
      .argParser(niceness)
      .default(10),
  )
  .addOption(new Option('--list', 'list the cases and exit'))
  .addHelpText('after', '\nTalks only to 127.0.0.1 (the server it starts); writes only to a temporary directory.');

interface Options {
  seconds: number;
  baseline: number;
  clients: number;
  p99: number;
  only?: string;
  list?: boolean;
  nodeFlags: string;
  serverCpus?: string;
  attackerNice: number;
}

interface CaseResult {
  attackCase: AttackCase;
  reports: ClientReport[];
  probe?: ProbeResult;
  rssMb: number;
  /** The server's CPU time during the case, in ms. */
  cpuMs: number;
}

function runWorker(job: ClientJob): Promise<ClientReport> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./attack/client.js', import.meta.url), { workerData: job });
    worker.once('message', (report: ClientReport) => {
      resolve(report);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

async function token(base: string): Promise<string> {
  const response = await fetch(`${base}/oauth2/v1/sys/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials&client_id=demo&client_secret=demo',
  });
  if (!response.ok) throw new Error(`token: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

const rssOf = (child: Child): number => (procStatusKb(child.pid, 'VmRSS') ?? 0) / 1024;

/** The CPU time (user + system) a process has used so far, in ms (from /proc/<pid>/stat, in clock ticks of 10 ms). */
function cpuMsOf(child: Child): number {
  try {
    const fields = fs.readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}
const fmt = (n: number, digits = 1): string => (Number.isFinite(n) ? n.toFixed(digits) : '–');
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

/**
 * Waits until the server is idle again (under 10 % of a CPU over a quarter second, at most a minute): work a case
 * left behind (SCB's queued deliveries, validated in the background) must not fall into the next case's figures.
 */
async function settle(child: Child): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const before = cpuMsOf(child);
    await new Promise((resolve) => setTimeout(resolve, 250));
    if (!(cpuMsOf(child) - before > 25)) return;
  }
}

async function runCase(
  attackCase: AttackCase,
  base: string,
  context: CaseContext,
  options: Options,
  child: Child,
): Promise<CaseResult> {
  const cpuBefore = cpuMsOf(child);
  if (!attackCase.flood) {
    const job: ClientJob = { base, caseName: attackCase.name, context, until: Date.now() + 30_000, maxRequests: 3 };
    const reports = [await attack(job)];
    return { attackCase, reports, rssMb: rssOf(child), cpuMs: cpuMsOf(child) - cpuBefore };
  }
  const until = Date.now() + options.seconds * 1000;
  const maxRequests = attackCase.maxRequests ?? Number.MAX_SAFE_INTEGER;
  const clients = Promise.all(
    Array.from({ length: options.clients }, () =>
      runWorker({ base, caseName: attackCase.name, context, until, maxRequests, nice: options.attackerNice }),
    ),
  );
  // The probe starts a moment after the attackers, so that it measures while they are at it.
  await new Promise((resolve) => setTimeout(resolve, 300));
  const [reports, probed] = await Promise.all([clients, probe(base, clients)]);
  return { attackCase, reports, probe: probed, rssMb: rssOf(child), cpuMs: cpuMsOf(child) - cpuBefore };
}

function describe(result: CaseResult, limit: number): { lines: string[]; failed: boolean } {
  const { attackCase, reports, probe: probed } = result;
  const sent = reports.reduce((n, r) => n + r.sent, 0);
  const wrong = reports.reduce((n, r) => n + r.wrong, 0);
  const statuses = new Map<string, { count: number; head: string }>();
  for (const r of reports)
    for (const [status, { count, sample }] of Object.entries(r.byStatus)) {
      const entry = statuses.get(status) ?? { count: 0, head: sample.error ?? sample.head };
      entry.count += count;
      statuses.set(status, entry);
    }
  const answers = [...statuses].map(([status, { count }]) => `${status}×${count}`).join(' ');
  const perRequest = median(reports.flatMap((r) => r.ms));
  // The server's CPU per request during the case (the probe's queries counted too): what each request costs it,
  // whatever else the machine is doing.
  const serverMs = result.cpuMs / (sent + (probed?.count ?? 0));
  const slow = probed !== undefined && !(probed.p99 <= limit) && attackCase.ungated === undefined;
  const lines = [
    `${attackCase.name}: ${attackCase.what}`,
    `  sent ${sent}, answers ${answers}, wrong ${wrong}; ${fmt(perRequest)} ms per attacking request (median), ` +
      `server CPU ${fmt(serverMs, 2)} ms per request` +
      (probed
        ? `; probe under attack: p50 ${fmt(probed.p50)} ms, p99 ${fmt(probed.p99)} ms, max ${fmt(probed.max)} ms ` +
          `(${probed.count} queries${probed.failed ? `, ${probed.failed} failed` : ''})${slow ? ` — p99 over ${limit} ms` : ''}` +
          (attackCase.ungated ? ` (not gated: ${attackCase.ungated})` : '')
        : '') +
      `; RSS ${fmt(result.rssMb, 0)} MB`,
    ...[...statuses].map(([status, { head }]) => `  ${status}: ${summary(head)}`),
    ...reports
      .flatMap((r) => r.problems)
      .slice(0, 3)
      .map((p) => `  WRONG ${p.slice(0, 300)}`),
    ...(probed?.failures ?? []).map((f) => `  PROBE FAILED ${f}`),
  ];
  const counts = Object.fromEntries([...statuses].map(([status, { count }]) => [status, count]));
  const together = attackCase.expectAll?.(counts);
  if (together) lines.push(`  WRONG ${together}`);
  return { lines, failed: wrong > 0 || slow || (probed?.failed ?? 0) > 0 || together !== undefined };
}

/** The part of an answer worth a line: a Fault's faultstring, a problem's detail, else the start of the body. */
function summary(head: string): string {
  const fault = /<faultstring>([^<]*)</.exec(head);
  if (fault) return `Fault: ${fault[1]}`.slice(0, 160);
  return head.replace(/\s+/g, ' ').slice(0, 160);
}

async function main(): Promise<void> {
  program.parse();
  const options = program.opts<Options>();
  const wanted = options.only
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const cases = CASES.filter((c) => !wanted || wanted.some((w) => c.name.startsWith(w)));
  if (options.list) {
    for (const c of CASES) console.log(`${c.name}${c.flood ? ' (flood)' : ''}: ${c.what}`);
    return;
  }
  if (cases.length === 0) throw new InvalidArgumentError(`no case matches ${options.only}`);

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ssbtek-attack-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const node = [
    process.execPath,
    '--max-semi-space-size=4',
    ...options.nodeFlags.split(' ').filter(Boolean),
    path.join(PROJECT_ROOT, 'dist', 'src', 'cli', 'main.js'),
    'serve',
    '--port',
    String(port),
    '--host',
    '127.0.0.1',
  ];
  const [command, ...args] = options.serverCpus ? ['taskset', '-c', options.serverCpus, ...node] : node;
  const child = start(command!, args, {
    ...process.env,
    SSBTEK_TODAY: TODAY,
    SSBTEK_STORE: path.join(tmp, 'store.sqlite'),
    SSBTEK_LOG_LEVEL: 'warn',
  });
  let failed = false;
  try {
    await waitUntilUp(`${base}/health`, child);
    const context: CaseContext = { token: await token(base) };
    await probeFor(base, 2); // warm-up
    const rssStart = rssOf(child);
    const baseline = await probeFor(base, options.baseline);
    console.log(
      `Attack: server pid ${child.pid} on ${base}, ${options.clients} clients × ${options.seconds} s per flood case ` +
        `(their threads at nice ${options.attackerNice}), ` +
        `store in ${tmp}.\nRSS at start ${fmt(rssStart, 0)} MB. Probe without attack: p50 ${fmt(baseline.p50)} ms, ` +
        `p99 ${fmt(baseline.p99)} ms, max ${fmt(baseline.max)} ms (${baseline.count} queries).\n`,
    );
    const results: CaseResult[] = [];
    for (const attackCase of cases) {
      if (child.process.exitCode !== null) throw new Error(`the server exited: ${child.stderr()}`);
      await settle(child);
      const result = await runCase(attackCase, base, context, options, child);
      results.push(result);
      const { lines, failed: caseFailed } = describe(result, options.p99);
      failed ||= caseFailed;
      console.log(`${caseFailed ? 'FAIL ' : ''}${lines.join('\n')}\n`);
    }
    await settle(child);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const rssIdle = rssOf(child);
    const peak = (procStatusKb(child.pid, 'VmHWM') ?? 0) / 1024;
    const gated = results.filter((r) => r.probe && r.attackCase.ungated === undefined);
    const worst = gated.reduce<CaseResult | undefined>(
      (w, r) => (!w || r.probe!.p99 > w.probe!.p99 ? r : w),
      undefined,
    );
    console.log(
      `RSS: ${fmt(rssStart, 0)} MB at start, ${fmt(rssIdle, 0)} MB after the battery and 3 s idle ` +
        `(peak ${fmt(peak, 0)} MB).\nProbe p50/p99: ${fmt(baseline.p50)}/${fmt(baseline.p99)} ms without attack` +
        (worst
          ? `; worst under attack ${fmt(worst.probe!.p50)}/${fmt(worst.probe!.p99)} ms (${worst.attackCase.name})`
          : '') +
        `.\n${failed ? 'FAIL: see the cases marked FAIL above.' : `PASS: every answer as expected, p99 ≤ ${options.p99} ms under every flood.`}`,
    );
  } finally {
    await child.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  process.exitCode = failed ? 1 : 0;
}

await main();
