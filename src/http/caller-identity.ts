import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';

/**
 * What a request's client certificate says, over TLS: none shown, one the server's CA does not vouch for (with
 * Node's reason), or a trusted one with its subject's serialNumber (undefined when the subject has none). On plain
 * HTTP there is no certificate: `none`.
 */
export type ClientCertificate =
  { kind: 'none' } | { kind: 'untrusted'; reason: string } | { kind: 'trusted'; serialNumber?: string };

/** Whether the request came over TLS (the emulator's own HTTPS listener; no proxy is trusted). */
export function overTls(req: IncomingMessage): boolean {
  const socket = req.socket as Partial<TLSSocket>;
  // As express's req.secure with trust proxy off: the connection itself is TLS.
  return socket.encrypted === true && typeof socket.getPeerCertificate === 'function';
}

/** A request header's value (what express's req.get gives, for any header but Referer). */
export function headerOf(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** The request's client certificate (see ClientCertificate). */
export function clientCertificate(req: IncomingMessage): ClientCertificate {
  if (!overTls(req)) return { kind: 'none' };
  const socket = req.socket as TLSSocket;
  const certificate = socket.getPeerCertificate();
  if (!certificate || Object.keys(certificate).length === 0) return { kind: 'none' };
  if (!socket.authorized) return { kind: 'untrusted', reason: String(socket.authorizationError ?? 'unknown issuer') };
  const subject = certificate.subject as Record<string, string | string[]> | undefined;
  const serial = subject?.serialNumber;
  return { kind: 'trusted', serialNumber: Array.isArray(serial) ? serial[0] : serial };
}

/**
 * Who is calling, as the services that know their callers identify them. Over TLS: the subject serialNumber of a
 * client certificate the server's CA vouches for (an untrusted or missing certificate names nobody, and the stand-in
 * header is not taken instead). On plain HTTP: the stand-in header, for local use. Undefined when nobody is named.
 */
export function certifiedCallerId(req: IncomingMessage, standInHeader: string): string | undefined {
  if (!overTls(req)) return headerOf(req, standInHeader) || undefined;
  const certificate = clientCertificate(req);
  return certificate.kind === 'trusted' ? certificate.serialNumber : undefined;
}
