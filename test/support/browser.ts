import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's Chromium (.ci/run installs the package where it is missing). */
export const CHROMIUM = '/usr/bin/chromium';

export function browserAvailable(): boolean {
  return fs.existsSync(CHROMIUM);
}

export interface TestBrowser {
  /** The browser's one context, on its fresh profile. */
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Headless Chromium with a fresh profile in a temporary folder (removed on close): no first-run pages, no
 * background traffic, no sandbox (CI runs as root).
 */
export async function launchBrowser(): Promise<TestBrowser> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'ssbtek-chromium-'));
  // Playwright passes the profile as --user-data-dir itself (it refuses the flag among the arguments).
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}
