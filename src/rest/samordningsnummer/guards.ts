import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { OAuth2Settings } from '../oauth2/settings.js';
import { verifyAccessToken } from '../oauth2/tokens.js';
import { INVALID_SCOPE_BODY, sendErrors, sendSeedMessage, valideringsfel } from './errors.js';
import type { SlidingWindowLimiter } from './rate-limit.js';
import { REQUIRED_SCOPE } from './settings.js';
import { mediaTypeOf } from '../../http/media-type.js';

/** What the guards learn about a call, for the handlers and the log line. */
export interface CallInfo {
  correlationId: string;
  clientCorrelationId?: string;
  clientId?: string;
}

export function callInfo(res: Response): CallInfo {
  return res.locals.samordningsnummer as CallInfo;
}

/** The operations and their one method each; everything else under the mount path is 404 or 405. */
export const OPERATIONS: Readonly<Record<string, string>> = { '/fornyelse/anmal': 'POST', '/ping': 'GET' };

export function operationPath(req: Request): string {
  return req.path.length > 1 ? req.path.replace(/\/$/, '') : req.path;
}

/**
 * Traceability (seed §5.1.2): every answer carries the service's own correlation id (a gateway's, when one came
 * in) and repeats the caller's, so either side can find the call in the other's logs.
 */
export const traceability: RequestHandler = (req, res, next) => {
  const info: CallInfo = {
    correlationId: req.get('skv_correlation_id') || randomUUID(),
    clientCorrelationId: req.get('skv_client_correlation_id') || undefined,
  };
  res.locals.samordningsnummer = info;
  res.set('skv_correlation_id', info.correlationId);
  if (info.clientCorrelationId) res.set('skv_client_correlation_id', info.clientCorrelationId);
  next();
};

/** 404 for a path the service does not have, 405 for a method an operation does not take. */
export const routes: RequestHandler = (req, res, next) => {
  const method = OPERATIONS[operationPath(req)];
  if (method === undefined) return sendSeedMessage(res, 404);
  if (req.method !== method) {
    res.set('Allow', method);
    return sendSeedMessage(res, 405);
  }
  next();
};

/** 401 without a valid access token (missing, malformed, tampered, expired, another audience); 403 without `esnr`. */
export function authentication(settings: OAuth2Settings): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '');
    const check = bearer ? await verifyAccessToken(settings, bearer[1]!) : undefined;
    if (!check?.valid) {
      res.locals.authProblem = check ? check.reason : 'missing';
      res.set('WWW-Authenticate', bearer ? 'Bearer error="invalid_token"' : 'Bearer');
      return sendSeedMessage(res, 401);
    }
    callInfo(res).clientId = check.clientId;
    if (!check.scopes.includes(REQUIRED_SCOPE)) {
      res.set('WWW-Authenticate', `Bearer error="insufficient_scope", scope="${REQUIRED_SCOPE}"`);
      res.status(403).json(INVALID_SCOPE_BODY);
      return;
    }
    next();
  };
}

/** 429 above the capacity, counted per client (the token's subject). */
export function rateLimit(limiter: SlidingWindowLimiter): RequestHandler {
  return (_req, res, next) => {
    const taken = limiter.take(callInfo(res).clientId ?? '');
    if (taken.admitted) return next();
    res.set('Retry-After', String(Math.max(1, Math.ceil(taken.retryAfterMs / 1000))));
    sendSeedMessage(res, 429);
  };
}

const EMULATED_ERRORS = { '500': 500, '503': 503, '504': 504 } as const;

/** `X-Emulator-Error: 500|503|504`: the failures a real call can meet that no rule of this service produces. */
export const emulatorError: RequestHandler = (req, res, next) => {
  const wanted = req.get('x-emulator-error');
  if (wanted === undefined) return next();
  const status = EMULATED_ERRORS[wanted.trim() as keyof typeof EMULATED_ERRORS];
  if (status) return sendSeedMessage(res, status);
  sendErrors(res, [valideringsfel(operationPath(req), 'X-Emulator-Error must be one of 500, 503, 504')]);
};

/** 406 when the caller does not accept JSON; 415 when an anmälan is not sent as JSON. */
export const contentNegotiation: RequestHandler = (req, res, next) => {
  if (!req.accepts('application/json')) return sendSeedMessage(res, 406);
  if (req.method === 'POST') {
    if (mediaTypeOf(req) !== 'application/json') return sendSeedMessage(res, 415);
  }
  next();
};
