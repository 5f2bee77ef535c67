import { createHash, timingSafeEqual } from 'node:crypto';
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { openApiValidator } from '../../http/openapi-validator.js';
import { refuseOversizeBody } from '../../http/body-limit.js';
import type { RestContext } from '../types.js';
import { oauth2Settings, type OAuth2Client } from './settings.js';
import { AuthThrottle } from './throttle.js';
import { issueAccessToken } from './tokens.js';

export const OAUTH2_MOUNT_PATH = '/oauth2/v1';
const TOKEN_PATH = '/sys/token';

type OAuth2ErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unsupported_grant_type'
  | 'invalid_scope'
  | 'server_error'
  | 'temporarily_unavailable';

/** An error answer in OAuth2's own shape (RFC 6749 §5.2), never cached. */
function oauthError(res: Response, status: number, error: OAuth2ErrorCode, description: string): void {
  res.set({ 'Cache-Control': 'no-store', Pragma: 'no-cache' });
  // RFC 6749 §5.2: a failed client authentication is a 401 that names the scheme the client may use.
  if (error === 'invalid_client') res.set('WWW-Authenticate', 'Basic realm="oauth2", charset="UTF-8"');
  res.status(status).json({ error, error_description: description });
}

/** The emulated token endpoint: POST /oauth2/v1/sys/token, client credentials grant only. */
export function oauth2Router(context: RestContext, openapi: Record<string, unknown>): Router {
  const settings = oauth2Settings(context.config);
  const logger = context.logger.child({ rest: 'oauth2' });
  const throttle =
    settings.throttle && new AuthThrottle(settings.throttle, new Set(settings.clients.map((c) => c.clientId)));
  const inner = Router();

  inner.use((req, res, next) => {
    if (req.path.replace(/\/$/, '') !== TOKEN_PATH) {
      oauthError(res, 404, 'invalid_request', `no such endpoint: ${OAUTH2_MOUNT_PATH}${req.path}`);
    } else if (req.method !== 'POST') {
      res.set('Allow', 'POST');
      oauthError(res, 405, 'invalid_request', 'the token endpoint accepts POST only');
    } else if (!req.is('application/x-www-form-urlencoded')) {
      oauthError(res, 400, 'invalid_request', 'the body must be application/x-www-form-urlencoded');
    } else next();
  });
  inner.use(refuseOversizeBody(context.config.bodyLimits.oauth2));
  inner.use(express.urlencoded({ extended: false, limit: context.config.bodyLimits.oauth2, parameterLimit: 20 }));
  inner.use(
    openApiValidator({
      apiSpec: structuredClone(openapi) as never,
      validateRequests: { allErrors: true },
      validateResponses: false,
      validateSecurity: false,
      fileUploader: false,
    }),
  );

  inner.post(TOKEN_PATH, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const repeated = ['grant_type', 'client_id', 'client_secret', 'scope'].find((k) => Array.isArray(body[k]));
    if (repeated) return oauthError(res, 400, 'invalid_request', `parameter ${repeated} is repeated`);

    const credentials = clientCredentials(req, body);
    const clientId = 'problem' in credentials ? undefined : credentials.clientId;
    const address = req.socket.remoteAddress;
    // A locked caller is refused before its secret is looked at: while locked, guessing tells nothing.
    const waitMs = throttle?.retryAfterMs(clientId, address) ?? 0;
    if (waitMs > 0) {
      const seconds = Math.ceil(waitMs / 1000);
      logger.info({ clientId, address, outcome: 'throttled', retryAfter: seconds }, 'token refused');
      res.set('Retry-After', String(seconds));
      return oauthError(
        res,
        429,
        'temporarily_unavailable',
        `too many failed client authentications; try again in ${seconds} s`,
      );
    }
    if ('problem' in credentials) {
      const status = credentials.problem.code === 'invalid_client' ? 401 : 400;
      if (status === 401) throttle?.failed(undefined, address);
      logger.info({ outcome: credentials.problem.code }, 'token refused');
      return oauthError(res, status, credentials.problem.code, credentials.problem.description);
    }
    const client = settings.clients.find((c) => c.clientId === credentials.clientId);
    if (!client || !sameSecret(credentials.clientSecret, client.clientSecret)) {
      throttle?.failed(credentials.clientId, address);
      logger.info({ clientId: credentials.clientId, outcome: 'invalid_client' }, 'token refused');
      return oauthError(res, 401, 'invalid_client', 'unknown client or wrong client secret');
    }
    throttle?.succeeded(client.clientId, address);

    const grantType = body.grant_type as string;
    if (grantType === 'refresh_token') {
      // Client credentials tokens come without refresh tokens (RFC 6749 §4.4.3), so no refresh token is valid.
      return oauthError(res, 400, 'invalid_grant', 'no refresh token was ever issued to this client');
    }
    if (grantType !== 'client_credentials') {
      return oauthError(res, 400, 'unsupported_grant_type', `grant_type "${grantType}" is not supported`);
    }

    const scopes = requestedScopes(body.scope as string | undefined, client);
    if ('notAllowed' in scopes) {
      logger.info({ clientId: client.clientId, outcome: 'invalid_scope' }, 'token refused');
      return oauthError(
        res,
        400,
        'invalid_scope',
        `scope ${scopes.notAllowed} is not allowed for client ${client.clientId}`,
      );
    }
    const token = await issueAccessToken(settings, client.clientId, scopes.granted);
    logger.info({ clientId: client.clientId, scope: token.scope, outcome: 'issued' }, 'token issued');
    res.set({ 'Cache-Control': 'no-store', Pragma: 'no-cache' });
    res.json(token);
  });

  // Body parser and validator errors: the request is malformed, said in OAuth2's shape.
  inner.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const status = (error as { status?: number }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return oauthError(res, 400, 'invalid_request', describeBadRequest(error));
    }
    logger.error({ err: error }, 'token endpoint failed');
    oauthError(res, 500, 'server_error', 'the token endpoint failed; try again');
  });

  const router = Router();
  router.use(OAUTH2_MOUNT_PATH, inner);
  return router;
}

type Credentials =
  | { clientId: string; clientSecret: string }
  | { problem: { code: 'invalid_client' | 'invalid_request'; description: string } };

/** Client authentication by HTTP Basic (RFC 6749 §2.3.1) or by form parameters, never both. */
function clientCredentials(req: Request, body: Record<string, unknown>): Credentials {
  const header = req.get('authorization');
  const inForm = body.client_id !== undefined || body.client_secret !== undefined;
  if (header !== undefined) {
    if (inForm) {
      return { problem: { code: 'invalid_request', description: 'use one client authentication method, not two' } };
    }
    const basic = parseBasic(header);
    if (!basic) return { problem: { code: 'invalid_client', description: 'malformed Basic authorization header' } };
    return basic;
  }
  const { client_id: clientId, client_secret: clientSecret } = body;
  if (typeof clientId !== 'string' || clientId === '' || typeof clientSecret !== 'string') {
    return { problem: { code: 'invalid_client', description: 'client authentication is missing' } };
  }
  return { clientId, clientSecret };
}

function parseBasic(header: string): { clientId: string; clientSecret: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 1) return undefined;
  try {
    // The id and secret are form-urlencoded before they are joined (RFC 6749 §2.3.1).
    const unescape = (s: string): string => decodeURIComponent(s.replace(/\+/g, ' '));
    return { clientId: unescape(decoded.slice(0, colon)), clientSecret: unescape(decoded.slice(colon + 1)) };
  } catch {
    return undefined;
  }
}

/** Compares secrets in constant time (over their digests, so different lengths leak nothing either). */
function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** No scope asked: every scope the client is allowed (RFC 6749 §3.3 lets the server pick a default). */
function requestedScopes(
  scope: string | undefined,
  client: OAuth2Client,
): { granted: string[] } | { notAllowed: string } {
  const asked = (scope ?? '').split(' ').filter((s) => s !== '');
  if (asked.length === 0) return { granted: [...client.scopes] };
  const notAllowed = asked.find((s) => !client.scopes.includes(s));
  return notAllowed === undefined ? { granted: [...new Set(asked)] } : { notAllowed };
}

function describeBadRequest(error: unknown): string {
  const { type, errors } = error as { type?: string; errors?: { path?: string; message?: string }[] };
  if (type === 'entity.too.large') return 'the request body is too large';
  if (type === 'parameters.too.many') return 'too many parameters';
  if (Array.isArray(errors) && errors.length > 0) {
    return errors
      .map((e) => {
        const missing = /must have required property '([^']+)'/.exec(e.message ?? '');
        if (missing) return `missing parameter ${missing[1]}`;
        const field = (e.path ?? '').replace(/^\.body\./, '');
        return `${field} ${e.message ?? 'is invalid'}`;
      })
      .join('; ');
  }
  return 'malformed request';
}
