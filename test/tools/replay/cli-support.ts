import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../../src/xml/schema.js';

const MAIN = path.join(PROJECT_ROOT, 'dist/src/cli/main.js');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(entry: string, args: string[], extra: NodeJS.ProcessEnv = {}): Promise<Run> {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key !== 'CI' && !key.startsWith('SSBTEK_')) env[key] = value;
  }
  Object.assign(env, extra);
  const child = spawn(process.execPath, [entry, ...args], {
    cwd: PROJECT_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs the program a user runs (`ssbtek-emulator`), as a process. */
export function cli(...args: string[]): Promise<Run> {
  return run(MAIN, args);
}

/** The same, with these environment variables set (e.g. SSBTEK_ADMIN_TOKEN). */
export function cliWithEnv(env: NodeJS.ProcessEnv, ...args: string[]): Promise<Run> {
  return run(MAIN, args, env);
}

/** A copy of some shipped cases (with replay.json) in a temporary folder, to break or rewrite freely. */
export function copyCases(names: string[]): { dir: string; remove(): void } {
  const source = path.join(PROJECT_ROOT, 'fixtures', 'queries');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'replay-cli-'));
  fs.copyFileSync(path.join(source, 'replay.json'), path.join(dir, 'replay.json'));
  for (const name of names) fs.cpSync(path.join(source, name), path.join(dir, name), { recursive: true });
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** A port on 127.0.0.1 that nothing listens on (bound, then released). */
export function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
