import { Router, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import { clientGone, rawBody, requireSoap11MediaType, sendFault, soapBodyErrors } from '../http/soap-edge.js';
import { origin, readWsdl, rewriteWsdl } from '../http/contract-files.js';
import {
  clip,
  clipBytes,
  nativeRequestRecord,
  nativeResponseRecord,
  type Journal,
  type JournalEntry,
} from '../journal/journal.js';
import type { Metrics } from '../metrics/metrics.js';
import { MESSAGE_SCAN_LIMITS } from '../xml/parse.js';
import { SCENARIO_HEADER } from '../scenario/header.js';
import type { ExchangeSummary, PipelineResult, SsbtekPipeline } from './pipeline.js';

const WSDL_FILES = {
  v10: 'ssbtek/v10/Sammansatt_Bastjanst_v10.wsdl',
  v11: 'ssbtek/v11/Sammansatt_Bastjanst_v11.wsdl',
  v1: 'ssbtek/v1/Sammansatt_Bastjanst_v1.wsdl',
} as const;
type WsdlVersion = keyof typeof WSDL_FILES;

/** `?version=` of GET /ssbtek?wsdl: 10 (the default), 11, or 1 (the seed's). */
const WSDL_VERSIONS: Record<string, WsdlVersion> = { '1': 'v1', '10': 'v10', '11': 'v11' };

/**
 * The SSBTEK endpoint: POST /ssbtek (SOAP 1.1, every dialect, dispatched by the Body child's qualified name) and
 * GET /ssbtek?wsdl (v10; `&version=11` or /ssbtek/v11?wsdl for v11, `&version=1` or /ssbtek/v1?wsdl for the
 * seed's v1).
 */
export function ssbtekRouter(
  pipeline: SsbtekPipeline,
  options: { maxBodyBytes: number; logger: Logger; journal: Journal; metrics: Metrics },
): Router {
  const router = Router();
  const wsdls = { v10: readWsdl(WSDL_FILES.v10), v11: readWsdl(WSDL_FILES.v11), v1: readWsdl(WSDL_FILES.v1) };

  const serveWsdl = (version: WsdlVersion) => (req: Request, res: Response) => {
    const base = origin(req);
    res.type('text/xml; charset=utf-8').send(rewriteWsdl(wsdls[version], `${base}/ssbtek`, base));
  };
  router.get('/ssbtek', (req, res) => {
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

  router.post(
    '/ssbtek',
    requireSoap11MediaType,
    rawBody(options.maxBodyBytes, MESSAGE_SCAN_LIMITS),
    async (req: Request, res: Response) => {
      const started = performance.now();
      const receivedAt = new Date();
      const scenarioHeader = req.get(SCENARIO_HEADER);
      const result = await pipeline.handle(req.body as Buffer, { signal: clientGone(req, res), scenarioHeader });
      if (res.writableEnded || res.destroyed) return;
      // Written directly: express's send() would hash every reply for an ETag no SOAP client uses.
      res.writeHead(result.status, {
        'content-type': 'text/xml; charset=utf-8',
        'content-length': result.bodyBytes?.length ?? Buffer.byteLength(result.body, 'utf8'),
      });
      if (result.bodyBytes) res.end(result.bodyBytes);
      else res.end(result.body, 'utf8');
      const durationMs = performance.now() - started;
      logExchange(options.logger, result.summary, durationMs);
      options.metrics.observe(result, durationMs);
      if (options.journal.enabled) options.journal.record(journalEntry(req, receivedAt, durationMs, result));
    },
    soapBodyErrors(options.maxBodyBytes),
  );
  return router;
}

/** One line per request: korrelationsid, duration, each service's outcome; the identity only at debug level. */
function logExchange(logger: Logger, summary: ExchangeSummary, durationMs: number): void {
  const { personidentitet, ...rest } = summary;
  const line: Record<string, unknown> = { msg: 'ssbtek', ...rest, durationMs: Math.round(durationMs * 10) / 10 };
  if (personidentitet && logger.isLevelEnabled('debug')) line.personidentitet = personidentitet;
  logger.info(line);
}

/** Headers worth keeping in the journal (no cookies or authorization). */
const JOURNALED_HEADERS = ['content-type', 'soapaction', SCENARIO_HEADER, 'user-agent'];

function journalEntry(
  req: Request,
  receivedAt: Date,
  durationMs: number,
  result: PipelineResult,
): Omit<JournalEntry, 'id'> {
  const headers: Record<string, string> = {};
  for (const name of JOURNALED_HEADERS) {
    const value = req.get(name);
    if (value !== undefined) headers[name] = value;
  }
  const { summary } = result;
  return {
    receivedAt: receivedAt.toISOString(),
    durationMs: Math.round(durationMs * 10) / 10,
    operation: summary.operation,
    dialect: summary.dialect,
    korrelationsid: summary.korrelationsid,
    personidentitet: summary.personidentitet,
    included: (result.results ?? []).map((r) => r.service),
    outcome: summary.outcome,
    felkod: summary.felkod ?? null,
    request: { headers, body: Buffer.isBuffer(req.body) ? clipBytes(req.body) : '' },
    reply: { status: result.status, body: clip(result.body) },
    services: (result.results ?? []).map((r) => ({
      service: r.service,
      outcome: r.utfall.kind === 'data' ? 'data' : `error:${r.utfall.kalla}:${r.utfall.felkod}`,
      durationMs: Math.round(r.durationMs * 10) / 10,
      request: r.native?.request && nativeRequestRecord(r.native.request),
      response: r.native?.response && nativeResponseRecord(r.native.response),
    })),
    ...(summary.cache === 'hit' && { answeredFromCache: true }),
  };
}
