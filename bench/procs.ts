import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';

/** A free TCP port on 127.0.0.1 (bound and released; the child binds it right after). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface Child {
  process: ChildProcess;
  pid: number;
  stderr: () => string;
  stop(): Promise<void>;
}

/** Starts a process (no shell, so the pid is the server's own), keeping its stderr for error messages. */
export function start(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Child {
  const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    err = (err + chunk.toString('utf8')).slice(-4000);
  });
  if (child.pid === undefined) throw new Error(`could not start ${command}`);
  const pid = child.pid;
  return {
    process: child,
    pid,
    stderr: () => err,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

/** Polls `url` until it answers with a 2xx status (or the child dies, or `timeoutMs` passes). */
export async function waitUntilUp(url: string, child: Child, timeoutMs = 60_000, pollMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.process.exitCode !== null)
      throw new Error(`process exited (${child.process.exitCode}): ${child.stderr()}`);
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, pollMs));
  }
  throw new Error(`${url} did not come up within ${timeoutMs} ms: ${child.stderr()}`);
}

/** A /proc/<pid>/status field in kB (VmRSS, VmHWM), or undefined when the process is gone. */
export function procStatusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** Samples VmRSS every 100 ms while running; `stop()` gives the largest sample in MB. */
export function sampleRss(pid: number): { stop(): number } {
  let max = procStatusKb(pid, 'VmRSS') ?? 0;
  const timer = setInterval(() => {
    max = Math.max(max, procStatusKb(pid, 'VmRSS') ?? 0);
  }, 100);
  return {
    stop() {
      clearInterval(timer);
      max = Math.max(max, procStatusKb(pid, 'VmRSS') ?? 0);
      return max / 1024;
    },
  };
}
