import { Router, type NextFunction, type Request, type Response } from 'express';
import { openApiValidator } from '../http/openapi-validator.js';
import type { BaseService } from '../bastjanster/types.js';
import { bytesText } from '../config.js';
import { jsonBody } from '../http/json-body.js';
import { isMalformedPath, MALFORMED_PATH } from '../http/malformed-path.js';
import { LocalJournalView, type JournalView } from '../control/journal-view.js';
import { summaryOf, type Journal, type JournalFilter } from '../journal/journal.js';
import type { Metrics } from '../metrics/metrics.js';
import type { ScenarioControl } from '../scenario/control.js';
import { checkServiceSettings, ScenarioSettingsError } from '../scenario/settings.js';
import { TodayError, type Today } from '../scenario/today.js';
import type { ServiceId } from '../ssbtek/model.js';
import { catalogueRoutes } from './catalogue.js';
import { eventStream } from './events.js';
import { ADMIN_OPENAPI_PATH, ADMIN_PATH, adminOpenApi, type AdminNames } from './openapi.js';
import { populationRoutes, type PopulationSources } from './population.js';
import { replayCaseRoutes } from './replay-case.js';
import { stateRoutes, type StateSources } from './state.js';
import { statsRoutes } from './stats.js';
import { VALIDATE_LIMIT, validateRoutes } from './validate.js';
import {
  describe,
  operationOf,
  problemItems,
  sendAdminProblem,
  type AdminProblemItem,
  type ValidatorErrorItem,
} from './problems.js';

export interface AdminOptions {
  scenarios: ScenarioControl;
  journal: Journal;
  today: Today;
  /** Where the journal is read (default: this process's ring; the shared journal when processes share a store). */
  journalView?: JournalView;
  /** Resolves when a control change made here is in the store and announced to other processes (shared store). */
  settled?: () => Promise<void>;
  names: AdminNames;
  /** The base services (their error catalogues). */
  services: readonly BaseService[];
  /** The figures at a glance (every worker's, in a cluster). */
  metrics: Pick<Metrics, 'glance'>;
  /** What the population answers draw on (the pipeline, PU's registry). */
  population: Omit<PopulationSources, 'today'>;
  /** The stores the state is read from (each module's own store interface). */
  stores: Omit<StateSources, 'journal'>;
  publicBaseUrl?: string;
  maxBodyBytes: number;
}

/** The title of a 400 per operation: what could not be used. */
const INVALID: Record<string, string> = {
  listRequests: 'Invalid filter',
  verifyRequests: 'Invalid verification',
  putScenario: 'Invalid scenario settings',
  putJournal: 'Invalid journal settings',
  putToday: 'Invalid today',
  getPersonAnswers: 'Invalid question',
  getState: 'Invalid limit',
  validateDocument: 'Invalid validation request',
};

/**
 * /__admin: scenario control, the request journal and "today" (docs/admin-api.md), enforced by its OpenAPI
 * document (served at /openapi/admin.json). JSON in, JSON out; every error a problem document.
 */
export function adminRouter(options: AdminOptions): Router {
  const { scenarios, today, names, maxBodyBytes } = options;
  const journal = options.journalView ?? new LocalJournalView(options.journal);
  const settled = options.settled ?? (() => Promise.resolve());
  const openapi = adminOpenApi(names);
  const isBaseService = (id: string): boolean => names.baseServices.includes(id);

  const invalid = (req: Request, res: Response, items: AdminProblemItem[]): void => {
    const operation = operationOf(openapi, req.method, req.path);
    sendAdminProblem(res, 400, INVALID[String(operation?.operationId)] ?? 'Bad Request', describe(items), items);
  };

  /** A path's base service, or a 404 naming the ones there are (before the body is checked: no such resource). */
  const baseService = (req: Request, res: Response, next: NextFunction): void => {
    const id = String(req.params.service ?? '').toUpperCase();
    if (isBaseService(id)) return next();
    sendAdminProblem(
      res,
      404,
      'Unknown base service',
      `"${req.params.service}" is not one of ${names.baseServices.join(', ')}`,
    );
  };

  /** A filter the journal can use; undefined after answering 400 (a rule the document cannot express). */
  const filterFrom = (req: Request, res: Response, source: Record<string, unknown>): JournalFilter | undefined => {
    const filter: JournalFilter = {};
    for (const key of ['korrelationsid', 'personidentitet', 'service'] as const)
      if (source[key] !== undefined) filter[key] = String(source[key]);
    if (source.outcome !== undefined) filter.outcome = source.outcome as JournalFilter['outcome'];
    // Compared with the entries' receivedAt, which is UTC: the document has checked these are date-times.
    for (const key of ['from', 'to'] as const)
      if (source[key] !== undefined) filter[key] = new Date(String(source[key])).toISOString();
    if (source.included !== undefined) {
      if (filter.service === undefined || !isBaseService(filter.service)) {
        invalid(req, res, [
          {
            [req.method === 'GET' ? 'parameter' : 'pointer']: req.method === 'GET' ? 'included' : '/included',
            detail: 'applies only with a base service as service',
            allowed: [...names.baseServices],
          },
        ]);
        return undefined;
      }
      filter.included = source.included === true || source.included === 'true';
    }
    return filter;
  };

  const api = Router();
  // A document to validate may be a file (up to VALIDATE_LIMIT); every other admin body is small.
  const validateBody = jsonBody({ limit: VALIDATE_LIMIT });
  const adminBody = jsonBody({ limit: maxBodyBytes });
  api.use((req, res, next) => (req.path === '/validate' ? validateBody : adminBody)(req, res, next));
  // A path the validator cannot decode is the client's error, said the same way as on every other endpoint.
  api.use((req, res, next) => {
    try {
      decodeURIComponent(req.path);
    } catch {
      return sendAdminProblem(res, 400, 'Bad Request', MALFORMED_PATH);
    }
    next();
  });
  api.use('/scenarios/:service', baseService);
  api.use(
    openApiValidator({
      // The validator annotates the document it is given: it gets its own copy, the served one stays as written.
      apiSpec: structuredClone(openapi) as never,
      validateRequests: { allErrors: true },
      validateResponses: false,
      validateSecurity: false,
      validateFormats: true,
      ajvFormats: { mode: 'full' },
    }),
  );

  api.get('/scenarios', (_req, res) => {
    res.json(scenarios.current());
  });
  api.put('/scenarios/:service', async (req, res) => {
    const service = String(req.params.service).toUpperCase() as ServiceId;
    try {
      const settings = checkServiceSettings(req.body, service);
      scenarios.set(service, settings);
      await settled();
      res.json(settings);
    } catch (error) {
      if (!(error instanceof ScenarioSettingsError)) throw error;
      sendAdminProblem(res, 400, INVALID.putScenario!, error.message, [{ detail: error.message }]);
    }
  });
  api.delete('/scenarios/:service', async (req, res) => {
    scenarios.reset(String(req.params.service).toUpperCase() as ServiceId);
    await settled();
    res.status(204).end();
  });
  api.delete('/scenarios', async (_req, res) => {
    scenarios.reset();
    await settled();
    res.status(204).end();
  });

  api.get('/requests', async (req, res) => {
    const filter = filterFrom(req, res, req.query as Record<string, unknown>);
    if (!filter) return;
    const limit = req.query.limit === undefined ? 50 : Number(req.query.limit);
    const entries = await journal.list(filter, limit);
    res.json({ requests: req.query.view === 'summary' ? entries.map(summaryOf) : entries });
  });
  api.post('/requests/verify', async (req, res) => {
    const body = req.body as Record<string, unknown>;
    if (body.count !== undefined && body.atLeast !== undefined)
      return invalid(req, res, [{ pointer: '/atLeast', detail: 'give count (exact) or atLeast, not both' }]);
    const filter = filterFrom(req, res, body);
    if (!filter) return;
    const matched = await journal.countMatching(filter);
    if (body.count !== undefined) return res.json({ matched, ok: matched === body.count });
    const atLeast = body.atLeast === undefined ? 1 : (body.atLeast as number);
    res.json({ matched, ok: matched >= atLeast });
  });
  api.use(replayCaseRoutes(journal, options.publicBaseUrl));
  api.get('/requests/:id', async (req, res) => {
    const entry = await journal.get(req.params.id);
    if (!entry)
      return sendAdminProblem(res, 404, 'No such exchange', `No exchange with id ${req.params.id} in the journal`);
    res.json(entry);
  });
  api.delete('/requests', async (_req, res) => {
    await journal.clear();
    res.status(204).end();
  });

  api.get('/journal', async (_req, res) => {
    res.json(await journal.state());
  });
  api.put('/journal', async (req, res) => {
    const body = req.body as { enabled?: boolean; capacity?: number };
    await journal.configure(body);
    res.json(await journal.state());
  });

  api.get('/today', (_req, res) => {
    res.json(today.state());
  });
  api.put('/today', async (req, res) => {
    try {
      today.set((req.body as { today: string }).today);
    } catch (error) {
      if (!(error instanceof TodayError)) throw error;
      return invalid(req, res, [{ pointer: '/today', detail: error.message }]);
    }
    await settled();
    res.json(today.state());
  });
  api.delete('/today', async (_req, res) => {
    today.set(undefined);
    await settled();
    res.json(today.state());
  });

  api.get('/events', eventStream({ journal, scenarios, today }));
  api.use(populationRoutes({ ...options.population, today }));
  api.use(catalogueRoutes(options.services));
  api.use(stateRoutes({ ...options.stores, journal }));
  api.use(statsRoutes(journal, options.metrics));
  api.use(validateRoutes());

  api.use((error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    const e = error as { type?: string; status?: number; errors?: ValidatorErrorItem[]; message?: string };
    if (e.type === 'entity.parse.failed') return sendAdminProblem(res, 400, 'Invalid JSON', 'The body is not JSON');
    if (e.type === 'entity.too.deep') return sendAdminProblem(res, 400, 'Invalid JSON', String(e.message));
    if (e.type === 'entity.too.large') {
      const limit = req.path === '/validate' ? VALIDATE_LIMIT : maxBodyBytes;
      return sendAdminProblem(res, 413, 'Content Too Large', `The body is larger than ${bytesText(limit)}`);
    }
    if (isMalformedPath(error)) return sendAdminProblem(res, 400, 'Bad Request', MALFORMED_PATH);
    // Not an admin path: the emulator's own 404 names the nearest real paths.
    if (e.status === 404) return next();
    if (e.status === 400 && Array.isArray(e.errors))
      return invalid(req, res, problemItems(openapi, operationOf(openapi, req.method, req.path), e.errors));
    if (e.status === 405) {
      const item = (openapi.paths as Record<string, Record<string, unknown>>)[templateOf(req.path) ?? ''];
      const allow = Object.keys(item ?? {})
        .filter((k) => k !== 'parameters')
        .map((m) => m.toUpperCase());
      res.set('Allow', allow.join(', '));
      const detail = `${req.method} ${ADMIN_PATH}${req.path}: use ${allow.join(', ')}`;
      return sendAdminProblem(res, 405, 'Method Not Allowed', detail);
    }
    if (e.status === 415) return sendAdminProblem(res, 415, 'Unsupported Media Type', 'Send application/json');
    next(error);
  });

  /** The document's path template a path below /__admin matches. */
  const templateOf = (path: string): string | undefined =>
    Object.keys(openapi.paths as object).find((t) => new RegExp(`^${t.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path));

  const router = Router();
  router.get(ADMIN_OPENAPI_PATH, (_req, res) => {
    res.json(openapi);
  });
  router.use(ADMIN_PATH, api);
  return router;
}
