import type { NextFunction, Request, RequestHandler, Response } from 'express';
import express from 'express';
import { renderFault } from '../xml/soap.js';

/** Sends a SOAP 1.1 Fault (never plain text, never a stack trace). */
export function sendFault(res: Response, status: number, code: string, message: string): void {
  res.status(status).type('text/xml; charset=utf-8').send(renderFault({ code, message }));
}

/**
 * Accepts SOAP 1.1 media types only: text/xml with or without charset. Anything else gets a 415 Fault before the
 * body is read.
 */
export const requireSoap11MediaType: RequestHandler = (req, res, next) => {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type === 'text/xml') return next();
  const hint =
    type === 'application/soap+xml'
      ? 'application/soap+xml is SOAP 1.2; this service speaks SOAP 1.1 (text/xml).'
      : `Content-Type ${type ? `"${type}"` : 'is missing'}; SOAP 1.1 requests must be sent as text/xml.`;
  sendFault(res, 415, 'Client', `Unsupported media type: ${hint}`);
};

/** Reads the raw body up to `limit` bytes; larger bodies are refused from Content-Length before reading. */
export function rawBody(limit: number): RequestHandler {
  return express.raw({ type: () => true, limit });
}

/** Turns body-reading errors (oversize, aborted, bad encoding) into SOAP Faults. */
export function soapBodyErrors(limit: number) {
  return (error: unknown, _req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) return next(error);
    const e = error as { type?: string; status?: number };
    if (e.type === 'entity.too.large') {
      return sendFault(res, 413, 'Client', `The request body is larger than the limit of ${limit} bytes.`);
    }
    if (e.status && e.status >= 400 && e.status < 500) {
      return sendFault(res, e.status, 'Client', `The request body could not be read (${e.type ?? 'bad request'}).`);
    }
    sendFault(res, 500, 'Server', 'Internt tekniskt fel');
  };
}

/** An AbortSignal that fires when the client goes away before the answer is sent. */
export function clientGone(req: Request, res: Response): AbortSignal {
  const controller = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) controller.abort(new Error('client closed the connection'));
  });
  void req;
  return controller.signal;
}
