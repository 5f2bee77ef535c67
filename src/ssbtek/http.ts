import { Router, type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import { clientGone, rawBody, requireSoap11MediaType, sendFault, soapBodyErrors } from '../http/soap-edge.js';
import { readWsdl, rewriteWsdl } from '../http/contract-files.js';
import { publicBase } from '../http/public-base.js';
import type { IncomingMessage } from 'node:http';
import { headerOf } from '../http/caller-identity.js';
import { addJournalDetails, type JournalDetails, type JournaledResponse } from '../journal/http-journal.js';
import {
  nativeRequestRecord,
  nativeResponseRecord,
  type Journal,
  type JournalServiceCall,
} from '../journal/journal.js';
import type { Metrics } from '../metrics/metrics.js';
import { MESSAGE_SCAN_LIMITS } from '../xml/parse.js';
import { SCENARIO_HEADER } from '../scenario/header.js';
import { TODAY_HEADER } from '../scenario/today.js';
import type { ExchangeSummary, PipelineResult, SsbtekPipeline } from './pipeline.js';
import type { TjanstAnrop } from './model.js';
import { identifyCaller, type CallerMode } from './callers/identity.js';

const WSDL_FILES = {
  v10: 'ssbtek/v10/Sammansatt_Bastjanst_v10.wsdl',
  v11: 'ssbtek/v11/Sammansatt_Bastjanst_v11.wsdl',
  v1: 'ssbtek/v1/Sammansatt_Bastjanst_v1.wsdl',
} as const;
type WsdlVersion = keyof typeof WSDL_FILES;

/** `?version=` of GET /ssbtek?wsdl: 10 (the default), 11, or 1 (the seed's). */
const WSDL_VERSIONS: Record<string, WsdlVersion> = { '1': 'v1', '10': 'v10', '11': 'v11' };

export const SSBTEK_PATH = '/ssbtek';
export const SSBTEK_TITLE = 'SSBTEK – sammansatt bastjänst (Försäkringskassan), every dialect on one endpoint';

/** Where a dialect's WSDL is served (GET), or undefined for a dialect without one. */
export function ssbtekWsdlHref(dialect: string): string | undefined {
  if (dialect === 'v10') return `${SSBTEK_PATH}?wsdl`;
  const version = Object.entries(WSDL_VERSIONS).find(([, v]) => v === dialect)?.[0];
  return version && `${SSBTEK_PATH}?wsdl&version=${version}`;
}

/**
 * The SSBTEK endpoint: POST /ssbtek (SOAP 1.1, every dialect, dispatched by the Body child's qualified name) and
 * GET /ssbtek?wsdl (v10; `&version=11` or /ssbtek/v11?wsdl for v11, `&version=1` or /ssbtek/v1?wsdl for the
 * seed's v1).
 */
export function ssbtekRouter(
  pipeline: SsbtekPipeline,
  options: {
    maxBodyBytes: number;
    logger: Logger;
    journal: Journal;
    metrics: Metrics;
    /** Base of the addresses in served WSDLs (Config.publicBaseUrl); unset: the client's scheme and Host. */
    publicBaseUrl?: string;
    /** Whether a request must name its caller (Config.callerMode; default permissive). */
    callerMode?: CallerMode;
  },
): Router {
  const router = Router();
  const wsdls = { v10: readWsdl(WSDL_FILES.v10), v11: readWsdl(WSDL_FILES.v11), v1: readWsdl(WSDL_FILES.v1) };

  const serveWsdl = (version: WsdlVersion) => (req: Request, res: Response) => {
    const base = publicBase(req, res, options.publicBaseUrl);
    res.type('text/xml; charset=utf-8').send(rewriteWsdl(wsdls[version], `${base}${SSBTEK_PATH}`, base));
  };
  router.get(SSBTEK_PATH, (req, res) => {
    if (req.query.wsdl === undefined && req.query.WSDL === undefined) {
      sendFault(res, 405, 'Client', 'Use POST with a SOAP 1.1 envelope; GET /ssbtek?wsdl serves the WSDL.');
      return;
    }
    const asked = req.query.version;
    const version = asked === undefined ? 'v10' : typeof asked === 'string' ? WSDL_VERSIONS[asked] : undefined;
    if (!version) {
      sendFault(res, 404, 'Client', `No WSDL version ${String(asked)}: version=10 (default), 11 or 1.`);
      return;
    }
    serveWsdl(version)(req, res);
  });
  router.get('/ssbtek/v1', serveWsdl('v1'));
  router.get('/ssbtek/v10', serveWsdl('v10'));
  router.get('/ssbtek/v11', serveWsdl('v11'));

  // Who is calling (seed §8): a certificate or stand-in header that names nobody usable, or none in strict mode,
  // is refused before the body is read (403, a SOAP Client Fault: no operation is known yet).
  const callerGate = (req: Request, res: Response, next: NextFunction): void => {
    const identity = identifyCaller(req, options.callerMode ?? 'permissive');
    if (identity.kind === 'refused') {
      options.logger.info({ msg: 'ssbtek', outcome: 'refused', faultstring: identity.message });
      sendFault(res, 403, 'Client', identity.message);
      return;
    }
    if (identity.kind === 'identified') res.locals.caller = identity.organisationsnummer;
    next();
  };

  router.post(
    SSBTEK_PATH,
    callerGate,
    requireSoap11MediaType,
    rawBody(options.maxBodyBytes, MESSAGE_SCAN_LIMITS),
    (req: Request, res: Response) =>
      answerExchange(pipeline, options, req, res, req.body as Buffer, res.locals.caller as string | undefined),
    soapBodyErrors(options.maxBodyBytes),
  );
  return router;
}

/** What answering an exchange needs besides the pipeline (the router's options). */
export type AnswerOptions = Pick<Parameters<typeof ssbtekRouter>[1], 'logger' | 'journal' | 'metrics'>;

/**
 * Answers one POST /ssbtek whose body has been read (by the router, or by the front door below express): the
 * pipeline, then the reply written as is, the journal's details, one log line and the metrics.
 */
export async function answerExchange(
  pipeline: SsbtekPipeline,
  options: AnswerOptions,
  req: IncomingMessage,
  res: JournaledResponse,
  body: Buffer,
  caller: string | undefined,
): Promise<void> {
  const started = performance.now();
  const result = await pipeline.handle(body, {
    // Made when the pipeline first asks (past a kept answer): an AbortController per request costs the kept path.
    get signal() {
      return clientGone(req, res);
    },
    scenarioHeader: headerOf(req, SCENARIO_HEADER),
    todayHeader: headerOf(req, TODAY_HEADER),
    caller,
  });
  if (res.writableEnded || res.destroyed) return;
  // What only the composite knows, for the journal's entry (recorded as the answer is sent, journal/http-journal).
  if (options.journal.enabled) addJournalDetails(res, journalDetails(result, started), result.body, result.requestText);
  // Written directly: express's send() would hash every reply for an ETag no SOAP client uses.
  res.setHeader('content-type', 'text/xml; charset=utf-8');
  res.writeHead(result.status, {
    'content-length': result.bodyBytes?.length ?? Buffer.byteLength(result.body, 'utf8'),
  });
  if (result.bodyBytes) res.end(result.bodyBytes);
  else res.end(result.body, 'utf8');
  const durationMs = performance.now() - started;
  logExchange(options.logger, result.summary, durationMs);
  options.metrics.observe(result, durationMs);
}

/** One line per request: korrelationsid, duration, each service's outcome; the identity only at debug level. */
function logExchange(logger: Logger, summary: ExchangeSummary, durationMs: number): void {
  // Nothing is built for a line that is not written (SSBTEK_LOG_LEVEL=warn, as under load).
  if (!logger.isLevelEnabled('info')) return;
  const { personidentitet, ...rest } = summary;
  const line: Record<string, unknown> = { msg: 'ssbtek', ...rest, durationMs: Math.round(durationMs * 10) / 10 };
  if (personidentitet && logger.isLevelEnabled('debug')) line.personidentitet = personidentitet;
  logger.info(line);
}

/**
 * The native messages' records of a kept answer, made once: every exchange it answers shares them (a kept answer's
 * `results` is one array), so its journal entry costs the same small amount however many services it involved.
 */
const keptServiceRecords = new WeakMap<readonly TjanstAnrop[], JournalServiceCall[]>();

function serviceRecords(results: readonly TjanstAnrop[], kept: boolean, started: number): JournalServiceCall[] {
  const known = kept ? keptServiceRecords.get(results) : undefined;
  if (known) return known;
  const records = results.map((r) => ({
    service: r.service,
    outcome: r.utfall.kind === 'data' ? 'data' : `error:${r.utfall.kalla}:${r.utfall.felkod}`,
    durationMs: Math.round(r.durationMs * 10) / 10,
    // A kept answer's calls belong to the exchange that made it: no place on this one's timeline.
    ...(!kept && r.startedAt !== undefined && { startMs: Math.max(0, Math.round((r.startedAt - started) * 10) / 10) }),
    request: r.native?.request && nativeRequestRecord(r.native.request),
    response: r.native?.response && nativeResponseRecord(r.native.response),
  }));
  if (kept) keptServiceRecords.set(results, records);
  return records;
}

/** A kept answer's part of the journal entry, made once: every exchange the answer is kept for shares it. */
const keptDetails = new WeakMap<readonly TjanstAnrop[], JournalDetails>();

/** The composite's own part of a journal entry: the query, its outcome and each base service's native messages. */
function journalDetails(result: PipelineResult, started: number): JournalDetails {
  const keptResults = result.summary.cache === 'hit' ? result.results : undefined;
  const kept = keptResults && keptDetails.get(keptResults);
  if (kept?.today === result.today) return kept;
  const details = detailsOf(result, started);
  if (keptResults) keptDetails.set(keptResults, details);
  return details;
}

function detailsOf(result: PipelineResult, started: number): JournalDetails {
  const { summary } = result;
  return {
    today: result.today,
    ...(summary.caller && { caller: summary.caller }),
    ...(summary.onBehalfOf && { onBehalfOf: summary.onBehalfOf }),
    operation: summary.operation,
    dialect: summary.dialect,
    korrelationsid: summary.korrelationsid,
    personidentitet: summary.personidentitet,
    included: (result.results ?? []).map((r) => r.service),
    outcome: summary.outcome,
    felkod: summary.felkod ?? null,
    services: serviceRecords(result.results ?? [], summary.cache === 'hit', started),
    ...(summary.cache === 'hit' && { answeredFromCache: true }),
  };
}
