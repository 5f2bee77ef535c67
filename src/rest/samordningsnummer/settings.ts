import type { Config } from '../../config.js';

/** The seed's capacity (§3.6): 10 calls per second; here a sliding one-second window per client. */
export const DEFAULT_REQUESTS_PER_SECOND = 10;

/** The scope a token must carry to call the service (the seed's 403 example names it). */
export const REQUIRED_SCOPE = 'esnr';

export interface SamordningsnummerSettings {
  /** Calls per client per sliding second before 429; 0 turns the limit off. */
  requestsPerSecond: number;
}

/**
 * Reads `samordningsnummerRequestsPerSecond` from the config when the key exists (src/config.ts is the lead's),
 * else the seed's capacity.
 */
export function samordningsnummerSettings(config: Config): SamordningsnummerSettings {
  const value = (config as unknown as Record<string, unknown>).samordningsnummerRequestsPerSecond;
  if (value === undefined) return { requestsPerSecond: DEFAULT_REQUESTS_PER_SECOND };
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
    throw new Error('samordningsnummerRequestsPerSecond must be a non-negative integer');
  return { requestsPerSecond: value };
}
