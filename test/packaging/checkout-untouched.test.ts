import { execFileSync } from 'node:child_process';
import { expect } from 'chai';
import { PROJECT_ROOT } from '../../src/xml/schema.js';

/**
 * Root hooks (outside any describe: they wrap the whole run): the tests write nothing into the checkout. What
 * `git status --porcelain --ignored` lists after the run must have been there before it (dist/ and node_modules/
 * are); a test writes into a temporary folder and keeps a spawned server's store in memory.
 */
function checkoutStatus(): Set<string> | undefined {
  try {
    const status = execFileSync('git', ['status', '--porcelain', '--ignored'], { cwd: PROJECT_ROOT, encoding: 'utf8' });
    return new Set(status.split('\n').filter((line) => line.startsWith('??') || line.startsWith('!!')));
  } catch {
    return undefined;
  }
}

let atStart: Set<string> | undefined;

before(() => {
  atStart = checkoutStatus();
});

after(() => {
  if (!atStart) return;
  const now = checkoutStatus() ?? new Set<string>();
  const left = [...now].filter((line) => !atStart!.has(line));
  expect(left, `the test run left these in the checkout (${PROJECT_ROOT})`).to.deep.equal([]);
});
