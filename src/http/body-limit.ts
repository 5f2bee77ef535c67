import type { RequestHandler } from 'express';

/**
 * Refuses a body whose Content-Length is over `limit` before any of it is read: a 413 error (type
 * `entity.too.large`, as body-parser's) for the route's own error handler, the connection closed after the answer
 * so the rest is never read. Put before a body parser that would otherwise read and discard the whole body first.
 * A compressed body is left to the parser, which limits it after decompression.
 */
export function refuseOversizeBody(limit: number): RequestHandler {
  return (req, res, next) => {
    const length = Number(req.headers['content-length']);
    const encoded = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase() !== 'identity';
    if (encoded || !(length > limit)) return next();
    res.setHeader('Connection', 'close');
    req.pause();
    const message = `request entity too large (limit ${limit})`;
    next(Object.assign(new Error(message), { status: 413, type: 'entity.too.large', expose: true, limit, length }));
  };
}
