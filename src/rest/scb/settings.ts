import type { Config } from '../../config.js';

/** The service's own settings, read from the emulator config (keys proposed: scbContracts, scbProcessingDelayMs). */
export interface ScbSettings {
  /** Extra or replacing contracts (see contracts.ts); undefined: the embedded defaults only. */
  contracts: unknown;
  /** How long a delivery waits in the queue before it is processed, so that a client sees 202 first. */
  processingDelayMs: number;
  /** A claim older than this (its process died) is taken over by another process sharing the store. */
  claimLeaseMs: number;
}

export const DEFAULT_PROCESSING_DELAY_MS = 300;

export function readSettings(config: Config): ScbSettings {
  const raw = config as unknown as Record<string, unknown>;
  const delay = raw.scbProcessingDelayMs ?? DEFAULT_PROCESSING_DELAY_MS;
  if (typeof delay !== 'number' || !Number.isInteger(delay) || delay < 0)
    throw new Error(`scbProcessingDelayMs must be a non-negative integer, got ${JSON.stringify(delay)}`);
  const lease = raw.scbClaimLeaseMs ?? 30_000;
  if (typeof lease !== 'number' || !Number.isInteger(lease) || lease < 100)
    throw new Error(`scbClaimLeaseMs must be an integer of at least 100 (ms), got ${JSON.stringify(lease)}`);
  return { contracts: raw.scbContracts, processingDelayMs: delay, claimLeaseMs: lease };
}
