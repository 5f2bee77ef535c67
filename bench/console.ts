import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { chromium, type Page } from 'playwright-core';
import { BENCH_TODAY, SOAP_HEADERS, V10 } from './requests.js';
import { freePort, start, waitUntilUp } from './procs.js';
import { PROJECT_ROOT } from './stages.js';

/**
 * `npm run bench:console`: what the console costs. The emulator (`serve`, its own process, a store in a temporary
 * folder) gets 1,000 composite queries into its journal; then headless Chromium opens the Journal page and the
 * script prints its first paint and the time until the 1,000 rows are shown; then the composite's throughput is
 * measured with the console closed and with the Journal page open (live over SSE), back to back.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ENTRIES = 1000;

async function throughput(url: string): Promise<{ rps: number; p99: number }> {
  let n = 0;
  const result = await autocannon({
    url,
    method: 'POST',
    headers: SOAP_HEADERS,
    body: V10,
    requests: [{ setupRequest: (params) => ({ ...params, body: V10.replace('KORRID-V10-0001', `CONSOLE-${n++}`) }) }],
    connections: 10,
    duration: SECONDS,
  });
  return { rps: result.requests.average, p99: result.latency.p99 };
}

async function journalPaint(
  page: Page,
  base: string,
  size: number,
): Promise<{ firstPaint: number; rows: number; ready: number }> {
  const started = Date.now();
  await page.goto(`${base}/ui/journal`);
  await page
    .locator('table.journal tbody tr')
    .nth(size - 1)
    .waitFor({ timeout: 30_000 });
  const ready = Date.now() - started;
  const firstPaint = (await page.evaluate(
    "performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint')?.startTime ?? NaN",
  )) as number;
  return { firstPaint, rows: await page.locator('table.journal tbody tr').count(), ready };
}

async function main(): Promise<void> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (apt-get install chromium)`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssbtek-console-bench-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = start(
    process.execPath,
    [path.join(PROJECT_ROOT, 'dist', 'src', 'cli', 'main.js'), 'serve', '--port', String(port)],
    {
      ...process.env,
      SSBTEK_TODAY: BENCH_TODAY,
      SSBTEK_STORE: path.join(dir, 'store.sqlite'),
      SSBTEK_LOG_LEVEL: 'warn',
    },
  );
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    await waitUntilUp(`${base}/health`, child);
    for (let i = 0; i < ENTRIES; i++) {
      const body = V10.replace('KORRID-V10-0001', `FILL-${i}`);
      const response = await fetch(`${base}/ssbtek`, { method: 'POST', headers: SOAP_HEADERS, body });
      await response.arrayBuffer();
    }
    // The journal keeps at most 1,000 exchanges and about 64 MB of text: as many as it holds are shown.
    const { size } = (await (await fetch(`${base}/__admin/journal`)).json()) as { size: number };
    const page = await browser.newPage();
    await journalPaint(page, base, size); // once to warm the server's and the browser's caches
    const paint = await journalPaint(page, base, size);
    console.log(
      `Journal page with ${paint.rows} exchanges: first contentful paint ${paint.firstPaint.toFixed(0)} ms, ` +
        `all rows shown ${paint.ready} ms after navigation`,
    );
    await page.goto('about:blank');
    const closed = await throughput(`${base}/ssbtek`);
    console.log(`v10 composite, console closed: ${closed.rps.toFixed(0)} req/s, p99 ${closed.p99} ms`);
    await page.goto(`${base}/ui/journal`);
    const open = await throughput(`${base}/ssbtek`);
    console.log(
      `v10 composite, Journal page open (live): ${open.rps.toFixed(0)} req/s, p99 ${open.p99} ms ` +
        `(${((open.rps / closed.rps) * 100).toFixed(0)} % of closed)`,
    );
  } finally {
    await browser.close();
    await child.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
