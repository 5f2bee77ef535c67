import { Router, type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import { isMalformedPath, MALFORMED_PATH } from '../http/malformed-path.js';
import { sendProblem } from '../http/problem.js';
import { addJournalDetails } from '../journal/http-journal.js';
import { clientGone, rawBody, sendFault, soapBodyErrors } from '../http/soap-edge.js';
import type { Population } from '../population/population.js';
import { parseTodayHeader, TODAY_HEADER, TodayError } from '../scenario/today.js';
import { ACCESS_HEADER, AccessHeaderError, parseAccessHeader } from './common/access.js';
import { MESSAGE_SCAN_LIMITS } from '../xml/parse.js';
import type { BaseService } from './types.js';

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Mounts each base-service emulator on its own path, so it can be called natively (and as an HTTP transport). */
export function baseServicesRouter(
  services: readonly BaseService[],
  options: { population: Population; today: () => string; maxBodyBytes: number; logger: Logger },
): Router {
  const router = Router();
  for (const service of services) {
    router.post(`${service.mountPath}/*rest`, rawBody(options.maxBodyBytes, MESSAGE_SCAN_LIMITS), async (req, res) => {
      const path = req.path.slice(service.mountPath.length) || '/';
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers[name] = value;
      const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const xml = sentXml(req);
      // The emulators read text: an XML body that is not UTF-8 is refused, never silently repaired with U+FFFD.
      let body: string;
      try {
        body = xml ? UTF8.decode(bytes) : bytes.toString('utf8');
      } catch {
        sendFault(res, 500, 'Client', 'The XML is not well-formed: Invalid bytes in character encoding (not UTF-8).');
        return;
      }
      // The caller's own day (X-SSBTEK-Today, also as the composite passes it on), refused like an unreadable body.
      let today: string;
      try {
        today = parseTodayHeader(req.get(TODAY_HEADER)) ?? options.today();
      } catch (error) {
        if (!(error instanceof TodayError)) throw error;
        const detail = `Invalid ${error.message}`;
        if (xml) sendFault(res, 500, 'Client', detail);
        else sendProblem(res, { title: 'Invalid X-SSBTEK-Today header', status: 400, detail });
        return;
      }
      // An access verdict (as the composite passes it on) must be one the services know; refused like the day.
      try {
        parseAccessHeader(req.get(ACCESS_HEADER));
      } catch (error) {
        if (!(error instanceof AccessHeaderError)) throw error;
        const detail = `Invalid ${error.message}`;
        if (xml) sendFault(res, 500, 'Client', detail);
        else sendProblem(res, { title: 'Invalid X-SSBTEK-Access header', status: 400, detail });
        return;
      }
      addJournalDetails(res, { today });
      try {
        const response = await service.emulator.handle(
          {
            path,
            contentType: req.headers['content-type'] ?? '',
            headers,
            body,
          },
          {
            population: options.population,
            today,
            signal: clientGone(req, res),
            scenario: (number, id) => options.population.scenario(number, id),
          },
        );
        if (res.writableEnded || res.destroyed) return;
        res.status(response.status).type(response.contentType).send(response.body);
      } catch (error) {
        if (res.writableEnded || res.destroyed) return;
        options.logger.error({ err: error, service: service.id }, 'base service emulator failed');
        // Never a stack trace: a SOAP Fault for XML callers, a problem document for the others.
        if (xml) sendFault(res, 500, 'Server', 'Internal error');
        else sendProblem(res, { title: 'Internal error', status: 500 });
      }
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

/** An XML caller (text/xml, application/xml, …): it gets SOAP Faults, the others problem documents. */
function sentXml(req: Request): boolean {
  return /xml/i.test(req.headers['content-type'] ?? '');
}
