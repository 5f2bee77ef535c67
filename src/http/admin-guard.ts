import { createHash, timingSafeEqual } from 'node:crypto';
import { isIPv4 } from 'node:net';
import type { Request, RequestHandler, Response } from 'express';
import { parseHost } from './host-header.js';
import { sendProblem } from './problem.js';

/** Who may use the admin API (and the UI): the host names it answers to besides loopback, and an optional token. */
export interface AdminAccess {
  /** Host names (no port) the admin API is served under besides the loopback names (Config.adminHosts). */
  hosts: readonly string[];
  /** When set, every admin request needs `Authorization: Bearer <token>` (Config.adminToken). */
  token?: string;
  /** Config.publicBaseUrl: behind a proxy that ends TLS, pages of its origin are the emulator's own. */
  publicBaseUrl?: string;
  /**
   * The console's own files (/ui): they hold no data and change nothing, so they are served without the token
   * (the app asks for it and sends it with every admin request) and may be opened from a link on another site
   * (a top-level navigation: a deep link in a ticket); the Host check applies as everywhere.
   */
  shell?: boolean;
}

const REALM = 'ssbtek-emulator admin';

/**
 * A loopback name: localhost and its subdomains (RFC 6761 §6.3: they resolve to loopback and never to anything else),
 * an IPv4 address in 127.0.0.0/8, or [::1]. `hostname` is parseHost's: lower case, IPv6 in brackets.
 */
export function isLoopbackName(hostname: string): boolean {
  const name = hostname.endsWith('.') ? hostname.slice(0, -1) : hostname;
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  if (isIPv4(name)) return name.startsWith('127.');
  return name === '[::1]';
}

/** Checks `adminHosts`: host names or IP addresses without a port (the port is not compared). */
export function checkAdminHosts(value: unknown, name: string): string[] {
  const list = typeof value === 'string' ? value.split(',').map((s) => s.trim()) : value;
  if (!Array.isArray(list)) throw new Error(`${name} must be a list of host names`);
  return list.map((entry: unknown, i) => {
    const parsed = typeof entry === 'string' ? parseHost(entry) : undefined;
    if (!parsed || parsed.port !== undefined) {
      throw new Error(`${name}[${i}] must be a host name or IP address without a port, got ${JSON.stringify(entry)}`);
    }
    return parsed.hostname;
  });
}

/** Checks `adminToken`: RFC 6750's token characters, at least 16 of them (so a guess is not a matter of minutes). */
export function checkAdminToken(value: unknown, name: string): string {
  if (typeof value !== 'string' || !/^[A-Za-z0-9\-._~+/]{16,}=*$/.test(value)) {
    throw new Error(`${name} must be at least 16 characters of A–Z, a–z, 0–9 and -._~+/ (a bearer token)`);
  }
  return value;
}

/** Compares in constant time (over digests, so the lengths leak nothing either). */
function sameToken(given: string, expected: string): boolean {
  const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

function refuse(res: Response, status: 401 | 403, title: string, detail: string): void {
  res.setHeader('Cache-Control', 'no-store');
  sendProblem(res, { type: 'about:blank', title, status, detail });
}

/** Do two origins (scheme, host, port; default ports left out) name the same? An unreadable one never does. */
function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}

/**
 * Why a browser would be sending this request on behalf of a page of another origin, if it is: a CORS preflight,
 * an `Origin` that is not the request's own (scheme and Host) or the public base URL's, or `Sec-Fetch-Site` other
 * than same-origin or none (typed in the address bar). Tools (curl, test clients, the CLI) send none of these.
 */
function crossOrigin(req: Request, publicBaseUrl: string | undefined): string | undefined {
  if (req.method === 'OPTIONS' && req.get('access-control-request-method') !== undefined) {
    return 'Cross-origin requests are not served: the admin API answers no CORS preflight.';
  }
  const origin = req.get('origin');
  if (origin !== undefined) {
    const own = sameOrigin(origin, `${req.protocol}://${req.get('host') ?? ''}`);
    if (!own && !(publicBaseUrl !== undefined && sameOrigin(origin, publicBaseUrl)))
      return `Cross-origin requests are not served (Origin ${JSON.stringify(origin.slice(0, 100))}).`;
  }
  const site = req.get('sec-fetch-site');
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    return `Cross-site requests are not served (Sec-Fetch-Site ${JSON.stringify(site.slice(0, 40))}).`;
  }
  return undefined;
}

/** A browser opening a page in a tab or window (not a script's request, not a frame: the console is never framed). */
function isNavigation(req: Request): boolean {
  return (
    (req.method === 'GET' || req.method === 'HEAD') &&
    req.get('sec-fetch-mode') === 'navigate' &&
    req.get('sec-fetch-dest') === 'document'
  );
}

/**
 * Guards the admin API and the UI from web pages and other hosts' users, in front of their routers:
 *
 * 1. the Host must be a loopback name or one of `hosts` (403 otherwise): a page that rebinds its own DNS name to
 *    127.0.0.1 still sends its own name as Host, so DNS rebinding reaches nothing;
 * 2. no cross-origin browser request (403): no CORS preflight is answered, no `Access-Control-*` header is ever
 *    sent, and a request a page of another origin makes (its `Origin` or `Sec-Fetch-Site` says so) is refused, so
 *    a page cannot change scenarios or empty the journal with a form or a simple request either;
 * 3. with a token configured, `Authorization: Bearer <token>` (401 with `WWW-Authenticate` otherwise; compared in
 *    constant time).
 *
 * Every answer on these paths, the admin API's own included, is `Cache-Control: no-store` (the journal holds
 * identity numbers and whole bodies).
 */
export function adminGuard(access: AdminAccess): RequestHandler {
  const allowed = new Set(access.hosts.map((h) => (h.endsWith('.') ? h.slice(0, -1) : h)));
  return (req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    const host = req.get('host');
    const parsed = host === undefined ? undefined : parseHost(host);
    const hostname = parsed?.hostname.replace(/\.$/, '');
    if (hostname === undefined || !(isLoopbackName(hostname) || allowed.has(hostname))) {
      const named = host === undefined ? 'no Host' : `the Host ${JSON.stringify(host.slice(0, 100))}`;
      return refuse(
        res,
        403,
        'Admin API not served for this host',
        `The admin API answers requests for a loopback name (localhost, 127.0.0.1, [::1]) or a configured adminHosts ` +
          `name, not for ${named}.`,
      );
    }
    const cross = access.shell && isNavigation(req) ? undefined : crossOrigin(req, access.publicBaseUrl);
    if (cross !== undefined) return refuse(res, 403, 'Cross-origin request refused', cross);
    if (access.token !== undefined && !access.shell) {
      const match = /^Bearer +([^ ]+) *$/i.exec(req.get('authorization') ?? '');
      if (!match || !sameToken(match[1]!, access.token)) {
        res.setHeader(
          'WWW-Authenticate',
          match ? `Bearer realm="${REALM}", error="invalid_token"` : `Bearer realm="${REALM}"`,
        );
        return refuse(
          res,
          401,
          'Admin token required',
          match
            ? 'The bearer token is not the admin token.'
            : 'This emulator has an admin token: send it as Authorization: Bearer <token>.',
        );
      }
    }
    next();
  };
}
