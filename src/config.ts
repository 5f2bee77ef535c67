import os from 'node:os';
import fs from 'node:fs';
import { checkFkAktorer, fkAktorerFromList, type FkAktor } from './bastjanster/fk/lefi/aktorer.js';
import { checkAdminHosts, checkAdminToken } from './http/admin-guard.js';
import { checkPublicBaseUrl } from './http/public-base.js';
import { checkBirthReportCallers, type BirthReportCaller } from './rest/birthreport/callers.js';
import { checkScenarioSettings, type ScenarioSettings } from './scenario/settings.js';
import { checkToday } from './scenario/today.js';
import { checkAnslutningar, type Anslutningar } from './ssbtek/callers/anslutningar.js';
import type { CallerMode } from './ssbtek/callers/identity.js';
import {
  callerSettingsFromEnv,
  checkCallerMode,
  checkCallerSettings,
  DEFAULT_CALLER_MODE,
} from './ssbtek/callers/settings.js';
import type { ServiceId } from './ssbtek/model.js';
import { BODY_LIMIT_VARIABLES, DEFAULT_BODY_LIMITS, uniformBodyLimits, type BodyLimits } from './body-limits.js';

export { bytesText, DEFAULT_BODY_LIMITS, uniformBodyLimits, type BodyLimits } from './body-limits.js';

/** Everything the server can be told, with embedded defaults so that `npm start` needs nothing. */
export interface Config {
  host: string;
  port: number;
  /**
   * Largest request body per endpoint, in bytes, answered 413 in the endpoint's own form before the body is read
   * (see BodyLimits). The file's and environment's `maxBodyBytes` sets every endpoint at once.
   */
  bodyLimits: BodyLimits;
  /** Per-base-service deadline (→ 2000) and overall deadline (→ Fault 1000). */
  serviceTimeoutMs: number;
  serviceTimeoutsMs: Partial<Record<ServiceId, number>>;
  overallTimeoutMs: number;
  /** Base URLs of base services to call over HTTP instead of in-process (e.g. a real test environment). */
  baseServiceUrls: Partial<Record<ServiceId, string>>;
  validateReplies: boolean;
  testmiljo: boolean;
  systemId: string;
  logLevel: string;
  /** Fixed "today" (YYYY-MM-DD) for reproducible runs; default is the real date in Sweden. */
  today?: string;
  /** Scenario settings per base service at start (docs/admin-api.md). */
  scenarios: ScenarioSettings;
  /**
   * The aktörer FK's LEFI knows (`aktorsid` in the v10 query): each `{aktorsid, organisationsnummer?, namn?}`.
   * Unset: every id FK could have assigned (src/bastjanster/fk/lefi/aktorer.ts) except the nil UUID is known.
   */
  fkAktorer?: FkAktor[];
  /**
   * Who may ask SSBTEK (docs/ssbtek.md, "Who may ask"): `permissive` answers a request that names no caller as
   * before, `strict` refuses it; the connection agreements (unset: src/ssbtek/callers/anslutningar.ts).
   */
  callerMode: CallerMode;
  anslutningar?: Anslutningar;
  /**
   * The emulator's address as its clients reach it (e.g. behind a proxy): every address written into a served
   * document (WSDL soap:address and schema imports) starts with it. Unset: the scheme and Host the client used.
   */
  publicBaseUrl?: string;
  /**
   * The admin API (/__admin) and the UI answer requests whose Host is a loopback name (localhost, *.localhost,
   * 127.0.0.0/8, [::1]) or one of these names (no port), so a web page cannot reach them by DNS rebinding.
   */
  adminHosts?: string[];
  /** When set, every admin request needs `Authorization: Bearer <adminToken>` (shared environments). */
  adminToken?: string;
  /** Serve HTTPS with these PEM files (client certificates are requested; see listen()). */
  tls?: { certFile: string; keyFile: string; caFile?: string };
  /** OAuth2 token endpoint (Skatteverket's gateway): clients (default: demo/demo, scope esnr), token lifetime, key. */
  oauth2Clients?: { clientId: string; clientSecret: string; scopes: string[] }[];
  oauth2TokenExpiresInSeconds?: number;
  oauth2SigningSecret?: string;
  /** Throttling of failed client authentication at the token endpoint (src/rest/oauth2/throttle.ts: defaults). */
  oauth2Throttle?: Partial<import('./rest/oauth2/throttle.js').ThrottleSettings>;
  /** Skatteverket samordningsnummer: calls per second per client before 429 (default 10, 0 = off). */
  samordningsnummerRequestsPerSecond?: number;
  /** SCB inlämningstjänst: contracts added to the demo contract (src/rest/scb/contracts.ts), processing delay. */
  scbContracts?: unknown[];
  scbProcessingDelayMs?: number;
  /**
   * How long a claimed SCB delivery may stay unfinished before another process takes it over (its claimer died):
   * default 30 s. Only used when processes share the store (workers, replicas); alone, a restart requeues at once.
   */
  scbClaimLeaseMs?: number;
  /**
   * `serve`: worker processes (node:cluster) sharing the store and the control plane; 'auto' = the machine's cores
   * (os.availableParallelism()), 1 = one process (no cluster). SSBTEK_WORKERS, `serve --workers`.
   */
  workers?: number | 'auto';
  /**
   * Set by `serve` when other processes share the store (cluster workers, or replicas on PostgreSQL): the journal
   * and the control plane then go through the store. Not a file setting.
   */
  sharedStore?: boolean;
  /**
   * The maternity units that may report births (HSA id = certificate serialNumber over TLS, `X-Birthreport-Caller`
   * on plain HTTP). Default: src/rest/birthreport/callers.ts.
   */
  birthReportCallers?: BirthReportCaller[];
  /** Personuppgiftstjänsten's consumers and their contracts (default: src/pu/consumers.ts). */
  puConsumers?: import('./pu/consumers.js').PuConsumer[];
  /** Regional reserve-number formats a region registers (default: one example format, src/pu/reserve/regional.ts). */
  puRegionalReserveFormats?: { name: string; pattern: string; description: string }[];
  /**
   * The store: a SQLite file (WAL; the default, shared by the workers of one machine), ':memory:' for a throw-away
   * store, or postgres://user:password@host:port/database (shared by replicas on several machines).
   */
  storePath: string;
  /** The request journal: on by default, a ring of `journalCapacity` exchanges. */
  journal: boolean;
  journalCapacity: number;
  /**
   * Composite answers kept for identical queries (exact request bytes, same day, no scenario settings): at most
   * this many; 0 computes every query. Requests are still parsed and validated every time.
   */
  answerCacheEntries: number;
  /**
   * Slow and broken clients (listen()): a request's headers must arrive within `headersTimeoutMs`, and the whole
   * request (headers and body) within `requestTimeoutMs`, or the server answers 408 and closes the connection.
   * 0 turns a limit off. The time the emulator takes to answer is not counted.
   */
  headersTimeoutMs: number;
  requestTimeoutMs: number;
}

export const DEFAULT_CONFIG: Config = {
  host: '127.0.0.1',
  port: 8080,
  bodyLimits: DEFAULT_BODY_LIMITS,
  serviceTimeoutMs: 10_000,
  serviceTimeoutsMs: {},
  overallTimeoutMs: 30_000,
  baseServiceUrls: {},
  validateReplies: true,
  testmiljo: true,
  systemId: 'SSBTEK-EMULATOR',
  logLevel: 'info',
  scenarios: {},
  fkAktorer: undefined, // no list: every id FK could have assigned is a known aktör, except the nil UUID
  callerMode: DEFAULT_CALLER_MODE,
  storePath: 'data/ssbtek-emulator.sqlite',
  journal: true,
  journalCapacity: 1000,
  answerCacheEntries: 1000,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
};

const SERVICE_IDS: ServiceId[] = ['AF', 'CSN', 'FK', 'SKV', 'SO', 'TNS', 'MIV'];

/** Reads PORT, HOST and the SSBTEK_* variables over the defaults. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env, base: Config = DEFAULT_CONFIG): Config {
  const config: Config = {
    ...base,
    bodyLimits: { ...base.bodyLimits },
    serviceTimeoutsMs: { ...base.serviceTimeoutsMs },
    baseServiceUrls: { ...base.baseServiceUrls },
  };
  const int = (name: string): number | undefined => {
    const raw = env[name];
    if (raw === undefined || raw === '') return undefined;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
    return value;
  };
  const bool = (name: string): boolean | undefined => {
    const raw = env[name];
    if (raw === undefined || raw === '') return undefined;
    if (/^(1|true|yes|on)$/i.test(raw)) return true;
    if (/^(0|false|no|off)$/i.test(raw)) return false;
    throw new Error(`${name} must be true or false, got "${raw}"`);
  };
  if (env.HOST) config.host = env.HOST;
  config.port = int('PORT') ?? config.port;
  const everyLimit = int('SSBTEK_MAX_BODY_BYTES');
  if (everyLimit !== undefined) config.bodyLimits = uniformBodyLimits(everyLimit);
  for (const [key, name] of Object.entries(BODY_LIMIT_VARIABLES) as [keyof BodyLimits, string][]) {
    config.bodyLimits[key] = int(name) ?? config.bodyLimits[key];
  }
  config.serviceTimeoutMs = int('SSBTEK_SERVICE_TIMEOUT_MS') ?? config.serviceTimeoutMs;
  config.overallTimeoutMs = int('SSBTEK_OVERALL_TIMEOUT_MS') ?? config.overallTimeoutMs;
  config.validateReplies = bool('SSBTEK_VALIDATE_REPLIES') ?? config.validateReplies;
  config.testmiljo = bool('SSBTEK_TESTMILJO') ?? config.testmiljo;
  config.journal = bool('SSBTEK_JOURNAL') ?? config.journal;
  config.journalCapacity = int('SSBTEK_JOURNAL_CAPACITY') ?? config.journalCapacity;
  config.answerCacheEntries = int('SSBTEK_ANSWER_CACHE_ENTRIES') ?? config.answerCacheEntries;
  config.headersTimeoutMs = int('SSBTEK_HEADERS_TIMEOUT_MS') ?? config.headersTimeoutMs;
  config.requestTimeoutMs = int('SSBTEK_REQUEST_TIMEOUT_MS') ?? config.requestTimeoutMs;
  if (env.SSBTEK_LOG_LEVEL) config.logLevel = env.SSBTEK_LOG_LEVEL;
  if (env.SSBTEK_STORE) config.storePath = env.SSBTEK_STORE;
  config.scbClaimLeaseMs = int('SSBTEK_SCB_CLAIM_LEASE_MS') ?? config.scbClaimLeaseMs;
  if (env.SSBTEK_WORKERS) config.workers = parseWorkers(env.SSBTEK_WORKERS, 'SSBTEK_WORKERS');
  if (env.SSBTEK_TLS_CERT || env.SSBTEK_TLS_KEY) {
    if (!env.SSBTEK_TLS_CERT || !env.SSBTEK_TLS_KEY) throw new Error('SSBTEK_TLS_CERT and SSBTEK_TLS_KEY go together');
    config.tls = { certFile: env.SSBTEK_TLS_CERT, keyFile: env.SSBTEK_TLS_KEY, caFile: env.SSBTEK_TLS_CA };
  }
  if (env.SSBTEK_FK_AKTORER) config.fkAktorer = fkAktorerFromList(env.SSBTEK_FK_AKTORER, 'SSBTEK_FK_AKTORER');
  if (env.SSBTEK_PUBLIC_BASE_URL)
    config.publicBaseUrl = checkPublicBaseUrl(env.SSBTEK_PUBLIC_BASE_URL, 'SSBTEK_PUBLIC_BASE_URL');
  if (env.SSBTEK_ADMIN_HOSTS) config.adminHosts = checkAdminHosts(env.SSBTEK_ADMIN_HOSTS, 'SSBTEK_ADMIN_HOSTS');
  if (env.SSBTEK_ADMIN_TOKEN) config.adminToken = checkAdminToken(env.SSBTEK_ADMIN_TOKEN, 'SSBTEK_ADMIN_TOKEN');
  if (env.SSBTEK_BIRTHREPORT_CALLERS)
    config.birthReportCallers = checkBirthReportCallers(env.SSBTEK_BIRTHREPORT_CALLERS, 'SSBTEK_BIRTHREPORT_CALLERS');
  if (env.SSBTEK_TODAY) config.today = checkToday(env.SSBTEK_TODAY, 'SSBTEK_TODAY');
  Object.assign(config, callerSettingsFromEnv(env));
  for (const id of SERVICE_IDS) {
    const url = env[`SSBTEK_${id}_URL`];
    if (url) config.baseServiceUrls[id] = url;
    const timeout = int(`SSBTEK_${id}_TIMEOUT_MS`);
    if (timeout !== undefined) config.serviceTimeoutsMs[id] = timeout;
  }
  return config;
}

/** Thrown for a config file that cannot be used; the message names the file and the problem. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export type FileKeyType = 'string' | 'number' | 'boolean' | 'object';

/** Every key a config file may have, with its JSON type (docs/configuration.md lists each: a test keeps them equal). */
export const FILE_KEYS: Readonly<Record<string, FileKeyType>> = {
  host: 'string',
  port: 'number',
  maxBodyBytes: 'number',
  bodyLimits: 'object',
  serviceTimeoutMs: 'number',
  serviceTimeoutsMs: 'object',
  overallTimeoutMs: 'number',
  baseServiceUrls: 'object',
  validateReplies: 'boolean',
  testmiljo: 'boolean',
  systemId: 'string',
  logLevel: 'string',
  today: 'string',
  scenarios: 'object',
  fkAktorer: 'object',
  callerMode: 'string',
  anslutningar: 'object',
  publicBaseUrl: 'string',
  adminHosts: 'object',
  adminToken: 'string',
  storePath: 'string',
  tls: 'object',
  oauth2Clients: 'object',
  oauth2TokenExpiresInSeconds: 'number',
  oauth2SigningSecret: 'string',
  oauth2Throttle: 'object',
  samordningsnummerRequestsPerSecond: 'number',
  scbContracts: 'object',
  scbProcessingDelayMs: 'number',
  scbClaimLeaseMs: 'number',
  workers: 'number',
  birthReportCallers: 'object',
  puConsumers: 'object',
  puRegionalReserveFormats: 'object',
  journal: 'boolean',
  journalCapacity: 'number',
  answerCacheEntries: 'number',
  headersTimeoutMs: 'number',
  requestTimeoutMs: 'number',
};

/**
 * Reads a JSON config file (`serve --config FILE`) over `base`. Every key is one of Config's; unknown keys and
 * wrong types are refused with the file and key named.
 */
export function loadConfigFile(file: string, base: Config = DEFAULT_CONFIG): Config {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`${file}: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new ConfigError(`${file}: must hold a JSON object`);
  const config: Config = { ...base, bodyLimits: { ...base.bodyLimits } };
  let everyLimit: number | undefined;
  let limits: Partial<BodyLimits> = {};
  for (const [key, value] of Object.entries(parsed)) {
    // Own keys only: "__proto__", "constructor" or "toString" would otherwise find Object.prototype's members.
    const type = Object.hasOwn(FILE_KEYS, key) ? FILE_KEYS[key] : undefined;
    if (!type) throw new ConfigError(`${file}: unknown setting "${key}" (known: ${Object.keys(FILE_KEYS).join(', ')})`);
    if (typeof value !== type || value === null)
      throw new ConfigError(`${file}: "${key}" must be ${withArticle(type)}`);
    if (key === 'maxBodyBytes') {
      everyLimit = byteCount(file, key, value);
    } else if (key === 'bodyLimits') {
      limits = bodyLimitsFrom(file, value as Record<string, unknown>);
    } else if (key === 'tls') {
      const tls = value as Record<string, unknown>;
      if (typeof tls.certFile !== 'string' || typeof tls.keyFile !== 'string') {
        throw new ConfigError(`${file}: "tls" needs certFile and keyFile (PEM paths), and may have caFile`);
      }
      config.tls = {
        certFile: tls.certFile,
        keyFile: tls.keyFile,
        caFile: typeof tls.caFile === 'string' ? tls.caFile : undefined,
      };
    } else if (key === 'today') {
      try {
        config.today = checkToday(value as string, '"today"');
      } catch (error) {
        throw new ConfigError(`${file}: ${(error as Error).message}`);
      }
    } else if (key === 'scenarios') {
      try {
        config.scenarios = checkScenarioSettings(value, 'scenarios');
      } catch (error) {
        throw new ConfigError(`${file}: ${(error as Error).message}`);
      }
    } else if (key === 'publicBaseUrl') {
      try {
        config.publicBaseUrl = checkPublicBaseUrl(value, 'publicBaseUrl');
      } catch (error) {
        throw new ConfigError(`${file}: ${(error as Error).message}`);
      }
    } else if (key === 'birthReportCallers') {
      try {
        config.birthReportCallers = checkBirthReportCallers(value, key);
      } catch (error) {
        throw new ConfigError(`${file}: ${(error as Error).message}`);
      }
    } else if (key === 'adminHosts' || key === 'adminToken') {
      try {
        if (key === 'adminHosts') config.adminHosts = checkAdminHosts(value, key);
        else config.adminToken = checkAdminToken(value, key);
      } catch (error) {
        throw new ConfigError(`${file}: ${(error as Error).message}`);
      }
    } else if (key === 'callerMode' || key === 'anslutningar') {
      try {
        if (key === 'callerMode') config.callerMode = checkCallerMode(value, key);
        else config.anslutningar = checkAnslutningar(value, key);
      } catch (error) {
        throw new ConfigError(`${file}: ${(error as Error).message}`);
      }
    } else if (key === 'fkAktorer') {
      try {
        config.fkAktorer = checkFkAktorer(value, 'fkAktorer');
      } catch (error) {
        throw new ConfigError(`${file}: ${(error as Error).message}`);
      }
    } else {
      (config as unknown as Record<string, unknown>)[key] = value;
    }
  }
  // maxBodyBytes sets every endpoint; bodyLimits names single ones, and wins whatever the order in the file.
  config.bodyLimits = { ...(everyLimit === undefined ? config.bodyLimits : uniformBodyLimits(everyLimit)), ...limits };
  try {
    checkCallerSettings(config); // the agreements against FK's register (fkAktorer), whichever file or variable set them
  } catch (error) {
    throw new ConfigError(`${file}: ${(error as Error).message}`);
  }
  return config;
}

function withArticle(type: FileKeyType): string {
  return type === 'object' ? 'an object' : `a ${type}`;
}

function byteCount(file: string, key: string, value: unknown): number {
  if (!Number.isInteger(value) || (value as number) < 0)
    throw new ConfigError(`${file}: "${key}" must be a whole number of bytes (0 or more)`);
  return value as number;
}

/** `bodyLimits` in a config file: some of the endpoints, each a number of bytes. */
function bodyLimitsFrom(file: string, value: Record<string, unknown>): Partial<BodyLimits> {
  if (Array.isArray(value)) throw new ConfigError(`${file}: "bodyLimits" must be an object of byte counts`);
  const limits: Partial<BodyLimits> = {};
  for (const [name, bytes] of Object.entries(value)) {
    if (!Object.hasOwn(DEFAULT_BODY_LIMITS, name)) {
      throw new ConfigError(
        `${file}: "bodyLimits" has no endpoint "${name}" (known: ${Object.keys(DEFAULT_BODY_LIMITS).join(', ')})`,
      );
    }
    limits[name as keyof BodyLimits] = byteCount(file, `bodyLimits.${name}`, bytes);
  }
  return limits;
}

/** The worker count a config asks for ('auto': os.availableParallelism()). */
export function workerCount(config: Pick<Config, 'workers'>): number {
  return config.workers === 'auto' ? os.availableParallelism() : (config.workers ?? 1);
}

/** A worker count: a positive integer or 'auto' (the machine's cores). */
export function parseWorkers(value: string, where: string): number | 'auto' {
  if (value.trim().toLowerCase() === 'auto') return 'auto';
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1 || Number(value) > 256)
    throw new Error(`${where}: "${value}" is not a worker count (1–256 or auto)`);
  return Number(value);
}
