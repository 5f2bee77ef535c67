import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cleanEnv, startCli } from '../cli/cli.js';
import { TODAY } from '../support/fraga.js';

export interface Served {
  child: ChildProcess;
  /** http://127.0.0.1:port of the bound server. */
  url: string;
  /** Resolves when the process has exited (code, or the signal that ended it). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Everything the process has written to stdout so far (pino JSON lines). */
  stdout(): string;
  /** Resolves when a stdout line matches `pattern`. */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<string>;
}

/**
 * Starts the real program (`ssbtek-emulator serve`) on a free port of 127.0.0.1 with a file store and, if given, a
 * config file; resolves once the "listening" line names its URL.
 */
export function serve(store: string, config?: Record<string, unknown>): Promise<Served> {
  const args = ['serve', '--port', '0', '--host', '127.0.0.1'];
  if (config) {
    const file = path.join(path.dirname(store), `config-${process.hrtime.bigint()}.json`);
    fs.writeFileSync(file, JSON.stringify(config));
    args.push('--config', file);
  }
  const child = startCli(args, {
    cwd: os.tmpdir(),
    env: cleanEnv({ SSBTEK_STORE: store, SSBTEK_TODAY: TODAY, SSBTEK_LOG_LEVEL: 'info' }),
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  let out = '';
  let err = '';
  const waiters: { pattern: RegExp; resolve(line: string): void }[] = [];
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    const start = out.lastIndexOf('\n') + 1;
    out += chunk;
    for (const line of out.slice(start).split('\n')) {
      for (const waiter of [...waiters]) {
        if (waiter.pattern.test(line)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(line);
        }
      }
    }
  });
  const waitForLine = (pattern: RegExp, timeoutMs = 15_000): Promise<string> => {
    const seen = out.split('\n').find((line) => pattern.test(line));
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no line ${pattern} within ${timeoutMs} ms: ${out}${err}`)),
        timeoutMs,
      );
      waiters.push({
        pattern,
        resolve: (line) => {
          clearTimeout(timer);
          resolve(line);
        },
      });
    });
  };
  return new Promise((resolve, reject) => {
    void exited.then(({ code, signal }) => reject(new Error(`serve exited (${code ?? signal}) early: ${out}${err}`)));
    waitForLine(/"url":"http:\/\/127\.0\.0\.1:\d+\/ssbtek"/).then((line) => {
      const url = /"url":"(http:\/\/127\.0\.0\.1:\d+)\/ssbtek"/.exec(line)![1]!;
      resolve({ child, url, exited, stdout: () => out, waitForLine });
    }, reject);
  });
}

/** Stops a served process with SIGTERM (if still running) and waits for it to exit. */
export async function stop(served: Served): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (served.child.exitCode === null && served.child.signalCode === null) served.child.kill('SIGTERM');
  return served.exited;
}
