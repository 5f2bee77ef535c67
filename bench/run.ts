import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon, { type Result } from 'autocannon';
import { puGrowth, scbGrowth, startupGrowth, type GrowthRow } from './growth.js';
import { runNodeSoap, runWireMock, type PeerBench } from './peers.js';
import { freePort, procStatusKb, sampleRss, start, waitUntilUp, type Child } from './procs.js';
import { BENCH_TODAY, INVALID, SOAP_HEADERS as SOAP, V1, V10, variedPerson, type LoadRequest } from './requests.js';
import { PROJECT_ROOT, printTable, runStages } from './stages.js';
import { warmUntilSteady } from './warm.js';
import { storeRows, workerRows, type WorkerBench } from './workers.js';

/**
 * `npm run bench`: load by autocannon against 127.0.0.1, one table for this machine (docs/performance.md).
 * BENCH_SECONDS (default 10) bounds each row; BENCH_STAGE_ITERATIONS (default 2000) sets the micro-benchmark's loop.
 * Everything it writes goes to a temporary folder (removed at the end), nothing into the working tree.
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = Math.max(1, Math.round(SECONDS * 0.3));
/** The headline rows run at both; the others at 10 connections (the targets' figure). */
const BOTH = [10, 50];
const TEN = [10];
const ITERATIONS = Number(process.env.BENCH_STAGE_ITERATIONS ?? 2000);
if (!(SECONDS > 0) || !(ITERATIONS > 0)) throw new Error('BENCH_SECONDS and BENCH_STAGE_ITERATIONS must be positive');

/** A new korrelationsid for every request: the composite answer is never the same twice. */
const NEW_KORRELATIONSID = (body: string, n: number): string =>
  body.replace('KORRID-V10-0001', `KORRID-${process.pid}-${n}`);
const TESTA =
  '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>' +
  '<t:testaBastjanstInformation xmlns:t="http://schema.forsakringskassan.se/integration/ssbt/10"/>' +
  '</soapenv:Body></soapenv:Envelope>';

type Request = LoadRequest;

interface Row {
  label: string;
  connections: number;
  rps: number;
  p50: number;
  p99: number;
  total: number;
  unexpected: number;
  rssMb?: number;
}

const rows: Row[] = [];
const notes: string[] = [];

/** One request sent by hand before the load: the status and a marker in the body must be as expected. */
async function preflight(label: string, request: Request, status: number, marker: string): Promise<string> {
  const body = request.vary && request.body !== undefined ? request.vary(request.body, -1) : request.body;
  const response = await fetch(request.url, { method: request.method, headers: request.headers, body });
  const text = await response.text();
  if (response.status !== status || !text.includes(marker)) {
    throw new Error(`${label}: expected ${status} with "${marker}", got ${response.status}: ${text.slice(0, 400)}`);
  }
  return text;
}

/**
 * How many varied bodies the run has made: one count for the whole run, so that no load, warm-up or row, sends a
 * body an earlier one sent (a row that began again at 0 would repeat its warm-up's queries, and a query's base
 * services keep their answers from its second offer on).
 */
let varied = 0;

function load(request: Request, connections: number, duration: number): Promise<Result> {
  const { vary, body } = request;
  return autocannon({
    ...(vary &&
      body !== undefined && { requests: [{ setupRequest: (params) => ({ ...params, body: vary(body, varied++) }) }] }),
    url: request.url,
    method: request.method,
    headers: request.headers,
    body: request.body,
    connections,
    duration,
    timeout: 30,
  });
}

/** Responses the load got, of every status (a row expects its own: (f) expects 500). */
function answered(result: Result): number {
  return Object.values(result.statusCodeStats).reduce((sum, s) => sum + s.count, 0);
}

/**
 * Warm-up, then the measured run at each connection count; every response's status is checked. A headline row
 * (`steady`) is warmed as WireMock is, until its throughput is steady (bench/warm.ts); the others for a few seconds.
 */
async function scenario(
  label: string,
  request: Request,
  status: number,
  pid?: number,
  connections: number[] = TEN,
  options: { steady?: boolean } = {},
): Promise<void> {
  if (options.steady) {
    const warmed = await warmUntilSteady(async (seconds) => {
      const result = await load(request, connections[0]!, seconds);
      return answered(result) / result.duration;
    });
    notes.push(`${label}: warmed for ${warmed} s.`);
  } else {
    await load(request, connections[0]!, WARMUP_SECONDS);
  }
  for (const count of connections) {
    const rss = pid === undefined ? undefined : sampleRss(pid);
    const result = await load(request, count, SECONDS);
    const rssMb = rss?.stop();
    const expected = result.statusCodeStats[String(status)]?.count ?? 0;
    const total = answered(result) + result.errors;
    const row: Row = {
      label,
      connections: count,
      rps: answered(result) / result.duration,
      p50: result.latency.p50,
      p99: result.latency.p99,
      total,
      unexpected: total - expected,
      rssMb,
    };
    rows.push(row);
    console.error(
      `  ${label} @${count}: ${row.rps.toFixed(0)} req/s, p50 ${row.p50} ms, p99 ${row.p99} ms, ` +
        `${row.unexpected}/${total} unexpected (${result.errors} errors, ${result.timeouts} timeouts)`,
    );
  }
}

function emulatorEnv(extraEnv: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, SSBTEK_TODAY: BENCH_TODAY, SSBTEK_STORE: ':memory:', SSBTEK_LOG_LEVEL: 'warn', ...extraEnv };
}

async function startEmulator(
  extraEnv: Record<string, string>,
  configFile: string,
  extraArgs: string[] = [],
): Promise<{ child: Child; base: string }> {
  const port = await freePort();
  const child = start(
    process.execPath,
    // As `npm start` runs it: a 4 MB semi-space keeps RSS about 25 MB lower at the same throughput.
    [
      '--max-semi-space-size=4',
      path.join(PROJECT_ROOT, 'dist', 'src', 'cli', 'main.js'),
      'serve',
      '--port',
      String(port),
      '--config',
      configFile,
      ...extraArgs,
    ],
    emulatorEnv(extraEnv),
  );
  const base = `http://127.0.0.1:${port}`;
  await waitUntilUp(`${base}/health`, child);
  return { child, base };
}

const soap = (base: string, body: string): Request => ({ url: `${base}/ssbtek`, method: 'POST', headers: SOAP, body });

async function main(): Promise<void> {
  const started = Date.now();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ssbtek-bench-'));
  // The samordningsnummer adapter allows 10 calls per second per client by default: off for the load (0 = off).
  const configFile = path.join(tmp, 'bench-config.json');
  fs.writeFileSync(configFile, JSON.stringify({ samordningsnummerRequestsPerSecond: 0 }));
  console.error(`Benchmark: ${SECONDS} s per row per connection count (warm-up ${WARMUP_SECONDS} s each)`);
  const hwm: Record<string, number | undefined> = {};
  const growth: GrowthRow[] = [];

  // Emulator, journal on; its (c) reply is the body (a) and the peers send.
  const emulator = await startEmulator({}, configFile);
  try {
    const { base } = emulator;
    const replyBody = await preflight('(c)', soap(base, V10), 200, 'hamtaBastjanstInformationResponse');
    const replyFile = path.join(tmp, 'reply.xml');
    fs.writeFileSync(replyFile, replyBody);
    const peers: PeerBench = {
      scenario: (label, request, status, pid, connections) => scenario(label, request, status, pid, connections),
      preflight,
      notes,
      connections: BOTH,
      tmp,
    };

    // (a) The ceiling and the two peers, each in its own process, measured while the emulator is idle.
    const rawPort = await freePort();
    const raw = start(process.execPath, [
      path.join(PROJECT_ROOT, 'dist', 'bench', 'raw-server.js'),
      replyFile,
      String(rawPort),
    ]);
    try {
      const rawRequest = soap(`http://127.0.0.1:${rawPort}`, V10);
      await waitUntilUp(rawRequest.url, raw);
      await preflight('(a)', rawRequest, 200, 'hamtaBastjanstInformationResponse');
      await scenario('(a) raw node:http, fixed reply', rawRequest, 200, raw.pid, BOTH);
    } finally {
      await raw.stop();
    }
    const wiremock = await runWireMock(replyBody, peers);
    hwm.wiremock = wiremock.hwm;
    if (wiremock.warmSeconds) notes.push(`WireMock warmed for ${wiremock.warmSeconds} s before its rows.`);
    hwm.nodeSoap = await runNodeSoap(replyFile, peers);

    const pid = emulator.child.pid;
    await scenario('(c) v10 composite, same query (kept)', soap(base, V10), 200, pid, BOTH, { steady: true });
    await scenario(
      '(v) v10 composite, a new person each',
      { ...soap(base, V10), vary: (_, n) => variedPerson(n) },
      200,
      pid,
      BOTH,
      { steady: true },
    );
    await scenario("(c') = (c), new korrelationsid each", { ...soap(base, V10), vary: NEW_KORRELATIONSID }, 200, pid);
    await preflight('(b)', soap(base, TESTA), 200, 'testaBastjanstInformationResponse');
    await scenario('(b) testaBastjanstInformation', soap(base, TESTA), 200, pid);
    await preflight('(e)', soap(base, V1), 200, 'hamtaBastjanstInformationResponse');
    await scenario('(e) v1 composite (seed example)', soap(base, V1), 200, pid);
    await preflight('(f)', soap(base, INVALID), 500, 'felkod>1001</');
    await scenario('(f) invalid request → Fault 1001', soap(base, INVALID), 500, pid);
    await scenario('(g) REST samordningsnummer ping', await pingRequest(base), 200, pid);
    hwm.emulator = procStatusKb(pid, 'VmHWM');

    console.error('  cost growth: PU, SCB');
    growth.push(...(await puGrowth(base)), ...(await scbGrowth(base)));
  } finally {
    await emulator.child.stop();
  }

  // (d) A fresh emulator with the journal off; (c'') one keeping no answers at all.
  const quiet = await startEmulator({ SSBTEK_JOURNAL: 'false' }, configFile);
  try {
    await scenario('(d) = (c), journal off', soap(quiet.base, V10), 200, quiet.child.pid, TEN);
    hwm.quiet = procStatusKb(quiet.child.pid, 'VmHWM');
  } finally {
    await quiet.child.stop();
  }
  const cold = await startEmulator({ SSBTEK_ANSWER_CACHE_ENTRIES: '0' }, configFile);
  try {
    await scenario("(c'') = (c), no answers kept", soap(cold.base, V10), 200, cold.child.pid, TEN);
  } finally {
    await cold.child.stop();
  }
  // All cores (workers auto, as npm start) and the REST writes on each store engine.
  const workerBench: WorkerBench = {
    scenario,
    preflight,
    startEmulator: (extraEnv, extraArgs) => startEmulator(extraEnv, configFile, extraArgs),
    tmp,
    notes,
  };
  await workerRows(workerBench, BOTH);
  await storeRows(workerBench);
  growth.push(await startupGrowth(configFile, emulatorEnv({})));
  growth.push(await startupGrowth(configFile, emulatorEnv({ SSBTEK_STORE: path.join(tmp, 'startup.sqlite') }), 'auto'));

  printLoadTable(hwm);
  printGrowth(growth);
  await runStages(ITERATIONS);
  fs.rmSync(tmp, { recursive: true, force: true });
  console.log(`\nWhole run: ${((Date.now() - started) / 1000).toFixed(0)} s.`);
}

/** (g): the samordningsnummer adapter's ping with a token from the emulator's OAuth2 endpoint. */
async function pingRequest(base: string): Promise<Request> {
  const tokenResponse = await fetch(`${base}/oauth2/v1/sys/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials&client_id=demo&client_secret=demo&scope=esnr',
  });
  const token = ((await tokenResponse.json()) as { access_token?: string }).access_token;
  if (!tokenResponse.ok || !token) throw new Error(`no token: ${tokenResponse.status}`);
  const ping: Request = {
    url: `${base}/folkbokforing/samordningsnummer/v1/ping`,
    method: 'GET',
    headers: { authorization: `Bearer ${token}`, skv_client_correlation_id: 'bench' },
  };
  await preflight('(g)', ping, 200, 'skv_correlation_id');
  return ping;
}

function printLoadTable(hwm: Record<string, number | undefined>): void {
  const cpus = os.cpus();
  const cpuinfo = fs.existsSync('/proc/cpuinfo') ? fs.readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? cpus[0]?.model ?? 'unknown CPU';
  console.log(
    `\nLoad (autocannon, 127.0.0.1, keep-alive, ${SECONDS} s per row after a warm-up: ${WARMUP_SECONDS} s, the ` +
      `headline rows until steady, see the notes) on ` +
      `${model} × ${cpus.length}, Node ${process.version}; one emulator process, except the rows marked workers auto:`,
  );
  const find = (prefix: string, connections: number): Row | undefined =>
    rows.find((r) => r.label.startsWith(prefix) && r.connections === connections);
  printTable(
    ['scenario', 'conns', 'req/s', '× (a)', '× WireMock', 'p50 ms', 'p99 ms', 'unexpected/total', 'RSS max MB'],
    rows.map((r) => {
      const a = find('(a)', r.connections)?.rps;
      const peer = find('(peer)', r.connections)?.rps;
      return [
        r.label,
        String(r.connections),
        r.rps.toFixed(0),
        a ? (r.rps / a).toFixed(3) : '–',
        peer ? (r.rps / peer).toFixed(2) : '–',
        String(r.p50),
        String(r.p99),
        `${r.unexpected}/${r.total}`,
        r.rssMb === undefined ? '–' : r.rssMb.toFixed(0),
      ];
    }),
  );
  const mb = (kb?: number): string => (kb === undefined ? 'not measured' : `${(kb / 1024).toFixed(0)} MB`);
  console.log(
    `Peak RSS (VmHWM): emulator ${mb(hwm.emulator)} (journal on, after (c)–(g)); emulator ${mb(hwm.quiet)} ` +
      `(journal off, after (d)); WireMock ${mb(hwm.wiremock)}; node-soap mock ${mb(hwm.nodeSoap)}.`,
  );
  console.log("(g) runs with samordningsnummerRequestsPerSecond: 0 (the adapter's 10 requests/s limit off).");
  for (const connections of BOTH) {
    const cw = rows.find((r) => r.label === '(c) = (c), workers auto' && r.connections === connections);
    const vw = rows.find((r) => r.label === '(v) = (v), workers auto' && r.connections === connections);
    const wm0 = find('(peer)', connections)?.rps;
    if (cw && wm0)
      console.log(
        `At ${connections} connections, workers auto (npm start's defaults): (c) / WireMock ` +
          `${(cw.rps / wm0).toFixed(2)}, p99 ${cw.p99} ms; (v) ${vw?.rps.toFixed(0) ?? '–'} req/s, p99 ${vw?.p99 ?? '–'} ms.`,
      );
  }
  for (const connections of BOTH) {
    const c = find('(c)', connections)?.rps;
    const v = find('(v)', connections)?.rps;
    const wm = find('(peer)', connections)?.rps;
    const ns = find('(peer 2)', connections)?.rps;
    const ratio = (x?: number, y?: number): string => (x && y ? (x / y).toFixed(2) : '–');
    console.log(
      `At ${connections} connections: (c) / WireMock ${ratio(c, wm)}, (c) / node-soap ${ratio(c, ns)}, ` +
        `(v) / WireMock ${ratio(v, wm)}.`,
    );
  }
  for (const note of notes) console.log(note);
}

function printGrowth(growth: GrowthRow[]): void {
  console.log('\nCost growth (one request at a time; median and slowest of the rounds after one warm-up):');
  printTable(
    ['what', 'size', 'median ms', 'max ms', 'rounds'],
    growth.map((g) => [g.label, g.size, g.medianMs.toFixed(1), g.maxMs.toFixed(1), String(g.rounds)]),
  );
}

await main();
