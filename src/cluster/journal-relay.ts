/**
 * The primary's half of the cluster journal (cluster-journal.ts): a worker's question goes to every live worker's
 * ring (fan-out.ts) and the answers are merged into one (newest first for a list, oldest first for all, summed for
 * counts). And the live stream: while any worker has a listener, every worker forwards its exchanges' summaries,
 * which go on to the listening workers.
 */
import type { Worker } from 'node:cluster';
import type { JournalState } from '../control/journal-view.js';
import type { JournalEntry } from '../journal/journal.js';
import type { ForwardSetting, JournalOpName, ListenSetting, RecordedSummary } from './cluster-journal.js';
import { sendTo, type WorkerFanOut } from './fan-out.js';
import { WORKER_READY } from './worker-link.js';

export class JournalRelay {
  private readonly listening = new Set<number>();

  constructor(
    private readonly fanOut: WorkerFanOut,
    private readonly workers: () => Worker[],
  ) {}

  /** Hooks a worker's messages (call once per fork). */
  attach(worker: Worker): void {
    worker.on('message', (message: ListenSetting | RecordedSummary | { type: typeof WORKER_READY }) => {
      if (message?.type === 'ssbtek:journal-listen') this.listen(worker.id, message.on);
      else if (message?.type === 'ssbtek:journal-recorded') this.relay(worker.id, message);
      // Told whether to forward once its journal listens (it was told at 'online', while it still loaded its modules).
      else if (message?.type === WORKER_READY) sendTo(worker, this.forwardSetting());
    });
  }

  /** A worker is gone: it listens no more. */
  detach(workerId: number): void {
    if (this.listening.delete(workerId) && this.listening.size === 0) this.broadcastForward();
  }

  /** Asks every live worker's ring and merges the answers. */
  async ask(op: JournalOpName, args: unknown[]): Promise<unknown> {
    return merge(op, args, await this.fanOut.ask(`journal-${op}`, args));
  }

  private listen(workerId: number, on: boolean): void {
    const before = this.listening.size > 0;
    if (on) this.listening.add(workerId);
    else this.listening.delete(workerId);
    if (before !== this.listening.size > 0) this.broadcastForward();
  }

  private forwardSetting(): ForwardSetting {
    return { type: 'ssbtek:journal-forward', on: this.listening.size > 0 };
  }

  private broadcastForward(): void {
    for (const worker of this.workers()) sendTo(worker, this.forwardSetting());
  }

  private relay(fromId: number, message: RecordedSummary): void {
    for (const worker of this.workers())
      if (worker.id !== fromId && this.listening.has(worker.id)) sendTo(worker, message);
  }
}

const newestFirst = (a: JournalEntry, b: JournalEntry): number =>
  a.receivedAt < b.receivedAt ? 1 : a.receivedAt > b.receivedAt ? -1 : 0;

function merge(op: JournalOpName, args: unknown[], results: unknown[]): unknown {
  switch (op) {
    case 'list':
      return (results as JournalEntry[][])
        .flat()
        .sort(newestFirst)
        .slice(0, args[1] as number);
    case 'all':
      return (results as JournalEntry[][]).flat().sort(newestFirst).reverse();
    case 'get':
      return (results as (JournalEntry | null)[]).find((entry) => entry !== null) ?? null;
    case 'count':
      return (results as number[]).reduce((sum, n) => sum + n, 0);
    case 'clear':
      return null;
    case 'state': {
      const states = results as JournalState[];
      return {
        enabled: states.some((s) => s.enabled),
        capacity: states.reduce((sum, s) => sum + s.capacity, 0),
        size: states.reduce((sum, s) => sum + s.size, 0),
      } satisfies JournalState;
    }
  }
}
