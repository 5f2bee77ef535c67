/**
 * The primary's side of worker-ops.ts: one question to every live worker, their answers collected. A worker that
 * does not answer within the deadline (busy dying, or stuck) is left out rather than failing the question.
 */
import type { Worker } from 'node:cluster';
import { randomUUID } from 'node:crypto';
import type { WorkerOp, WorkerOpReply } from './worker-ops.js';

const ANSWER_MS = 3_000;

export class WorkerFanOut {
  private readonly waiting = new Map<string, (reply: WorkerOpReply | undefined) => void>();

  constructor(private readonly workers: () => Worker[]) {}

  /** Hooks a worker's answers (call once per fork). */
  attach(worker: Worker): void {
    worker.on('message', (message: WorkerOpReply) => {
      if (message?.type === 'ssbtek:worker-reply') this.waiting.get(`${worker.id}:${message.opId}`)?.(message);
    });
  }

  /** Every live worker's answer to `op` (those that failed or did not answer left out). */
  async ask(op: string, args: unknown[] = []): Promise<unknown[]> {
    const opId = randomUUID();
    const replies = await Promise.all(this.workers().map((worker) => this.askOne(worker, { op, args, opId })));
    return replies.filter((r) => r !== undefined && r.error === undefined).map((r) => r!.result);
  }

  private askOne(worker: Worker, question: Omit<WorkerOp, 'type'>): Promise<WorkerOpReply | undefined> {
    const key = `${worker.id}:${question.opId}`;
    return new Promise((resolve) => {
      const done = (reply: WorkerOpReply | undefined): void => {
        clearTimeout(timer);
        this.waiting.delete(key);
        resolve(reply);
      };
      const timer = setTimeout(() => done(undefined), ANSWER_MS);
      this.waiting.set(key, done);
      if (!sendTo(worker, { type: 'ssbtek:worker-op', ...question })) done(undefined);
    });
  }
}

/** Sends to a worker if it is still connected; false when it could not. */
export function sendTo(worker: Worker, message: object): boolean {
  if (!worker.isConnected()) return false;
  try {
    worker.send(message);
    return true;
  } catch {
    return false;
  }
}
