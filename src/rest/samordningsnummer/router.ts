import { fornyelseStoreOf } from '../../store/module-stores.js';
import { Router, type NextFunction, type Request, type Response } from 'express';
import { openApiValidator } from '../../http/openapi-validator.js';
import { bytesText } from '../../config.js';
import { jsonBody } from '../../http/json-body.js';
import type { Logger } from 'pino';
import { oauth2Settings } from '../oauth2/settings.js';
import type { RestContext } from '../types.js';
import {
  describeValidatorErrors,
  regelfel,
  sendErrors,
  sendSeedMessage,
  valideringsfel,
  type Felpost,
} from './errors.js';
import { bedom, type Bedomning } from './fornyelse.js';
import {
  authentication,
  callInfo,
  contentNegotiation,
  emulatorError,
  operationPath,
  rateLimit,
  routes,
  traceability,
} from './guards.js';
import { SlidingWindowLimiter } from './rate-limit.js';
import { samordningsnummerSettings } from './settings.js';
import type { Fornyelse } from './store.js';

export const SAMORDNINGSNUMMER_MOUNT_PATH = '/folkbokforing/samordningsnummer/v1';
const ANMAL = '/fornyelse/anmal';

/**
 * Folkbokföring – Samordningsnummer v1. The order of the checks is the order a gateway and then the service make
 * them: route (404/405), token (401/403), capacity (429), emulated failure, media types (406/415), the request
 * against the OpenAPI document (400), then the business rules.
 */
export function samordningsnummerRouter(context: RestContext, openapi: Record<string, unknown>): Router {
  const store = fornyelseStoreOf(context.engine);
  const limiter = new SlidingWindowLimiter(samordningsnummerSettings(context.config).requestsPerSecond);
  const logger = context.logger.child({ rest: 'samordningsnummer' });
  const inner = Router();

  inner.use(traceability, logRequest(logger), routes, authentication(oauth2Settings(context.config)));
  inner.use(rateLimit(limiter), emulatorError, contentNegotiation);
  inner.use(jsonBody({ limit: context.config.bodyLimits.samordningsnummer, strict: true }));
  inner.use(
    openApiValidator({
      apiSpec: structuredClone(openapi) as never,
      // Unknown query parameters are ignored, as unknown JSON fields are: the service defines none.
      validateRequests: { allErrors: true, allowUnknownQueryParameters: true },
      validateResponses: false,
      validateSecurity: false,
      fileUploader: false,
    }),
  );

  inner.post(ANMAL, async (req, res) => {
    const { ingivarnamn, samordningsnummer } = req.body as { ingivarnamn: string; samordningsnummer: string };
    const info = callInfo(res);
    const today = context.today();
    const { bedomning, fornyelse } = await store.iTransaktion(async (tx) => {
      const b = bedom({
        samordningsnummer,
        today,
        population: context.population,
        senaste: await tx.senaste(samordningsnummer),
      });
      if (b.utfall !== 'fornyas') return { bedomning: b, fornyelse: undefined };
      const ny: Fornyelse = {
        samordningsnummer,
        ingivarnamn,
        clientId: info.clientId ?? '',
        klientKorrelationsId: info.clientCorrelationId ?? '',
        korrelationsId: info.correlationId,
        mottagen: new Date().toISOString(),
        fornyadDatum: today,
        aktivTom: b.aktivTom,
        varVilande: b.varVilande,
      };
      await tx.spara(ny);
      // The same transaction registers it with the population, so every service sees the number as renewed.
      await tx.registrera({
        personidentitet: samordningsnummer,
        status: 'FORNYAD',
        since: today,
        details: {
          ingivarnamn,
          aktivTom: ny.aktivTom,
          varVilande: ny.varVilande,
          kalla: 'folkbokforing/samordningsnummer/v1',
        },
      });
      return { bedomning: b, fornyelse: ny };
    });
    res.locals.outcome = bedomning.utfall;
    if (fornyelse) return void res.json(kvitto(fornyelse, false));
    if (bedomning.utfall === 'redan-fornyat') return void res.json(kvitto(bedomning.fornyelse, true));
    sendErrors(res, [felFor(bedomning, samordningsnummer)]);
  });

  inner.get('/ping', (req, res) => {
    const info = callInfo(res);
    const echo = {
      skv_correlation_id: info.correlationId,
      skv_client_correlation_id: info.clientCorrelationId ?? '',
      skv_user: req.get('skv_user') || (info.clientId ?? ''),
    };
    // The seed's ping logs every input parameter it is given.
    logger.info(echo, 'ping');
    res.json(echo);
  });

  inner.use(errorHandler(logger, context.config.bodyLimits.samordningsnummer));

  const router = Router();
  router.use(SAMORDNINGSNUMMER_MOUNT_PATH, inner);
  return router;
}

function kvitto(f: Fornyelse, redanFornyat: boolean): Record<string, unknown> {
  return {
    status: 'MOTTAGEN',
    samordningsnummer: f.samordningsnummer,
    ingivarnamn: f.ingivarnamn,
    mottagen: f.mottagen,
    aktivTom: f.aktivTom,
    redanFornyat,
  };
}

function felFor(bedomning: Bedomning, samordningsnummer: string): Felpost {
  switch (bedomning.utfall) {
    case 'ogiltigt':
      return valideringsfel(ANMAL, bedomning.overtradelse);
    case 'okant':
      return regelfel(
        ANMAL,
        'samordningsnummer',
        'SAMORDNINGSNUMMER_SAKNAS',
        `Samordningsnumret ${samordningsnummer} finns inte hos Skatteverket.`,
      );
    case 'ej-aktuellt':
      return regelfel(
        ANMAL,
        'samordningsnummer',
        'FORNYELSE_EJ_AKTUELL',
        `Samordningsnumret ${samordningsnummer} ${bedomning.senastFornyad ? `förnyades ${bedomning.senastFornyad} och ` : ''}` +
          `är aktivt till och med ${bedomning.aktivTom}; det kan förnyas tidigast ${bedomning.kanFornyasFran}.`,
      );
    default:
      throw new Error(`no error for outcome ${bedomning.utfall}`);
  }
}

/** Body parser and validator findings in the seed's shapes; anything else is a logged 500, never a stack trace. */
function errorHandler(logger: Logger, maxBody: number) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const { status, type } = error as { status?: number; type?: string };
    const path = operationPath(req);
    if (type === 'entity.parse.failed') return sendErrors(res, [valideringsfel(path, 'body must be valid JSON')]);
    if (type === 'entity.too.large') {
      return sendErrors(res, [valideringsfel(path, `body must not be larger than ${bytesText(maxBody)}`)]);
    }
    if (status === 415 || type === 'charset.unsupported' || type === 'encoding.unsupported') {
      return sendSeedMessage(res, 415);
    }
    if (status === 404 || status === 405 || status === 406) return sendSeedMessage(res, status);
    if (status === 400) {
      return sendErrors(
        res,
        describeValidatorErrors(error).map((d) => valideringsfel(path, d)),
      );
    }
    logger.error({ err: error }, 'samordningsnummer failed');
    if (!res.headersSent) sendSeedMessage(res, 500);
  };
}

/** One log line per call: operation, status, outcome and the traceability ids (the number only at debug). */
function logRequest(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const info = callInfo(res);
      const line = {
        operation: `${req.method} ${operationPath(req)}`,
        status: res.statusCode,
        outcome: res.locals.outcome ?? res.locals.authProblem,
        clientId: info.clientId,
        skv_client_correlation_id: info.clientCorrelationId,
        skv_correlation_id: info.correlationId,
        durationMs: Number(process.hrtime.bigint() - started) / 1e6,
      };
      const body = req.body as { samordningsnummer?: unknown } | undefined;
      if (logger.isLevelEnabled('debug')) logger.debug({ ...line, samordningsnummer: body?.samordningsnummer }, 'call');
      else logger.info(line, 'call');
    });
    next();
  };
}
