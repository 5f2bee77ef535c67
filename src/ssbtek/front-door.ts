import type { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import { writeFault, type FrontDoor } from '../http/front-door.js';
import { hostProblem } from '../http/host-header.js';
import { EARLY_SCAN_BYTES } from '../http/soap-edge.js';
import { journalExchange, type JournaledRequest, type JournaledResponse } from '../journal/http-journal.js';
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
 * POST /ssbtek answered below express: the same checks in the same order (Host, caller, media type, body limit),
 * the same pipeline, reply, journal entry, log line and metrics, without express's routing, prototypes and
 * middleware chain. It takes only an ordinary request: a valid Host, a caller that is not refused, text/xml, no
 * Content-Encoding, and a Content-Length within both the endpoint's limit and the early pre-scan's size (so neither
 * can refuse it mid-body); everything else is express's (see FrontDoor).
 */
export function ssbtekFrontDoor(pipeline: SsbtekPipeline, options: SsbtekFrontDoorOptions): FrontDoor {
  const maxLength = Math.min(options.maxBodyBytes, EARLY_SCAN_BYTES - 1);
  return (req, res) => {
    if (req.method !== 'POST' || req.url !== SSBTEK_PATH) return false;
    if (hostProblem(req) !== undefined) return false;
    const identity = identifyCaller(req, options.callerMode ?? 'permissive');
    if (identity.kind === 'refused') return false;
    if (mediaType(req) !== 'text/xml') return false;
    const encoding = req.headers['content-encoding'];
    if (encoding !== undefined && encoding.trim().toLowerCase() !== 'identity') return false;
    const length = req.headers['content-length'];
    if (length === undefined || !/^\d+$/.test(length) || Number(length) > maxLength) return false;
    const caller = identity.kind === 'identified' ? identity.organisationsnummer : undefined;
    receive(pipeline, options, req, res as JournaledResponse, caller);
    return true;
  };
}

function receive(
  pipeline: SsbtekPipeline,
  options: SsbtekFrontDoorOptions,
  req: JournaledRequest,
  res: JournaledResponse,
  caller: string | undefined,
): void {
  res.locals = Object.create(null) as object;
  const service = options.journal.enabled ? options.serviceOf('POST', SSBTEK_PATH) : undefined;
  if (service !== undefined) journalExchange(options, req, res, { method: 'POST', path: SSBTEK_PATH, service });
  const chunks: Buffer[] = [];
  let received = 0;
  const onData = (chunk: Buffer): void => {
    chunks.push(chunk);
    received += chunk.length;
  };
  const onEnd = (): void => {
    stop();
    const body = Buffer.concat(chunks, received);
    req.body = body;
    answerExchange(pipeline, options, req, res, body, caller).catch((error: unknown) => {
      options.logger.error({ err: error }, 'unhandled error');
      if (!res.headersSent) writeFault(res, 500, 'Server', 'Internt tekniskt fel');
    });
  };
  // As rawBody and soapBodyErrors answer a body that stops arriving (the connection closed after the answer).
  const onAborted = (): void => {
    stop();
    if (res.headersSent) return;
    res.setHeader('Connection', 'close');
    writeFault(res, 400, 'Client', 'The request body could not be read (request.aborted).');
  };
  const stop = (): void => {
    req.off('data', onData).off('end', onEnd).off('error', onAborted).off('aborted', onAborted);
  };
  req.on('data', onData).on('end', onEnd).on('error', onAborted).on('aborted', onAborted);
}

/** The media type without parameters, in lower case (as requireSoap11MediaType reads it). */
function mediaType(req: IncomingMessage): string | undefined {
  return (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
}
