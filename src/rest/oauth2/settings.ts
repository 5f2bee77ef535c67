import { randomBytes } from 'node:crypto';
import type { Config } from '../../config.js';
import { DEFAULT_THROTTLE, type ThrottleSettings } from './throttle.js';

/** A client the token endpoint knows: its credentials and the scopes it may ask for. */
export interface OAuth2Client {
  clientId: string;
  clientSecret: string;
  scopes: string[];
}

export interface OAuth2Settings {
  clients: OAuth2Client[];
  /** Lifetime of an issued access token, in seconds. */
  tokenExpiresInSeconds: number;
  /** HS256 key shared by the token endpoint and every API that accepts its tokens. */
  signingKey: Uint8Array;
  /** Throttling of failed client authentication (throttle.ts); undefined when switched off. */
  throttle?: ThrottleSettings;
}

/** The documented demo client: `demo`/`demo`, allowed the samordningsnummer scope `esnr`. */
export const DEMO_CLIENT: OAuth2Client = { clientId: 'demo', clientSecret: 'demo', scopes: ['esnr'] };

export const DEFAULT_TOKEN_EXPIRES_IN_SECONDS = 3600;

/**
 * One random key per process unless a secret is configured: the token endpoint and the APIs run in the same
 * process, so they agree on it, and a restart invalidates every token issued before (as a key rotation would).
 */
const PROCESS_SIGNING_KEY = new Uint8Array(randomBytes(32));

/**
 * Reads the OAuth2 settings from the config. src/config.ts belongs to the lead, so the keys are read by name when
 * present (`oauth2Clients`, `oauth2TokenExpiresInSeconds`, `oauth2SigningSecret`) and checked here; otherwise
 * the embedded defaults apply.
 */
export function oauth2Settings(config: Config): OAuth2Settings {
  const raw = config as unknown as Record<string, unknown>;
  return {
    clients: raw.oauth2Clients === undefined ? [DEMO_CLIENT] : readClients(raw.oauth2Clients),
    tokenExpiresInSeconds:
      raw.oauth2TokenExpiresInSeconds === undefined
        ? DEFAULT_TOKEN_EXPIRES_IN_SECONDS
        : positiveInteger(raw.oauth2TokenExpiresInSeconds, 'oauth2TokenExpiresInSeconds'),
    signingKey: raw.oauth2SigningSecret === undefined ? PROCESS_SIGNING_KEY : readSecret(raw.oauth2SigningSecret),
    throttle: readThrottle(raw.oauth2Throttle),
  };
}

/**
 * `oauth2Throttle`: any of ThrottleSettings' fields over the defaults (DEFAULT_THROTTLE); addressFailures and
 * clientFailures both 0 switch throttling off.
 */
function readThrottle(value: unknown): ThrottleSettings | undefined {
  if (value === undefined) return { ...DEFAULT_THROTTLE };
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error(`oauth2Throttle must be an object with any of ${Object.keys(DEFAULT_THROTTLE).join(', ')}`);
  const settings: ThrottleSettings = { ...DEFAULT_THROTTLE };
  for (const [key, field] of Object.entries(value)) {
    if (!Object.hasOwn(DEFAULT_THROTTLE, key))
      throw new Error(`oauth2Throttle.${key} is not a setting (known: ${Object.keys(DEFAULT_THROTTLE).join(', ')})`);
    const zeroAllowed = key === 'addressFailures' || key === 'clientFailures';
    if (typeof field !== 'number' || !Number.isInteger(field) || field < (zeroAllowed ? 0 : 1))
      throw new Error(`oauth2Throttle.${key} must be ${zeroAllowed ? 'a non-negative' : 'a positive'} integer`);
    settings[key as keyof ThrottleSettings] = field;
  }
  if (settings.maxLockSeconds < settings.lockSeconds)
    throw new Error('oauth2Throttle.maxLockSeconds must not be less than lockSeconds');
  return settings.addressFailures === 0 && settings.clientFailures === 0 ? undefined : settings;
}

function readClients(value: unknown): OAuth2Client[] {
  if (!Array.isArray(value)) throw new Error('oauth2Clients must be an array of {clientId, clientSecret, scopes}');
  const seen = new Set<string>();
  return value.map((entry: unknown, i) => {
    const where = `oauth2Clients[${i}]`;
    if (typeof entry !== 'object' || entry === null) throw new Error(`${where} must be an object`);
    const { clientId, clientSecret, scopes } = entry as Record<string, unknown>;
    if (typeof clientId !== 'string' || clientId === '')
      throw new Error(`${where}.clientId must be a non-empty string`);
    if (typeof clientSecret !== 'string' || clientSecret === '')
      throw new Error(`${where}.clientSecret must be a non-empty string`);
    // A scope is a space-free token (RFC 6749 §3.3), since the token's `scope` claim joins them with spaces.
    if (!Array.isArray(scopes) || !scopes.every((s) => typeof s === 'string' && /^[\x21\x23-\x5b\x5d-\x7e]+$/.test(s)))
      throw new Error(`${where}.scopes must be an array of scope names (no spaces)`);
    if (seen.has(clientId)) throw new Error(`${where}: clientId "${clientId}" appears twice`);
    seen.add(clientId);
    return { clientId, clientSecret, scopes: [...(scopes as string[])] };
  });
}

function positiveInteger(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a positive integer`);
  return value;
}

function readSecret(value: unknown): Uint8Array {
  // HS256 wants a key at least as long as its 256-bit output (RFC 7518 §3.2).
  if (typeof value !== 'string' || Buffer.byteLength(value, 'utf8') < 32)
    throw new Error('oauth2SigningSecret must be a string of at least 32 bytes');
  return new TextEncoder().encode(value);
}
