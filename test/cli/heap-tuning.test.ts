import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { HEAP_GROWING_PERCENT, PRETENURING_FLAG, heapFlags } from '../../src/cli/heap-tuning.js';
import { PROJECT_ROOT } from '../../src/xml/schema.js';

const run = promisify(execFile);
const TUNING = path.join(PROJECT_ROOT, 'dist', 'src', 'cli', 'heap-tuning.js');

/**
 * A child Node that tunes its heap (or not), then keeps object literals from one site alive across young-generation
 * collections, which V8 otherwise answers by pretenuring that site; V8 prints its pretenuring decisions (a site
 * goes to 'maybe tenure', then 'tenure').
 */
async function tenureDecisions(tune: boolean, execArgv: string[] = []): Promise<number> {
  const script = `
    const { tuneHeap } = await import(${JSON.stringify(TUNING)});
    if (${tune}) tuneHeap(process.execArgv);
    function make(i) { return { a: i, b: [i, i + 1] }; }
    let keep = [];
    for (let r = 0; r < 200; r++) {
      for (let i = 0; i < 20000; i++) keep.push(make(i));
      if (keep.length > 100000) keep = keep.slice(50000);
    }`;
  const { stdout } = await run(
    process.execPath,
    [...execArgv, '--trace-pretenuring-statistics', '--input-type=module', '-e', script],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  return stdout.split('\n').filter((line) => /=> (maybe )?tenure/.test(line)).length;
}

describe('serve: V8 heap tuning', () => {
  it('turns pretenuring off and limits heap growth, unless the command line names either flag', () => {
    expect(heapFlags([])).to.deep.equal([`--heap-growing-percent=${HEAP_GROWING_PERCENT}`, PRETENURING_FLAG]);
    expect(heapFlags(['--max-semi-space-size=4'])).to.have.length(2);
    expect(heapFlags(['--heap-growing-percent=50'])).to.deep.equal([PRETENURING_FLAG]);
    expect(heapFlags(['--allocation-site-pretenuring'])).to.deep.equal([
      `--heap-growing-percent=${HEAP_GROWING_PERCENT}`,
    ]);
    expect(heapFlags(['--no-allocation-site-pretenuring', '--heap_growing_percent=90'])).to.deep.equal([]);
  });

  it('stops V8 from pretenuring long-lived literals once applied at run time', async function () {
    this.timeout(60_000);
    // The control: the same work without the tuning is pretenured, so the check below can fail.
    expect(await tenureDecisions(false)).to.be.greaterThan(0);
    expect(await tenureDecisions(true)).to.equal(0);
  });

  it('leaves pretenuring on where the command line asks for it', async function () {
    this.timeout(60_000);
    expect(await tenureDecisions(true, ['--allocation-site-pretenuring'])).to.be.greaterThan(0);
  });
});
