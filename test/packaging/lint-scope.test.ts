import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { expect } from 'chai';
import { ESLint } from 'eslint';
import * as prettier from 'prettier';
import { PROJECT_ROOT } from '../../src/xml/schema.js';

/** Tracked files Prettier leaves as written: contract copies, fixtures (byte for byte), prose, npm's lock file. */
const KEPT_AS_WRITTEN = /^(fixtures|xsd|wsdl|test\/fixtures)\/|^package-lock\.json$|\.md$/;
const IGNORE_FILES = ['.gitignore', '.prettierignore'].map((f) => path.join(PROJECT_ROOT, f));

function trackedFiles(): string[] | undefined {
  try {
    return execFileSync('git', ['ls-files', '-z'], { cwd: PROJECT_ROOT, encoding: 'utf8', maxBuffer: 64 << 20 })
      .split('\0')
      .filter((f) => f !== '');
  } catch {
    return undefined;
  }
}

async function prettierChecks(file: string): Promise<boolean> {
  const info = await prettier.getFileInfo(path.join(PROJECT_ROOT, file), { ignorePath: IGNORE_FILES });
  return !info.ignored && info.inferredParser !== null;
}

/**
 * `npm run lint` checks the project's own files (a list in .prettierignore and eslint.config.js), so a file a user
 * creates in the checkout (README: a my-config.json, recordings/) cannot fail `npm test`. These tests keep the
 * list honest: every tracked file is checked unless it is one of those kept as written.
 */
describe('npm run lint: what it checks', function () {
  this.timeout(60_000);
  const eslint = new ESLint({ cwd: PROJECT_ROOT });

  it('checks every tracked file Prettier can format, except those kept as written', async function () {
    const tracked = trackedFiles();
    if (!tracked) {
      console.log('      (skipped: not a git checkout)');
      return this.skip();
    }
    const unchecked: string[] = [];
    for (const file of tracked) {
      const formattable = await prettier.getFileInfo(path.join(PROJECT_ROOT, file), { ignorePath: [] });
      if (formattable.inferredParser === null || KEPT_AS_WRITTEN.test(file)) continue;
      if (!(await prettierChecks(file))) unchecked.push(file);
    }
    expect(unchecked, 'tracked but not checked by Prettier: list them in .prettierignore').to.deep.equal([]);
    expect(await prettierChecks('src/app.ts')).to.equal(true);
    expect(await prettierChecks('package.json')).to.equal(true);
  });

  it('lints every tracked JavaScript and TypeScript file', async function () {
    const tracked = trackedFiles();
    if (!tracked) {
      console.log('      (skipped: not a git checkout)');
      return this.skip();
    }
    const code = tracked.filter((f) => /\.[cm]?[jt]s$/.test(f));
    expect(code).to.include.members(['bin/ssbtek-emulator.js', 'eslint.config.js', 'src/app.ts']);
    const ignored: string[] = [];
    for (const file of code) if (await eslint.isPathIgnored(path.join(PROJECT_ROOT, file))) ignored.push(file);
    expect(ignored, 'tracked but not linted: list them in eslint.config.js').to.deep.equal([]);
  });

  it('leaves alone what a user creates in the checkout: a config file, recordings, a scratch script', async () => {
    for (const file of ['my-config.json', 'emulator.json', 'recordings/qa/v10-198601042388-all-data/case.json']) {
      expect(await prettierChecks(file), file).to.equal(false);
    }
    for (const file of ['scratch.js', 'tools/mine.ts']) {
      expect(await eslint.isPathIgnored(path.join(PROJECT_ROOT, file)), file).to.equal(true);
    }
  });
});
