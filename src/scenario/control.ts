import type { TjanstScenario } from '../population/scenarios.js';
import { SERVICE_IDS, type ServiceId } from '../ssbtek/model.js';
import { ScenarioSettingsError, type Latency, type ScenarioSettings, type ServiceSettings } from './settings.js';

/** What one call to a base service does: wait this long, then answer normally or with `error`. */
export interface ScenarioDecision {
  delayMs: number;
  error?: string;
}

/** Per service: the codes it can be told to answer with, and its own technical error (for an error rate alone). */
export interface ServiceErrorCatalogue {
  errorCodes: readonly string[];
  technicalError: string;
}

/** Answers every service can be told to give, whatever its own codes. */
export const TRANSPORT_ERRORS = ['timeout', 'garbage', 'half', 'http-500'] as const;

/** What each of those does, in words (docs/admin-api.md; the console shows them beside the service's own codes). */
export const TRANSPORT_ERROR_TEXTS: Readonly<Record<(typeof TRANSPORT_ERRORS)[number], string>> = {
  timeout: 'Never answers: the composite service gives up at its deadline (SSBT 2000).',
  garbage: 'Answers with something that is not XML (SSBT 2001).',
  half: 'Answers with a truncated message (SSBT 2001).',
  'http-500': 'HTTP 500 without a usable body (SSBT 2001).',
};

/**
 * Scenario settings from the config file (at start) and the admin API (at run time), merged field by field with a
 * request's own (X-SSBTEK-Scenario): request over run time over config.
 */
export class ScenarioControl {
  private runtime: ScenarioSettings = {};
  private readonly listeners: (() => void)[] = [];
  /** Bumped by every run-time change, so work started before a change can tell. */
  generation = 0;

  constructor(
    private readonly fromConfig: ScenarioSettings,
    private readonly catalogues: ReadonlyMap<ServiceId, ServiceErrorCatalogue>,
    private readonly random: () => number = Math.random,
  ) {
    this.check(fromConfig);
  }

  /** Config and run-time settings for every service that has any. */
  current(): ScenarioSettings {
    const out: ScenarioSettings = {};
    for (const id of SERVICE_IDS) {
      const settings = { ...this.fromConfig[id], ...this.runtime[id] };
      if (Object.keys(settings).length > 0) out[id] = settings;
    }
    return out;
  }

  /** The run-time layer alone (what the admin API set), for the shared control plane. */
  runtimeSettings(): ScenarioSettings {
    return structuredClone(this.runtime);
  }

  /** Replaces the run-time layer with one set by another process (checked like a set; listeners are told). */
  replaceRuntime(settings: ScenarioSettings): void {
    this.check(settings);
    this.runtime = structuredClone(settings);
    this.changed();
  }

  /** True when neither the config file nor the admin API has settings for any service. */
  get quiet(): boolean {
    return Object.keys(this.fromConfig).length === 0 && Object.keys(this.runtime).length === 0;
  }

  /** Called after every run-time change (set or reset).; the returned function stops the calls. */
  onChange(listener: () => void): () => void {
    this.listeners.push(listener);
    return () => {
      const at = this.listeners.indexOf(listener);
      if (at !== -1) this.listeners.splice(at, 1);
    };
  }

  set(service: ServiceId, settings: ServiceSettings): void {
    this.check({ [service]: settings });
    this.runtime[service] = settings;
    this.changed();
  }

  reset(service?: ServiceId): void {
    if (service) delete this.runtime[service];
    else this.runtime = {};
    this.changed();
  }

  private changed(): void {
    this.generation++;
    for (const listener of this.listeners) listener();
  }

  /** The settings that apply to one call: the request's over run time over config, field by field. */
  effective(service: ServiceId, request?: ScenarioSettings): ServiceSettings {
    return { ...this.fromConfig[service], ...this.runtime[service], ...request?.[service] };
  }

  /** Refuses error codes a service does not have (the message lists the ones it has). */
  check(settings: ScenarioSettings): void {
    for (const [service, s] of Object.entries(settings) as [ServiceId, ServiceSettings][]) {
      if (s.error === undefined) continue;
      const catalogue = this.catalogues.get(service);
      const known = [...(catalogue?.errorCodes ?? []), ...TRANSPORT_ERRORS];
      if (!known.includes(s.error)) {
        throw new ScenarioSettingsError(
          `${service}: error "${s.error}" is not one of ${service}'s answers (${known.join(', ')})`,
        );
      }
    }
  }

  /** Rolls the dice for one call: the latency drawn from its distribution, and whether (and how) it fails. */
  decide(service: ServiceId, settings: ServiceSettings): ScenarioDecision {
    const delayMs = settings.latency ? sampleLatency(settings.latency, this.random) : 0;
    const rate = settings.errorRate ?? (settings.error !== undefined ? 1 : 0);
    if (rate <= 0 || this.random() >= rate) return { delayMs };
    return { delayMs, error: settings.error ?? this.catalogues.get(service)?.technicalError ?? 'http-500' };
  }

  /** The decision as the emulators see it, layered over the scenario person's own (which applies without an error). */
  static asScenario(decision: ScenarioDecision, person: TjanstScenario | undefined): TjanstScenario | undefined {
    const delayMs = decision.delayMs + (person?.delayMs ?? 0);
    const scenario = decision.error ?? person?.scenario;
    if (!scenario && delayMs === 0) return undefined;
    return { ...(scenario !== undefined && { scenario }), ...(delayMs > 0 && { delayMs }) };
  }
}

/** Draws a delay: fixed, uniform in [min, max], or log-normal with the given median and sigma (Box–Muller). */
export function sampleLatency(latency: Latency, random: () => number): number {
  switch (latency.type) {
    case 'fixed':
      return latency.ms;
    case 'uniform':
      return latency.minMs + random() * (latency.maxMs - latency.minMs);
    case 'lognormal': {
      const u = 1 - random();
      const v = random();
      const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
      return latency.medianMs * Math.exp(latency.sigma * z);
    }
  }
}
