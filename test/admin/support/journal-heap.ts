/**
 * Child process of journal-memory.test.ts, run as `node --expose-gc journal-heap.js`: starts the emulator in this
 * process, sends SSBTEK queries with bodies of many sizes (a comment padding a valid query), and prints one JSON
 * line with the heap and RSS after a full garbage collection, before and after. The heap after a forced collection
 * is what the journal (and anything else) still holds, so the figure does not depend on when the GC last ran.
 */
import { DEFAULT_BODY_LIMITS } from '../../../src/config.js';
import { startServer } from '../../support/server.js';
import { v10Request } from '../../support/requests.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

const MB = 1024 * 1024;
const QUERY = v10Request({ include: ['AF'], korrelationsid: 'HEAP' });
const BODY_AT = QUERY.indexOf('<soapenv:Body');
if (BODY_AT < 0) throw new Error('the v10 request has no <soapenv:Body>');

/** A valid query padded by a comment to about `bytes` bytes. */
function padded(bytes: number): Buffer {
  const comment = `<!--${'x'.repeat(Math.max(0, bytes - QUERY.length - 7))}-->`;
  return Buffer.from(QUERY.slice(0, BODY_AT) + comment + QUERY.slice(BODY_AT), 'utf8');
}

function measure(): { heapMb: number; rssMb: number } {
  gc!();
  gc!();
  const usage = process.memoryUsage();
  // The heap and the buffers outside it: a long request body is kept as bytes until it is read (lazilyDecoded).
  return { heapMb: (usage.heapUsed + usage.arrayBuffers) / MB, rssMb: usage.rss / MB };
}

const bodies = [
  ...Array.from({ length: 30 }, () => padded(8 * MB)),
  ...Array.from({ length: 30 }, () => padded(1 * MB)),
  ...Array.from({ length: 60 }, () => padded(300 * 1024)),
  ...Array.from({ length: 60 }, () => padded(2 * 1024)),
];
const server = await startServer({ bodyLimits: { ...DEFAULT_BODY_LIMITS, ssbtek: 16 * MB }, answerCacheEntries: 0 });
try {
  const send = async (body: Buffer): Promise<number> => {
    const response = await fetch(`${server.url}/ssbtek`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml; charset=utf-8' },
      body,
    });
    await response.arrayBuffer();
    return response.status;
  };
  for (let i = 0; i < 5; i++) await send(padded(2 * 1024));
  await fetch(`${server.url}/__admin/requests`, { method: 'DELETE' });
  const before = measure();
  const statuses: Record<number, number> = {};
  // Interleaved, so that large and small bodies alternate in the journal.
  for (let i = 0; i < bodies.length; i++) {
    const body = bodies[(i * 7) % bodies.length]!;
    const status = await send(body);
    statuses[status] = (statuses[status] ?? 0) + 1;
  }
  const sentMb = bodies.reduce((sum, b) => sum + b.length, 0) / MB;
  bodies.length = 0;
  const journal = (await (await fetch(`${server.url}/__admin/journal`)).json()) as { size: number };
  const after = measure();
  console.log(JSON.stringify({ before, after, sentMb, statuses, journalSize: journal.size }));
} finally {
  await server.close();
}
