import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pino } from 'pino';
import { DEFAULT_CONFIG, uniformBodyLimits, type Config } from '../../config.js';
import { SCENARIO_HEADER } from '../../scenario/header.js';
import { TODAY_HEADER } from '../../scenario/today.js';
import { updateCase } from './case-files.js';
import {
  dayOf,
  EXPECTED_FILE,
  REQUEST_FILE,
  rulesFor,
  type ConfigOverrides,
  type QueryCase,
  type Suite,
} from './cases.js';
import { compareReplies, ExpectedReplyError, type Difference } from './xml-diff.js';

export type CaseOutcome = 'passed' | 'failed' | 'skipped' | 'error' | 'updated';

export interface CaseResult {
  name: string;
  description: string;
  outcome: CaseOutcome;
  durationMs: number;
  expectedStatus: number;
  actualStatus?: number;
  differences: Difference[];
  /** Why a case was skipped or could not be run. */
  message?: string;
  /** No HTTP answer at all (for every case: the run could not happen). */
  unreachable?: boolean;
}

export interface RunOptions {
  suite: Suite;
  /** An SSBTEK endpoint URL; without it, an emulator is started in this process. */
  target?: string;
  /** Rewrite expected.xml (and case.json's status) from the actual replies. */
  update?: boolean;
  /** How long to wait for one reply. */
  timeoutMs: number;
  onResult?: (result: CaseResult) => void;
}

/** Sends every case (one at a time, in name order, so a run reads the same every time) and compares. */
export async function runSuite(options: RunOptions): Promise<CaseResult[]> {
  const emulators = new EmulatorPool(options.suite.defaults.today);
  const results: CaseResult[] = [];
  try {
    for (const queryCase of options.suite.cases) {
      const result = await runCase(queryCase, options, emulators);
      results.push(result);
      options.onResult?.(result);
    }
  } finally {
    await emulators.closeAll();
  }
  return results;
}

async function runCase(queryCase: QueryCase, options: RunOptions, emulators: EmulatorPool): Promise<CaseResult> {
  const base = {
    name: queryCase.name,
    description: queryCase.description,
    expectedStatus: queryCase.status,
    differences: [] as Difference[],
  };
  if (options.target && queryCase.config) {
    const settings = Object.keys(queryCase.config).join(', ');
    return {
      ...base,
      outcome: 'skipped',
      durationMs: 0,
      message: `needs the in-process emulator with its own settings (${settings}); not sent to --target`,
    };
  }
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);
  // An in-process emulator that cannot start is a bug, not an unreachable target: let it surface.
  const url = options.target ?? (await emulators.urlFor(queryCase.config));
  let reply: { status: number; body: string };
  try {
    reply = await send(url, queryCase, dayOf(options.suite, queryCase), options.timeoutMs);
  } catch (error) {
    const { message, unreachable } = sendError(error, options.timeoutMs);
    return { ...base, outcome: 'error', durationMs: elapsed(), message, ...(unreachable && { unreachable }) };
  }
  const differences: Difference[] = [];
  if (reply.status !== queryCase.status) {
    differences.push({
      kind: 'status',
      path: 'HTTP status',
      expected: String(queryCase.status),
      actual: String(reply.status),
    });
  }
  const expectedFile = path.join(queryCase.dir, EXPECTED_FILE);
  if (options.update) {
    const existed = fs.existsSync(expectedFile);
    if (existed) differences.push(...safeCompare(expectedFile, reply.body, options, queryCase));
    // An unchanged case is left alone: a masked value (a generated id) would otherwise churn the file every run.
    if (!existed || differences.length > 0) updateCase(queryCase.dir, reply.body, reply.status);
    const outcome = existed && differences.length === 0 ? 'passed' : 'updated';
    return { ...base, outcome, durationMs: elapsed(), actualStatus: reply.status, differences };
  }
  try {
    differences.push(
      ...compareReplies(fs.readFileSync(expectedFile, 'utf8'), reply.body, rulesFor(options.suite, queryCase)),
    );
  } catch (error) {
    if (!(error instanceof ExpectedReplyError)) throw error;
    return { ...base, outcome: 'error', durationMs: elapsed(), actualStatus: reply.status, message: error.message };
  }
  const outcome = differences.length === 0 ? 'passed' : 'failed';
  return { ...base, outcome, durationMs: elapsed(), actualStatus: reply.status, differences };
}

/** For --update: what changed (a broken expected.xml is simply replaced, so its error is no difference). */
function safeCompare(expectedFile: string, body: string, options: RunOptions, queryCase: QueryCase): Difference[] {
  try {
    return compareReplies(fs.readFileSync(expectedFile, 'utf8'), body, rulesFor(options.suite, queryCase));
  } catch (error) {
    if (error instanceof ExpectedReplyError)
      return [{ kind: 'reply', path: '/', expected: error.message, actual: 'replaced' }];
    throw error;
  }
}

/**
 * Sends a case as recorded, with the day its expected reply was made for as X-SSBTEK-Today: so it gets that reply
 * from any emulator on any date (a header of the case's own, even a broken one on purpose, is sent as it is).
 */
async function send(
  url: string,
  queryCase: QueryCase,
  today: string | undefined,
  timeoutMs: number,
): Promise<{ status: number; body: string }> {
  const headers: Record<string, string> = {
    'content-type': 'text/xml; charset=utf-8',
    ...(today !== undefined && { [TODAY_HEADER]: today }),
    ...queryCase.headers,
  };
  if (queryCase.scenario !== undefined) headers[SCENARIO_HEADER] = queryCase.scenario;
  const response = await fetch(url, {
    method: 'POST',
    headers,
    body: fs.readFileSync(path.join(queryCase.dir, REQUEST_FILE)),
    signal: AbortSignal.timeout(timeoutMs),
  });
  return { status: response.status, body: await response.text() };
}

/** A request that got no HTTP answer at all (refused, unknown host, bad port) marks the target unreachable. */
function sendError(error: unknown, timeoutMs: number): { message: string; unreachable: boolean } {
  const err = error as Error & { cause?: { message?: string } };
  if (err.name === 'TimeoutError') return { message: `no reply within ${timeoutMs} ms`, unreachable: false };
  return { message: `request failed: ${err.cause?.message ?? err.message}`, unreachable: true };
}

/**
 * In-process emulators, one per distinct set of config overrides (most cases share the plain one), each on
 * 127.0.0.1 with an ephemeral port, silent, with the suite's "today"; all closed at the end of the run.
 */
class EmulatorPool {
  private readonly servers = new Map<string, Promise<{ server: Server; url: string }>>();

  constructor(private readonly today: string | undefined) {}

  urlFor(overrides: ConfigOverrides | undefined): Promise<string> {
    const key = JSON.stringify(overrides ?? {});
    let entry = this.servers.get(key);
    if (!entry) {
      entry = this.start(overrides ?? {});
      this.servers.set(key, entry);
    }
    return entry.then((e) => e.url);
  }

  private async start(overrides: ConfigOverrides): Promise<{ server: Server; url: string }> {
    const { maxBodyBytes, ...settings } = overrides;
    const config: Config = {
      ...DEFAULT_CONFIG,
      host: '127.0.0.1',
      port: 0,
      logLevel: 'silent',
      storePath: ':memory:',
      ...(this.today && { today: this.today }),
      ...(maxBodyBytes !== undefined && { bodyLimits: uniformBodyLimits(maxBodyBytes) }),
      ...settings,
    };
    // Loaded here, not at the top: every CLI command imports this module, and only an in-process replay needs the
    // whole server.
    const { createApp, listen } = await import('../../app.js');
    const { app } = createApp(config, pino({ level: 'silent' }));
    const server = await listen(app, '127.0.0.1', 0);
    return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/ssbtek` };
  }

  async closeAll(): Promise<void> {
    const entries = await Promise.allSettled(this.servers.values());
    await Promise.all(
      entries.map((e) =>
        e.status === 'fulfilled'
          ? new Promise<void>((resolve) => {
              e.value.server.closeAllConnections();
              e.value.server.close(() => resolve());
            })
          : undefined,
      ),
    );
  }
}
