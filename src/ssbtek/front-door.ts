import type { Logger } from 'pino';
import { postFrontDoor } from '../http/post-front-door.js';
import type { FrontDoor } from '../http/front-door.js';
import type { Journal } from '../journal/journal.js';
import type { Metrics } from '../metrics/metrics.js';
import { identifyCaller, type CallerMode } from './callers/identity.js';
import { answerExchange, SSBTEK_PATH } from './http.js';
import type { SsbtekPipeline } from './pipeline.js';

export interface SsbtekFrontDoorOptions {
  maxBodyBytes: number;
  logger: Logger;
  journal: Journal;
  metrics: Metrics;
  callerMode?: CallerMode;
  /** The journal's name for the exchange (journalRouting) and the emulator's today, as the middleware has them. */
  serviceOf(method: string, path: string): string | undefined;
  today: () => string;
}

/**
 * POST /ssbtek answered below express (http/post-front-door.ts): the same checks in the same order (Host, caller,
 * media type, body limit), the same pipeline, reply, journal entry, log line and metrics. A refused caller is
 * express's (its 403 has one implementation).
 */
export function ssbtekFrontDoor(pipeline: SsbtekPipeline, options: SsbtekFrontDoorOptions): FrontDoor {
  return postFrontDoor<{ caller?: string }>({
    ...options,
    pathOf: (url) => (url === SSBTEK_PATH ? SSBTEK_PATH : undefined),
    reads: (type) => type === 'text/xml',
    admit: (req) => {
      const identity = identifyCaller(req, options.callerMode ?? 'permissive');
      if (identity.kind === 'refused') return undefined;
      return identity.kind === 'identified' ? { caller: identity.organisationsnummer } : {};
    },
    answer: (req, res, body, _path, { caller }) => answerExchange(pipeline, options, req, res, body, caller),
  });
}
