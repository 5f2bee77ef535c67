import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import type { ExchangeSummary, PipelineResult } from '../ssbtek/pipeline.js';

/** Metrics.glance(): counts since the start and 95th percentiles (ms, null before anything was counted). */
export interface MetricsGlance {
  since: string;
  ssbtek: { requests: number; faults: number; p95Ms: number | null };
  baseServices: { service: string; calls: number; errors: number; p95Ms: number | null }[];
}

interface HistogramValue {
  value: number;
  metricName?: string;
  labels: Partial<Record<string, string | number>>;
}

/** Per value of `label`: the observations counted and the quantile `q` in ms, interpolated within its bucket. */
export function quantiles(
  values: readonly HistogramValue[],
  label: string,
  q: number,
): Map<string, { count: number; quantileMs: number | null }> {
  const buckets = new Map<string, { le: number; count: number }[]>();
  for (const v of values) {
    if (!v.metricName?.endsWith('_bucket')) continue;
    const key = String(v.labels[label]);
    const le = v.labels.le === '+Inf' ? Infinity : Number(v.labels.le);
    (buckets.get(key) ?? buckets.set(key, []).get(key)!).push({ le, count: v.value });
  }
  const out = new Map<string, { count: number; quantileMs: number | null }>();
  for (const [key, list] of buckets) {
    list.sort((a, b) => a.le - b.le);
    const count = list[list.length - 1]?.count ?? 0;
    out.set(key, { count, quantileMs: count === 0 ? null : quantileOf(list, q * count) });
  }
  return out;
}

/** The counters' and histograms' values the glance reads, and when counting started. */
export interface GlanceValues {
  since: string;
  requests: HistogramValue[];
  duration: HistogramValue[];
  serviceDuration: HistogramValue[];
  serviceErrors: HistogramValue[];
}

/** The figures at a glance from the values (one process's, or several merged). */
export function glanceOf(values: GlanceValues): MetricsGlance {
  const total = values.requests.reduce((sum, v) => sum + v.value, 0);
  const faults = values.requests.filter((v) => v.labels.outcome !== 'ok').reduce((sum, v) => sum + v.value, 0);
  const ssbtek = quantiles(values.duration, 'operation', 0.95);
  const services = quantiles(values.serviceDuration, 'service', 0.95);
  const errors = new Map<string, number>();
  for (const v of values.serviceErrors) {
    const service = String(v.labels.service);
    errors.set(service, (errors.get(service) ?? 0) + v.value);
  }
  const hamta = ssbtek.get('hamtaBastjanstInformation');
  return {
    since: values.since,
    ssbtek: { requests: total, faults, p95Ms: hamta?.quantileMs ?? null },
    baseServices: [...services].map(([service, { count, quantileMs }]) => ({
      service,
      calls: count,
      errors: errors.get(service) ?? 0,
      p95Ms: quantileMs,
    })),
  };
}

/** Several processes' values as one: the same series (name and labels) summed; counting since the earliest start. */
export function mergeGlanceValues(list: readonly GlanceValues[]): GlanceValues {
  const sum = (pick: (v: GlanceValues) => HistogramValue[]): HistogramValue[] => {
    const series = new Map<string, HistogramValue>();
    for (const values of list)
      for (const v of pick(values)) {
        const key = `${v.metricName ?? ''}${JSON.stringify(Object.entries(v.labels).sort())}`;
        const known = series.get(key);
        if (known) known.value += v.value;
        else series.set(key, { ...v, labels: { ...v.labels } });
      }
    return [...series.values()];
  };
  return {
    since: list.map((v) => v.since).sort()[0] ?? new Date().toISOString(),
    requests: sum((v) => v.requests),
    duration: sum((v) => v.duration),
    serviceDuration: sum((v) => v.serviceDuration),
    serviceErrors: sum((v) => v.serviceErrors),
  };
}

function quantileOf(list: { le: number; count: number }[], rank: number): number {
  let lower = 0;
  let below = 0;
  for (const { le, count } of list) {
    if (count >= rank) {
      // Past the last finite bucket nothing better than its bound is known.
      if (le === Infinity) return Math.round(lower * 1000 * 10) / 10;
      const within = count === below ? 1 : (rank - below) / (count - below);
      return Math.round((lower + (le - lower) * within) * 1000 * 10) / 10;
    }
    lower = le;
    below = count;
  }
  return Math.round(lower * 1000 * 10) / 10;
}

/** Prometheus metrics of one emulator instance (its own registry, so several instances can live in one process). */
export class Metrics {
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: 'ssbtek_requests_total',
    help: 'SSBTEK requests by operation, dialect and outcome (ok or the Fault felkod).',
    labelNames: ['operation', 'dialect', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly duration = new Histogram({
    name: 'ssbtek_request_duration_seconds',
    help: 'Time to answer an SSBTEK request.',
    labelNames: ['operation'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  private readonly serviceDuration = new Histogram({
    name: 'ssbtek_base_service_duration_seconds',
    help: 'Time for one base-service call, as the composite service saw it.',
    labelNames: ['service'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  private readonly serviceErrors = new Counter({
    name: 'ssbtek_base_service_errors_total',
    help: 'Base-service errors in composite answers, by service, kalla and felkod.',
    labelNames: ['service', 'kalla', 'felkod'] as const,
    registers: [this.registry],
  });
  private readonly validationFailures = new Counter({
    name: 'ssbtek_validation_failures_total',
    help: 'Requests refused with Fault 1001 (schema validation).',
    labelNames: ['dialect'] as const,
    registers: [this.registry],
  });

  /** When this instance started counting. */
  readonly since = new Date().toISOString();

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /**
   * The figures at a glance (the console's health page), since the start: SSBTEK's requests and Faults with its
   * 95th percentile, and each base service's calls and errors with its 95th percentile as the composite saw them.
   * Percentiles are estimated from the histograms' buckets as Prometheus's histogram_quantile does.
   */
  async glance(): Promise<MetricsGlance> {
    return glanceOf(await this.glanceValues());
  }

  /** What glance() is computed from: mergeable by summing (cluster workers' figures, mergeGlanceValues). */
  async glanceValues(): Promise<GlanceValues> {
    return {
      since: this.since,
      requests: (await this.requests.get()).values,
      duration: (await this.duration.get()).values,
      serviceDuration: (await this.serviceDuration.get()).values,
      serviceErrors: (await this.serviceErrors.get()).values,
    };
  }

  observe(result: PipelineResult, durationMs: number): void {
    const summary: ExchangeSummary = result.summary;
    const operation = summary.operation ?? 'unknown';
    const dialect = summary.dialect ?? 'unknown';
    this.requests.inc({
      operation,
      dialect,
      outcome: summary.outcome === 'ok' ? 'ok' : `fault:${summary.felkod ?? 'soap'}`,
    });
    this.duration.observe({ operation }, durationMs / 1000);
    if (summary.felkod === '1001') this.validationFailures.inc({ dialect });
    // A kept answer called no base service: the services' figures belong to the exchange that made it.
    if (summary.cache === 'hit') return;
    for (const r of result.results ?? []) {
      this.serviceDuration.observe({ service: r.service }, r.durationMs / 1000);
      if (r.utfall.kind === 'error')
        this.serviceErrors.inc({ service: r.service, kalla: r.utfall.kalla, felkod: r.utfall.felkod });
    }
  }
}
