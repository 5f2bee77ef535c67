import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, InvalidArgumentError, Option } from 'commander';
import { MOTHER, OTHER_MOTHER } from '../test/rest/birthreport/support.js';
import { NUMMER } from '../test/rest/samordningsnummer/support.js';
import { CSV_V2_OK, ORG, XML_OK, b64 } from '../test/rest/scb/support.js';
import { freePort, procStatusKb, start, waitUntilUp, type Child } from './procs.js';

/**
 * `npm run soak -- --duration 30m`: the emulator (`serve`, a file store in a temporary directory, 127.0.0.1 only)
 * under a steady mixed load for a long time, watching for memory growth and slowing down. A fixed number of
 * requests per second is started (open loop) from a weighted rotation of SSBTEK v10/v1 composites, testa,
 * Fault 1001, PU GetPersonsForProfile, birth reports, samordningsnummer renewals and SCB deliveries (each followed by
 * status polling until processed and the result). Every answer's status and a marker in its body are checked.
 * Server RSS (VmRSS) is sampled every few seconds; latency is collected per window. Exit 1 when RSS grew by the
 * limit or more between the end of the warm-up and the end of the run, or on any error.
 */

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const TODAY = '2026-11-24';

function parseDuration(value: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(value.trim());
  if (!match) throw new InvalidArgumentError('a duration is a number with ms, s, m or h (e.g. 90s, 30m)');
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(match[2] ?? 's') as 'ms' | 's' | 'm' | 'h'];
  const ms = Number(match[1]) * unit;
  if (!(ms > 0)) throw new InvalidArgumentError('a duration must be positive');
  return ms;
}

function parsePositive(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('must be a positive number');
  return n;
}

interface Options {
  duration: number;
  warmup?: number;
  rate: number;
  window: number;
  sample: number;
  rssLimit: number;
  maxInFlight: number;
}

const duration = (flags: string, description: string, fallback?: [number, string]): Option => {
  const option = new Option(flags, description).argParser(parseDuration);
  return fallback ? option.default(fallback[0], fallback[1]) : option;
};

const program = new Command('soak')
  .description('long steady mixed load against a local emulator: RSS growth and latency per window')
  .addOption(
    duration('-d, --duration <duration>', 'whole run, warm-up included (e.g. 5m, 30m, 1h)', [1_800_000, '30m']),
  )
  .addOption(duration('-w, --warmup <duration>', 'warm-up before the RSS baseline (default: 10 % of the run, ≥ 60 s)'))
  .addOption(new Option('-r, --rate <n>', 'requests started per second').argParser(parsePositive).default(20))
  .addOption(duration('--window <duration>', 'latency window', [60_000, '1m']))
  .addOption(duration('--sample <duration>', 'RSS sampling interval', [2_000, '2s']))
  .addOption(
    new Option('--rss-limit <percent>', 'fail when RSS grows by this much or more after the warm-up')
      .argParser(parsePositive)
      .default(10),
  )
  .addOption(
    new Option('--max-in-flight <n>', 'a request that would exceed this many open ones counts as an error')
      .argParser(parsePositive)
      .default(200),
  )
  .addHelpText(
    'after',
    '\nTalks only to 127.0.0.1 (the server it starts). Exit code 0: no error and RSS growth below the limit.\n' +
      'Example: npm run soak -- --duration 30m',
  );

// ---------------------------------------------------------------------------------------------------------------
// The requests

const SOAP = { 'content-type': 'text/xml; charset=utf-8', soapaction: '""' };
const example = (name: string): string =>
  fs.readFileSync(path.join(PROJECT_ROOT, 'fixtures', 'examples', name), 'utf8');
const V10 = example('v10-all-services.xml');
const V1 = example('seed-example-v1.xml');
const INVALID = V10.replace('<ssbt:personidentitet>198601042388<', '<ssbt:personidentitet>19860104238<');
if (INVALID === V10) throw new Error('the v10 example no longer has the personidentitet the Fault 1001 case breaks');
const TESTA =
  '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>' +
  '<t:testaBastjanstInformation xmlns:t="http://schema.forsakringskassan.se/integration/ssbt/10"/>' +
  '</soapenv:Body></soapenv:Envelope>';
const PU = example('pu-get-persons-p5.xml');

/** Renewable numbers from Skatteverket's test list: the first round renews them, later rounds are answered again. */
const RENEWABLE = [...NUMMER.vilande, ...NUMMER.aktuella];
const SCB_BODIES = [
  { Contract: 'demo', fileContent: b64(CSV_V2_OK), DeliveryFormatName: 'LONERAPPORT_CSV' },
  { Contract: 'demo', fileContent: b64(XML_OK), DeliveryFormatName: 'LONERAPPORT_XML' },
  { Contract: 'demo', fileContent: b64('x;y\n'), DeliveryFormatName: 'LONERAPPORT_CSV' },
];

/**
 * Mothers for the birth reports: women (even sex digit) born 1960–2004 from Skatteverket's test list beside the
 * project (../shared/reference), else the two mothers of the birth report tests. Each report's child is distinct
 * by (mother, day, order) for as long as the combinations last; after that a report is a duplicate (202).
 */
function mothers(): string[] {
  const file = path.resolve(PROJECT_ROOT, '..', 'shared', 'reference', 'skatteverket-testnummer', 'personnummer.txt');
  if (!fs.existsSync(file)) return [MOTHER, OTHER_MOTHER];
  const women = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((n) => /^(19[6-9]\d|200[0-4])\d{8}$/.test(n) && Number(n[10]) % 2 === 0);
  return women.length > 0 ? women.slice(0, 400) : [MOTHER, OTHER_MOTHER];
}
const MOTHERS = mothers();
/** Children born on the 15 days up to today: not late (≤ 14 days), so each can get a number. */
const BIRTH_DAYS = Array.from({ length: 15 }, (_, i) => `2026-11-${String(10 + i).padStart(2, '0')}`);

function birthReport(i: number): Record<string, unknown> {
  const day = BIRTH_DAYS[i % BIRTH_DAYS.length]!;
  const mother = MOTHERS[Math.floor(i / BIRTH_DAYS.length) % MOTHERS.length]!;
  const order = 1 + (Math.floor(i / (BIRTH_DAYS.length * MOTHERS.length)) % 9);
  return {
    reportId: randomUUID(),
    reportedBy: { reporter: 'Alfa BB, Barnmorska', phoneNumber: '070 00 00 000' },
    mother: { personalIdentityNumber: { id: mother } },
    child: { date: day, gender: i % 2 ? 'BOY' : 'GIRL', municipality: 'Östersund', aliveAtBirth: true, order },
    totalNumberOfChildren: 9,
    residentialAddress: ['Storgatan 1'],
    phoneNumber: ['070 00 00 001'],
  };
}

type Kind =
  | 'v10'
  | 'v1'
  | 'testa'
  | 'fault1001'
  | 'pu'
  | 'birthreport'
  | 'renewal'
  | 'scb-delivery'
  | 'scb-status'
  | 'scb-result'
  | 'token';

/** One rotation: the share of each kind in the load (SCB polls come on top, from each delivery). */
const ROTATION: Kind[] = [
  'v10',
  'testa',
  'pu',
  'birthreport',
  'v10',
  'fault1001',
  'renewal',
  'scb-delivery',
  'v1',
  'v10',
  'testa',
  'pu',
  'birthreport',
  'v10',
  'fault1001',
  'renewal',
  'scb-delivery',
  'v1',
];

// ---------------------------------------------------------------------------------------------------------------
// Measuring

interface Window {
  index: number;
  latencies: number[];
  errors: number;
  rssKb?: number;
}

class Recorder {
  readonly windows: Window[] = [];
  readonly byKind = new Map<Kind, { count: number; errors: number }>();
  readonly errorSamples: string[] = [];
  errors = 0;

  constructor(
    private readonly started: number,
    private readonly windowMs: number,
  ) {}

  window(at = Date.now()): Window {
    const index = Math.floor((at - this.started) / this.windowMs);
    while (this.windows.length <= index) this.windows.push({ index: this.windows.length, latencies: [], errors: 0 });
    return this.windows[index]!;
  }

  ok(kind: Kind, ms: number): void {
    this.window().latencies.push(ms);
    this.count(kind, false);
  }

  error(kind: Kind, message: string): void {
    this.errors++;
    this.window().errors++;
    this.count(kind, true);
    if (this.errorSamples.length < 20) this.errorSamples.push(`${kind}: ${message}`);
  }

  private count(kind: Kind, error: boolean): void {
    const entry = this.byKind.get(kind) ?? { count: 0, errors: 0 };
    entry.count++;
    if (error) entry.errors++;
    this.byKind.set(kind, entry);
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function median(values: number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

/** The least-squares slope of RSS over time, in kB per minute (informational: the verdict uses the medians). */
function trendKbPerMinute(samples: { at: number; kb: number }[]): number {
  if (samples.length < 2) return 0;
  const n = samples.length;
  const mx = samples.reduce((sum, s) => sum + s.at, 0) / n;
  const my = samples.reduce((sum, s) => sum + s.kb, 0) / n;
  const sxy = samples.reduce((sum, s) => sum + (s.at - mx) * (s.kb - my), 0);
  const sxx = samples.reduce((sum, s) => sum + (s.at - mx) ** 2, 0);
  return sxx === 0 ? 0 : (sxy / sxx) * 60_000;
}

// ---------------------------------------------------------------------------------------------------------------
// The load

interface Reply {
  status: number;
  text: string;
  headers: Headers;
}

class Load {
  private inFlight = 0;
  private token: { value: string; until: number } | undefined;
  private births = 0;
  private renewals = 0;
  private deliveries = 0;
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly base: string,
    private readonly recorder: Recorder,
    private readonly maxInFlight: number,
  ) {}

  get open(): number {
    return this.inFlight;
  }

  /** Starts one request of `kind` (not awaited); its outcome goes to the recorder. */
  fire(kind: Kind): void {
    if (this.inFlight >= this.maxInFlight) {
      this.recorder.error(kind, `not sent: ${this.inFlight} requests already open`);
      return;
    }
    const run = this.run(kind).finally(() => this.pending.delete(run));
    this.pending.add(run);
  }

  async drain(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  private async run(kind: Kind): Promise<void> {
    try {
      switch (kind) {
        case 'v10':
          return void (await this.soap(kind, V10, 200, 'hamtaBastjanstInformationResponse'));
        case 'v1':
          return void (await this.soap(kind, V1, 200, 'hamtaBastjanstInformationResponse'));
        case 'testa':
          return void (await this.soap(kind, TESTA, 200, 'testaBastjanstInformationResponse'));
        case 'fault1001':
          return void (await this.soap(kind, INVALID, 500, 'felkod>1001</'));
        case 'pu':
          return void (await this.call(
            kind,
            '/pu/v5/GetPersonsForProfile',
            { method: 'POST', headers: { ...SOAP, 'x-pu-consumer': 'SE2321000016-NORMAL' }, body: PU },
            [200],
            'GetPersonsForProfileResponse',
          ));
        case 'birthreport': {
          const report = birthReport(this.births++);
          // 201 with a number while the distinct children last; 202 (duplicate, manual handling) after that.
          return void (await this.call(
            kind,
            '/v1/birthreport',
            { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(report) },
            [201, 202],
            String(report.reportId),
          ));
        }
        case 'renewal': {
          const nummer = RENEWABLE[this.renewals++ % RENEWABLE.length]!;
          const token = await this.accessToken();
          return void (await this.call(
            kind,
            '/folkbokforing/samordningsnummer/v1/fornyelse/anmal',
            {
              method: 'POST',
              headers: {
                'content-type': 'application/json',
                authorization: `Bearer ${token}`,
                skv_client_correlation_id: `soak-${this.renewals}`,
              },
              body: JSON.stringify({ ingivarnamn: 'Polismyndigheten, register', samordningsnummer: nummer }),
            },
            [200],
            '"status":"MOTTAGEN"',
          ));
        }
        case 'scb-delivery':
          return await this.scb();
        default:
          throw new Error(`not started directly: ${kind}`);
      }
    } catch (error) {
      this.recorder.error(kind, (error as Error).message);
    }
  }

  private soap(kind: Kind, body: string, status: number, marker: string): Promise<Reply | undefined> {
    return this.call(kind, '/ssbtek', { method: 'POST', headers: SOAP, body }, [status], marker);
  }

  /** One request, timed; the status must be one of `statuses` and the body must contain `marker`. */
  private async call(
    kind: Kind,
    route: string,
    init: RequestInit,
    statuses: number[],
    marker: string,
  ): Promise<Reply | undefined> {
    this.inFlight++;
    const started = performance.now();
    try {
      const response = await fetch(`${this.base}${route}`, {
        ...init,
        redirect: 'manual',
        signal: AbortSignal.timeout(30_000),
      });
      const text = await response.text();
      const ms = performance.now() - started;
      if (!statuses.includes(response.status) || !text.includes(marker)) {
        this.recorder.error(kind, `${response.status} (expected ${statuses.join('/')}): ${text.slice(0, 200)}`);
        return undefined;
      }
      this.recorder.ok(kind, ms);
      return { status: response.status, text, headers: response.headers };
    } catch (error) {
      this.recorder.error(kind, `${(error as Error).message} ${String((error as { cause?: unknown }).cause ?? '')}`);
      return undefined;
    } finally {
      this.inFlight--;
    }
  }

  /** A token for the demo client, renewed when half its lifetime has gone. */
  private async accessToken(): Promise<string> {
    if (this.token && Date.now() < this.token.until) return this.token.value;
    const reply = await this.call(
      'token',
      '/oauth2/v1/sys/token',
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials&client_id=demo&client_secret=demo&scope=esnr',
      },
      [200],
      'access_token',
    );
    if (!reply) throw new Error('no token');
    const body = JSON.parse(reply.text) as { access_token: string; expires_in: number };
    this.token = { value: body.access_token, until: Date.now() + (body.expires_in * 1000) / 2 };
    return body.access_token;
  }

  /** A delivery, then its status every 250 ms until processed (302), then its result. */
  private async scb(): Promise<void> {
    const headers = { 'content-type': 'application/json', 'x-scb-client-orgnr': ORG };
    const body = SCB_BODIES[this.deliveries++ % SCB_BODIES.length]!;
    const api = '/scb/api/v1';
    const delivered = await this.call(
      'scb-delivery',
      `${api}/delivery`,
      { method: 'POST', headers, body: JSON.stringify(body) },
      [200],
      '"',
    );
    if (!delivered) return;
    const ticket = JSON.parse(delivered.text) as string;
    const deadline = Date.now() + 30_000;
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      const status = await this.call('scb-status', `${api}/status/${ticket}`, { headers }, [202, 302], '"');
      if (!status) return;
      if (status.status === 302) break;
      if (Date.now() > deadline) return this.recorder.error('scb-status', `${ticket} not processed within 30 s`);
    }
    await this.call('scb-result', `${api}/delivery/${ticket}`, { headers }, [200], ticket);
  }
}

// ---------------------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  program.parse();
  const options = program.opts<Options>();
  const { duration, rate, window: windowMs, sample: sampleMs, rssLimit, maxInFlight } = options;
  const warmup = options.warmup ?? Math.min(duration / 2, Math.max(60_000, duration / 10));
  if (warmup >= duration) throw new Error('the warm-up must be shorter than the run');

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ssbtek-soak-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child: Child = start(
    process.execPath,
    [path.join(PROJECT_ROOT, 'dist', 'src', 'cli', 'main.js'), 'serve', '--port', String(port), '--host', '127.0.0.1'],
    {
      ...process.env,
      SSBTEK_TODAY: TODAY,
      SSBTEK_STORE: path.join(tmp, 'store.sqlite'),
      SSBTEK_LOG_LEVEL: 'warn',
    },
  );
  try {
    await waitUntilUp(`${base}/health`, child);
    const minutes = (ms: number): string => `${(ms / 60_000).toFixed(ms % 60_000 ? 1 : 0)} min`;
    console.error(
      `Soak: ${minutes(duration)} at ${rate} requests/s (warm-up ${minutes(warmup)}), server pid ${child.pid} on ` +
        `${base}, store in ${tmp}; ${MOTHERS.length} mothers for birth reports.`,
    );

    const started = Date.now();
    const recorder = new Recorder(started, windowMs);
    const load = new Load(base, recorder, maxInFlight);
    const rss: { at: number; kb: number }[] = [];
    let serverGone = false;
    const sampler = setInterval(() => {
      const kb = procStatusKb(child.pid, 'VmRSS');
      if (kb === undefined) serverGone = true;
      else rss.push({ at: Date.now() - started, kb });
    }, sampleMs);
    rss.push({ at: 0, kb: procStatusKb(child.pid, 'VmRSS') ?? 0 });

    // Open loop: request n starts at started + n / rate, whatever the answers take.
    let sent = 0;
    let lastReport = started;
    while (!serverGone && child.process.exitCode === null) {
      const now = Date.now();
      if (now - started >= duration) break;
      const due = Math.floor(((now - started) * rate) / 1000);
      while (sent < due) load.fire(ROTATION[sent++ % ROTATION.length]!);
      if (now - lastReport >= windowMs) {
        lastReport = now;
        const w = recorder.windows[recorder.window(now).index - 1];
        if (w) {
          const sorted = [...w.latencies].sort((a, b) => a - b);
          console.error(
            `  ${minutes(now - started)}: ${sorted.length} answers, p50 ${percentile(sorted, 50).toFixed(1)} ms, ` +
              `p99 ${percentile(sorted, 99).toFixed(1)} ms, ${w.errors} errors, RSS ` +
              `${((rss[rss.length - 1]?.kb ?? 0) / 1024).toFixed(1)} MB, ${load.open} open`,
          );
        }
      }
      await new Promise((resolve) => setTimeout(resolve, Math.max(1, Math.min(50, 1000 / rate))));
    }
    await load.drain();
    clearInterval(sampler);
    const ended = Date.now() - started;
    if (serverGone || child.process.exitCode !== null)
      recorder.error('v10', `the server exited during the run: ${child.stderr()}`);
    const lastKb = procStatusKb(child.pid, 'VmRSS');
    if (lastKb !== undefined) rss.push({ at: ended, kb: lastKb });

    // RSS at start: the median of the samples in the minute after the warm-up; at end: of the last minute's.
    const span = Math.min(60_000, (duration - warmup) / 4);
    const startSamples = rss.filter((s) => s.at >= warmup && s.at < warmup + span).map((s) => s.kb);
    const endSamples = rss.filter((s) => s.at >= ended - span).map((s) => s.kb);
    const startKb = median(startSamples);
    const endKb = median(endSamples);
    const maxKb = Math.max(...rss.map((s) => s.kb));
    const growth = ((endKb - startKb) / startKb) * 100;
    const slope = trendKbPerMinute(rss.filter((s) => s.at >= warmup));

    // Windows: the first after the warm-up and the last whole one.
    const windows = recorder.windows
      .filter((w) => (w.index + 1) * windowMs <= ended)
      .map((w) => {
        const sorted = [...w.latencies].sort((a, b) => a - b);
        const endAt = (w.index + 1) * windowMs;
        w.rssKb = [...rss].reverse().find((s) => s.at <= endAt)?.kb;
        return { ...w, n: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
      });
    const measured = windows.filter((w) => w.index * windowMs >= warmup);
    const first = measured[0];
    const last = measured[measured.length - 1];

    const mb = (kb: number): string => `${(kb / 1024).toFixed(1)} MB`;
    console.log(
      `\nSoak (${minutes(ended)} at ${rate} requests/s, warm-up ${minutes(warmup)}, ${os.cpus().length} CPUs, Node ` +
        `${process.version}): latency per ${minutes(windowMs)} window`,
    );
    console.log('| window | answers | p50 ms | p99 ms | errors | RSS at end |');
    console.log('|-------:|--------:|-------:|-------:|-------:|-----------:|');
    for (const w of windows) {
      const tag = w.index * windowMs < warmup ? ' (warm-up)' : '';
      console.log(
        `| ${w.index + 1}${tag} | ${w.n} | ${w.p50.toFixed(1)} | ${w.p99.toFixed(1)} | ${w.errors} | ` +
          `${w.rssKb === undefined ? '–' : mb(w.rssKb)} |`,
      );
    }
    console.log('\nRequests by kind (answers / errors):');
    for (const [kind, { count, errors }] of [...recorder.byKind].sort()) console.log(`  ${kind}: ${count} / ${errors}`);
    console.log(`\nRSS at start (median of the samples in ${minutes(span)} after the warm-up): ${mb(startKb)}`);
    console.log(`RSS at end (median of the last ${minutes(span)}'s samples): ${mb(endKb)}`);
    console.log(`RSS growth: ${growth.toFixed(1)} % (limit ${rssLimit} %); max RSS: ${mb(maxKb)}`);
    console.log(`RSS trend after the warm-up (least squares over the samples): ${(slope / 1024).toFixed(2)} MB/min`);
    if (first && last) {
      console.log(
        `Latency, first window after the warm-up (${first.index + 1}): p50 ${first.p50.toFixed(1)} ms, p99 ` +
          `${first.p99.toFixed(1)} ms; last window (${last.index + 1}): p50 ${last.p50.toFixed(1)} ms, p99 ` +
          `${last.p99.toFixed(1)} ms`,
      );
    }
    console.log(`Errors: ${recorder.errors}`);
    for (const sample of recorder.errorSamples) console.log(`  ${sample}`);

    const failures: string[] = [];
    if (!(growth < rssLimit)) failures.push(`RSS grew ${growth.toFixed(1)} % (limit ${rssLimit} %)`);
    if (recorder.errors > 0) failures.push(`${recorder.errors} errors`);
    console.log(failures.length ? `FAIL: ${failures.join('; ')}` : 'PASS');
    process.exitCode = failures.length ? 1 : 0;
  } finally {
    await child.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
