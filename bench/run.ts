import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon, { type Result } from 'autocannon';
import { BENCH_TODAY, INVALID, SOAP_HEADERS as SOAP, V1, V10 } from './requests.js';
import { freePort, procStatusKb, sampleRss, start, waitUntilUp, type Child } from './procs.js';
import { PROJECT_ROOT, printTable, runStages } from './stages.js';

/**
 * `npm run bench`: load by autocannon against 127.0.0.1, one table for this machine (see README "Performance").
 * BENCH_SECONDS (default 10) bounds each scenario at each connection count; BENCH_STAGE_ITERATIONS (default 2000)
 * sets the micro-benchmark's loop.
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = Math.max(1, Math.round(SECONDS * 0.3));
const CONNECTIONS = [10, 50];
const ITERATIONS = Number(process.env.BENCH_STAGE_ITERATIONS ?? 2000);
if (!(SECONDS > 0) || !(ITERATIONS > 0)) throw new Error('BENCH_SECONDS and BENCH_STAGE_ITERATIONS must be positive');

/** A new korrelationsid for every request: the composite answer is never the same twice. */
const NEW_KORRELATIONSID = (body: string, n: number): string =>
  body.replace('KORRID-V10-0001', `KORRID-${process.pid}-${n}`);
const TESTA =
  '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>' +
  '<t:testaBastjanstInformation xmlns:t="http://schema.forsakringskassan.se/integration/ssbt/10"/>' +
  '</soapenv:Body></soapenv:Envelope>';

interface Request {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  /** Rewrites the body for the n-th request (each request different: nothing is answered from memory). */
  vary?: (body: string, n: number) => string;
}

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
  const response = await fetch(request.url, { method: request.method, headers: request.headers, body: request.body });
  const body = await response.text();
  if (response.status !== status || !body.includes(marker)) {
    throw new Error(`${label}: expected ${status} with "${marker}", got ${response.status}: ${body.slice(0, 400)}`);
  }
  return body;
}

function load(request: Request, connections: number, duration: number): Promise<Result> {
  let n = 0;
  const { vary, body } = request;
  return autocannon({
    ...(vary &&
      body !== undefined && { requests: [{ setupRequest: (params) => ({ ...params, body: vary(body, n++) }) }] }),
    url: request.url,
    method: request.method,
    headers: request.headers,
    body: request.body,
    connections,
    duration,
    timeout: 30,
  });
}

/** Warm-up, then the measured run at each connection count; every response's status is checked. */
async function scenario(label: string, request: Request, status: number, pid?: number): Promise<void> {
  await load(request, CONNECTIONS[0]!, WARMUP_SECONDS);
  for (const connections of CONNECTIONS) {
    const rss = pid === undefined ? undefined : sampleRss(pid);
    const result = await load(request, connections, SECONDS);
    const rssMb = rss?.stop();
    const expected = result.statusCodeStats[String(status)]?.count ?? 0;
    const answered = Object.values(result.statusCodeStats).reduce((sum, s) => sum + s.count, 0);
    const total = answered + result.errors;
    rows.push({
      label,
      connections,
      rps: answered / result.duration,
      p50: result.latency.p50,
      p99: result.latency.p99,
      total,
      unexpected: total - expected,
      rssMb,
    });
    const last = rows[rows.length - 1]!;
    console.error(
      `  ${label} @${connections}: ${last.rps.toFixed(0)} req/s, p50 ${last.p50} ms, p99 ${last.p99} ms, ` +
        `${last.unexpected}/${total} unexpected (${result.errors} errors, ${result.timeouts} timeouts)`,
    );
  }
}

async function startEmulator(
  extraEnv: Record<string, string>,
  configFile: string,
): Promise<{ child: Child; base: string }> {
  const port = await freePort();
  const child = start(
    process.execPath,
    // As `npm start` runs it: a 4 MB semi-space keeps RSS about 25 MB lower at the same throughput (README).
    [
      '--max-semi-space-size=4',
      path.join(PROJECT_ROOT, 'dist', 'src', 'cli', 'main.js'),
      'serve',
      '--port',
      String(port),
      '--config',
      configFile,
    ],
    {
      ...process.env,
      SSBTEK_TODAY: BENCH_TODAY,
      SSBTEK_STORE: ':memory:',
      SSBTEK_LOG_LEVEL: 'warn',
      ...extraEnv,
    },
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
  console.error(`Benchmark: ${SECONDS} s per scenario per connection count (warm-up ${WARMUP_SECONDS} s each)`);

  // Emulator, journal on: (b), (c), (e), (f), (g); its (c) reply is the body (a) and the peer send.
  const emulator = await startEmulator({}, configFile);
  let replyBody: string;
  let emulatorHwm: number | undefined;
  try {
    const { base } = emulator;
    replyBody = await preflight('(c)', soap(base, V10), 200, 'hamtaBastjanstInformationResponse');
    const replyFile = path.join(tmp, 'reply.xml');
    fs.writeFileSync(replyFile, replyBody);

    // (a) The ceiling, a raw node:http server in its own process, measured while the emulator is idle.
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
      await scenario('(a) raw node:http, fixed reply', rawRequest, 200, raw.pid);
    } finally {
      await raw.stop();
    }

    await preflight('(b)', soap(base, TESTA), 200, 'testaBastjanstInformationResponse');
    await scenario('(b) testaBastjanstInformation', soap(base, TESTA), 200, emulator.child.pid);
    await scenario('(c) v10, 7 services, validation on', soap(base, V10), 200, emulator.child.pid);
    const fresh = { ...soap(base, V10), vary: NEW_KORRELATIONSID };
    await scenario("(c') = (c), new korrelationsid each", fresh, 200, emulator.child.pid);
    await preflight('(e)', soap(base, V1), 200, 'hamtaBastjanstInformationResponse');
    await scenario('(e) v1 composite (seed example)', soap(base, V1), 200, emulator.child.pid);
    await preflight('(f)', soap(base, INVALID), 500, 'felkod>1001</');
    await scenario('(f) invalid request → Fault 1001', soap(base, INVALID), 500, emulator.child.pid);

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
    await scenario('(g) REST samordningsnummer ping', ping, 200, emulator.child.pid);
    emulatorHwm = procStatusKb(emulator.child.pid, 'VmHWM');
  } finally {
    await emulator.child.stop();
  }

  // (d) A fresh emulator with the journal off.
  const quiet = await startEmulator({ SSBTEK_JOURNAL: 'false' }, configFile);
  let quietHwm: number | undefined;
  try {
    await preflight('(d)', soap(quiet.base, V10), 200, 'hamtaBastjanstInformationResponse');
    await scenario('(d) = (c), journal off', soap(quiet.base, V10), 200, quiet.child.pid);
    quietHwm = procStatusKb(quiet.child.pid, 'VmHWM');
  } finally {
    await quiet.child.stop();
  }

  // (c'') A fresh emulator keeping no answers at all: every request computed through all seven services.
  const cold = await startEmulator({ SSBTEK_ANSWER_CACHE_ENTRIES: '0' }, configFile);
  try {
    await scenario("(c'') = (c), no answers kept", soap(cold.base, V10), 200, cold.child.pid);
  } finally {
    await cold.child.stop();
  }

  const peerHwm = await runPeer(replyBody, tmp);

  printLoadTable(emulatorHwm, quietHwm, peerHwm);
  await runStages(ITERATIONS);
  fs.rmSync(tmp, { recursive: true, force: true });
  console.log(`\nWhole run: ${((Date.now() - started) / 1000).toFixed(0)} s.`);
}

/**
 * The peer: WireMock standalone with a static canned reply (the emulator's own (c) reply) for the v10 request. Its
 * root folder (where it creates mappings/ and __files/) is the run's temporary folder, not the working directory.
 */
async function runPeer(replyBody: string, tmp: string): Promise<number | undefined> {
  const jar = path.join(PROJECT_ROOT, 'node_modules', 'wiremock', 'build', 'wiremock-standalone-3.13.2.jar');
  if (!fs.existsSync(jar)) {
    notes.push(`Peer not measured: ${jar} is missing.`);
    return undefined;
  }
  const port = await freePort();
  let peer: Child;
  try {
    // No request journal: WireMock's own advice for load, so the peer runs at its best.
    peer = start('java', [
      '-jar',
      jar,
      '--port',
      String(port),
      '--root-dir',
      path.join(tmp, 'wiremock'),
      '--bind-address',
      '127.0.0.1',
      '--disable-banner',
      '--no-request-journal',
    ]);
    await new Promise((r) => setTimeout(r, 200));
    if (peer.process.exitCode !== null) throw new Error(peer.stderr());
  } catch (error) {
    notes.push(`Peer not measured: java could not start WireMock (${(error as Error).message}).`);
    return undefined;
  }
  peer.process.on('error', () => undefined);
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitUntilUp(`${base}/__admin/mappings`, peer);
    const mapping = await fetch(`${base}/__admin/mappings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        request: {
          method: 'POST',
          url: '/ssbtek',
          bodyPatterns: [{ matchesXPath: "//*[local-name()='hamtaBastjanstInformation']" }],
        },
        response: { status: 200, headers: { 'Content-Type': 'text/xml; charset=utf-8' }, body: replyBody },
      }),
    });
    if (!mapping.ok) throw new Error(`WireMock refused the mapping: ${mapping.status} ${await mapping.text()}`);
    const request = soap(base, V10);
    const body = await preflight('(peer)', request, 200, 'hamtaBastjanstInformationResponse');
    if (body !== replyBody) throw new Error('WireMock answered a different body');
    // JIT warm-up: a longer run than the others' warm-up before measuring.
    await load(request, CONNECTIONS[0]!, Math.max(2, SECONDS));
    await scenario('(peer) WireMock 3.13, canned reply', request, 200, peer.pid);
    return procStatusKb(peer.pid, 'VmHWM');
  } catch (error) {
    notes.push(`Peer not measured: ${(error as Error).message}`);
    return undefined;
  } finally {
    await peer.stop();
  }
}

function printLoadTable(emulatorHwm?: number, quietHwm?: number, peerHwm?: number): void {
  const cpus = os.cpus();
  const cpuinfo = fs.existsSync('/proc/cpuinfo') ? fs.readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? cpus[0]?.model ?? 'unknown CPU';
  console.log(
    `\nLoad (autocannon, 127.0.0.1, keep-alive, ${SECONDS} s per row after a ${WARMUP_SECONDS} s warm-up) on ` +
      `${model} × ${cpus.length}, Node ${process.version}:`,
  );
  const ceiling = (connections: number): number | undefined =>
    rows.find((r) => r.label.startsWith('(a)') && r.connections === connections)?.rps;
  printTable(
    ['scenario', 'conns', 'req/s', '× (a)', 'p50 ms', 'p99 ms', 'unexpected/total', 'RSS max MB'],
    rows.map((r) => {
      const a = ceiling(r.connections);
      return [
        r.label,
        String(r.connections),
        r.rps.toFixed(0),
        a ? (r.rps / a).toFixed(3) : '–',
        String(r.p50),
        String(r.p99),
        `${r.unexpected}/${r.total}`,
        r.rssMb === undefined ? '–' : r.rssMb.toFixed(0),
      ];
    }),
  );
  const mb = (kb?: number): string => (kb === undefined ? 'not measured' : `${(kb / 1024).toFixed(0)} MB`);
  console.log(
    `Peak RSS (VmHWM): emulator ${mb(emulatorHwm)} (journal on, after (b)–(g)); emulator ${mb(quietHwm)} ` +
      `(journal off, after (d)); WireMock ${mb(peerHwm)}.`,
  );
  console.log("(g) runs with samordningsnummerRequestsPerSecond: 0 (the adapter's 10 requests/s limit off).");
  for (const connections of CONNECTIONS) {
    const c = rows.find((r) => r.label.startsWith('(c)') && r.connections === connections)?.rps;
    const peer = rows.find((r) => r.label.startsWith('(peer)') && r.connections === connections)?.rps;
    if (c !== undefined && peer !== undefined) {
      console.log(`(c) / peer at ${connections} connections: ${(c / peer).toFixed(3)}`);
    }
  }
  for (const note of notes) console.log(note);
}

await main();
