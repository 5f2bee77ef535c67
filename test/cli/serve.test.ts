import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { expect } from 'chai';
import { startLine } from '../../src/cli/commands/serve.js';
import { DEFAULT_CONFIG } from '../../src/config.js';
import { cleanEnv, runCli, startCli, tempDir, writeFiles } from './cli.js';

interface Running {
  child: ChildProcess;
  /** http://host:port of the bound server, from the "listening" log line. */
  base: string;
  /** The "listening" log line. */
  startLine: Record<string, unknown>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Everything it wrote on stdout so far. */
  stdout: () => string;
}

/** Starts `serve …` and waits for the pino line that names the bound URL. */
function startServe(args: string[], env = cleanEnv()): Promise<Running> {
  const child = startCli(['serve', ...args], { env });
  // 'close', not 'exit': the last lines it writes as it exits may still be in the pipe when the process is gone.
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    let buffered = '';
    let stderr = '';
    let all = '';
    const stdout = (): string => all;
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      all += chunk;
      for (const line of buffered.split('\n').slice(0, -1)) {
        const url = /"url":"([^"]+)"/.exec(line)?.[1];
        if (url) resolve({ child, base: new URL(url).origin, startLine: JSON.parse(line), exited, stdout });
      }
      buffered = buffered.slice(buffered.lastIndexOf('\n') + 1);
    });
    void exited.then(({ code }) => reject(new Error(`serve exited with ${code} before listening: ${stderr}`)));
  });
}

async function stop(running: Running): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  running.child.kill('SIGTERM');
  return running.exited;
}

describe('ssbtek-emulator serve', () => {
  it('listens on the port given (0: any free one), answers /health, and exits 0 on SIGTERM', async () => {
    const running = await startServe(['--port', '0', '--host', '127.0.0.1']);
    try {
      const response = await fetch(`${running.base}/health`);
      expect(response.status).to.equal(200);
      expect(await response.json()).to.include({ status: 'ok', service: 'ssbtek-emulator' });
    } finally {
      const exit = await stop(running);
      expect(exit).to.deep.equal({ code: 0, signal: null });
    }
  });

  it('writes one log line per exchange, the gathered ones too when it exits on SIGTERM right after', async () => {
    const running = await startServe(['--port', '0', '--host', '127.0.0.1']);
    const count = 7;
    for (let i = 0; i < count; i++) {
      // An empty Body: a Fault, one log line each (the comment makes every request's bytes its own).
      const response = await fetch(`${running.base}/ssbtek`, {
        method: 'POST',
        headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '""' },
        body:
          '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">' +
          `<soapenv:Body/><!-- ${i} --></soapenv:Envelope>`,
      });
      expect(response.status).to.equal(500);
    }
    // Lines are gathered up to 4 KB or 100 ms before they are written: these seven are not all out yet.
    const exit = await stop(running);
    expect(exit).to.deep.equal({ code: 0, signal: null });
    const lines = running
      .stdout()
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as { msg?: string; outcome?: string });
    expect(lines.filter((line) => line.msg === 'ssbtek' && line.outcome === 'fault')).to.have.length(count);
    expect(lines.at(-1)?.msg).to.equal('shutting down');
  });

  it('takes settings from the environment, then the config file, then the flags', async () => {
    const { dir, remove } = tempDir();
    try {
      // The file's port (1) would fail to bind: --port must win; the file's today must win over SSBTEK_TODAY.
      writeFiles(dir, { 'emulator.json': JSON.stringify({ port: 1, today: '2026-11-24' }) });
      const env = cleanEnv({ SSBTEK_TODAY: '2020-01-01' });
      const running = await startServe(['--config', path.join(dir, 'emulator.json'), '--port', '0'], env);
      try {
        const health = (await (await fetch(`${running.base}/health`)).json()) as { today: string };
        expect(health.today).to.equal('2026-11-24');
      } finally {
        await stop(running);
      }
    } finally {
      remove();
    }
  });

  it('refuses a config file with a wrong setting: the file and key on stderr, exit 2', async () => {
    const { dir, remove } = tempDir();
    try {
      const file = path.join(dir, 'bad.json');
      writeFiles(dir, { 'bad.json': JSON.stringify({ port: 'eighty', colour: 'blue' }) });
      const result = await runCli(['serve', '--config', file, '--port', '0']);
      expect(result.code).to.equal(2);
      expect(result.stderr)
        .to.contain(file)
        .and.match(/"port" must be a number|unknown setting "colour"/);
      expect(result.stdout).to.equal('');
    } finally {
      remove();
    }
  });

  it('refuses a config file that is missing or not JSON, exit 2', async () => {
    const { dir, remove } = tempDir();
    try {
      writeFiles(dir, { 'broken.json': '{ port: 8080' });
      for (const file of [path.join(dir, 'missing.json'), path.join(dir, 'broken.json')]) {
        const result = await runCli(['serve', '--config', file, '--port', '0']);
        expect(result.code, file).to.equal(2);
        expect(result.stderr, file).to.contain(file);
      }
    } finally {
      remove();
    }
  });

  it('refuses a "today" that is not a day, from the environment or the config file: the reason on stderr, exit 2', async () => {
    const env = await runCli(['serve', '--port', '0'], { env: cleanEnv({ SSBTEK_TODAY: '2026-13-45' }) });
    expect(env.code).to.equal(2);
    expect(env.stderr.trim()).to.equal(
      'ssbtek-emulator serve: SSBTEK_TODAY: "2026-13-45" is not a calendar date YYYY-MM-DD',
    );
    expect(env.stdout, 'nothing started, no RangeError').to.equal('');
    const { dir, remove } = tempDir();
    try {
      writeFiles(dir, { 'emulator.json': JSON.stringify({ today: '3001-01-01' }) });
      const file = path.join(dir, 'emulator.json');
      const result = await runCli(['serve', '--config', file, '--port', '0']);
      expect(result.code).to.equal(2);
      expect(result.stderr).to.contain(file).and.contain('"3001-01-01" is outside 1900-01-01…2999-12-31');
    } finally {
      remove();
    }
  });

  it('says at start, in one line, the address, the store, "today", each base service’s transport and TLS', async () => {
    const { dir, remove } = tempDir();
    const store = path.join(dir, 'nested', 'emulator.sqlite');
    const env = cleanEnv({ SSBTEK_STORE: store, SSBTEK_TODAY: '2026-11-24', SSBTEK_SKV_URL: 'http://127.0.0.1:9/skv' });
    let running: Running | undefined;
    try {
      running = await startServe(['--port', '0'], env);
      const line = running.startLine;
      expect(line).to.include({
        msg: 'SSBTEK emulator listening',
        index: `${running.base}/`,
        address: new URL(running.base).host,
        tls: false,
        callerMode: 'permissive',
        store,
        today: '2026-11-24',
        todaySource: 'config',
      });
      expect(line.baseServices).to.deep.equal({
        AF: 'in-process',
        CSN: 'in-process',
        FK: 'in-process',
        SKV: 'http://127.0.0.1:9/skv',
        SO: 'in-process',
        TNS: 'in-process',
        MIV: 'in-process',
      });
    } finally {
      if (running) await stop(running);
      remove();
    }
    // A relative store path is said absolute (startLine), a throw-away store plainly.
    expect(startLine({ ...DEFAULT_CONFIG, storePath: 'data/x.sqlite' }, 8080, { today: '2026-11-24', source: 'real' }))
      .to.have.property('store')
      .that.equals(path.resolve('data/x.sqlite'));
    const memory = await startServe(['--port', '0']);
    try {
      expect(memory.startLine).to.include({ store: ':memory:', todaySource: 'real' });
    } finally {
      await stop(memory);
    }
  });

  it('refuses a port that is not a number, exit 2', async () => {
    const result = await runCli(['serve', '--port', 'eighty']);
    expect(result.code).to.equal(2);
    expect(result.stderr).to.contain('--port');
  });
});
