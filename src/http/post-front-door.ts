import type { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import { journalExchange, type JournaledRequest, type JournaledResponse } from '../journal/http-journal.js';
import type { Journal } from '../journal/journal.js';
import { writeFault, type FrontDoor } from './front-door.js';
import { hostProblem } from './host-header.js';
import { mediaTypeOf } from './media-type.js';
import { EARLY_SCAN_BYTES, earlyScanProblem } from './soap-edge.js';
import { MESSAGE_SCAN_LIMITS } from '../xml/parse.js';

export interface PostFrontDoorOptions<T> {
  /** The path this door answers a request's URL (exactly as sent) for, or undefined: not its request. */
  pathOf(url: string): string | undefined;
  /** The endpoint's body limit (the door takes only what is within it; express refuses the rest). */
  maxBodyBytes: number;
  /** Whether the endpoint reads this media type (without parameters, lower case; '' when there is none). */
  reads(mediaType: string): boolean;
  /** Anything else the endpoint checks before the body is read: undefined leaves the request to express. */
  admit(req: IncomingMessage): T | undefined;
  /** Answers the request, its body read; never rejects (a rejection is logged and answered as a Server Fault). */
  answer(req: JournaledRequest, res: JournaledResponse, body: Buffer, path: string, admitted: T): Promise<void> | void;
  /** Answers a body that stops arriving (default: a Client Fault, as soapBodyErrors answers it). */
  unreadable?(res: JournaledResponse, detail: string): void;
  logger: Logger;
  journal: Journal;
  /** The journal's name for the exchange (journalRouting) and the emulator's today, as the middleware has them. */
  serviceOf(method: string, path: string): string | undefined;
  today: () => string;
}

/**
 * A POST endpoint answered below express (see FrontDoor): the same checks in the same order as its route (Host,
 * what `admit` checks, media type, body limit, the early pre-scan), the same journal entry, without express's
 * routing, prototypes and middleware chain. It takes only an ordinary request: a valid Host, admitted, a media type
 * the endpoint reads, no Content-Encoding, and a Content-Length within the endpoint's limit; everything else is
 * express's. The body is read into one buffer of the declared length (no chunk list, no concatenation), and an XML
 * body of EARLY_SCAN_BYTES or more is pre-scanned when that much is in, as rawBody does: a flood is refused with the
 * same Client Fault and the rest of it is read and dropped.
 */
export function postFrontDoor<T>(options: PostFrontDoorOptions<T>): FrontDoor {
  const maxLength = options.maxBodyBytes;
  return (req, res) => {
    if (req.method !== 'POST') return false;
    const path = options.pathOf(req.url ?? '');
    if (path === undefined) return false;
    if (hostProblem(req) !== undefined) return false;
    const admitted = options.admit(req);
    if (admitted === undefined) return false;
    if (!options.reads(mediaTypeOf(req))) return false;
    const encoding = req.headers['content-encoding'];
    if (encoding !== undefined && encoding.trim().toLowerCase() !== 'identity') return false;
    const length = req.headers['content-length'];
    if (length === undefined || !/^\d+$/.test(length) || Number(length) > maxLength) return false;
    receive(options, req, res as JournaledResponse, path, admitted, Number(length));
    return true;
  };
}

function receive<T>(
  options: PostFrontDoorOptions<T>,
  req: JournaledRequest,
  res: JournaledResponse,
  path: string,
  admitted: T,
  length: number,
): void {
  res.locals = Object.create(null) as object;
  const service = options.journal.enabled ? options.serviceOf('POST', path) : undefined;
  if (service !== undefined) journalExchange(options, req, res, { method: 'POST', path, service });
  // node's parser delivers exactly Content-Length bytes (fewer only when the client goes away: 'aborted'). The
  // buffer is made when the first bytes come: a client that sends only headers holds none of it.
  let body: Buffer | undefined;
  let received = 0;
  let scanned = length < EARLY_SCAN_BYTES || !/xml/i.test(req.headers['content-type'] ?? '');
  const onData = (chunk: Buffer): void => {
    body ??= Buffer.allocUnsafe(length);
    received += chunk.copy(body, received);
    if (scanned || received < EARLY_SCAN_BYTES) return;
    scanned = true;
    const problem = earlyScanProblem(body.subarray(0, received), MESSAGE_SCAN_LIMITS);
    if (problem !== undefined) refuse(problem);
  };
  // Refused by the early pre-scan (the Fault the parser's pre-scan would give): answered now, the rest read and
  // dropped, so the connection stays usable and the client reads its answer.
  const refuse = (message: string): void => {
    stop();
    req.on('data', () => {});
    writeFault(res, 500, 'Client', message);
  };
  const failed = (error: unknown): void => {
    options.logger.error({ err: error }, 'unhandled error');
    if (!res.headersSent) writeFault(res, 500, 'Server', 'Internt tekniskt fel');
  };
  const onEnd = (): void => {
    stop();
    const bytes = body ?? Buffer.alloc(0);
    req.body = bytes;
    try {
      const answered = options.answer(req, res, bytes, path, admitted);
      if (answered) answered.catch(failed);
    } catch (error) {
      failed(error);
    }
  };
  // As rawBody and soapBodyErrors answer a body that stops arriving (the connection closed after the answer).
  const onAborted = (): void => {
    stop();
    if (res.headersSent) return;
    res.setHeader('Connection', 'close');
    const detail = 'The request body could not be read (request.aborted).';
    if (options.unreadable) options.unreadable(res, detail);
    else writeFault(res, 400, 'Client', detail);
  };
  const stop = (): void => {
    req.off('data', onData).off('end', onEnd).off('error', onAborted).off('aborted', onAborted);
  };
  req.on('data', onData).on('end', onEnd).on('error', onAborted).on('aborted', onAborted);
}
