/**
 * The primary's half of the cluster journal (cluster-journal.ts): a worker's question goes to every live worker's
 * ring, and the answers are merged into one (newest first for a list, oldest first for all, summed for counts);
 * a worker that does not answer within the deadline is left out rather than failing the read. And the live stream:
 * while any worker has a listener, every worker forwards its exchanges' summaries, which go to the listening workers.
 */
import type { Worker } from 'node:cluster';
import { randomUUID } from 'node:crypto';
import type { JournalState } from '../control/journal-view.js';
import type { JournalEntry } from '../journal/journal.js';
import type {
  ForwardSetting,
  JournalOp,
  JournalOpName,
  JournalOpReply,
  ListenSetting,
  RecordedSummary,
} from './cluster-journal.js';

const ANSWER_MS = 3_000;

export class JournalRelay {
  private readonly waiting = new Map<string, (reply: JournalOpReply) => void>();
  private readonly listening = new Set<number>();

  constructor(private readonly workers: () => Worker[]) {}

  /** Hooks a worker's messages (call once per fork). */
  attach(worker: Worker): void {
    worker.on('message', (message: JournalOpReply | ListenSetting | RecordedSummary) => {
      if (message?.type === 'ssbtek:journal-reply') this.waiting.get(`${worker.id}:${message.opId}`)?.(message);
      else if (message?.type === 'ssbtek:journal-listen') this.listen(worker.id, message.on);
      else if (message?.type === 'ssbtek:journal-recorded') this.relay(worker.id, message);
    });
    worker.once('online', () => this.send(worker, { type: 'ssbtek:journal-forward', on: this.listening.size > 0 }));
  }

  /** A worker is gone: it listens no more. */
  detach(workerId: number): void {
    if (this.listening.delete(workerId) && this.listening.size === 0) this.broadcastForward(false);
  }

  /** Asks every live worker's ring and merges the answers. */
  async ask(op: JournalOpName, args: unknown[]): Promise<unknown> {
    const opId = randomUUID();
    const replies = await Promise.all(this.workers().map((worker) => this.askOne(worker, { op, args, opId })));
    const results = replies.filter((reply) => reply !== undefined && reply.error === undefined).map((r) => r!.result);
    return merge(op, args, results);
  }

  private askOne(worker: Worker, question: Omit<JournalOp, 'type'>): Promise<JournalOpReply | undefined> {
    const key = `${worker.id}:${question.opId}`;
    return new Promise((resolve) => {
      const timer = setTimeout(() => done(undefined), ANSWER_MS);
      const done = (reply: JournalOpReply | undefined): void => {
        clearTimeout(timer);
        this.waiting.delete(key);
        resolve(reply);
      };
      this.waiting.set(key, done);
      if (!this.send(worker, { type: 'ssbtek:journal-op', ...question })) done(undefined);
    });
  }

  private listen(workerId: number, on: boolean): void {
    const before = this.listening.size > 0;
    if (on) this.listening.add(workerId);
    else this.listening.delete(workerId);
    const after = this.listening.size > 0;
    if (before !== after) this.broadcastForward(after);
  }

  private broadcastForward(on: boolean): void {
    for (const worker of this.workers()) this.send(worker, { type: 'ssbtek:journal-forward', on });
  }

  private relay(fromId: number, message: RecordedSummary): void {
    for (const worker of this.workers())
      if (worker.id !== fromId && this.listening.has(worker.id)) this.send(worker, message);
  }

  private send(worker: Worker, message: JournalOp | ForwardSetting | RecordedSummary): boolean {
    if (!worker.isConnected()) return false;
    try {
      worker.send(message);
      return true;
    } catch {
      return false;
    }
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
