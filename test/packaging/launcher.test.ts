import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { PROJECT_ROOT } from '../../src/xml/schema.js';

const LAUNCHER = 'bin/ssbtek-emulator.js';
const packageJson = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
  version: string;
  bin: Record<string, string>;
};

/** Runs a file as a command (no `node` in front): its shebang and run bit decide, as for `npx ssbtek-emulator`. */
function runAsCommand(file: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(file, args, { encoding: 'utf8', cwd: os.tmpdir() });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the ssbtek-emulator command: a committed launcher, not a build output', () => {
  it('is what package.json names as the bin', () => {
    expect(packageJson.bin).to.deep.equal({ 'ssbtek-emulator': LAUNCHER });
  });

  it('has its run bit in git, so every checkout and every rebuild keeps it', function () {
    let staged: string;
    try {
      staged = execFileSync('git', ['ls-files', '--stage', LAUNCHER], { cwd: PROJECT_ROOT, encoding: 'utf8' });
    } catch {
      console.log('      (skipped: not a git checkout)');
      return this.skip();
    }
    expect(staged).to.match(/^100755 /);
    expect(fs.statSync(path.join(PROJECT_ROOT, LAUNCHER)).mode & 0o111).to.not.equal(0);
  });

  it('runs the built program as a command (shebang with --max-semi-space-size=4)', () => {
    const file = path.join(PROJECT_ROOT, LAUNCHER);
    expect(fs.readFileSync(file, 'utf8').split('\n')[0]).to.equal('#!/usr/bin/env -S node --max-semi-space-size=4');
    const result = runAsCommand(file, ['--version']);
    expect(result.stderr).to.equal('');
    expect(result.stdout.trim()).to.equal(packageJson.version);
    expect(result.status).to.equal(0);
  });

  it('says what to do, exit 2, where the program has not been built', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'launcher-'));
    try {
      const copy = path.join(dir, LAUNCHER);
      fs.mkdirSync(path.dirname(copy));
      fs.copyFileSync(path.join(PROJECT_ROOT, LAUNCHER), copy);
      fs.chmodSync(copy, 0o755);
      const result = runAsCommand(copy, ['--version']);
      expect(result.stderr).to.equal(`ssbtek-emulator: not built yet: run \`npm run build\` in ${dir}${path.sep}\n`);
      expect(result.status).to.equal(2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
