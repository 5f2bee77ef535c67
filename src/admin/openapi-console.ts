/**
 * The admin API's paths for the console (/ui) and anyone else who wants the same: the live event stream, the
 * population, the error catalogues, the REST services' state, figures at a glance, validation of a document and an
 * exchange as a replay case. Part of the admin document (openapi.ts), enforced like the rest.
 */
import { SCHEMA_NAMES } from '../tools/validate/schemas.js';

const ref = (name: string): { $ref: string } => ({ $ref: `#/components/schemas/${name}` });
const json = (description: string, schema: unknown): Record<string, unknown> => ({
  description,
  content: { 'application/json': { schema } },
});
const problem = (description: string): Record<string, unknown> => ({
  description,
  content: { 'application/problem+json': { schema: ref('Problem') } },
});
const invalid = problem('Invalid input: `errors` names each problem and what is allowed.');
const day = { type: 'string', format: 'date' };
const object = (properties: Record<string, unknown>, required: string[] = Object.keys(properties)) => ({
  type: 'object',
  required,
  properties,
});
const array = (items: unknown) => ({ type: 'array', items });
const nullable = (schema: Record<string, unknown>) => ({ anyOf: [schema, { type: 'null' }] });
const madeBy = nullable(
  object({
    id: { type: 'string' },
    receivedAt: { type: 'string' },
    method: { type: 'string' },
    path: { type: 'string' },
    status: { type: 'integer' },
  }),
);
const number = {
  name: 'number',
  in: 'path',
  required: true,
  description: 'A personnummer or samordningsnummer, 12 digits.',
  schema: { type: 'string', pattern: '^[0-9]{12}$' },
};

export function consoleSchemas(): Record<string, unknown> {
  return {
    PersonCard: {
      ...object({
        personidentitet: { type: 'string' },
        kind: { type: 'string', enum: ['personnummer', 'samordningsnummer'] },
        birthDate: day,
        sex: { type: 'string', enum: ['M', 'K'] },
        checksumValid: { type: 'boolean' },
        fornamn: { type: 'string' },
        efternamn: { type: 'string' },
        kommun: object({ kod: { type: 'string' }, namn: { type: 'string' }, lan: { type: 'string' } }),
        alder: { type: 'integer' },
        sysselsattning: { type: 'string' },
        akassa: { type: ['string', 'null'] },
        antalBarn: { type: 'integer' },
        antalFordon: { type: 'integer' },
        arsinkomst: { type: 'integer' },
        invandring: { type: ['object', 'null'] },
        skydd: { type: ['string', 'null'], enum: ['sekretessmarkering', 'skyddad-folkbokforing', null] },
        aktiehandel: { type: 'boolean' },
        registrering: { type: ['object', 'null'], description: 'What a service registered (born, renewed).' },
        scenario: {
          type: ['object', 'null'],
          description: 'A curated scenario person: its description and scenarios.',
        },
        pu: object({ reserves: array({ type: 'object' }), contactDetails: { type: ['object', 'null'] } }),
      }),
      description: 'What the population makes of a number (generated, scenario person, registry, PU).',
    },
    PersonAnswers: object({
      personidentitet: { type: 'string' },
      period: object({ from: day, tom: day }),
      dialect: { type: 'string', enum: ['v10', 'v11'] },
      today: day,
      status: { type: 'integer' },
      fault: { type: ['string', 'null'], description: 'The Fault felkod when the query itself was refused.' },
      services: array(
        object(
          {
            service: { type: 'string' },
            outcome: { type: 'string', enum: ['data', 'error'] },
            kalla: { type: 'string' },
            felkod: { type: 'string' },
            felmeddelande: array({ type: 'string' }),
            durationMs: { type: 'number' },
            request: { type: 'object' },
            response: { type: 'object' },
          },
          ['service', 'outcome', 'durationMs'],
        ),
      ),
      reply: { type: 'string', description: 'The composite answer (SOAP).' },
    }),
    Catalogue: object({
      transportErrors: array(object({ code: { type: 'string' }, text: { type: 'string' } })),
      services: array(
        object({
          id: { type: 'string' },
          title: { type: 'string' },
          path: { type: 'string' },
          technicalError: { type: 'string' },
          errors: array(object({ code: { type: 'string' }, type: { type: 'string' }, text: { type: 'string' } })),
        }),
      ),
    }),
    State: object({
      scb: array({ type: 'object', properties: { ticket: { type: 'string' }, state: { type: 'string' }, madeBy } }),
      birthReports: array({ type: 'object', properties: { reportId: { type: 'string' }, madeBy } }),
      renewals: array({ type: 'object', properties: { samordningsnummer: { type: 'string' }, madeBy } }),
      puReserves: array({ type: 'object', properties: { id: { type: 'string' }, madeBy } }),
      puContacts: array({ type: 'object', properties: { personidentitet: { type: 'string' }, madeBy } }),
      registry: array({ type: 'object' }),
    }),
    Stats: object({
      metrics: { type: 'object', description: 'Since the start, from /metrics.' },
      journal: { type: 'object', description: 'Over the exchanges the journal holds.' },
    }),
    ValidationRequest: {
      type: 'object',
      additionalProperties: false,
      required: ['document'],
      properties: {
        document: { type: 'string', minLength: 1, description: 'The XML document, as text.' },
        name: { type: 'string', maxLength: 200, description: 'A name for it in the answer (a file name).' },
        schema: { type: 'string', enum: [...SCHEMA_NAMES], description: 'Validate against this schema.' },
      },
    },
    ValidationResult: object(
      {
        file: { type: 'string' },
        status: { type: 'string', enum: ['valid', 'invalid', 'unreadable'] },
        schema: { type: 'string' },
        problems: array(
          object({
            line: { type: 'integer' },
            col: { type: 'integer' },
            path: { type: 'string' },
            message: { type: 'string' },
          }),
        ),
      },
      ['file', 'status', 'problems'],
    ),
    ReplayCase: object({
      name: { type: 'string', description: 'The name `record --from-journal` gives the case.' },
      files: object({
        'request.xml': { type: 'string' },
        'expected.xml': { type: 'string' },
        'case.json': { type: 'string' },
      }),
    }),
  };
}

export function consolePaths(): Record<string, unknown> {
  return {
    '/events': {
      get: {
        operationId: 'events',
        summary: 'Server-sent events: hello, exchanges (journal summaries), cleared, overflow, scenarios, today',
        responses: {
          '200': { description: 'An event stream.', content: { 'text/event-stream': { schema: { type: 'string' } } } },
        },
      },
    },
    '/population': {
      get: {
        operationId: 'getPopulation',
        summary: 'The curated scenario persons, each as a person card',
        responses: {
          '200': json('Today and the persons.', object({ today: day, persons: array(ref('PersonCard')) })),
        },
      },
    },
    '/population/{number}': {
      parameters: [number],
      get: {
        operationId: 'getPerson',
        summary: 'The person behind any identity number',
        responses: { '200': json('The person card.', ref('PersonCard')), '404': problem('Not an identity number.') },
      },
    },
    '/population/{number}/answers': {
      parameters: [number],
      get: {
        operationId: 'getPersonAnswers',
        summary: 'What every base service answers about the person for a period (a composite query, not journaled)',
        parameters: [
          { name: 'from', in: 'query', schema: day, description: 'Default: two months before `tom`.' },
          { name: 'tom', in: 'query', schema: day, description: 'Default: today.' },
          { name: 'dialect', in: 'query', schema: { type: 'string', enum: ['v10', 'v11'], default: 'v10' } },
        ],
        responses: {
          '200': json('Each service’s outcome with its native messages.', ref('PersonAnswers')),
          '400': invalid,
          '404': problem('Not an identity number.'),
        },
      },
    },
    '/catalogue': {
      get: {
        operationId: 'getCatalogue',
        summary: 'Each base service’s error codes with their texts, and the transport errors',
        responses: { '200': json('The catalogues.', ref('Catalogue')) },
      },
    },
    '/state': {
      get: {
        operationId: 'getState',
        summary: 'What the REST services and PU have stored, newest first, with the request that made each',
        parameters: [
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 1000, default: 100 } },
        ],
        responses: { '200': json('The state.', ref('State')), '400': invalid },
      },
    },
    '/stats': {
      get: {
        operationId: 'getStats',
        summary: 'Requests, errors and p95 per service: since the start (metrics) and over the journal',
        responses: { '200': json('The figures.', ref('Stats')) },
      },
    },
    '/validate': {
      post: {
        operationId: 'validateDocument',
        summary: 'Validate an XML document against the bundled schemas (as `ssbtek-emulator validate`)',
        requestBody: { required: true, content: { 'application/json': { schema: ref('ValidationRequest') } } },
        responses: { '200': json('The schema used and every violation.', ref('ValidationResult')), '400': invalid },
      },
    },
    '/validate/schemas': {
      get: {
        operationId: 'listSchemas',
        summary: 'The bundled schemas and the elements that choose each',
        responses: {
          '200': json(
            'The schemas.',
            object({
              schemas: array(
                object({ name: { type: 'string' }, file: { type: 'string' }, elements: array({ type: 'string' }) }),
              ),
            }),
          ),
        },
      },
    },
    '/requests/{id}/case': {
      get: {
        operationId: 'getReplayCase',
        summary: 'An SSBTEK exchange as a replay case: the files `record --from-journal` writes',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', maxLength: 64 } }],
        responses: {
          '200': json('The case’s name and files.', ref('ReplayCase')),
          '404': problem('No such exchange.'),
          '409': problem('Not an SSBTEK exchange, or its body was cut short.'),
        },
      },
    },
  };
}
