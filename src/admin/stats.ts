/**
 * GET /__admin/stats: the console's figures at a glance. `metrics`: since the start, from the Prometheus metrics
 * (SSBTEK's requests and Faults, each base service's calls and errors as the composite saw them, 95th percentiles
 * from the histograms). `journal`: over the exchanges the journal holds, every service it records (the REST
 * adapters and PU too), and each base service's calls inside SSBTEK exchanges — requests, errors, exact p95.
 */
import { Router } from 'express';
import type { JournalView } from '../control/journal-view.js';
import type { JournalEntry } from '../journal/journal.js';
import type { Metrics } from '../metrics/metrics.js';

interface Figures {
  service: string;
  requests: number;
  errors: number;
  p95Ms: number | null;
}

/** The value at rank ceil(0.95·n) of the sorted durations (nearest rank), null for none. */
export function p95(durations: number[]): number | null {
  if (durations.length === 0) return null;
  const sorted = [...durations].sort((a, b) => a - b);
  return sorted[Math.ceil(0.95 * sorted.length) - 1]!;
}

/** Per service: the journal's exchanges it answered, and (as `<ID> in SSBTEK`) a base service's calls in SSBTEK's. */
export function journalFigures(entries: readonly JournalEntry[]): Figures[] {
  const by = new Map<string, { durations: number[]; errors: number }>();
  const add = (service: string, durationMs: number, failed: boolean): void => {
    const figures = by.get(service) ?? by.set(service, { durations: [], errors: 0 }).get(service)!;
    figures.durations.push(durationMs);
    if (failed) figures.errors++;
  };
  for (const entry of entries) {
    add(entry.service, entry.durationMs, entry.outcome !== 'ok');
    if (entry.answeredFromCache) continue;
    for (const call of entry.services ?? []) add(`${call.service} in SSBTEK`, call.durationMs, call.outcome !== 'data');
  }
  return [...by]
    .map(([service, { durations, errors }]) => ({ service, requests: durations.length, errors, p95Ms: p95(durations) }))
    .sort((a, b) => a.service.localeCompare(b.service));
}

export function statsRoutes(journal: JournalView, metrics: Pick<Metrics, 'glance'>): Router {
  const router = Router();
  router.get('/stats', async (_req, res) => {
    const [entries, state, glance] = await Promise.all([journal.all(), journal.state(), metrics.glance()]);
    res.json({
      metrics: glance,
      journal: {
        enabled: state.enabled,
        size: entries.length,
        from: entries[0]?.receivedAt ?? null,
        to: entries[entries.length - 1]?.receivedAt ?? null,
        services: journalFigures(entries),
      },
    });
  });
  return router;
}
