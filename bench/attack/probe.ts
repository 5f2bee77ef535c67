import http from 'node:http';
import { send } from './client.js';
import { uniqueQuery } from './cases.js';

/** Latency of normal composite queries: p50, p99 and max in milliseconds, and how many failed. */
export interface ProbeResult {
  count: number;
  failed: number;
  p50: number;
  p99: number;
  max: number;
  failures: string[];
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * The probe: one keep-alive client sending normal v10 composite queries for all seven services, each with a new
 * korrelationsid (so every one is parsed, validated, fanned out and rendered; base services' answers may be kept),
 * one every `intervalMs` (or right after the last when it took longer), until `stop()` resolves.
 */
export async function probe(base: string, stop: Promise<unknown>, intervalMs = 10): Promise<ProbeResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  let stopped = false;
  void stop.then(() => (stopped = true));
  const ms: number[] = [];
  const failures: string[] = [];
  let failed = 0;
  while (!stopped) {
    const started = performance.now();
    const answer = await send(agent, base, {
      method: 'POST',
      path: '/ssbtek',
      headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '""' },
      body: Buffer.from(uniqueQuery()),
    });
    const took = performance.now() - started;
    if (answer.status === 200 && answer.head.includes('hamtaBastjanstInformationResponse')) ms.push(took);
    else if (++failed <= 5) failures.push(`${answer.status || answer.error}: ${answer.head.slice(0, 200)}`);
    const rest = intervalMs - took;
    if (rest > 0) await new Promise((resolve) => setTimeout(resolve, rest));
  }
  agent.destroy();
  const sorted = [...ms].sort((a, b) => a - b);
  return {
    count: ms.length,
    failed,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? NaN,
    failures,
  };
}

/** Runs the probe for `seconds`. */
export function probeFor(base: string, seconds: number): Promise<ProbeResult> {
  return probe(base, new Promise((resolve) => setTimeout(resolve, seconds * 1000)));
}
