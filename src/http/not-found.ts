/**
 * The answer to a path nothing serves, in the caller's protocol: a SOAP 1.1 Fault (Client) to a SOAP caller (an
 * XML body or a SOAPAction header), an RFC 9457 problem document otherwise; both name the nearest real paths. A
 * path that exists for other methods is a 405 with Allow.
 */
import type { Request, RequestHandler, Response } from 'express';
import { renderFault } from '../xml/soap.js';
import type { ServedService } from './endpoints.js';
import { nearestPaths, samePath, type Candidate, type Suggestion } from './nearest-paths.js';
import { sendProblem } from './problem.js';

/** Every operation and contract document served, as candidates for the nearest paths. */
export function candidatesOf(services: readonly ServedService[]): Candidate[] {
  return services.flatMap((s) => [
    ...s.operations.map((op) => ({ method: op.method, path: op.path, service: s.id })),
    ...s.contracts.map((c) => ({ method: 'GET', path: c.href, service: s.id, contract: true })),
  ]);
}

function isSoapCaller(req: Request): boolean {
  return /xml/i.test(req.get('content-type') ?? '') || req.get('soapaction') !== undefined;
}

export function notFound(services: readonly ServedService[]): RequestHandler {
  const candidates = candidatesOf(services);
  return (req: Request, res: Response) => {
    const asked = `${req.method} ${req.path}`;
    const allowed = [...new Set(samePath(req.path, candidates).map((c) => c.method))];
    const head = req.method === 'HEAD' && allowed.includes('GET');
    if (allowed.length > 0 && !head) {
      res.set('Allow', allowed.join(', '));
      const detail = `${asked}: this path answers ${allowed.join(', ')}.`;
      return answer(req, res, 405, 'Method Not Allowed', detail, { allow: allowed });
    }
    const nearest = nearestPaths(req.method, req.path, candidates);
    const hint = nearest.length > 0 ? ` Nearest: ${nearest.map(describe).join(', ')}.` : '';
    const detail = `Nothing is served at ${asked}.${hint} GET / lists everything.`;
    answer(req, res, 404, 'Not Found', detail, { nearest });
  };
}

function describe(suggestion: Suggestion): string {
  return `${suggestion.methods.join('|')} ${suggestion.path}`;
}

function answer(
  req: Request,
  res: Response,
  status: number,
  title: string,
  detail: string,
  extensions: { nearest?: Suggestion[]; allow?: string[] },
): void {
  if (isSoapCaller(req)) {
    res
      .status(status)
      .type('text/xml; charset=utf-8')
      .send(renderFault({ code: 'Client', message: detail }));
    return;
  }
  sendProblem(res, {
    type: 'about:blank',
    title,
    status,
    detail,
    ...extensions,
    index: '/',
  });
}
