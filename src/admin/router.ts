import { Router, type NextFunction, type Request, type Response } from 'express';
import { bytesText } from '../config.js';
import { jsonBody } from '../http/json-body.js';
import { isMalformedPath, MALFORMED_PATH } from '../http/malformed-path.js';
import { sendProblem } from '../http/problem.js';
import type { Journal, JournalFilter } from '../journal/journal.js';
import type { ScenarioControl } from '../scenario/control.js';
import { checkServiceSettings, ScenarioSettingsError } from '../scenario/settings.js';
import { SERVICE_IDS, type ServiceId } from '../ssbtek/model.js';

/** An RFC 9457 problem document. */
function problem(res: Response, status: number, title: string, detail?: string): void {
  sendProblem(res, { type: 'about:blank', title, status, ...(detail !== undefined && { detail }) });
}

function serviceParam(req: Request, res: Response): ServiceId | undefined {
  const id = String(req.params.service ?? '').toUpperCase();
  if ((SERVICE_IDS as readonly string[]).includes(id)) return id as ServiceId;
  problem(res, 404, 'Unknown base service', `"${req.params.service}" is not one of ${SERVICE_IDS.join(', ')}`);
  return undefined;
}

function filterFrom(source: Record<string, unknown>): JournalFilter | string {
  const filter: JournalFilter = {};
  for (const key of ['korrelationsid', 'personidentitet'] as const) {
    if (source[key] !== undefined) filter[key] = String(source[key]);
  }
  if (source.service !== undefined) {
    const id = String(source.service).toUpperCase();
    if (!(SERVICE_IDS as readonly string[]).includes(id)) return `service must be one of ${SERVICE_IDS.join(', ')}`;
    filter.service = id as ServiceId;
  }
  if (source.included !== undefined) filter.included = source.included === true || source.included === 'true';
  if (source.outcome !== undefined) {
    if (source.outcome !== 'ok' && source.outcome !== 'fault') return 'outcome must be ok or fault';
    filter.outcome = source.outcome;
  }
  return filter;
}

/** /__admin: scenario control and the request journal (docs/admin-api.md). JSON in, JSON out. */
export function adminRouter(options: { scenarios: ScenarioControl; journal: Journal; maxBodyBytes: number }): Router {
  const { scenarios, journal } = options;
  const router = Router();
  router.use('/__admin', jsonBody({ limit: options.maxBodyBytes }));

  router.get('/__admin/scenarios', (_req, res) => {
    res.json(scenarios.current());
  });
  router.put('/__admin/scenarios/:service', (req, res) => {
    const service = serviceParam(req, res);
    if (!service) return;
    try {
      const settings = checkServiceSettings(req.body, service);
      scenarios.set(service, settings);
      res.json(settings);
    } catch (error) {
      if (error instanceof ScenarioSettingsError) return problem(res, 400, 'Invalid scenario settings', error.message);
      throw error;
    }
  });
  router.delete('/__admin/scenarios/:service', (req, res) => {
    const service = serviceParam(req, res);
    if (!service) return;
    scenarios.reset(service);
    res.status(204).end();
  });
  router.delete('/__admin/scenarios', (_req, res) => {
    scenarios.reset();
    res.status(204).end();
  });

  router.get('/__admin/requests', (req, res) => {
    const filter = filterFrom(req.query as Record<string, unknown>);
    if (typeof filter === 'string') return problem(res, 400, 'Invalid filter', filter);
    const limit = req.query.limit === undefined ? 50 : Number(req.query.limit);
    if (!Number.isInteger(limit) || limit < 1)
      return problem(res, 400, 'Invalid filter', 'limit must be a positive integer');
    res.json({ requests: journal.list(filter, limit) });
  });
  router.post('/__admin/requests/verify', (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const filter = filterFrom(body);
    if (typeof filter === 'string') return problem(res, 400, 'Invalid verification', filter);
    const matched = journal.countMatching(filter);
    if (body.count !== undefined) {
      if (!Number.isInteger(body.count)) return problem(res, 400, 'Invalid verification', 'count must be an integer');
      return res.json({ matched, ok: matched === body.count });
    }
    const atLeast = body.atLeast === undefined ? 1 : Number(body.atLeast);
    if (!Number.isInteger(atLeast)) return problem(res, 400, 'Invalid verification', 'atLeast must be an integer');
    res.json({ matched, ok: matched >= atLeast });
  });
  router.get('/__admin/requests/:id', (req, res) => {
    const entry = journal.get(req.params.id);
    if (!entry) return problem(res, 404, 'No such exchange', `No exchange with id ${req.params.id} in the journal`);
    res.json(entry);
  });
  router.delete('/__admin/requests', (_req, res) => {
    journal.clear();
    res.status(204).end();
  });

  router.get('/__admin/journal', (_req, res) => {
    res.json({ enabled: journal.enabled, capacity: journal.capacity, size: journal.size });
  });
  router.put('/__admin/journal', (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (body.enabled !== undefined && typeof body.enabled !== 'boolean') {
      return problem(res, 400, 'Invalid journal settings', 'enabled must be true or false');
    }
    if (
      body.capacity !== undefined &&
      (!Number.isInteger(body.capacity) || (body.capacity as number) < 0 || (body.capacity as number) > 100_000)
    ) {
      return problem(res, 400, 'Invalid journal settings', 'capacity must be an integer from 0 to 100000');
    }
    if (typeof body.enabled === 'boolean') journal.enabled = body.enabled;
    if (body.capacity !== undefined) journal.resize(body.capacity as number);
    res.json({ enabled: journal.enabled, capacity: journal.capacity, size: journal.size });
  });

  router.use('/__admin', (_req: Request, res: Response) => problem(res, 404, 'Not Found', 'See docs/admin-api.md'));
  router.use('/__admin', (error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    const e = error as { type?: string; status?: number; expose?: boolean; message?: string };
    if (e.type === 'entity.parse.failed')
      return problem(res, 400, 'Invalid JSON', 'The request body is not valid JSON');
    if (isMalformedPath(error)) return problem(res, 400, 'Bad request', MALFORMED_PATH);
    if (e.type === 'entity.too.large')
      return problem(res, 413, 'Payload Too Large', `The body is larger than ${bytesText(options.maxBodyBytes)}`);
    if (e.status && e.status >= 400 && e.status < 500)
      return problem(res, e.status, 'Bad request', e.expose && e.message ? e.message : e.type);
    next(error);
  });
  return router;
}
