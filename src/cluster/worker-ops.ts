/**
 * Questions the cluster primary puts to every worker (fan-out.ts) and the worker's answers: each worker answers
 * about what only it holds (its journal ring, its metrics' values), and the primary merges the answers.
 */

/** Primary → worker. */
export interface WorkerOp {
  type: 'ssbtek:worker-op';
  opId: string;
  op: string;
  args: unknown[];
}

/** Worker → primary. */
export interface WorkerOpReply {
  type: 'ssbtek:worker-reply';
  opId: string;
  result?: unknown;
  error?: string;
}

const handlers = new Map<string, (args: unknown[]) => unknown>();
let listening = false;

/** In a worker: answers the primary's question `op` with `handler` (what it returns, or resolves to). */
export function answerWorkerOp(op: string, handler: (args: unknown[]) => unknown): void {
  handlers.set(op, handler);
  if (listening) return;
  listening = true;
  process.on('message', (message: WorkerOp) => {
    if (message?.type === 'ssbtek:worker-op') void reply(message);
  });
}

async function reply({ opId, op, args }: WorkerOp): Promise<void> {
  let answer: WorkerOpReply;
  try {
    const handler = handlers.get(op);
    if (!handler) throw new Error(`no answer for ${op}`);
    answer = { type: 'ssbtek:worker-reply', opId, result: (await handler(args)) ?? null };
  } catch (error) {
    answer = { type: 'ssbtek:worker-reply', opId, error: (error as Error).message };
  }
  process.send?.(answer);
}
