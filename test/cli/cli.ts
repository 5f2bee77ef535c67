import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/xml/schema.js';

/** The built program, run as a user runs it (`npx ssbtek-emulator` runs it through bin/ssbtek-emulator.js). */
export const MAIN = path.join(PROJECT_ROOT, 'dist/src/cli/main.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

/** Environment for a child: no CI flag, no PORT/HOST/SSBTEK_* of the machine running the tests. */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key === 'CI' || key === 'PORT' || key === 'HOST' || key.startsWith('SSBTEK_')) continue;
    env[key] = value;
  }
  // A spawned server keeps its store in memory unless a test says otherwise: tests never write into the checkout.
  return { ...env, SSBTEK_STORE: ':memory:', ...extra };
}

/** Starts `node <nodeArgs>` in the checkout with a clean environment (unless `options` say otherwise). */
export function startNode(nodeArgs: string[], options: CliOptions = {}): ChildProcess {
  return spawn(process.execPath, nodeArgs, {
    cwd: options.cwd ?? PROJECT_ROOT,
    env: options.env ?? cleanEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export function startCli(args: string[], options: CliOptions = {}): ChildProcess {
  return startNode([MAIN, ...args], options);
}

/** Runs `node <nodeArgs>` to completion and collects its exit code and output. */
export function runNode(nodeArgs: string[], options: CliOptions = {}): Promise<CliResult> {
  const child = startNode(nodeArgs, options);
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs the program to completion and collects its exit code and output. */
export function runCli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  return runNode([MAIN, ...args], options);
}

/** A fresh temporary directory, removed by the returned function. */
export function tempDir(prefix = 'ssbtek-cli-'): { dir: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Writes files (path relative to `dir` → content), creating folders as needed. */
export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
}

export function fixture(relative: string): string {
  return fs.readFileSync(path.join(PROJECT_ROOT, relative), 'utf8');
}

/** The summary line the validator writes to stderr. */
export function summaryOf(stderr: string): string {
  return stderr.trim().split('\n').pop() ?? '';
}
