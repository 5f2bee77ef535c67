import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { PROJECT_ROOT } from '../../src/xml/schema.js';
import { MAIN, runNode } from './cli.js';

const DIST = path.join(PROJECT_ROOT, 'dist');

/**
 * What start-up does not load (docs/decisions.md, "Start-up: what is loaded only when it is used"): each check runs
 * in a fresh process, since this one has long loaded everything.
 */
describe('Start-up: what is loaded only when it is used', function () {
  this.timeout(60_000);
  let tmp: string;

  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ssbtek-loading-'));
    // A module resolution hook (it runs on the loader's own thread) that writes every module URL it resolves.
    fs.writeFileSync(
      path.join(tmp, 'hooks.mjs'),
      "import fs from 'node:fs';\n" +
        'export async function resolve(specifier, context, next) {\n' +
        '  const resolved = await next(specifier, context);\n' +
        '  fs.writeSync(2, `resolved ${resolved.url}\\n`);\n' +
        '  return resolved;\n' +
        '}\n',
    );
    fs.writeFileSync(
      path.join(tmp, 'register.mjs'),
      "import { register } from 'node:module';\nregister('./hooks.mjs', import.meta.url);\n",
    );
  });

  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const resolvedBy = async (args: string[]): Promise<string[]> => {
    const result = await runNode(['--import', path.join(tmp, 'register.mjs'), MAIN, ...args]);
    expect(result.code, result.stderr).to.equal(0);
    return [...result.stderr.matchAll(/^resolved (.*)$/gm)].map((m) => m[1]!);
  };
  const commandModules = (urls: string[]): string[] =>
    urls
      .map((url) => /\/dist\/src\/cli\/commands\/(\w+)\.js$/.exec(url)?.[1])
      .filter((name): name is string => name !== undefined && name !== 'day-argument');

  it('a command loads its own module only; help loads every command', async () => {
    const serve = await resolvedBy(['serve', '--help']);
    expect(commandModules(serve)).to.deep.equal(['serve']);
    expect(serve.filter((url) => /\/dist\/src\/tools\//.test(url))).to.deep.equal([]);
    const validate = await resolvedBy(['validate', '--help']);
    expect(commandModules(validate)).to.deep.equal(['validate']);
    const help = await resolvedBy(['--help']);
    expect(new Set(commandModules(help))).to.deep.equal(new Set(['serve', 'validate', 'replay', 'record', 'example']));
  });

  it('a started server has loaded neither express-openapi-validator nor node-postgres; a validated request loads the first', async () => {
    const script = path.join(tmp, 'serve.mjs');
    fs.writeFileSync(
      script,
      [
        "import { createRequire } from 'node:module';",
        `const { createApp, listen } = await import(${JSON.stringify(path.join(DIST, 'src/app.js'))});`,
        `const { DEFAULT_CONFIG } = await import(${JSON.stringify(path.join(DIST, 'src/config.js'))});`,
        'const cache = createRequire(import.meta.url).cache;',
        'const loaded = () => ({',
        "  validator: Object.keys(cache).some((f) => f.includes('/node_modules/express-openapi-validator/')),",
        "  pg: Object.keys(cache).some((f) => f.includes('/node_modules/pg/')),",
        '});',
        "const config = { ...DEFAULT_CONFIG, port: 0, storePath: ':memory:', logLevel: 'silent' };",
        'const { app, close } = createApp(config);',
        "const server = await listen(app, '127.0.0.1', 0);",
        'const base = `http://127.0.0.1:${server.address().port}`;',
        'const health = (await fetch(`${base}/health`)).status;',
        'await new Promise((resolve) => setTimeout(resolve, 200));',
        'const atStart = loaded();',
        'const rest = await fetch(`${base}/__admin/scenarios/AF`, { method: \'PUT\', body: \'{"latency":"x"}\',',
        "  headers: { 'content-type': 'application/json' } });",
        'const problem = await rest.json();',
        'console.log(JSON.stringify({ health, atStart, rest: [rest.status, problem.detail], afterRest: loaded() }));',
        'server.close(); await close();',
      ].join('\n'),
    );
    const result = await runNode([script]);
    expect(result.code, result.stderr).to.equal(0);
    const seen = JSON.parse(result.stdout.trim().split('\n').pop()!) as Record<string, unknown>;
    expect(seen).to.deep.include({
      health: 200,
      atStart: { validator: false, pg: false },
      afterRest: { validator: true, pg: false },
    });
    // The admin API's first request made its validator, which refused the setting as the OpenAPI document says.
    const [status, detail] = seen.rest as [number, string];
    expect(status).to.equal(400);
    expect(detail).to.match(/latency/);
  });
});
