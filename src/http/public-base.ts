import type { Request, Response } from 'express';
import { parseHost } from './host-header.js';

/**
 * Checks a public base URL setting (`publicBaseUrl`, `SSBTEK_PUBLIC_BASE_URL`): an absolute http(s) URL with a host,
 * maybe a path (a proxy's prefix), no credentials, query or fragment. Answers it without a trailing slash, so
 * `${base}/ssbtek` is the endpoint. Throws naming `name` otherwise.
 */
export function checkPublicBaseUrl(value: unknown, name: string): string {
  const fail = (why: string): never => {
    throw new Error(`${name} must be an absolute http(s) URL (e.g. https://ssbtek.example.se), ${why}`);
  };
  if (typeof value !== 'string') return fail('not a string');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return fail(`got "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') fail(`not ${url.protocol}`);
  if (url.username !== '' || url.password !== '') fail('without user or password');
  if (value.includes('?') || value.includes('#')) fail('without query or fragment');
  if (url.hostname === '') fail(`with a host, got "${value}"`);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/**
 * The base URL for the addresses written into a served document (a WSDL's soap:address and schema imports): the
 * configured public base URL when there is one, the same for every client; otherwise the scheme and Host the client
 * used (the answer then says it varies with Host, so a shared cache keeps one copy per Host). Without a usable Host
 * (HTTP/1.0 may send none) the address the connection reached.
 */
export function publicBase(req: Request, res: Response, configured: string | undefined): string {
  if (configured !== undefined) return configured;
  res.vary('Host');
  const host = req.get('host');
  return `${req.protocol}://${host !== undefined && parseHost(host) ? host : localAuthority(req)}`;
}

/** The local address and port the request came in on, as a URL authority. */
function localAuthority(req: Request): string {
  const address = (req.socket.localAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
  const port = req.socket.localPort;
  const host = address.includes(':') ? `[${address}]` : address;
  return port === undefined ? host : `${host}:${port}`;
}
