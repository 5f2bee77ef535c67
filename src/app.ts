import fs from 'node:fs';
import http, { type Server } from 'node:http';
import https from 'node:https';
import type { TLSSocket } from 'node:tls';
import express from 'express';
import { pino, type Logger } from 'pino';
import { baseServicesFrontDoor, baseServicesRouter } from './bastjanster/http.js';
import { baseServices, serviceMap } from './bastjanster/registry.js';
import { compileAllNativeSchemas } from './bastjanster/common/native-schemas.js';
import { HttpTransport, InProcessTransport, RoutingTransport } from './bastjanster/transport.js';
import { DEFAULT_CONFIG, workerCount, type Config } from './config.js';
import { xsdRouter } from './http/contract-files.js';
import { adminGuard } from './http/admin-guard.js';
import { CONSOLE_PATH, consoleRouter } from './http/console.js';
import { hostGuard } from './http/host-header.js';
import { journalRouting, servedServices, type ServedService } from './http/endpoints.js';
import { indexPage } from './http/index-page.js';
import { isMalformedPath, MALFORMED_PATH } from './http/malformed-path.js';
import { notFound } from './http/not-found.js';
import { sendProblem } from './http/problem.js';
import { journaling } from './journal/http-journal.js';
import { Population } from './population/population.js';
import { loadScenarioPersons } from './population/scenarios.js';
import { loadDialects } from './ssbtek/dialects.js';
import { ADMIN_OPENAPI_PATH, adminOpenApi, type AdminNames } from './admin/openapi.js';
import { adminRouter } from './admin/router.js';
import { DEFAULT_MAX_CHARS, Journal } from './journal/journal.js';
import { Metrics, type MetricsGlance } from './metrics/metrics.js';
import { ScenarioControl } from './scenario/control.js';
import { withScenarioControl } from './scenario/controlled-emulator.js';
import { Today } from './scenario/today.js';
import { puConsumers } from './pu/consumers.js';
import { PU_SOAP_PATH, PU_SOAP_TITLE, puSoapFrontDoor, puSoapRouter, puSoapService } from './pu/soap/http.js';
import { restRouter } from './rest/mount.js';
import { REST_SERVICES } from './rest/registry.js';
import { requestListener, withFrontDoors } from './http/front-door.js';
import { ssbtekFrontDoor } from './ssbtek/front-door.js';
import { askPrimary, inClusterWorker, shareMetrics } from './cluster/worker-link.js';
import { answerWorkerOp } from './cluster/worker-ops.js';
import { isPostgresUrl, openPostgresEngine, openSqliteEngine, type StoreEngine } from './store/engine.js';
import { POSTGRES_MIGRATIONS } from './store/postgres/migrations.js';
import { moduleStores } from './store/module-stores.js';
import { sharedControl } from './control/shared-control.js';
import { SSBTEK_PATH, SSBTEK_TITLE, ssbtekRouter, ssbtekWsdlHref } from './ssbtek/http.js';
import { SsbtekPipeline } from './ssbtek/pipeline.js';
import { AnswerCache, charsOfServiceAnswer } from './ssbtek/answer-cache.js';
import { anslutningsregister, fkAktorerWithAgreements } from './ssbtek/callers/settings.js';

export interface App {
  app: express.Express;
  pipeline: SsbtekPipeline;
  logger: Logger;
  population: Population;
  config: Config;
  scenarios: ScenarioControl;
  journal: Journal;
  metrics: Metrics;
  /** Every service's "today" (config or real date; the run-time layer is set here). */
  today: Today;
  /** Everything served (the index page's list): each service's operations, contracts and transport. */
  served: ServedService[];
  /** The store engine (SQLite or PostgreSQL) and whether other processes share it. */
  store: { kind: StoreEngine['kind']; location: string; shared: boolean };
  /** Resolves when what is shared (control plane) has been taken in from the store. */
  ready: Promise<void>;
  /** Stops background work and closes the store (after the HTTP server has stopped taking requests). */
  close(): Promise<void>;
}

/**
 * Opens the store the config names (a SQLite file, ':memory:', or postgres://…: connected and migrated first) and
 * wires the app on it; resolves once the shared control plane is loaded. What `serve` uses.
 */
export async function openApp(config: Config, logger: Logger = pino({ level: config.logLevel })): Promise<App> {
  const engine = isPostgresUrl(config.storePath)
    ? await openPostgresEngine(config.storePath, POSTGRES_MIGRATIONS)
    : openSqliteEngine(config.storePath);
  const app = createApp(config, logger, engine);
  await app.ready;
  return app;
}

/**
 * Wires everything from a config: schemas compiled once, population, base services, SSBTEK pipeline, routes. The
 * store is opened here when no engine is given (SQLite only; openApp opens PostgreSQL).
 */
export function createApp(
  config: Config,
  logger: Logger = pino({ level: config.logLevel }),
  engine: StoreEngine = openLocalEngine(config.storePath),
): App {
  const dialects = loadDialects();
  compileAllNativeSchemas();
  const shared = engine.kind === 'postgres' || config.sharedStore === true;
  const registry = engine.registry;
  const population = new Population(loadScenarioPersons(), registry);
  // Every service's "today": the config's or the real date; a request may name its own (X-SSBTEK-Today).
  const today = new Today(config.today);
  // The agreements are the one definition of a connected organisation's FK aktörer: LEFI knows them too.
  const services = baseServices({ fk: { aktorer: fkAktorerWithAgreements(config) } });
  const scenarios = new ScenarioControl(config.scenarios, serviceMap(services));
  // Every emulator runs under scenario control, whether it is called in-process or on its own path.
  const controlled = services.map((s) => ({ ...s, emulator: withScenarioControl(s.emulator, scenarios) }));
  const transport = new RoutingTransport(
    new HttpTransport(config.baseServiceUrls),
    new InProcessTransport(new Map(controlled.map((s) => [s.id, s.emulator])), { population, today: today.current }),
  );
  // Bounded by text too (see AnswerCache): together about 30 MB of heap however large the answers.
  // The memory bounds are the emulator's: N cluster workers keep a share each (connections come in turn).
  const share = inClusterWorker() ? workerCount(config) : 1;
  const keptChars = Math.ceil((8 * 1024 * 1024) / share);
  const answers = new AnswerCache({ entries: config.answerCacheEntries, chars: keptChars });
  // A base-service answer is kept from its native request's second offer on: a new person's are never asked again.
  const serviceAnswers = new AnswerCache(
    { entries: 7 * config.answerCacheEntries, chars: keptChars, admitOnSecondSight: true },
    charsOfServiceAnswer,
  );
  // Kept answers are kept per day, scenario state and registry: a change of any empties them.
  const forget = (): void => {
    answers.clear();
    serviceAnswers.clear();
  };
  scenarios.onChange(forget);
  today.onChange(forget);
  registry.onChange(forget);
  const pipeline = new SsbtekPipeline({
    dialects,
    services: serviceMap(services),
    transport,
    settings: { testmiljo: config.testmiljo, systemId: config.systemId },
    serviceTimeoutMs: (id, request) =>
      scenarios.effective(id, request).timeoutMs ?? config.serviceTimeoutsMs[id] ?? config.serviceTimeoutMs,
    scenarios,
    today: today.current,
    overallTimeoutMs: config.overallTimeoutMs,
    validateReplies: config.validateReplies,
    onServiceFailure: (service, error) => logger.warn({ service, err: error }, 'base service call failed (2001)'),
    onInternalError: (error) => logger.error({ err: error }, 'internal error (1002)'),
    cache: {
      answers,
      serviceAnswers,
      today: today.current,
      inProcess: (id) => config.baseServiceUrls[id] === undefined,
    },
    agreements: anslutningsregister(config),
  });
  // Workers keep the journal between them: each a share of its capacity and of its text bound.
  const journal = new Journal(config.journal, config.journalCapacity, Math.ceil(DEFAULT_MAX_CHARS / share), share);
  const metrics = new Metrics();
  // Processes sharing the store share the control plane and the journal through it.
  const control = shared ? sharedControl(engine, { scenarios, today, journal }, logger) : undefined;

  // The names the journal and the admin API know, and everything served: from the registries mounted below.
  const names: AdminNames = {
    journalServices: ['SSBTEK', ...services.map((s) => s.id), 'PU', ...REST_SERVICES.map((s) => s.id)],
    baseServices: services.map((s) => s.id),
  };
  const served = servedServices({
    ssbtek: { path: SSBTEK_PATH, title: SSBTEK_TITLE, dialects, wsdlOf: ssbtekWsdlHref },
    baseServices: services,
    baseServiceUrls: config.baseServiceUrls,
    restServices: REST_SERVICES,
    pu: { path: PU_SOAP_PATH, title: PU_SOAP_TITLE },
    admin: { openapi: adminOpenApi(names), href: ADMIN_OPENAPI_PATH },
  });

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  // One valid Host, or 400 before anything reads the request (it is what served WSDLs name, without publicBaseUrl).
  app.use(hostGuard({ soapPaths: ['/ssbtek', PU_SOAP_PATH] }));
  // The admin API and the UI: loopback or configured Host only, never cross-origin, the token when one is set.
  const adminAccess = { hosts: config.adminHosts ?? [], token: config.adminToken, publicBaseUrl: config.publicBaseUrl };
  app.use('/__admin', adminGuard(adminAccess));
  app.use(CONSOLE_PATH, adminGuard({ ...adminAccess, shell: true }));
  const serviceOf = journalRouting(served, services);
  app.use(journaling({ journal, serviceOf, today: today.current }));
  app.get(
    '/',
    indexPage(served, () => today.state(), config.publicBaseUrl),
  );
  const clustered = inClusterWorker();
  if (clustered) {
    shareMetrics(metrics.registry);
    answerWorkerOp('glance-values', () => metrics.glanceValues());
  }
  app.get('/health', async (_req, res) => {
    const { today: day, source } = today.state();
    // In a cluster: every worker (the primary's list), and this one.
    const workers = clustered ? { ...(await askPrimary('state')).state, answeredBy: process.pid } : undefined;
    res.json({
      status: 'ok',
      service: 'ssbtek-emulator',
      today: day,
      todaySource: source,
      journal: control ? await control.journal.state() : { enabled: journal.enabled, size: journal.size },
      store: { engine: engine.kind, shared },
      ...(workers && { workers }),
      baseServices: services.map((s) => ({
        id: s.id,
        title: s.emulator.title,
        path: s.mountPath,
        transport: config.baseServiceUrls[s.id] ? 'http' : 'in-process',
      })),
    });
  });
  app.get('/metrics', async (_req, res) => {
    if (clustered) {
      // Every worker's metrics, aggregated by the primary (prom-client's AggregatorRegistry).
      const answer = await askPrimary('metrics');
      return void res.type(answer.contentType ?? metrics.registry.contentType).send(answer.metrics);
    }
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  app.use(
    ssbtekRouter(pipeline, {
      maxBodyBytes: config.bodyLimits.ssbtek,
      logger,
      journal,
      metrics,
      publicBaseUrl: config.publicBaseUrl,
      callerMode: config.callerMode,
    }),
  );
  const puOptions = {
    population,
    registry: engine.pu,
    consumers: puConsumers(config),
    today: today.current,
    maxBodyBytes: config.bodyLimits.pu,
    logger,
    publicBaseUrl: config.publicBaseUrl,
  };
  const puService = puSoapService(puOptions);
  const baseServiceOptions = {
    population,
    today: today.current,
    maxBodyBytes: config.bodyLimits.bastjanster,
    logger,
  };
  // The SOAP endpoints below express as well (http/front-door.ts): the same answer for an ordinary request.
  withFrontDoors(
    app,
    [
      ssbtekFrontDoor(pipeline, {
        maxBodyBytes: config.bodyLimits.ssbtek,
        logger,
        journal,
        metrics,
        callerMode: config.callerMode,
        serviceOf,
        today: today.current,
      }),
      puSoapFrontDoor(puService, { ...puOptions, journal, serviceOf }),
      baseServicesFrontDoor(controlled, { ...baseServiceOptions, journal, serviceOf }),
    ],
    // On one SQLite file, each request first takes in what other workers changed (one PRAGMA when nothing did).
    shared && engine.kind === 'sqlite' ? () => engine.feed.refresh() : undefined,
  );
  app.use(xsdRouter());
  app.use(consoleRouter({ publicBaseUrl: config.publicBaseUrl }));
  const stores = moduleStores(engine);
  app.use(
    adminRouter({
      scenarios,
      journal,
      today,
      names,
      services,
      metrics: clustered ? { glance: async () => (await askPrimary('glance')).result as MetricsGlance } : metrics,
      population: { population, pipeline, pu: engine.pu },
      stores: { ...stores, pu: engine.pu, registry },
      publicBaseUrl: config.publicBaseUrl,
      maxBodyBytes: config.bodyLimits.admin,
      ...(control && { journalView: control.journal, settled: () => control.plane.settled() }),
    }),
  );
  app.use(restRouter(REST_SERVICES, { engine, shared, population, registry, today: today.current, config, logger }));
  app.use(puSoapRouter({ ...puOptions, service: puService }));
  app.use(baseServicesRouter(controlled, baseServiceOptions));
  app.use(notFound(served));
  app.use((error: unknown, req: express.Request, res: express.Response, _next: express.NextFunction) => {
    if (isMalformedPath(error)) {
      logger.info({ method: req.method, path: req.originalUrl.slice(0, 200) }, 'request refused: malformed path');
      if (!res.headersSent) sendProblem(res, { title: 'Bad Request', status: 400, detail: MALFORMED_PATH });
      return;
    }
    logger.error({ err: error }, 'unhandled error');
    if (!res.headersSent) sendProblem(res, { title: 'Internal error', status: 500 });
  });
  const close = async (): Promise<void> => {
    for (const service of REST_SERVICES) await service.close?.();
    await control?.close();
    await engine.close();
  };
  return {
    app,
    pipeline,
    logger,
    population,
    config,
    scenarios,
    journal,
    metrics,
    today,
    served,
    store: { kind: engine.kind, location: engine.location, shared },
    ready: control ? control.plane.load() : Promise.resolve(),
    close,
  };
}

function openLocalEngine(storePath: string): StoreEngine {
  if (isPostgresUrl(storePath)) throw new Error('a PostgreSQL store is opened with openApp() (it connects first)');
  return openSqliteEngine(storePath);
}

/**
 * A client certificate whose signature does not verify (a forged issuer: the trusted CA's name, another key) leaves
 * OpenSSL's errors from that check on the thread's error queue: requestCert without rejectUnauthorized lets the
 * handshake go on, but Node's TLS read path, still inside the handshake's last read, then finds the stale errors
 * (SSL_get_error looks at the queue) and takes them for a fatal error of this connection. The HTTP server drops it
 * before the service can answer. Reading the peer certificate here, synchronously when the handshake completes,
 * clears the queue (Node reads it under OpenSSL's ClearErrorOnReturn), so the request goes on and the service
 * answers the unverified certificate in its own form (socket.authorized stays false, authorizationError says why).
 */
function clearVerificationErrors(socket: TLSSocket): void {
  socket.getPeerCertificate();
}

/** PEM files for HTTPS: the server's certificate and key, and the CA whose client certificates are accepted. */
export interface TlsFiles {
  certFile: string;
  keyFile: string;
  caFile?: string;
}

/** How long a client may take to send a request (see Config): slow or stalled clients are answered 408 and closed. */
export type ServerTimeouts = Pick<Config, 'headersTimeoutMs' | 'requestTimeoutMs'>;

/**
 * Starts listening, over HTTPS when `tls` is given; resolves with the server once bound. Client certificates are
 * asked for but not enforced here (requestCert without rejectUnauthorized), so each service answers a missing or
 * wrong certificate in its own form.
 *
 * `timeouts` bound slow clients (a slowloris sending header bytes one by one, a body trickled in): past the limit
 * Node answers 408 and closes the socket. Node checks them on an interval (`connectionsCheckingInterval`, 30 s by
 * default), set here to a quarter of the shorter limit, at most 1 s, so a stalled socket is closed close to its
 * deadline. Only receiving the request is limited; the time the emulator takes to answer is not.
 */
export function listen(
  app: express.Express,
  host: string,
  port: number,
  tls?: TlsFiles,
  timeouts: ServerTimeouts = DEFAULT_CONFIG,
): Promise<Server> {
  return new Promise((resolve, reject) => {
    const { headersTimeoutMs, requestTimeoutMs } = timeouts;
    for (const [name, value] of Object.entries({ headersTimeoutMs, requestTimeoutMs })) {
      if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer (ms)`);
    }
    if (requestTimeoutMs > 0 && headersTimeoutMs > requestTimeoutMs) {
      throw new Error(`headersTimeoutMs (${headersTimeoutMs}) must not exceed requestTimeoutMs (${requestTimeoutMs})`);
    }
    const limits = [headersTimeoutMs, requestTimeoutMs].filter((ms) => ms > 0);
    const options: http.ServerOptions = {
      headersTimeout: headersTimeoutMs,
      requestTimeout: requestTimeoutMs,
      keepAliveTimeout: 65_000,
      // A request without Host is refused by the app (hostGuard), in the caller's protocol, not by Node's bare 400.
      requireHostHeader: false,
      connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(Math.min(...limits, 4_000) / 4))),
    };
    const server: Server = tls
      ? https.createServer(
          {
            ...options,
            cert: fs.readFileSync(tls.certFile),
            key: fs.readFileSync(tls.keyFile),
            ...(tls.caFile && { ca: fs.readFileSync(tls.caFile) }),
            requestCert: true,
            rejectUnauthorized: false,
          },
          requestListener(app),
        )
      : http.createServer(options, requestListener(app));
    if (tls) server.on('secureConnection', clearVerificationErrors);
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}
