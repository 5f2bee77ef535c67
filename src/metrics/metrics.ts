import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import type { ExchangeSummary, PipelineResult } from '../ssbtek/pipeline.js';

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

  constructor() {
    collectDefaultMetrics({ register: this.registry });
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
