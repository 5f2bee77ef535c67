/**
 * The multi-replica set-up of docs/deploy.md, for real: a throw-away PostgreSQL cluster (Debian's postgresql: initdb
 * in a temp dir, loopback port), emulator processes (`node dist/src/cli/main.js serve`) on it, and nginx
 * round-robin in front of them. Everything is removed afterwards.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const PG_BIN = ['/usr/lib/postgresql/17/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/15/bin'].find((dir) =>
  fs.existsSync(path.join(dir, 'initdb')),
);
const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((file) => fs.existsSync(file));

/** Why the test cannot run here, or undefined. */
export function missingTools(): string | undefined {
  if (!PG_BIN) return 'PostgreSQL (Debian package postgresql: initdb, pg_ctl) is not installed';
  if (!NGINX) return 'nginx (Debian package nginx) is not installed';
  const asRoot = process.getuid?.() === 0;
  if (asRoot && spawnSync('id', ['-u', 'postgres']).status !== 0) return 'running as root without a postgres user';
  return undefined;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** PostgreSQL runs as the postgres user when the tests run as root (it refuses root). */
function asPostgres(command: string, args: string[]): { command: string; args: string[] } {
  return process.getuid?.() === 0
    ? { command: 'runuser', args: ['-u', 'postgres', '--', command, ...args] }
    : { command, args };
}

export class Postgres {
  private constructor(
    readonly dir: string,
    readonly url: string,
  ) {}

  static async start(): Promise<Postgres> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssbtek-pg-'));
    fs.chmodSync(dir, 0o777);
    if (process.getuid?.() === 0) spawnSync('chown', ['postgres', dir]);
    const data = path.join(dir, 'data');
    const port = await freePort();
    const run = (bin: string, args: string[]) => {
      const { command, args: full } = asPostgres(path.join(PG_BIN!, bin), args);
      const result = spawnSync(command, full, { encoding: 'utf8' });
      if (result.status !== 0) throw new Error(`${bin} failed: ${result.stderr || result.stdout}`);
    };
    run('initdb', ['-D', data, '-U', 'emulator', '--auth=trust', '-E', 'UTF8', '--no-sync']);
    run('pg_ctl', [
      '-D',
      data,
      '-l',
      path.join(dir, 'log'),
      '-w',
      '-o',
      `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories=${dir} -c fsync=off`,
      'start',
    ]);
    return new Postgres(dir, `postgres://emulator@127.0.0.1:${port}/postgres`);
  }

  stop(): void {
    const { command, args } = asPostgres(path.join(PG_BIN!, 'pg_ctl'), [
      '-D',
      path.join(this.dir, 'data'),
      '-m',
      'immediate',
      'stop',
    ]);
    spawnSync(command, args);
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

export class Replica {
  private constructor(
    readonly process: ChildProcess,
    readonly url: string,
    readonly port: number,
  ) {}

  static async start(env: Record<string, string>, configFile: string): Promise<Replica> {
    const port = await freePort();
    const child = spawn(
      process.execPath,
      [path.join(ROOT, 'dist/src/cli/main.js'), 'serve', '--port', String(port), '--config', configFile],
      { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`replica did not start: ${output}`)), 30_000);
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('SSBTEK emulator listening')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`replica exited (${code}): ${output}`));
      });
    });
    child.stdout!.resume();
    return new Replica(child, `http://127.0.0.1:${port}`, port);
  }

  kill(signal: NodeJS.Signals = 'SIGKILL'): void {
    if (this.process.exitCode === null) this.process.kill(signal);
  }
}

export class Nginx {
  private constructor(
    private readonly dir: string,
    private readonly child: ChildProcess,
    readonly url: string,
  ) {}

  /** Round-robin over the replicas; a refused connection is retried on the next one (POST too: nothing was sent). */
  static async start(ports: number[]): Promise<Nginx> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssbtek-nginx-'));
    fs.chmodSync(dir, 0o777);
    const port = await freePort();
    const conf = `daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
worker_processes 1;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream emulator {
${ports.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=5s;`).join('\n')}
    keepalive 16;
  }
  server {
    listen 127.0.0.1:${port};
    client_max_body_size 30m;
    location / {
      proxy_pass http://emulator;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_next_upstream error timeout;
    }
  }
}
`;
    fs.writeFileSync(path.join(dir, 'nginx.conf'), conf);
    const child = spawn(NGINX!, ['-p', dir, '-c', path.join(dir, 'nginx.conf')], { stdio: 'ignore' });
    const url = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 100; i++) {
      const up = await fetch(`${url}/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (up) return new Nginx(dir, child, url);
      await new Promise((r) => setTimeout(r, 100));
    }
    child.kill();
    throw new Error(`nginx did not start: ${fs.readFileSync(path.join(dir, 'error.log'), 'utf8')}`);
  }

  stop(): void {
    this.child.kill('SIGTERM');
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
