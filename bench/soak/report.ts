import os from 'node:os';
import type { Kind, Outcomes } from './workload.js';

/** The soak's measurements: latency and errors per window, RSS samples, and the summary printed at the end. */

export interface RssSample {
  at: number;
  kb: number;
}

interface Window {
  index: number;
  latencies: number[];
  errors: number;
  rssKb?: number;
}

export class Recorder implements Outcomes {
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
function trendKbPerMinute(samples: RssSample[]): number {
  if (samples.length < 2) return 0;
  const n = samples.length;
  const mx = samples.reduce((sum, s) => sum + s.at, 0) / n;
  const my = samples.reduce((sum, s) => sum + s.kb, 0) / n;
  const sxy = samples.reduce((sum, s) => sum + (s.at - mx) * (s.kb - my), 0);
  const sxx = samples.reduce((sum, s) => sum + (s.at - mx) ** 2, 0);
  return sxx === 0 ? 0 : (sxy / sxx) * 60_000;
}

export const minutes = (ms: number): string => `${(ms / 60_000).toFixed(ms % 60_000 ? 1 : 0)} min`;
const mb = (kb: number): string => `${(kb / 1024).toFixed(1)} MB`;

/** The progress line for the window before the one `now` falls in (nothing when there is none yet). */
export function progress(recorder: Recorder, started: number, now: number, rss: RssSample[], open: number): void {
  const w = recorder.windows[recorder.window(now).index - 1];
  if (!w) return;
  const sorted = [...w.latencies].sort((a, b) => a - b);
  console.error(
    `  ${minutes(now - started)}: ${sorted.length} answers, p50 ${percentile(sorted, 50).toFixed(1)} ms, ` +
      `p99 ${percentile(sorted, 99).toFixed(1)} ms, ${w.errors} errors, RSS ` +
      `${((rss[rss.length - 1]?.kb ?? 0) / 1024).toFixed(1)} MB, ${open} open`,
  );
}

export interface Summary {
  recorder: Recorder;
  rss: RssSample[];
  /** Milliseconds from the start to the end of the run (after draining). */
  ended: number;
  duration: number;
  warmup: number;
  windowMs: number;
  rate: number;
  rssLimit: number;
}

/** Prints the windows, the requests by kind, the RSS statistics and the verdict; returns the exit code. */
export function report({ recorder, rss, ended, duration, warmup, windowMs, rate, rssLimit }: Summary): number {
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
  return failures.length ? 1 : 0;
}
