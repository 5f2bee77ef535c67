import { Router, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import { clientGone, rawBody, requireSoap11MediaType, sendFault, soapBodyErrors } from '../http/soap-edge.js';
import { origin, readWsdl, rewriteWsdl } from '../http/contract-files.js';
import type { ExchangeSummary, SsbtekPipeline } from './pipeline.js';

const WSDL_FILES = {
  v10: 'ssbtek/v10/Sammansatt_Bastjanst_v10.wsdl',
  v1: 'ssbtek/v1/Sammansatt_Bastjanst_v1.wsdl',
} as const;

/**
 * The SSBTEK endpoint: POST /ssbtek (SOAP 1.1, both dialects, dispatched by the Body child's qualified name) and
 * GET /ssbtek?wsdl (v10; `&version=1` or /ssbtek/v1?wsdl for the seed's v1 WSDL).
 */
export function ssbtekRouter(pipeline: SsbtekPipeline, options: { maxBodyBytes: number; logger: Logger }): Router {
  const router = Router();
  const wsdls = { v10: readWsdl(WSDL_FILES.v10), v1: readWsdl(WSDL_FILES.v1) };

  const serveWsdl = (version: 'v10' | 'v1') => (req: Request, res: Response) => {
    const base = origin(req);
    res.type('text/xml; charset=utf-8').send(rewriteWsdl(wsdls[version], `${base}/ssbtek`, base));
  };
  router.get('/ssbtek', (req, res) => {
    if (req.query.wsdl === undefined && req.query.WSDL === undefined) {
      sendFault(res, 405, 'Client', 'Use POST with a SOAP 1.1 envelope; GET /ssbtek?wsdl serves the WSDL.');
      return;
    }
    serveWsdl(req.query.version === '1' ? 'v1' : 'v10')(req, res);
  });
  router.get('/ssbtek/v1', serveWsdl('v1'));
  router.get('/ssbtek/v10', serveWsdl('v10'));

  router.post(
    '/ssbtek',
    requireSoap11MediaType,
    rawBody(options.maxBodyBytes),
    async (req: Request, res: Response) => {
      const started = performance.now();
      const result = await pipeline.handle(req.body as Buffer, clientGone(req, res));
      if (res.writableEnded || res.destroyed) return;
      res.status(result.status).type('text/xml; charset=utf-8').send(result.body);
      logExchange(options.logger, result.summary, performance.now() - started);
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
