import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/xml/schema.js';

/**
 * The package as a user gets it: `npm pack`, then `npm install <tarball>` into an empty folder, then
 * `npx ssbtek-emulator serve --port 0` there, asked for /health, the WSDL, the console, a shipped example and a few
 * shipped replay cases, then stopped. Nothing is read from the checkout after packing: the installed copy has to carry its own
 * schemas, WSDLs and fixtures. Used by `npm run pack-check` (run.ts) and by the test suite (package.test.ts).
 */
export interface PackCheckOptions {
  /** Run `prepack` (the build) as `npm pack` does for a user; false when the caller has just built. */
  prepack: boolean;
  /** Environment variables over ours for npm and the installed program (e.g. npm_config_registry). */
  env?: NodeJS.ProcessEnv;
  /** Keep the temporary folder (tarball, installed app, server log) for a look afterwards. */
  keep?: boolean;
  log?: (line: string) => void;
}

export interface PackCheckResult {
  tarball: { file: string; bytes: number; entries: number };
  /** Milliseconds per step. */
  timings: { pack: number; install: number; start: number; requests: number; total: number };
  dir: string;
}

/** npm could not reach its registry (and its cache did not have what was needed): the check cannot run here. */
export class PackCheckUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PackCheckUnavailable';
  }
}

/** Shipped replay cases sent to the installed server: a v10 and a v11 query, a scenario person, a Fault. */
export const REPLAY_CASES = ['v10-all-services', 'v11-all-services', 'skv-9071004-person', 'fault-1001-invalid-date'];

const NETWORK = 'ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|ENOTCACHED';
/** npm's own error (registry and cache out of reach), or node-gyp's (Node's headers could not be downloaded). */
const UNREACHABLE = [new RegExp(`npm error code (${NETWORK})\\b`), new RegExp(`gyp ERR!.*\\b(${NETWORK})\\b`)];

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** What `npm run`/`npm test` around us sets that must not reach the nested npm (the checkout as prefix, a command). */
const NPM_RUN_CONFIG = new Set([
  'npm_config_local_prefix',
  'npm_config_prefix',
  'npm_config_global_prefix',
  'npm_config_call',
]);

/**
 * The environment for npm and the installed program: npm's own settings (registry, cache, proxy, nodedir) as they
 * are, but nothing an `npm run`/`npm test` around us adds about the checkout (npm_config_local_prefix would point
 * the nested npm at it, npm_package_*, npm_lifecycle_*, INIT_CWD), and no SSBTEK_*, PORT or HOST settings.
 * JOBS=max lets node-gyp use every core when better-sqlite3 has to be compiled (no prebuilt binary reachable).
 */
export function isolatedEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    const lower = key.toLowerCase();
    if (lower.startsWith('npm_') && (!lower.startsWith('npm_config_') || NPM_RUN_CONFIG.has(lower))) continue;
    if (key === 'INIT_CWD' || key.startsWith('SSBTEK_') || key === 'PORT' || key === 'HOST') continue;
    env[key] = value;
  }
  return { ...env, JOBS: 'max', ...extra };
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<Ran> {
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

function failed(step: string, ran: Ran): Error {
  const output = `${ran.stderr}\n${ran.stdout}`.trim().split('\n').slice(-25).join('\n');
  return new Error(`${step} exited with ${ran.code}:\n${output}`);
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const value = await work();
  return [value, Math.round(performance.now() - started)];
}

/** `npm pack` into `dir`: the tarball and what npm says it holds. */
async function pack(
  dir: string,
  prepack: boolean,
  env: NodeJS.ProcessEnv,
): Promise<{ file: string; bytes: number; paths: Map<string, number> }> {
  const args = ['pack', '--json', '--pack-destination', dir, ...(prepack ? [] : ['--ignore-scripts'])];
  const ran = await run('npm', args, PROJECT_ROOT, env, 5 * 60_000);
  if (ran.code !== 0) throw failed('npm pack', ran);
  // With scripts on, the build's own output may come first: the JSON is the last top-level array.
  const json = ran.stdout.slice(ran.stdout.lastIndexOf('\n[') + 1);
  const [packed] = JSON.parse(json.startsWith('[') ? json : ran.stdout) as {
    filename: string;
    size: number;
    files: { path: string; mode: number }[];
  }[];
  if (!packed) throw new Error(`npm pack printed no package: ${ran.stdout.slice(-500)}`);
  return {
    file: path.join(dir, packed.filename),
    bytes: packed.size,
    paths: new Map(packed.files.map((f) => [f.path, f.mode])),
  };
}

/**
 * What the package must and must not hold: the launcher with its run bit, the built program, every file under the
 * folders the code reads at run time; no tests, benchmarks, TypeScript sources or source maps.
 */
export function packageProblems(paths: Map<string, number>): string[] {
  const problems: string[] = [];
  const mode = paths.get('bin/ssbtek-emulator.js');
  if (mode === undefined) problems.push('bin/ssbtek-emulator.js is missing');
  else if ((mode & 0o111) === 0) problems.push(`bin/ssbtek-emulator.js has no run bit (mode ${mode.toString(8)})`);
  for (const folder of ['xsd', 'wsdl', 'fixtures/examples', 'fixtures/population/scenario-persons', 'fixtures/queries'])
    for (const file of filesUnder(folder)) if (!paths.has(file)) problems.push(`${file} is missing`);
  for (const file of [
    'dist/src/cli/main.js',
    'dist/src/app.js',
    'dist/ui/index.html',
    'fixtures/testnummer/personnummer.txt',
  ])
    if (!paths.has(file)) problems.push(`${file} is missing`);
  // The console as built (npm run build, before any pack): its page and every asset the page loads.
  if (fs.existsSync(path.join(PROJECT_ROOT, 'dist', 'ui')))
    for (const file of filesUnder('dist/ui')) if (!paths.has(file)) problems.push(`${file} is missing`);
  for (const file of paths.keys()) {
    if (/^(dist\/(test|bench)|src|test|bench)\//.test(file) || file.endsWith('.map') || file.endsWith('.ts'))
      problems.push(`${file} should not be in the package`);
  }
  return problems;
}

/** The checkout's files under `folder`, relative to the project root with forward slashes. */
function filesUnder(folder: string): string[] {
  const absolute = path.join(PROJECT_ROOT, folder);
  return (fs.readdirSync(absolute, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(PROJECT_ROOT, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
}

/** `npm install <tarball>` into the empty folder `app`, from npm's cache where it can. */
async function install(app: string, tarball: string, env: NodeJS.ProcessEnv): Promise<void> {
  const ran = await run(
    'npm',
    ['install', '--prefix', app, '--prefer-offline', '--no-audit', '--no-fund', '--no-update-notifier', tarball],
    app,
    env,
    10 * 60_000,
  );
  if (ran.code === 0) return;
  for (const pattern of UNREACHABLE) {
    const code = pattern.exec(ran.stderr)?.[1];
    if (code)
      throw new PackCheckUnavailable(`npm install could not get what it needs: not cached, no network (${code})`);
  }
  throw failed('npm install', ran);
}

interface Server {
  base: string;
  stop(): Promise<number | null>;
}

/** `npx --no ssbtek-emulator serve --port 0` in `app` (--no: never fetched from a registry), until it names its URL. */
function serve(app: string, log: string, env: NodeJS.ProcessEnv): Promise<Server> {
  const out = fs.openSync(log, 'a');
  const child = spawn('npx', ['--no', 'ssbtek-emulator', 'serve', '--port', '0'], {
    cwd: app,
    env,
    stdio: ['ignore', 'pipe', out],
    detached: true, // its own process group: npx, its shell and the server stop together
  });
  // 'close', not 'exit': the server's last lines (written as it exits) may still be in the pipe when npx exits, and
  // they are appended to the log, whose folder is removed once the server is stopped.
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const stop = async (): Promise<number | null> => {
    if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGTERM');
    const timer = setTimeout(() => child.exitCode === null && process.kill(-child.pid!, 'SIGKILL'), 15_000);
    const code = await exited;
    clearTimeout(timer);
    fs.closeSync(out);
    return code;
  };
  return new Promise((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(
      () => void stop().then(() => reject(new Error(`no URL logged in 60 s: ${stdout}`))),
      60_000,
    );
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      fs.appendFileSync(log, chunk);
      stdout += chunk;
      const url = /"url":"(https?:\/\/[^"/]+)/.exec(stdout)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ base: url, stop });
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code} before listening; see ${log}`));
    });
  });
}

/** The console at /ui, and each script and style sheet its page names, from the installed package. */
async function askConsole(base: string): Promise<void> {
  const page = await fetch(`${base}/ui/`);
  const html = await page.text();
  if (page.status !== 200 || !html.includes('<div id="app">')) throw new Error(`/ui/: HTTP ${page.status}`);
  const assets = [...html.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)].map((m) => new URL(m[1]!, `${base}/ui/`));
  if (assets.length === 0) throw new Error('/ui/ names no script or style sheet');
  for (const asset of assets) {
    const answer = await fetch(asset);
    await answer.arrayBuffer();
    if (answer.status !== 200) throw new Error(`${asset.pathname}: HTTP ${answer.status}`);
  }
}

/** /health, the WSDL, the console, a shipped example sent as is, and shipped replay cases against the installed server. */
async function ask(app: string, base: string, env: NodeJS.ProcessEnv): Promise<void> {
  const health = await fetch(`${base}/health`);
  const body = (await health.json()) as { status?: string };
  if (health.status !== 200 || body.status !== 'ok')
    throw new Error(`/health: ${health.status} ${JSON.stringify(body)}`);
  const wsdl = await fetch(`${base}/ssbtek?wsdl`);
  if (wsdl.status !== 200 || !(await wsdl.text()).includes('hamtaBastjanstInformation'))
    throw new Error(`/ssbtek?wsdl: ${wsdl.status}`);
  await askConsole(base);

  const example = await run('npx', ['--no', 'ssbtek-emulator', 'example', 'v10-all-services'], app, env, 60_000);
  if (example.code !== 0) throw failed('ssbtek-emulator example v10-all-services', example);
  const answer = await fetch(`${base}/ssbtek`, {
    method: 'POST',
    headers: { 'content-type': 'text/xml; charset=utf-8' },
    body: example.stdout,
  });
  const reply = await answer.text();
  const services = [...reply.matchAll(/<ssbt:(AF|CSN|FK|SKV|SO|TNS|MIV)>\s*<ssbt:data>/g)].map((m) => m[1]);
  if (answer.status !== 200 || services.length !== 7)
    throw new Error(`v10-all-services: HTTP ${answer.status}, data from ${services.join(' ') || 'no service'}`);

  const cases = REPLAY_CASES.flatMap((name) => ['--case', name]);
  const replay = await run(
    'npx',
    ['--no', 'ssbtek-emulator', 'replay', '--target', `${base}/ssbtek`, ...cases],
    app,
    env,
    120_000,
  );
  if (replay.code !== 0) throw failed(`ssbtek-emulator replay ${REPLAY_CASES.join(' ')}`, replay);
  if (!fs.existsSync(path.join(app, 'data', 'ssbtek-emulator.sqlite')))
    throw new Error(`the default store ${path.join(app, 'data', 'ssbtek-emulator.sqlite')} was not created`);
}

/** The whole check; throws on the first failure (PackCheckUnavailable when npm's registry is out of reach). */
export async function packCheck(options: PackCheckOptions): Promise<PackCheckResult> {
  const log = options.log ?? (() => undefined);
  const env = isolatedEnv(options.env);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssbtek-pack-check-'));
  const app = path.join(dir, 'app');
  fs.mkdirSync(app);
  const started = performance.now();
  try {
    log(`npm pack${options.prepack ? ' (prepack: build)' : ''} into ${dir}`);
    const [tarball, packMs] = await timed(() => pack(dir, options.prepack, env));
    const problems = packageProblems(tarball.paths);
    if (problems.length > 0) throw new Error(`the package is wrong:\n  ${problems.join('\n  ')}`);
    log(`npm install ${path.basename(tarball.file)} into the empty folder ${app}`);
    const [, installMs] = await timed(() => install(app, tarball.file, env));
    log('npx ssbtek-emulator serve --port 0');
    const [server, startMs] = await timed(() => serve(app, path.join(dir, 'serve.log'), env));
    let requestsMs: number;
    try {
      log(`asking ${server.base}: /health, /ssbtek?wsdl, example v10-all-services, replay ${REPLAY_CASES.join(' ')}`);
      [, requestsMs] = await timed(() => ask(app, server.base, env));
    } finally {
      const code = await server.stop();
      if (code !== 0 && code !== null) log(`serve exited with ${code} on SIGTERM`);
    }
    return {
      tarball: { file: tarball.file, bytes: tarball.bytes, entries: tarball.paths.size },
      timings: {
        pack: packMs,
        install: installMs,
        start: startMs,
        requests: requestsMs,
        total: Math.round(performance.now() - started),
      },
      dir,
    };
  } finally {
    if (!options.keep) fs.rmSync(dir, { recursive: true, force: true });
  }
}
