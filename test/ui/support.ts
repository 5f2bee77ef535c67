import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { Config } from '../../src/config.js';
import { PROJECT_ROOT } from '../../src/xml/schema.js';
import { startServer, type TestServer } from '../support/server.js';

/** Debian's Chromium (CI installs it); CHROMIUM_PATH names another. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless, no sandbox (root in CI), nothing fetched from outside. */
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface ConsoleWorld {
  server: TestServer;
  browser: { context: BrowserContext };
  /** A new page at /ui/<route>, loaded; what it asks for and logs is watched (see `problems`). */
  open(route: string): Promise<Page>;
  /** What the pages opened so far did that the console must never do; checked after each passing test. */
  problems(): string[];
}

/**
 * What the console may ask for: its own files, the admin API and the public endpoints it uses (the composite, and
 * /health on the Health page) — nothing elsewhere, no private back door.
 */
const ALLOWED = /^\/(ui(\/.*)?|__admin\/.*|ssbtek|health)$/;

/** Watches a page: requests outside the allowed addresses, errors it logs (a CSP refusal is one), uncaught errors. */
function watch(page: Page, origin: string, problems: string[]): void {
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol === 'data:' || url.protocol === 'blob:') return;
    if (url.origin !== origin || !ALLOWED.test(url.pathname)) problems.push(`asked for ${request.method()} ${url}`);
  });
  page.on('console', (message) => {
    // A refused admin request is logged by the browser itself; the token test expects those.
    if (message.type() === 'error' && !/status of 401/.test(message.text()))
      problems.push(`logged an error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`threw: ${error.message}`));
}

/**
 * A describe block with the whole emulator started on 127.0.0.1 and one headless Chromium with a fresh user-data
 * folder (removed afterwards). Skipped, saying why, where no Chromium is installed or the console is not built.
 */
export function describeConsole(
  title: string,
  body: (world: () => ConsoleWorld) => void,
  overrides: Partial<Config> = {},
): void {
  describe(title, function () {
    this.timeout(60_000);
    let world: ConsoleWorld | undefined;
    let userDataDir: string | undefined;
    before(async function () {
      const missing = !fs.existsSync(CHROMIUM)
        ? `no Chromium at ${CHROMIUM} (Debian's chromium package; .ci/run installs it)`
        : !fs.existsSync(path.join(PROJECT_ROOT, 'dist', 'ui', 'index.html'))
          ? 'the console is not built (npm run build)'
          : undefined;
      if (missing) {
        console.log(`      skipped "${title}": ${missing}`);
        this.skip();
      }
      const server = await startServer(overrides);
      userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssbtek-console-chromium-'));
      const context = await chromium.launchPersistentContext(userDataDir, {
        executablePath: CHROMIUM,
        headless: true,
        args: ARGS,
        acceptDownloads: true,
        viewport: { width: 1280, height: 900 },
      });
      const problems: string[] = [];
      world = {
        server,
        browser: { context },
        open: async (route) => {
          const page = await context.newPage();
          watch(page, new URL(server.url).origin, problems);
          await page.goto(`${server.url}/ui/${route}`);
          return page;
        },
        problems: () => problems,
      };
    });
    afterEach(function () {
      if (!world || this.currentTest?.state !== 'passed') return;
      const seen = world.problems().splice(0);
      expect(seen, 'the console only speaks to the emulator, and logs no error').to.deep.equal([]);
    });
    after(async () => {
      await world?.browser.context.close();
      await world?.server.close();
      if (userDataDir) fs.rmSync(userDataDir, { recursive: true, force: true });
    });
    body(() => {
      if (!world) throw new Error('the console world is not started');
      return world;
    });
  });
}
