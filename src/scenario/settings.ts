import { SERVICE_IDS, type ServiceId } from '../ssbtek/model.js';

/** Extra time before a base service answers. */
export type Latency =
  | { type: 'fixed'; ms: number }
  | { type: 'uniform'; minMs: number; maxMs: number }
  | { type: 'lognormal'; medianMs: number; sigma: number };

/** Scenario settings for one base service (docs/admin-api.md). */
export interface ServiceSettings {
  latency?: Latency;
  timeoutMs?: number;
  errorRate?: number;
  error?: string;
}

export type ScenarioSettings = Partial<Record<ServiceId, ServiceSettings>>;

/** A setting that cannot be used, with a message naming the place and the problem. */
export class ScenarioSettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScenarioSettingsError';
  }
}

const ERROR_TOKEN = /^[A-Za-z0-9_.-]{1,40}$/;

function fail(where: string, message: string): never {
  throw new ScenarioSettingsError(`${where}: ${message}`);
}

function nonNegative(where: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) fail(where, 'must be a number ≥ 0');
  return value;
}

/** Checks one service's settings (from JSON); returns a clean copy or throws ScenarioSettingsError. */
export function checkServiceSettings(value: unknown, where: string): ServiceSettings {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(where, 'must be an object');
  const input = value as Record<string, unknown>;
  const known = new Set(['latency', 'timeoutMs', 'errorRate', 'error']);
  for (const key of Object.keys(input)) if (!known.has(key)) fail(`${where}.${key}`, 'is not a known setting');
  const settings: ServiceSettings = {};
  if (input.latency !== undefined) settings.latency = checkLatency(input.latency, `${where}.latency`);
  if (input.timeoutMs !== undefined) settings.timeoutMs = nonNegative(`${where}.timeoutMs`, input.timeoutMs);
  if (input.errorRate !== undefined) {
    const rate = nonNegative(`${where}.errorRate`, input.errorRate);
    if (rate > 1) fail(`${where}.errorRate`, 'must be between 0 and 1');
    settings.errorRate = rate;
  }
  if (input.error !== undefined) {
    if (typeof input.error !== 'string' || !ERROR_TOKEN.test(input.error)) {
      fail(
        `${where}.error`,
        'must be a code such as "500", "-1102", "9071004", "timeout", "garbage", "half", "http-500"',
      );
    }
    settings.error = input.error;
  }
  return settings;
}

function checkLatency(value: unknown, where: string): Latency {
  if (typeof value !== 'object' || value === null) fail(where, 'must be an object with a type');
  const latency = value as Record<string, unknown>;
  switch (latency.type) {
    case 'fixed':
      return { type: 'fixed', ms: nonNegative(`${where}.ms`, latency.ms) };
    case 'uniform': {
      const minMs = nonNegative(`${where}.minMs`, latency.minMs);
      const maxMs = nonNegative(`${where}.maxMs`, latency.maxMs);
      if (maxMs < minMs) fail(where, 'maxMs must not be below minMs');
      return { type: 'uniform', minMs, maxMs };
    }
    case 'lognormal':
      return {
        type: 'lognormal',
        medianMs: nonNegative(`${where}.medianMs`, latency.medianMs),
        sigma: nonNegative(`${where}.sigma`, latency.sigma),
      };
    default:
      return fail(`${where}.type`, 'must be fixed, uniform or lognormal');
  }
}

/** Checks a settings object keyed by service id (config file `scenarios`, JSON header). */
export function checkScenarioSettings(value: unknown, where: string): ScenarioSettings {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(where, 'must be an object');
  const out: ScenarioSettings = {};
  for (const [key, settings] of Object.entries(value as Record<string, unknown>)) {
    if (!(SERVICE_IDS as readonly string[]).includes(key))
      fail(`${where}.${key}`, `is not a base service (${SERVICE_IDS.join(', ')})`);
    out[key as ServiceId] = checkServiceSettings(settings, `${where}.${key}`);
  }
  return out;
}
