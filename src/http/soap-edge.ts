import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable, Transform } from 'node:stream';
import zlib from 'node:zlib';
import { renderFault } from '../xml/soap.js';
import { XmlInputError } from '../xml/parse-error.js';
import { prescanXml, type ScanLimits } from '../xml/prescan.js';
import { isMalformedPath, MALFORMED_PATH } from './malformed-path.js';
import { mediaTypeOf } from './media-type.js';

/** Sends a SOAP 1.1 Fault (never plain text, never a stack trace). */
export function sendFault(res: Response, status: number, code: string, message: string): void {
  res.status(status).type('text/xml; charset=utf-8').send(renderFault({ code, message }));
}

/**
 * Accepts SOAP 1.1 media types only: text/xml with or without charset. Anything else gets a 415 Fault before the
 * body is read.
 */
export const requireSoap11MediaType: RequestHandler = (req, res, next) => {
  const type = mediaTypeOf(req);
  if (type === 'text/xml') return next();
  const hint =
    type === 'application/soap+xml'
      ? 'application/soap+xml is SOAP 1.2; this service speaks SOAP 1.1 (text/xml).'
      : `Content-Type ${type ? `"${type}"` : 'is missing'}; SOAP 1.1 requests must be sent as text/xml.`;
  sendFault(res, 415, 'Client', `Unsupported media type: ${hint}`);
};

/** A body-reading error, shaped as body-parser's (type and status), for soapBodyErrors. */
function bodyError(status: number, type: string, message: string): Error {
  return Object.assign(new Error(message), { status, type, expose: true });
}

/** A decompressor for the request's Content-Encoding; null for identity, undefined for one not supported. */
function decoderFor(encoding: string): Transform | null | undefined {
  if (encoding === 'identity') return null;
  if (encoding === 'gzip' || encoding === 'x-gzip') return zlib.createGunzip();
  if (encoding === 'deflate') return zlib.createInflate();
  if (encoding === 'br') return zlib.createBrotliDecompress();
  return undefined;
}

/** An XML body this long is pre-scanned as soon as its first bytes are in (see rawBody's `xmlLimits`). */
export const EARLY_SCAN_BYTES = 64 * 1024;

/**
 * The early pre-scan of a body's first bytes (rawBody, the SOAP front doors): the Client Fault's message when they
 * already pass a limit (the one the parser's own pre-scan would give for the whole body), else undefined.
 */
export function earlyScanProblem(prefix: Uint8Array, limits: ScanLimits): string | undefined {
  try {
    prescanXml(prefix, limits);
    return undefined;
  } catch (error) {
    if (!(error instanceof XmlInputError)) throw error;
    return error.message;
  }
}

/**
 * Reads the raw body (into `req.body`, a Buffer) up to `limit` bytes, decompressed. An oversize body is refused
 * (413, via the error handler) as soon as that is known: from Content-Length before anything is read, or as soon
 * as the bytes received pass the limit. The rest is never read, and the connection is closed after the answer.
 * (body-parser would read the whole body off the wire before answering.)
 *
 * With `xmlLimits`, an XML body longer than EARLY_SCAN_BYTES is pre-scanned (prescan.ts) as soon as that much is
 * in: a node flood, attribute flood, nesting or DTD there is refused at once (a Client Fault from soapBodyErrors,
 * the same one the parser's pre-scan would give) and the rest is dropped as it comes, never kept, scanned or parsed.
 * A limit passed in a prefix is passed by the whole document, so nothing the full scan would accept is refused.
 */
export function rawBody(limit: number, xmlLimits?: ScanLimits): RequestHandler {
  return (req, res, next) => {
    const refuse = (error: Error): void => {
      res.setHeader('Connection', 'close');
      req.pause();
      next(error);
    };
    const tooLarge = (): Error => bodyError(413, 'entity.too.large', `request entity too large (limit ${limit})`);
    const decoder = decoderFor((req.headers['content-encoding'] ?? 'identity').trim().toLowerCase());
    if (decoder === undefined) return refuse(bodyError(415, 'encoding.unsupported', 'content encoding unsupported'));
    if (decoder === null && Number(req.headers['content-length']) > limit) return refuse(tooLarge());
    const stream: Readable = decoder ? req.pipe(decoder) : req;
    const chunks: Buffer[] = [];
    let received = 0;
    let settled = false;
    let scanned = !xmlLimits || !/xml/i.test(req.headers['content-type'] ?? '');
    const settle = (error?: Error): void => {
      if (settled) return;
      settled = true;
      stream.off('data', onData).off('end', onEnd).off('error', onError);
      req.off('aborted', onAborted);
      if (decoder) {
        req.unpipe(decoder);
        decoder.on('error', () => {}).destroy();
      }
      if (error && (error as { type?: string }).type === 'xml.refused' && !decoder) return drain(error);
      if (error) return refuse(error);
      req.body = Buffer.concat(chunks, received);
      next();
    };
    // Answered early, the rest is read and dropped (never kept, at most up to the limit) rather than the connection
    // closed with it unread: a close with unread data resets the connection, and the client would lose the answer.
    const drain = (error: Error): void => {
      chunks.length = 0;
      req.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > limit) req.socket.destroy();
      });
      next(error);
    };
    const onData = (chunk: Buffer): void => {
      received += chunk.length;
      if (received > limit) return settle(tooLarge());
      chunks.push(chunk);
      if (!scanned && received >= EARLY_SCAN_BYTES) {
        scanned = true;
        const problem = earlyScanProblem(Buffer.concat(chunks, received), xmlLimits!);
        if (problem !== undefined) settle(bodyError(400, 'xml.refused', problem));
      }
    };
    const onEnd = (): void => settle();
    const onError = (error: Error): void =>
      settle(bodyError(400, decoder ? 'encoding.invalid' : 'request.aborted', error.message));
    const onAborted = (): void => settle(bodyError(400, 'request.aborted', 'request aborted'));
    stream.on('data', onData).on('end', onEnd).on('error', onError);
    req.on('aborted', onAborted);
  };
}

/** Turns body-reading errors (oversize, aborted, bad encoding) into SOAP Faults. */
export function soapBodyErrors(limit: number) {
  return (error: unknown, _req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) return next(error);
    const e = error as { type?: string; status?: number };
    if (isMalformedPath(error)) return sendFault(res, 400, 'Client', MALFORMED_PATH);
    // Refused by the early pre-scan: the Fault the parser would give (SOAP 1.1: a Fault is a 500).
    if (e.type === 'xml.refused') return sendFault(res, 500, 'Client', (error as Error).message);
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
export function clientGone(req: IncomingMessage, res: ServerResponse): AbortSignal {
  const controller = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) controller.abort(new Error('client closed the connection'));
  });
  void req;
  return controller.signal;
}
