/**
 * `serve --workers N`: the cluster primary. It forks N workers (each a whole emulator on the same port: node:cluster
 * hands connections out round-robin), replaces a worker that dies, answers the workers' questions for aggregated
 * metrics, cluster state and every worker's journal (journal-relay.ts), and on SIGTERM/SIGINT stops every worker the same way (in-flight requests finish) and
 * exits 0. It opens no store and serves nothing itself.
 */
import cluster, { type Worker } from 'node:cluster';
import { AggregatorRegistry } from 'prom-client';
import { glanceOf, mergeGlanceValues, type GlanceValues } from '../metrics/metrics.js';
import { WorkerFanOut } from './fan-out.js';
import { JournalRelay } from './journal-relay.js';
import type { JournalOpName } from './cluster-journal.js';
import { WORKER_ENV, WORKER_READY, type ClusterState, type Question, type WorkerInfo } from './worker-link.js';

/** A worker that dies sooner than this after its start counts as a crash loop: wait before replacing it. */
const CRASH_LOOP_MS = 2_000;

export function runPrimary(workers: number, log: (fields: Record<string, unknown>, message: string) => void): void {
  const aggregator = new AggregatorRegistry();
  const started = new Map<number, WorkerInfo>();
  let replaced = 0;
  let stopping = false;
  /** Workers that have announced themselves ready (worker-link.ts): the only ones asked anything. */
  const ready = new Set<number>();
  const live = (): Worker[] => Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w && ready.has(w.id));
  const fanOut = new WorkerFanOut(live);
  const journal = new JournalRelay(fanOut, live);

  const fork = (): Worker => {
    const worker = cluster.fork({ [WORKER_ENV]: '1' });
    started.set(worker.id, {
      id: worker.id,
      pid: worker.process.pid ?? 0,
      startedAt: new Date().toISOString(),
      listening: false,
    });
    worker.once('listening', () => {
      const info = started.get(worker.id);
      if (info) info.listening = true;
    });
    worker.on('message', (message: Question & { type?: string; requestId?: string }) => {
      if (message?.type === WORKER_READY) ready.add(worker.id);
      if (message?.type !== 'ssbtek:ask' || !message.requestId) return;
      void answer(worker, message, message.requestId);
    });
    fanOut.attach(worker);
    journal.attach(worker);
    return worker;
  };

  const answer = async (worker: Worker, question: Question, requestId: string): Promise<void> => {
    try {
      if (question.kind === 'journal') {
        const result = await journal.ask(question.op as JournalOpName, question.args);
        worker.send({ type: 'ssbtek:answer', requestId, result });
      } else if (question.kind === 'glance') {
        const values = (await fanOut.ask('glance-values')) as GlanceValues[];
        worker.send({ type: 'ssbtek:answer', requestId, result: glanceOf(mergeGlanceValues(values)) });
      } else if (question.kind === 'metrics') {
        const metrics = await aggregator.clusterMetrics();
        worker.send({ type: 'ssbtek:answer', requestId, metrics, contentType: aggregator.contentType });
      } else {
        const state: ClusterState = { workers: [...started.values()], replaced };
        worker.send({ type: 'ssbtek:answer', requestId, state });
      }
    } catch (error) {
      if (worker.isConnected()) worker.send({ type: 'ssbtek:answer', requestId, error: (error as Error).message });
    }
  };

  cluster.on('exit', (worker, code, signal) => {
    const info = started.get(worker.id);
    started.delete(worker.id);
    ready.delete(worker.id);
    journal.detach(worker.id);
    if (stopping) {
      if (started.size === 0) process.exit(0);
      return;
    }
    replaced++;
    const lived = info ? Date.now() - Date.parse(info.startedAt) : 0;
    log({ pid: info?.pid, code, signal, lived }, 'worker died; starting another');
    setTimeout(fork, lived < CRASH_LOOP_MS ? CRASH_LOOP_MS : 0);
  });

  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    log({ signal, workers: started.size }, 'stopping workers');
    if (started.size === 0) process.exit(0);
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    setTimeout(() => process.exit(0), 15_000).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  log({ workers, pid: process.pid }, 'starting workers');
  for (let i = 0; i < workers; i++) fork();
}
