/**
 * HTTP for the birth report service: POST /birthreport/v1/birthreport (the mount path) and POST /v1/birthreport
 * (the path Inera documents, with the emulator root as base URL). Every request is checked against the OpenAPI
 * document by express-openapi-validator; every error leaves in the service's own error shape.
 */
import { birthReportStoreOf } from '../../store/module-stores.js';
import { Router, type NextFunction, type Request, type Response } from 'express';
import { openApiValidator } from '../../http/openapi-validator.js';
import { bytesText } from '../../config.js';
import { jsonBody } from '../../http/json-body.js';
import type { RestContext } from '../types.js';
import { birthReportCallers, callerIdOf } from './callers.js';
import { EMULATED_DETAILS, EMULATED_ERROR_STATUSES, apiError, forbiddenBody, type InvalidParameter } from './errors.js';
import { BIRTH_REPORT_OPENAPI } from './openapi.js';
import type { BirthReport } from './report.js';
import { ruleViolations } from './rules.js';
import { BirthReportService } from './service.js';
import { fromValidatorErrors, type ValidatorErrorItem } from './validator-errors.js';

export const MOUNT_PATH = '/birthreport';
export const OPERATION_PATHS = [`${MOUNT_PATH}/v1/birthreport`, '/v1/birthreport'];

export function birthReportRouter(context: RestContext): Router {
  // A birth report is a few hundred bytes; anything near the limit (64 KB by default) is not one.
  const maxBody = context.config.bodyLimits.birthreport;
  const store = birthReportStoreOf(context.engine);
  const service = new BirthReportService(store, context.registry, context.today);
  const log = context.logger.child({ service: 'birthreport' });
  const callers = birthReportCallers(context.config);
  const validator = openApiValidator({
    // A copy: the validator may annotate the document it is given, and the served one must stay as written.
    apiSpec: structuredClone(BIRTH_REPORT_OPENAPI) as never,
    validateRequests: { allErrors: true },
    validateResponses: false,
    validateSecurity: false,
    validateFormats: true,
    ajvFormats: { mode: 'full' },
  });

  const emulatedError = (req: Request): number | undefined => {
    const value = Number(req.get('x-emulator-error'));
    return (EMULATED_ERROR_STATUSES as readonly number[]).includes(value) ? value : undefined;
  };

  // A caller the service does not know (or none), and a forbidden one, are turned away before the request is read.
  const forbidden = (req: Request, res: Response, next: NextFunction): void => {
    const traceId = req.get('x-trace-id');
    const caller = callerIdOf(req);
    if (caller === undefined || !callers.has(caller)) {
      const reason = caller === undefined ? 'no caller identity' : 'unknown caller';
      log.info({ traceId, status: 403, caller: caller?.slice(0, 100), reason }, 'birth report refused');
      res.status(403).json(forbiddenBody(req.path));
      return;
    }
    res.locals.caller = caller;
    if (emulatedError(req) !== 403) return next();
    log.info({ traceId, caller, status: 403 }, 'birth report refused (emulated 403)');
    res.status(403).json(forbiddenBody(req.path));
  };

  const handle = async (req: Request, res: Response): Promise<void> => {
    const traceId = req.get('x-trace-id');
    const violations = ruleViolations(req.body, context.today());
    if (violations.length > 0) return badRequest(res, violations, traceId);
    const injected = emulatedError(req);
    if (injected !== undefined) {
      log.info({ traceId, status: injected }, 'birth report not handled (emulated error)');
      res.status(injected).json(apiError(injected, EMULATED_DETAILS[injected] ?? 'Emulated error.'));
      return;
    }
    const report = req.body as BirthReport;
    const outcome = await service.report(report);
    log.info(
      {
        traceId,
        caller: res.locals.caller as string,
        reportId: report.reportId,
        status: outcome.status,
        replayed: outcome.replayed,
        ...(outcome.status === 202 ? { code: outcome.body.message.messageConfirmationCode } : {}),
      },
      'birth report answered',
    );
    if (outcome.status === 201) log.debug({ personidentitet: outcome.body.personalIdentityNumber }, 'new number');
    res.status(outcome.status).json(outcome.body);
  };

  const badRequest = (res: Response, violations: InvalidParameter[], traceId: string | undefined): void => {
    // Keys in the order Inera's description lists them.
    const listed = violations.map(({ reason, value, property }) => ({ reason, value, property }));
    const body = apiError(400, `The report has ${violations.length} invalid parameter(s).`, listed);
    log.info({ traceId, errorId: body.errorId, properties: violations.map((v) => v.property) }, 'invalid report');
    res.status(400).json(body);
  };

  const onError = (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const traceId = req.get('x-trace-id');
    const e = (error ?? {}) as { status?: number; type?: string; errors?: ValidatorErrorItem[]; message?: string };
    if (e.type === 'entity.parse.failed') {
      res.status(422).json(apiError(422, 'The body is not valid JSON.'));
    } else if (e.type === 'entity.too.large') {
      res.status(413).json(apiError(413, `The body is larger than ${bytesText(maxBody)}.`));
    } else if (e.type === 'charset.unsupported' || e.type === 'encoding.unsupported') {
      res.status(415).json(apiError(415, e.message ?? 'Unsupported encoding.'));
    } else if (e.status === 400 && Array.isArray(e.errors)) {
      // Schema violations and the service's own rules together: the caller sees every problem at once.
      const fromSchema = fromValidatorErrors(e.errors, req.body, req.headers);
      const seen = new Set(fromSchema.map((v) => v.property));
      const fromRules = ruleViolations(req.body, context.today()).filter((v) => !seen.has(v.property));
      badRequest(res, [...fromSchema, ...fromRules], traceId);
    } else if (e.status === 405 || e.status === 415) {
      if (e.status === 405) res.set('Allow', 'POST');
      res.status(e.status).json(apiError(e.status, e.message ?? ''));
    } else {
      const body = apiError(500, 'An unexpected error occurred.');
      log.error({ err: error, traceId, errorId: body.errorId }, 'birth report failed');
      if (!res.headersSent) res.status(500).json(body);
    }
  };

  const router = Router();
  router.all(OPERATION_PATHS, forbidden, jsonBody({ limit: maxBody }), ...validator, handle, onError);
  return router;
}
