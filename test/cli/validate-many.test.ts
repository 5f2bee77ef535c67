import path from 'node:path';
import { expect } from 'chai';
import { runCli, summaryOf, tempDir, writeFiles } from './cli.js';
import { AF_FRAGA, AF_FRAGA_INVALID } from './validate-files.js';

const FILES = 2000;
const INVALID_EVERY = 400;

describe('ssbtek-emulator validate: thousands of files', function () {
  this.timeout(180_000);
  let dir: string;
  let remove: () => void;
  before(() => {
    ({ dir, remove } = tempDir());
    const files: Record<string, string> = {};
    for (let i = 0; i < FILES; i++) {
      const referens = `ARENDE-2025-${String(i).padStart(4, '0')}`;
      const source = i % INVALID_EVERY === 0 ? AF_FRAGA_INVALID : AF_FRAGA;
      files[path.join(`batch-${Math.floor(i / 100)}`, `fraga-${i}.xml`)] = source.replace('ARENDE-2025-0001', referens);
    }
    writeFiles(dir, files);
  });
  after(() => remove());

  it('validates 2000 small files in one run, counting each once', async () => {
    const result = await runCli(['validate', dir]);
    const invalid = FILES / INVALID_EVERY;
    expect(summaryOf(result.stderr)).to.equal(
      `${FILES} files: ${FILES - invalid} valid, ${invalid} invalid, 0 could not be read`,
    );
    expect(result.stdout.trim().split('\n')).to.have.length(invalid * 2);
    expect(result.code).to.equal(1);
  });

  it('writes a JUnit report with a testcase for each of them', async () => {
    const result = await runCli(['validate', '--format', 'junit', dir]);
    expect(result.stdout.match(/<testcase /g)).to.have.length(FILES);
    expect(result.code).to.equal(1);
  });
});
