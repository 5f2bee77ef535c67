import { deliveryStoreOf } from '../../store/module-stores.js';
import { randomUUID } from 'node:crypto';
import { Router, type NextFunction, type Request, type Response } from 'express';
import { openApiValidator } from '../../http/openapi-validator.js';
import { jsonBody } from '../../http/json-body.js';
import type { RestContext } from '../types.js';
import { authenticate, authorizeDelivery, authorizeTicket } from './auth.js';
import { ContractCatalogue } from './catalogue.js';
import { EMULATED_STATUSES, emulatedError, refuse, ScbError, sendError } from './errors.js';
import { openapi } from './openapi.js';
import { normalizeOrgNr } from './orgnr.js';
import { DeliveryQueue, runningQueues } from './queue.js';
import { decodeBase64, PARAMETERS, readDeliveryRequest } from './request.js';
import { readSettings } from './settings.js';
import { compileDeliverySchema } from './validate-xml.js';

export const MOUNT_PATH = '/scb/api/v1';
const NOT_PROCESSED = 'Not processed';
const PROCESSED = 'Processed';

/** The routes of the submission service, its store and its background queue (started here). */
export function scbRouter(context: RestContext): Router {
  const settings = readSettings(context.config);
  const catalogue = new ContractCatalogue(settings.contracts);
  // Every XML format's schema is compiled now, once: a broken schema stops the start, not a delivery.
  for (const contract of catalogue.all())
    for (const format of contract.deliveryFormats)
      for (const version of format.versions) if (version.kind === 'xml') compileDeliverySchema(version.xsd);
  const store = deliveryStoreOf(context.engine);
  const queue = new DeliveryQueue(store, context.logger, {
    shared: context.shared,
    leaseMs: settings.claimLeaseMs,
  });
  queue.start();
  runningQueues.add(queue);

  const api = Router();
  api.use(emulatorError);
  api.use((req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    res.locals.caller = authenticate(req);
    next();
  });
  api.use(jsonBody({ limit: context.config.bodyLimits.scb }));
  api.use(requiredParameters);
  api.use(
    openApiValidator({
      // The validator annotates the document it is given: it gets its own copy, the served one stays as written.
      apiSpec: structuredClone(openapi) as never,
      validateRequests: true,
      validateResponses: false,
      validateSecurity: false,
    }),
  );

  api.post('/delivery', async (req, res) => {
    const caller = res.locals.caller as string;
    const request = readDeliveryRequest(req.body as Record<string, unknown>);
    const contract = catalogue.contract(request.contract);
    let orgNr: string | undefined;
    if (request.orgNr !== undefined) {
      orgNr = normalizeOrgNr(request.orgNr);
      if (!orgNr) throw refuse.invalidOrgNr(request.orgNr);
      if (!contract.orgNrs.includes(orgNr)) throw refuse.orgNrNotInContract(orgNr, contract.contract);
    }
    authorizeDelivery(caller, contract, orgNr);
    const { format, version } = catalogue.resolve(contract, request.deliveryFormatName, request.externalVersionId);
    const fileContent = decodeBase64(request.fileContent);
    if (!fileContent) throw refuse.invalidFileContent();
    if (fileContent.length === 0) throw refuse.emptyFileContent();
    const ticket = randomUUID();
    const now = Date.now();
    const availableAt = now + settings.processingDelayMs;
    // Committed before the ticket is answered: an acknowledged delivery survives a crash.
    await store.add({
      ticket,
      contract: contract.contract,
      orgNr: orgNr ?? null,
      callerOrgNr: caller,
      test: request.test,
      deliveryFormat: format.name,
      version,
      fileContent,
      receivedAt: new Date(now).toISOString(),
      availableAt,
    });
    queue.notify(availableAt);
    context.logger.info(
      { ticket, contract: contract.contract, format: format.name, version: version.externalVersionId },
      'scb: delivery queued',
    );
    sendJson(res, 200, ticket);
  });

  const deliveryFor = async (req: Request, res: Response) => {
    const ticket = String(req.params.ticket).toLowerCase();
    const delivery = await store.get(ticket);
    if (!delivery) throw refuse.unknownTicket(ticket);
    authorizeTicket(res.locals.caller as string, delivery);
    return delivery;
  };

  api.get('/status/:ticket', async (req, res) => {
    const delivery = await deliveryFor(req, res);
    if (delivery.state !== 'processed') {
      sendJson(res, 202, NOT_PROCESSED);
      return;
    }
    res.location(`${MOUNT_PATH}/delivery/${delivery.ticket}`);
    sendJson(res, 302, PROCESSED);
  });

  api.get('/delivery/:ticket', async (req, res) => {
    const delivery = await deliveryFor(req, res);
    if (delivery.state !== 'processed' || !delivery.result) {
      sendJson(res, 202, NOT_PROCESSED);
      return;
    }
    sendJson(res, 200, delivery.result);
  });

  api.use((req: Request) => {
    throw refuse.notFound(req.originalUrl.split('?')[0]!);
  });
  api.use(errorHandler(context));

  const router = Router();
  router.use(MOUNT_PATH, api);
  return router;
}

/**
 * JSON without an ETag: Express would answer a conditional poll of the unchanging "Not processed" with 304,
 * and a poll must always see the status.
 */
function sendJson(res: Response, status: number, body: unknown): void {
  res.status(status).type('application/json; charset=utf-8').end(JSON.stringify(body));
}

/** X-Emulator-Error: a listed status is answered at once; any other value is left for the validator to refuse. */
function emulatorError(req: Request, res: Response, next: NextFunction): void {
  const value = req.get('X-Emulator-Error');
  if (value !== undefined && EMULATED_STATUSES[Number(value)]) {
    sendError(res, emulatedError(Number(value)));
    return;
  }
  next();
}

/**
 * Contract and fileContent are required in either spelling. The schema says so too (anyOf), but its message
 * would list both spellings and the anyOf; this names the parameter as the service description does.
 */
function requiredParameters(req: Request, _res: Response, next: NextFunction): void {
  const body = req.body as unknown;
  if (req.method === 'POST' && req.path === '/delivery' && typeof body === 'object' && body && !Array.isArray(body)) {
    const b = body as Record<string, unknown>;
    for (const names of [PARAMETERS.contract, PARAMETERS.fileContent])
      if (names.every((n) => b[n] === undefined)) throw refuse.missingParameter(names[0]);
  }
  next();
}

interface ValidatorError {
  status?: number;
  type?: string;
  errors?: { path?: string; message?: string }[];
  headers?: Record<string, string>;
}

/** Every error in the service's own body shape; never the validator's or Express's default, never a stack. */
function errorHandler(context: RestContext) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    if (res.headersSent) return;
    if (error instanceof ScbError) {
      sendError(res, error);
      return;
    }
    const e = (error ?? {}) as ValidatorError;
    if (e.type === 'entity.parse.failed') {
      sendError(res, refuse.invalidRequest(['Anropets innehåll är inte giltig JSON.']));
    } else if (e.type === 'entity.too.large' || e.status === 413) {
      sendError(res, refuse.tooLarge(context.config.bodyLimits.scb));
    } else if (e.type === 'charset.unsupported' || e.type === 'encoding.unsupported' || e.status === 415) {
      sendError(res, refuse.unsupportedMediaType());
    } else if (e.status === 404) {
      sendError(res, refuse.notFound(req.originalUrl.split('?')[0]!));
    } else if (e.status === 405) {
      sendError(res, refuse.methodNotAllowed(req.method, e.headers?.Allow ?? ''));
    } else if (e.status === 400 && Array.isArray(e.errors)) {
      sendError(
        res,
        refuse.invalidRequest(
          e.errors.map(
            (v) => `${(v.path ?? '').replace(/^\/(body|params|headers|query)\/?/, '') || 'body'}: ${v.message ?? ''}`,
          ),
        ),
      );
    } else {
      context.logger.error({ err: error }, 'scb: unexpected error');
      sendError(res, refuse.internal());
    }
  };
}
