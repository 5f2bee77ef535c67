import path from 'node:path';
import { ORG } from '../test/rest/scb/support.js';
import { freePort, start, waitUntilUp } from './procs.js';
import { puRequest, SOAP_HEADERS } from './requests.js';
import { PROJECT_ROOT } from './stages.js';

/** One cost-growth row: what was asked, how much, and what it cost (median and slowest of the rounds, ms). */
export interface GrowthRow {
  label: string;
  size: string;
  medianMs: number;
  maxMs: number;
  rounds: number;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function timed(rounds: number, once: () => Promise<void>): Promise<{ medianMs: number; maxMs: number }> {
  await once(); // warm-up: compiled paths, the first person's data
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    await once();
    times.push(performance.now() - started);
  }
  return { medianMs: median(times), maxMs: Math.max(...times) };
}

/** PU GetPersonsForProfile (P5) for 1, 10, 100 and 500 identities: one request at a time, its whole round trip. */
export async function puGrowth(base: string): Promise<GrowthRow[]> {
  const rows: GrowthRow[] = [];
  for (const count of [1, 10, 100, 500]) {
    const body = puRequest(count);
    const rounds = count >= 100 ? 10 : 20;
    const cost = await timed(rounds, async () => {
      const response = await fetch(`${base}/pu/v5/GetPersonsForProfile`, {
        method: 'POST',
        headers: { ...SOAP_HEADERS, 'x-pu-consumer': 'SE2321000016-NORMAL' },
        body,
      });
      const text = await response.text();
      if (response.status !== 200 || !text.includes('GetPersonsForProfileResponse'))
        throw new Error(`PU ${count}: ${response.status} ${text.slice(0, 300)}`);
    });
    rows.push({ label: 'PU GetPersonsForProfile (P5)', size: `${count} ids`, ...cost, rounds });
  }
  return rows;
}

/** An SCB wage report (CSV, format v2) with `rows` employees. */
function lonerapport(rows: number): string {
  const lines = ['Period;Anstallningsnummer;Yrkeskod;Manadslon;Sysselsattningsgrad'];
  for (let i = 0; i < rows; i++) lines.push(`202610;A-${i};2512;${30000 + (i % 20000)};100`);
  return lines.join('\r\n') + '\r\n';
}

/** SCB deliveries of 100, 10,000 and 100,000 rows: from the POST to the status that says it is processed. */
export async function scbGrowth(base: string): Promise<GrowthRow[]> {
  const api = `${base}/scb/api/v1`;
  const headers = { 'content-type': 'application/json', 'x-scb-client-orgnr': ORG };
  const rows: GrowthRow[] = [];
  for (const count of [100, 10_000, 100_000]) {
    const body = JSON.stringify({
      Contract: 'demo',
      fileContent: Buffer.from(lonerapport(count), 'utf8').toString('base64'),
      DeliveryFormatName: 'LONERAPPORT_CSV',
    });
    const rounds = count >= 100_000 ? 3 : 5;
    const cost = await timed(rounds, async () => {
      const delivered = await fetch(`${api}/delivery`, { method: 'POST', headers, body });
      const text = await delivered.text();
      if (delivered.status !== 200) throw new Error(`SCB ${count}: ${delivered.status} ${text.slice(0, 300)}`);
      const ticket = JSON.parse(text) as string;
      for (const deadline = Date.now() + 60_000; Date.now() < deadline;) {
        const status = await fetch(`${api}/status/${ticket}`, { headers, redirect: 'manual' });
        await status.arrayBuffer();
        if (status.status === 302) return;
        if (status.status !== 202) throw new Error(`SCB ${count}: status ${status.status}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      throw new Error(`SCB ${count}: not processed within 60 s`);
    });
    rows.push({ label: 'SCB delivery, CSV, until processed', size: `${count} rows`, ...cost, rounds });
  }
  return rows;
}

/**
 * From spawning `serve` (as the bench starts it; with `workers`, as `npm start` does) to the first 200 from
 * /health, polled every 5 ms; three starts. With workers the store must be a file (`env`'s SSBTEK_STORE).
 */
export async function startupGrowth(configFile: string, env: NodeJS.ProcessEnv, workers?: 'auto'): Promise<GrowthRow> {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const port = await freePort();
    const started = performance.now();
    const child = start(
      process.execPath,
      [
        '--max-semi-space-size=4',
        path.join(PROJECT_ROOT, 'dist', 'src', 'cli', 'main.js'),
        'serve',
        '--port',
        String(port),
        '--config',
        configFile,
        ...(workers ? ['--workers', workers] : []),
      ],
      env,
    );
    try {
      await waitUntilUp(`http://127.0.0.1:${port}/health`, child, 60_000, 5);
      times.push(performance.now() - started);
    } finally {
      await child.stop();
    }
  }
  return {
    label: `start-up to the first 200 from /health${workers ? ', workers auto' : ''}`,
    size: '–',
    medianMs: median(times),
    maxMs: Math.max(...times),
    rounds: 3,
  };
}
