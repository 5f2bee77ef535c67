import type { Request } from 'express';
import type { TLSSocket } from 'node:tls';

/**
 * Who is calling, as the services that know their callers identify them. Over TLS: the subject serialNumber of a
 * client certificate the server's CA vouches for (an untrusted or missing certificate names nobody, and the stand-in
 * header is not taken instead). On plain HTTP: the stand-in header, for local use. Undefined when nobody is named.
 */
export function certifiedCallerId(req: Request, standInHeader: string): string | undefined {
  const socket = req.socket as Partial<TLSSocket>;
  if (!req.secure || typeof socket.getPeerCertificate !== 'function') return req.get(standInHeader) || undefined;
  if (!socket.authorized) return undefined;
  const subject = socket.getPeerCertificate().subject as Record<string, string | string[]> | undefined;
  const serial = subject?.serialNumber;
  return Array.isArray(serial) ? serial[0] : serial;
}
