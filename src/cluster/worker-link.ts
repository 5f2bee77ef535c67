/**
 * A cluster worker's line to its primary (serve --workers N): /metrics and /health on any worker report all of them.
 * The primary aggregates Prometheus metrics with prom-client's AggregatorRegistry (counters and histograms summed,
 * process gauges per worker) and knows which workers are alive.
 */
import cluster from 'node:cluster';
import { randomUUID } from 'node:crypto';
import { AggregatorRegistry, type Registry } from 'prom-client';

/** Set by the primary in every worker's environment. */
export const WORKER_ENV = 'SSBTEK_CLUSTER_WORKER';

export function inClusterWorker(): boolean {
  return cluster.isWorker && process.env[WORKER_ENV] === '1';
}

/**
 * Worker → primary, once the worker's app is made (its answers to the primary's questions and its journal's
 * forwarding are listening) and before it listens for requests. Until then the primary puts no question to it: a
 * question to a worker still loading its modules went unanswered until the primary's deadline (3 s), and held up
 * what asked it (/health, a journal list, the figures at a glance while a worker starts or replaces one that died).
 * A worker that has not announced itself has answered nothing: it has nothing to tell.
 */
export const WORKER_READY = 'ssbtek:worker-ready';

export function announceReady(): void {
  if (inClusterWorker()) process.send?.({ type: WORKER_READY });
}

export interface WorkerInfo {
  id: number;
  pid: number;
  startedAt: string;
  /** Listening for requests (node:cluster hands it connections); false while it still starts. */
  listening: boolean;
}

export interface ClusterState {
  workers: WorkerInfo[];
  /** Workers started to replace one that died. */
  replaced: number;
}

interface Answer {
  type: 'ssbtek:answer';
  requestId: string;
  metrics?: string;
  contentType?: string;
  state?: ClusterState;
  /** A journal question's merged answer (cluster-journal.ts). */
  result?: unknown;
  error?: string;
}

/** What a worker may ask: the aggregated metrics, the cluster's state, or a question to every worker's journal. */
export type Question =
  { kind: 'metrics' } | { kind: 'state' } | { kind: 'glance' } | { kind: 'journal'; op: string; args: unknown[] };

const waiting = new Map<string, (answer: Answer) => void>();
let listening = false;

/** Asks the primary for the cluster's metrics (Prometheus text), state or journal; rejects after 5 s. */
export function askPrimary(question: Question['kind'] | Question): Promise<Answer> {
  const asked: Question = typeof question === 'string' ? ({ kind: question } as Question) : question;
  const kind = asked.kind;
  if (!listening) {
    listening = true;
    process.on('message', (message: Answer) => {
      if (message?.type === 'ssbtek:answer') waiting.get(message.requestId)?.(message);
    });
  }
  const requestId = randomUUID();
  return new Promise<Answer>((resolve, reject) => {
    const timer = setTimeout(() => {
      waiting.delete(requestId);
      reject(new Error(`the cluster primary did not answer (${kind})`));
    }, 5_000);
    waiting.set(requestId, (answer) => {
      clearTimeout(timer);
      waiting.delete(requestId);
      if (answer.error) reject(new Error(answer.error));
      else resolve(answer);
    });
    process.send?.({ type: 'ssbtek:ask', ...asked, requestId });
  });
}

/** In a worker: the registry the primary aggregates is this app's own. */
export function shareMetrics(registry: Registry): void {
  // Constructing one is what makes prom-client answer the primary's requests in this worker.
  new AggregatorRegistry();
  AggregatorRegistry.setRegistries([registry]);
}
