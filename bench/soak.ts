import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { freePort, procStatusKb, start, waitUntilUp, type Child } from './procs.js';
import { BENCH_TODAY } from './requests.js';
import { Recorder, minutes, progress, report, type RssSample } from './soak/report.js';
import { Load, MOTHERS, PROJECT_ROOT, ROTATION } from './soak/workload.js';

/**
 * `npm run soak -- --duration 30m`: the emulator (`serve`, a file store in a temporary directory, 127.0.0.1 only)
 * under a steady mixed load for a long time, watching for memory growth and slowing down. A fixed number of
 * requests per second is started (open loop) from a weighted rotation of SSBTEK v10/v1 composites, testa,
 * Fault 1001, PU GetPersonsForProfile, birth reports, samordningsnummer renewals and SCB deliveries (each followed by
 * status polling until processed and the result). Every answer's status and a marker in its body are checked.
 * Server RSS (VmRSS) is sampled every few seconds; latency is collected per window. Exit 1 when RSS grew by the
 * limit or more between the end of the warm-up and the end of the run, or on any error.
 *
 * This file is the CLI: options, the server, the open loop and the RSS sampler. The requests and their checks are
 * in soak/workload.ts; the measurements and the summary in soak/report.ts.
 */

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
      SSBTEK_TODAY: BENCH_TODAY,
      SSBTEK_STORE: path.join(tmp, 'store.sqlite'),
      SSBTEK_LOG_LEVEL: 'warn',
    },
  );
  try {
    await waitUntilUp(`${base}/health`, child);
    console.error(
      `Soak: ${minutes(duration)} at ${rate} requests/s (warm-up ${minutes(warmup)}), server pid ${child.pid} on ` +
        `${base}, store in ${tmp}; ${MOTHERS.length} mothers for birth reports.`,
    );

    const started = Date.now();
    const recorder = new Recorder(started, windowMs);
    const load = new Load(base, recorder, maxInFlight);
    const rss: RssSample[] = [];
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
        progress(recorder, started, now, rss, load.open);
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

    process.exitCode = report({ recorder, rss, ended, duration, warmup, windowMs, rate, rssLimit });
  } finally {
    await child.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
