import { isIPv4, isIPv6 } from 'node:net';
import type { IncomingMessage } from 'node:http';
import type { Request, RequestHandler } from 'express';
import { sendProblem } from './problem.js';
import { sendFault } from './soap-edge.js';

/** A Host header's parts: the name in lower case (an IPv6 address with its brackets) and the port, if any. */
export interface HostHeader {
  hostname: string;
  port?: number;
}

/** A DNS-style label: letters, digits, hyphens inside, and underscores (container and service names use them). */
const LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;

/**
 * Reads a Host value as host[:port] (RFC 9110 §7.2): a name (dot-separated labels, at most 253 characters, one
 * trailing dot allowed), an IPv4 address or a bracketed IPv6 address, and a port 0–65535. Narrower than RFC 3986's
 * reg-name on purpose: no percent-encoding and no sub-delimiters (`!$&'()*+,;=`), which no resolvable name has and
 * which would end up in the addresses the emulator writes into its WSDLs. Undefined when it is not one.
 */
export function parseHost(value: string): HostHeader | undefined {
  const match = /^(\[[^\]]*\]|[^:[\]]*)(?::(\d{1,5}))?$/.exec(value);
  if (!match) return undefined;
  const hostname = match[1]!.toLowerCase();
  const port = match[2] === undefined ? undefined : Number(match[2]);
  if (port !== undefined && port > 65_535) return undefined;
  if (hostname.startsWith('[')) return isIPv6(hostname.slice(1, -1)) ? { hostname, port } : undefined;
  if (isIPv4(hostname)) return { hostname, port };
  const name = hostname.endsWith('.') ? hostname.slice(0, -1) : hostname;
  if (name === '' || name.length > 253 || !name.split('.').every((label) => LABEL.test(label))) return undefined;
  // A name whose last label is all digits would read as a (malformed) IPv4 address to a URL parser.
  if (/^\d+$/.test(name.split('.').pop()!)) return undefined;
  return { hostname, port };
}

/**
 * What is wrong with a request's Host, if anything (RFC 9112 §3.2: more than one Host line, or an invalid value, is
 * a 400; an HTTP/1.1 request must have one; an absolute-form target must name the same authority). Node keeps only the first of repeated Host lines in `headers`, so the
 * raw header list is counted. HTTP/1.0 may leave Host out.
 */
export function hostProblem(req: IncomingMessage): string | undefined {
  let count = 0;
  for (let i = 0; i < req.rawHeaders.length; i += 2) if (req.rawHeaders[i]!.toLowerCase() === 'host') count++;
  if (count > 1) return `The request has ${count} Host header lines; one is allowed.`;
  const host = req.headers.host;
  if (host === undefined) {
    return req.httpVersionMajor === 1 && req.httpVersionMinor === 0 ? undefined : 'The request has no Host header.';
  }
  if (!parseHost(host)) return `The Host header ${JSON.stringify(host.slice(0, 100))} is not a valid host[:port].`;
  // Absolute-form (RFC 9112 §3.2.2): a client sends the target's authority as Host too; the two must agree, so that
  // what the emulator reads from Host is the authority the request names.
  const absolute = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(req.url ?? '');
  if (absolute && absolute[1]!.toLowerCase() !== host.toLowerCase()) {
    return `The request target names ${JSON.stringify(absolute[1]!.slice(0, 100))} but the Host header ${JSON.stringify(host.slice(0, 100))}.`;
  }
  return undefined;
}

/** Does the request speak SOAP: a SOAP endpoint or its WSDL, or an XML body (the base services' SOAP paths)? */
function speaksSoap(req: Request, soapPaths: readonly string[]): boolean {
  const path = req.path.toLowerCase();
  if (soapPaths.some((p) => path === p.toLowerCase() || path.startsWith(`${p.toLowerCase()}/`))) return true;
  if (req.query.wsdl !== undefined || req.query.WSDL !== undefined) return true;
  return /xml/i.test(req.headers['content-type'] ?? '');
}

/**
 * Refuses, before anything else reads the request, a request whose Host is repeated, missing (HTTP/1.1) or not a
 * valid host[:port]: 400, as a SOAP 1.1 Fault (Client) for SOAP callers (`soapPaths` and their sub-paths, `?wsdl`,
 * XML bodies), as a problem document for the others. The body is not read; the connection is closed after the answer.
 */
export function hostGuard(options: { soapPaths: readonly string[] }): RequestHandler {
  return (req, res, next) => {
    const problem = hostProblem(req);
    if (problem === undefined) return next();
    res.setHeader('Connection', 'close');
    if (speaksSoap(req, options.soapPaths)) sendFault(res, 400, 'Client', `Bad request: ${problem}`);
    else sendProblem(res, { type: 'about:blank', title: 'Bad Host header', status: 400, detail: problem });
  };
}
