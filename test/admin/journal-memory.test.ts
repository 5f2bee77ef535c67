import { expect } from 'chai';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  clipBytes,
  DEFAULT_MAX_CHARS,
  lazilyDecoded,
  LAZY_BODY_BYTES,
  MAX_BODY_CHARS,
} from '../../src/journal/journal.js';

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
 * collection (on the heap, or as a long body's bytes kept outside it until read) is within the bound. Measured in a child process started with --expose-gc (the mocha process has no
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

describe('Request journal: a long request body decoded when first read', () => {
  const texts = {
    'a short body': 'x'.repeat(LAZY_BODY_BYTES - 10),
    'a long body within the cut': `<a>${'å'.repeat(20_000)}</a>`,
    'a body past the cut, a character across it': `${'y'.repeat(MAX_BODY_CHARS - 1)}ö${'z'.repeat(5000)}`,
  };
  for (const [name, text] of Object.entries(texts)) {
    it(`reads ${name} exactly as decoding it at once would, as a property JSON includes`, () => {
      const bytes = Buffer.from(text, 'utf8');
      const message = lazilyDecoded({ contentType: 'text/xml' }, bytes, (t) => t.toUpperCase());
      bytes.fill(0); // the request's own buffer is reused or freed: the entry must have kept its own copy
      const expected = clipBytes(Buffer.from(text, 'utf8')).toUpperCase();
      expect(JSON.parse(JSON.stringify(message))).to.deep.equal({ contentType: 'text/xml', body: expected });
      expect(message.body).to.equal(expected);
      expect(Object.keys(message)).to.deep.equal(['contentType', 'body']);
    });
  }
});
