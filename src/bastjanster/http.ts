import type { IncomingMessage, ServerResponse } from 'node:http';
import { Router, type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import { headerOf } from '../http/caller-identity.js';
import { writeFault, type FrontDoor } from '../http/front-door.js';
import { isMalformedPath, MALFORMED_PATH } from '../http/malformed-path.js';
import { postFrontDoor } from '../http/post-front-door.js';
import { sendProblem, writeProblem } from '../http/problem.js';
import { addJournalDetails, type JournaledResponse } from '../journal/http-journal.js';
import type { Journal } from '../journal/journal.js';
import { clientGone, rawBody, soapBodyErrors } from '../http/soap-edge.js';
import type { Population } from '../population/population.js';
import { parseTodayHeader, TODAY_HEADER, TodayError } from '../scenario/today.js';
import { ACCESS_HEADER, AccessHeaderError, parseAccessHeader } from './common/access.js';
import { MESSAGE_SCAN_LIMITS } from '../xml/parse.js';
import type { BaseService } from './types.js';
import { withUtf8Charset } from '../http/media-type.js';

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export interface BaseServiceHttpOptions {
  population: Population;
  today: () => string;
  maxBodyBytes: number;
  logger: Logger;
}

/** Mounts each base-service emulator on its own path, so it can be called natively (and as an HTTP transport). */
export function baseServicesRouter(services: readonly BaseService[], options: BaseServiceHttpOptions): Router {
  const router = Router();
  for (const service of services) {
    router.post(`${service.mountPath}/*rest`, rawBody(options.maxBodyBytes, MESSAGE_SCAN_LIMITS), (req, res) => {
      const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      return answerNative(service, options, req, res, bytes, req.path.slice(service.mountPath.length) || '/');
    });
  }
  // A body that cannot be read (oversize: 413 as soon as that is known): a Fault for XML callers, else a problem.
  const faults = soapBodyErrors(options.maxBodyBytes);
  router.use((error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    if (sentXml(req)) return faults(error, req, res, next);
    if (isMalformedPath(error)) return sendProblem(res, { title: 'Bad Request', status: 400, detail: MALFORMED_PATH });
    const status = (error as { status?: number }).status ?? 500;
    const title = status === 413 ? 'Payload Too Large' : status < 500 ? 'Bad Request' : 'Internal error';
    sendProblem(res, { title, status });
  });
  return router;
}

/**
 * The base services' paths answered below express (http/post-front-door.ts), as the router answers them: an
 * ordinary request to `<mountPath>/<path>` in the case it is mounted in, without a query or percent-encoding (the
 * router's case-insensitive and encoded matches stay express's).
 */
export function baseServicesFrontDoor(
  services: readonly BaseService[],
  options: BaseServiceHttpOptions & {
    journal: Journal;
    serviceOf(method: string, path: string): string | undefined;
  },
): FrontDoor {
  const byMount = new Map(services.map((s) => [s.mountPath, s]));
  return postFrontDoor<BaseService>({
    ...options,
    pathOf: (url) => (/^\/bastjanster\/[a-z]+\/[A-Za-z0-9._~/-]+$/.test(url) ? url : undefined),
    reads: () => true,
    admit: (req) => byMount.get(req.url!.slice(0, req.url!.indexOf('/', '/bastjanster/'.length))),
    answer: (req, res, body, path, service) =>
      answerNative(service, options, req, res, body, path.slice(service.mountPath.length)),
    unreadable: (res, detail) => {
      if (sentXml(res.req)) writeFault(res, 400, 'Client', detail);
      else writeProblem(res, { title: 'Bad Request', status: 400 });
    },
  });
}

/** One native request to a base service, its body read: the emulator's answer as it gives it. */
async function answerNative(
  service: BaseService,
  options: BaseServiceHttpOptions,
  req: IncomingMessage,
  res: ServerResponse & Pick<JournaledResponse, 'locals'>,
  bytes: Buffer,
  path: string,
): Promise<void> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers[name] = value;
  const xml = sentXml(req);
  // The emulators read text: an XML body that is not UTF-8 is refused, never silently repaired with U+FFFD.
  let body: string;
  try {
    body = xml ? UTF8.decode(bytes) : bytes.toString('utf8');
  } catch {
    writeFault(res, 500, 'Client', 'The XML is not well-formed: Invalid bytes in character encoding (not UTF-8).');
    return;
  }
  // A header the services read that is not one they know: a Client Fault for XML callers, else a problem.
  const refuseHeader = (header: string, error: Error): void => {
    const detail = `Invalid ${error.message}`;
    if (xml) writeFault(res, 500, 'Client', detail);
    else writeProblem(res, { title: `Invalid ${header} header`, status: 400, detail });
  };
  // The caller's own day (X-SSBTEK-Today, also as the composite passes it on), refused like an unreadable body.
  let today: string;
  try {
    today = parseTodayHeader(headerOf(req, TODAY_HEADER)) ?? options.today();
  } catch (error) {
    if (!(error instanceof TodayError)) throw error;
    return refuseHeader('X-SSBTEK-Today', error);
  }
  // An access verdict (as the composite passes it on) must be one the services know; refused like the day.
  try {
    parseAccessHeader(headerOf(req, ACCESS_HEADER));
  } catch (error) {
    if (!(error instanceof AccessHeaderError)) throw error;
    return refuseHeader('X-SSBTEK-Access', error);
  }
  addJournalDetails(res, { today });
  try {
    const response = await service.emulator.handle(
      { path, contentType: req.headers['content-type'] ?? '', headers, body },
      {
        population: options.population,
        today,
        signal: clientGone(req, res),
        scenario: (number, id) => options.population.scenario(number, id),
      },
    );
    if (res.writableEnded || res.destroyed) return;
    // Written directly (as SSBTEK and PU write): express's send() would hash every reply for an ETag.
    const reply = Buffer.from(response.body, 'utf8');
    res.writeHead(response.status, {
      'content-type': withUtf8Charset(response.contentType),
      'content-length': reply.length,
    });
    res.end(reply);
  } catch (error) {
    if (res.writableEnded || res.destroyed) return;
    options.logger.error({ err: error, service: service.id }, 'base service emulator failed');
    // Never a stack trace: a SOAP Fault for XML callers, a problem document for the others.
    if (xml) writeFault(res, 500, 'Server', 'Internal error');
    else writeProblem(res, { title: 'Internal error', status: 500 });
  }
}

/** An XML caller (text/xml, application/xml, …): it gets SOAP Faults, the others problem documents. */
function sentXml(req: IncomingMessage): boolean {
  return /xml/i.test(req.headers['content-type'] ?? '');
}
