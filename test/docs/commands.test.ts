import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { PROJECT_ROOT } from '../../src/xml/schema.js';
import { startServer, type TestServer } from '../support/server.js';

/** Every ```sh block of README.md and docs/*.md, with the file and line it starts on. */
function shellBlocks(): { file: string; line: number; code: string }[] {
  const files = ['README.md', ...fs.readdirSync(path.join(PROJECT_ROOT, 'docs')).map((f) => `docs/${f}`)].filter((f) =>
    f.endsWith('.md'),
  );
  const blocks: { file: string; line: number; code: string }[] = [];
  for (const file of files) {
    const lines = fs.readFileSync(path.join(PROJECT_ROOT, file), 'utf8').split('\n');
    for (let i = 0; i < lines.length; i++) {
      if (lines[i] !== '```sh') continue;
      const end = lines.indexOf('```', i + 1);
      blocks.push({ file, line: i + 1, code: lines.slice(i + 1, end).join('\n') });
      i = end;
    }
  }
  return blocks;
}

/** Runs a block as a user's shell would, but stopping at the first failing command (no pipefail: `… | head` is fine). */
function run(code: string, env: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-eu', '-c', code], { cwd: PROJECT_ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/**
 * What the README's tour promises each block shows (checked on top of every block running without error). The
 * blocks run as a user runs them, against an emulator on the real date; only the port differs.
 */
const PROMISES: Record<string, RegExp[]> = {
  'npx ssbtek-emulator example v10-all-services \\': [/svarsdata/, /ssbt\/11/],
  'npx ssbtek-emulator example v10-all-services | curl': [/<ssbt:felkod>500<\/ssbt:felkod>/, /<ssbt:felkod>503</],
  'TOKEN=': [/"skv_client_correlation_id":"tour-1"/],
  'npx ssbtek-emulator validate fixtures/examples test/fixtures/native': [],
  "curl -s 'http://127.0.0.1:8080/__admin/requests?limit=1'": [/"requests"/, /passed, 0 failed/],
};

/** Every shell block in README.md and docs/ runs as written against a started emulator (only the port differs). */
describe('Commands in README.md and docs/ run as written', function () {
  this.timeout(120_000);
  let server: TestServer;
  let tmp: string;
  let untrackedBefore: Set<string>;
  before(async () => {
    untrackedBefore = await untracked();
    // The real date, as a user's `npm start` has it; a throw-away store.
    server = await startServer({ today: undefined });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ssbtek-docs-'));
  });
  after(async () => {
    await server?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const blocks = shellBlocks();
  it('finds the README tour and the docs’ examples', () => {
    expect(blocks.filter((b) => b.file === 'README.md').length).to.be.at.least(5);
    expect(blocks.length).to.be.at.least(12);
  });

  for (const block of blocks) {
    it(`${block.file}:${block.line}`, async () => {
      const port = new URL(server.url).port;
      const code = block.code.replaceAll('127.0.0.1:8080', `127.0.0.1:${port}`);
      const result = await run(code, { ...process.env, TMPDIR: tmp, NO_COLOR: '1', CI: '1' });
      const where = `${block.file}:${block.line}\n--- stdout\n${result.stdout.slice(-2000)}\n--- stderr\n${result.stderr.slice(-2000)}`;
      expect(result.status, where).to.equal(0);
      expect(result.stdout + result.stderr, where).to.not.match(/Permission denied|command not found/);
      const promise = Object.entries(PROMISES).find(([start]) => block.code.startsWith(start));
      if (block.file === 'README.md')
        expect(promise, `${where}\nno promise for this README block`).to.not.equal(undefined);
      for (const pattern of promise?.[1] ?? []) expect(result.stdout, where).to.match(pattern);
    });
  }

  it('write nothing into the project folder', async () => {
    const stray = [...(await untracked())].filter((file) => !untrackedBefore.has(file));
    expect(stray, 'files the documented commands left in the tree').to.deep.equal([]);
  });
});

/** Files in the project folder git does not track and does not ignore. */
async function untracked(): Promise<Set<string>> {
  const { stdout } = await run('git status --porcelain --untracked-files=all', process.env);
  return new Set(
    stdout
      .split('\n')
      .filter((l) => l.startsWith('?? '))
      .map((l) => l.slice(3)),
  );
}
