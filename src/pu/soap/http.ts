import type { IncomingMessage, ServerResponse } from 'node:http';
import { Router, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import { readWsdl, rewriteWsdl } from '../../http/contract-files.js';
import { publicBase } from '../../http/public-base.js';
import { rawBody, requireSoap11MediaType, sendFault, soapBodyErrors } from '../../http/soap-edge.js';
import { headerOf } from '../../http/caller-identity.js';
import { writeFault, type FrontDoor } from '../../http/front-door.js';
import { postFrontDoor } from '../../http/post-front-door.js';
import { addJournalDetails, type JournaledResponse } from '../../journal/http-journal.js';
import type { Journal } from '../../journal/journal.js';
import type { Population } from '../../population/population.js';
import { parseTodayHeader, TODAY_HEADER, TodayError } from '../../scenario/today.js';
import { MESSAGE_SCAN_LIMITS } from '../../xml/parse.js';
import { consumerIdOf, type PuConsumer } from '../consumers.js';
import type { PuRegistry } from '../registry.js';
import { PuSoapService } from './service.js';

export const PU_SOAP_PATH = '/pu/v5/GetPersonsForProfile';
export const PU_SOAP_TITLE = 'Personuppgiftstjänsten (Inera) – GetPersonsForProfile 5.0 (SOAP, RIV-TA BP 2.1)';
const WSDL_FILE = 'pu/GetPersonsForProfileInteraction_5.0_RIVTABP21.wsdl';

export interface PuSoapRouterOptions {
  population: Population;
  registry: PuRegistry;
  consumers: ReadonlyMap<string, PuConsumer>;
  today: () => string;
  maxBodyBytes: number;
  logger: Logger;
  validateReplies?: boolean;
  /** Base of the addresses in the served WSDL (Config.publicBaseUrl); unset: the client's scheme and Host. */
  publicBaseUrl?: string;
  /** The service the front door shares (puSoapService); made here when absent. */
  service?: PuSoapService;
}

/**
 * Personuppgiftstjänsten GetPersonsForProfile 5.0: POST (SOAP 1.1, RIV-TA BP 2.1) and GET ?wsdl. The caller is the
 * consumer named by the X-PU-Consumer header, or over TLS by its client certificate's serialNumber.
 */
export function puSoapRouter(options: PuSoapRouterOptions): Router {
  const router = Router();
  const wsdl = readWsdl(WSDL_FILE);
  const service = options.service ?? puSoapService(options);

  router.get(PU_SOAP_PATH, (req, res) => {
    if (req.query.wsdl === undefined && req.query.WSDL === undefined) {
      sendFault(res, 405, 'Client', `Use POST with a SOAP 1.1 envelope; GET ${PU_SOAP_PATH}?wsdl serves the WSDL.`);
      return;
    }
    const base = publicBase(req, res, options.publicBaseUrl);
    res.type('text/xml; charset=utf-8').send(rewriteWsdl(wsdl, `${base}${PU_SOAP_PATH}`, base));
  });

  router.post(
    PU_SOAP_PATH,
    requireSoap11MediaType,
    rawBody(options.maxBodyBytes, MESSAGE_SCAN_LIMITS),
    (req: Request, res: Response) => answerPu(service, options, req, res, req.body as Buffer),
    soapBodyErrors(options.maxBodyBytes),
  );
  return router;
}

/** PU's service, made once for the router and the front door. */
export function puSoapService(options: PuSoapRouterOptions): PuSoapService {
  return new PuSoapService({
    population: options.population,
    registry: options.registry,
    consumers: options.consumers,
    today: options.today,
    validateReplies: options.validateReplies,
    onInternalError: (error) => options.logger.error({ err: error }, 'GetPersonsForProfile: internal error'),
  });
}

/**
 * POST /pu/v5/GetPersonsForProfile answered below express (http/post-front-door.ts), as the router answers it: an
 * ordinary text/xml request to exactly that path.
 */
export function puSoapFrontDoor(
  service: PuSoapService,
  options: PuSoapRouterOptions & { journal: Journal; serviceOf(method: string, path: string): string | undefined },
): FrontDoor {
  return postFrontDoor<true>({
    ...options,
    pathOf: (url) => (url === PU_SOAP_PATH ? PU_SOAP_PATH : undefined),
    reads: (type) => type === 'text/xml',
    admit: () => true,
    answer: (req, res, body) => answerPu(service, options, req, res, body),
  });
}

/** One GetPersonsForProfile, its body read: the service's answer, the journal's details and one log line. */
function answerPu(
  service: PuSoapService,
  options: Pick<PuSoapRouterOptions, 'today' | 'logger'>,
  req: IncomingMessage,
  res: ServerResponse & Pick<JournaledResponse, 'locals'>,
  bytes: Buffer,
): void {
  const started = performance.now();
  let today: string | undefined;
  try {
    today = parseTodayHeader(headerOf(req, TODAY_HEADER));
  } catch (error) {
    if (!(error instanceof TodayError)) throw error;
    writeFault(res, 500, 'Client', `Invalid ${error.message}`);
    return;
  }
  const result = service.handle(bytes, consumerIdOf(req), today);
  addJournalDetails(res, {
    today: today ?? options.today(),
    operation: 'GetPersonsForProfile',
    outcome: result.summary.outcome,
  });
  // Written directly, as the SSBTEK endpoint writes: express's send() would hash every reply (up to several
  // hundred KB for 500 identities) for an ETag no SOAP client uses.
  const body = Buffer.from(result.body, 'utf8');
  res.writeHead(result.status, { 'content-type': 'text/xml; charset=utf-8', 'content-length': body.length });
  res.end(body);
  options.logger.info({
    msg: 'pu:GetPersonsForProfile',
    ...result.summary,
    durationMs: Math.round((performance.now() - started) * 10) / 10,
  });
}
