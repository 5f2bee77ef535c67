import { expect } from 'chai';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DEFAULT_MAX_CHARS } from '../../src/journal/journal.js';

const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'support', 'journal-heap.js');

interface HeapReport {
  before: { heapMb: number; rssMb: number };
  after: { heapMb: number; rssMb: number };
  sentMb: number;
  statuses: Record<string, number>;
  journalSize: number;
}

/**
 * The journal's memory bound (DEFAULT_MAX_CHARS of text, about 64 MB) holds for any mix of body sizes: after 180
 * exchanges whose bodies range from 2 KB to 8 MB (about 290 MB sent), what stays on the heap after a full garbage
 * collection is within the bound. Measured in a child process started with --expose-gc (the mocha process has no
 * gc()), so the figure is what is still referenced, not what the GC has not yet collected.
 */
describe('Request journal: memory bound under large bodies', function () {
  this.timeout(120_000);

  it('keeps no more than its text bound, whatever the body sizes (heap after a forced GC)', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', CHILD], {
      maxBuffer: 1024 * 1024,
      timeout: 110_000,
    });
    const report = JSON.parse(stdout.trim().split('\n').pop()!) as HeapReport;
    const grewMb = report.after.heapMb - report.before.heapMb;
    const boundMb = (2 * DEFAULT_MAX_CHARS) / (1024 * 1024);
    const summary =
      `heap ${report.before.heapMb.toFixed(0)} → ${report.after.heapMb.toFixed(0)} MB, RSS ` +
      `${report.before.rssMb.toFixed(0)} → ${report.after.rssMb.toFixed(0)} MB after ${report.sentMb.toFixed(0)} MB ` +
      `sent, ${report.journalSize} entries kept`;
    expect(report.statuses, summary).to.deep.equal({ '200': 180 });
    expect(report.journalSize, summary).to.be.above(0);
    // The bound is text (two bytes a character at most) plus a little per entry; 16 MB is slack for the rest.
    expect(grewMb, summary).to.be.below(boundMb + 16);
  });
});
