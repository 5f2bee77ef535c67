/**
 * The admin API's own OpenAPI 3.1 document (served at /openapi/admin.json, enforced on every /__admin request by
 * express-openapi-validator, see router.ts). Built from the names the app really has: the journal's services and
 * the base services, so the document cannot list a name the emulator does not know, nor miss one.
 */
import { TRANSPORT_ERRORS } from '../scenario/control.js';
import { consolePaths, consoleSchemas } from './openapi-console.js';

export const ADMIN_PATH = '/__admin';
export const ADMIN_OPENAPI_PATH = '/openapi/admin.json';

/** The names the document is built from. */
export interface AdminNames {
  /** Every value of a journal entry's `service` ('SSBTEK', the base services, 'PU', the REST adapters' ids). */
  journalServices: readonly string[];
  /** The base services (scenario settings, `included`). */
  baseServices: readonly string[];
}

const ref = (name: string): { $ref: string } => ({ $ref: `#/components/schemas/${name}` });
const json = (description: string, schema: unknown): Record<string, unknown> => ({
  description,
  content: { 'application/json': { schema } },
});
const body = (schema: unknown): Record<string, unknown> => ({
  required: true,
  content: { 'application/json': { schema } },
});
const problem = (description: string): Record<string, unknown> => ({
  description,
  content: { 'application/problem+json': { schema: ref('Problem') } },
});
const noContent = { description: 'Done.' };
const invalid = problem('Invalid input: `errors` names each problem and what is allowed.');

/** A query or body member that filters the journal (the same in GET /requests and POST /requests/verify). */
function filterMembers(names: AdminNames): Record<string, Record<string, unknown>> {
  return {
    korrelationsid: { type: 'string', minLength: 1, description: 'SSBTEK: the query’s korrelationsid.' },
    personidentitet: { type: 'string', minLength: 1, description: 'SSBTEK: the person the query is about.' },
    service: {
      type: 'string',
      enum: [...names.journalServices],
      description:
        'Exchanges this service answered, and SSBTEK exchanges that included it (for a base service). ' +
        'With `included: false`: the SSBTEK exchanges that did not include it.',
    },
    included: {
      type: 'boolean',
      description: `With a base service (${names.baseServices.join(', ')}) as \`service\`: true (the default) or false.`,
    },
    outcome: {
      type: 'string',
      enum: ['ok', 'fault', 'error'],
      description: '`fault`: a SOAP Fault (or another XML error); `error`: any other answer with status ≥ 400.',
    },
    from: { type: 'string', format: 'date-time', description: 'Received at or after this instant.' },
    to: { type: 'string', format: 'date-time', description: 'Received at or before this instant.' },
  };
}

function schemas(names: AdminNames): Record<string, unknown> {
  const count = { type: 'integer', minimum: 0 };
  return {
    Problem: {
      type: 'object',
      required: ['type', 'title', 'status'],
      properties: {
        type: { type: 'string' },
        title: { type: 'string' },
        status: { type: 'integer' },
        detail: { type: 'string' },
        errors: {
          type: 'array',
          items: {
            type: 'object',
            required: ['detail'],
            properties: {
              parameter: { type: 'string' },
              pointer: { type: 'string' },
              detail: { type: 'string' },
              allowed: { type: 'array', items: { type: 'string' } },
            },
          },
        },
      },
    },
    Latency: {
      type: 'object',
      additionalProperties: false,
      required: ['type'],
      description: 'fixed: `ms`; uniform: `minMs`, `maxMs`; lognormal: `medianMs`, `sigma`.',
      properties: {
        type: { type: 'string', enum: ['fixed', 'uniform', 'lognormal'] },
        ms: { type: 'number', minimum: 0 },
        minMs: { type: 'number', minimum: 0 },
        maxMs: { type: 'number', minimum: 0 },
        medianMs: { type: 'number', minimum: 0 },
        sigma: { type: 'number', minimum: 0 },
      },
    },
    ServiceSettings: {
      type: 'object',
      additionalProperties: false,
      properties: {
        latency: ref('Latency'),
        timeoutMs: { type: 'number', minimum: 0 },
        errorRate: { type: 'number', minimum: 0, maximum: 1 },
        error: {
          type: 'string',
          pattern: '^[A-Za-z0-9_.-]{1,40}$',
          description: `One of the service's own codes, or ${TRANSPORT_ERRORS.join(', ')}.`,
        },
      },
    },
    ScenarioSettings: {
      type: 'object',
      additionalProperties: false,
      properties: Object.fromEntries(names.baseServices.map((id) => [id, ref('ServiceSettings')])),
    },
    Verification: {
      type: 'object',
      additionalProperties: false,
      description: 'Count the exchanges matching the filter members; compare with `count` (exact) or `atLeast`.',
      properties: { ...filterMembers(names), count, atLeast: count },
    },
    VerificationResult: {
      type: 'object',
      required: ['matched', 'ok'],
      properties: { matched: count, ok: { type: 'boolean' } },
    },
    Exchange: {
      type: 'object',
      description: 'One journaled exchange (docs/admin-api.md, *An exchange*).',
      required: ['id', 'receivedAt', 'today', 'durationMs', 'service', 'method', 'path', 'outcome', 'request', 'reply'],
      properties: {
        id: { type: 'string' },
        receivedAt: { type: 'string', format: 'date-time' },
        today: { type: 'string', format: 'date' },
        durationMs: { type: 'number' },
        service: { type: 'string', enum: [...names.journalServices] },
        method: { type: 'string' },
        path: { type: 'string' },
        outcome: { type: 'string', enum: ['ok', 'fault', 'error'] },
      },
    },
    JournalSettings: {
      type: 'object',
      additionalProperties: false,
      minProperties: 1,
      properties: { enabled: { type: 'boolean' }, capacity: { type: 'integer', minimum: 0, maximum: 100_000 } },
    },
    JournalState: {
      type: 'object',
      required: ['enabled', 'capacity', 'size'],
      properties: { enabled: { type: 'boolean' }, capacity: count, size: count },
    },
    TodaySetting: {
      type: 'object',
      additionalProperties: false,
      required: ['today'],
      properties: {
        today: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'A calendar day, 1900–2999.' },
      },
    },
    TodayState: {
      type: 'object',
      required: ['today', 'source', 'configured'],
      properties: {
        today: { type: 'string', format: 'date' },
        source: {
          type: 'string',
          enum: ['admin', 'config', 'real'],
          description: 'admin: set with PUT /today; config: `today`/SSBTEK_TODAY; real: the date in Sweden.',
        },
        configured: { type: ['string', 'null'], description: 'The config’s day, which DELETE /today returns to.' },
      },
    },
  };
}

/** The admin API's OpenAPI 3.1 document. */
export function adminOpenApi(names: AdminNames): Record<string, unknown> {
  const filters = filterMembers(names);
  const query = (name: string): Record<string, unknown> => ({ name, in: 'query', schema: filters[name] });
  const service = {
    name: 'service',
    in: 'path',
    required: true,
    description: `A base service: ${names.baseServices.join(', ')} (any case).`,
    schema: { type: 'string', pattern: '^[A-Za-z]{1,10}$' },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'SSBTEK emulator — admin API',
      version: '1.0.0',
      description: [
        'Scenario control, the request journal and the emulator’s "today", on the same port as the services, and',
        'what the console (/ui) shows: live events, the population, error catalogues, stored state, figures, validation.',
        'JSON in and out; unknown query parameters or body members and bad values are refused (400) with an RFC',
        '9457 problem document whose `errors` name each problem and what is allowed. See docs/admin-api.md.',
      ].join('\n'),
    },
    servers: [{ url: ADMIN_PATH }],
    paths: {
      '/scenarios': {
        get: {
          operationId: 'getScenarios',
          summary: 'Run-time settings in force per base service (config file + run-time changes)',
          responses: { '200': json('Settings by base service.', ref('ScenarioSettings')) },
        },
        delete: {
          operationId: 'resetScenarios',
          summary: 'Back to the config file’s settings for every base service',
          responses: { '204': noContent },
        },
      },
      '/scenarios/{service}': {
        parameters: [service],
        put: {
          operationId: 'putScenario',
          summary: 'Replace one base service’s run-time settings',
          requestBody: body(ref('ServiceSettings')),
          responses: {
            '200': json('The settings now in force.', ref('ServiceSettings')),
            '400': invalid,
            '404': problem('Not a base service.'),
          },
        },
        delete: {
          operationId: 'resetScenario',
          summary: 'Back to the config file’s settings for one base service',
          responses: { '204': noContent, '404': problem('Not a base service.') },
        },
      },
      '/requests': {
        get: {
          operationId: 'listRequests',
          summary: 'Journaled exchanges, newest first',
          parameters: [
            ...Object.keys(filters).map(query),
            {
              name: 'limit',
              in: 'query',
              schema: { type: 'integer', minimum: 1, maximum: 100_000, default: 50 },
            },
            {
              name: 'view',
              in: 'query',
              description: '`summary`: each exchange without its message bodies (what a list shows).',
              schema: { type: 'string', enum: ['full', 'summary'], default: 'full' },
            },
          ],
          responses: {
            '200': json('Matching exchanges.', {
              type: 'object',
              required: ['requests'],
              properties: { requests: { type: 'array', items: ref('Exchange') } },
            }),
            '400': invalid,
          },
        },
        delete: { operationId: 'clearRequests', summary: 'Empty the journal', responses: { '204': noContent } },
      },
      '/requests/verify': {
        post: {
          operationId: 'verifyRequests',
          summary: 'Count the exchanges matching a filter and compare with an expectation',
          requestBody: body(ref('Verification')),
          responses: {
            '200': json('`ok: false` answers 200 too: the check itself worked.', ref('VerificationResult')),
            '400': invalid,
          },
        },
      },
      '/requests/{id}': {
        get: {
          operationId: 'getRequest',
          summary: 'One exchange',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', maxLength: 64 } }],
          responses: { '200': json('The exchange.', ref('Exchange')), '404': problem('No such exchange.') },
        },
      },
      '/journal': {
        get: {
          operationId: 'getJournal',
          summary: 'Whether the journal records, its capacity and size',
          responses: { '200': json('The journal’s state.', ref('JournalState')) },
        },
        put: {
          operationId: 'putJournal',
          summary: 'Switch the journal on or off, change its capacity',
          requestBody: body(ref('JournalSettings')),
          responses: { '200': json('The journal’s state.', ref('JournalState')), '400': invalid },
        },
      },
      '/today': {
        get: {
          operationId: 'getToday',
          summary: 'The day every service lives on, and where it comes from',
          responses: { '200': json('The day in force.', ref('TodayState')) },
        },
        put: {
          operationId: 'putToday',
          summary: 'Move every service to another day (empties the kept answers)',
          requestBody: body(ref('TodaySetting')),
          responses: { '200': json('The day in force.', ref('TodayState')), '400': invalid },
        },
        delete: {
          operationId: 'resetToday',
          summary: 'Back to the config’s day, or the real date (empties the kept answers)',
          responses: { '200': json('The day in force.', ref('TodayState')) },
        },
      },
      ...consolePaths(),
    },
    components: { schemas: { ...schemas(names), ...consoleSchemas() } },
  };
}
