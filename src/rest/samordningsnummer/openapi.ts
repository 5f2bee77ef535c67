/**
 * The project's own OpenAPI 3.1 description of Skatteverket's Folkbokföring – Samordningsnummer v1 as emulated
 * here. Served at /openapi/samordningsnummer.json and enforced on requests by the router.
 */
const message = (example: string): Record<string, unknown> => ({
  description: example,
  content: {
    'application/json': { schema: { $ref: '#/components/schemas/Message' }, example: { message: example } },
  },
});

const traceHeaders = [
  { $ref: '#/components/parameters/ClientCorrelationId' },
  { $ref: '#/components/parameters/CorrelationId' },
  { $ref: '#/components/parameters/User' },
  { $ref: '#/components/parameters/EmulatorError' },
];

const commonResponses = {
  '400': {
    description: 'The request or the anmälan breaks a rule: one entry per problem.',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Errors' } } },
  },
  '401': message('Unauthorized'),
  '403': {
    description: 'The access token lacks scope `esnr`.',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/ScopeError' } } },
  },
  '404': message('Not found'),
  '405': message('Method not allowed'),
  '406': message('Not acceptable'),
  '429': message('Too Many Requests'),
  '500': message('Internal server error'),
  '503': message('Service Unavailable'),
  '504': message('Timeout'),
};

export const SAMORDNINGSNUMMER_OPENAPI: Record<string, unknown> = {
  openapi: '3.1.0',
  info: {
    title: 'Folkbokföring – Samordningsnummer (emulated)',
    version: '1.0.0',
    description: [
      'Lets an authority report that a samordningsnummer should be renewed (anmälan om förnyelse), and check its',
      'access with ping. Every call needs an OAuth2 access token with scope `esnr` from the client credentials',
      'grant at `POST /oauth2/v1/sys/token` (demo client `demo`/`demo`), and the header `skv_client_correlation_id`.',
      '\n\nRules of the emulator: a samordningsnummer is active to the end of the fifth calendar year after the year',
      'it was assigned or last renewed (a number assigned before 2016 counts as assigned in 2016); it can be renewed',
      'from 1 January of that fifth year, and also once vilande. The assignment date of an emulated number is',
      'derived from the number. A 200 means the anmälan was received and the renewal registered; sending the same',
      'number again in the same period gives the same receipt (`redanFornyat: true`). A number whose birth date is',
      'after today is unknown. Each client may make a limited number of calls per sliding second (default 10).',
      '\n\nTesting aid: the request header `X-Emulator-Error: 500|503|504` makes the service answer with that',
      'error (after authentication), as the real service may when it or a component behind it fails.',
    ].join(' '),
  },
  servers: [{ url: '/folkbokforing/samordningsnummer/v1' }],
  security: [{ oauth2: ['esnr'] }],
  paths: {
    '/fornyelse/anmal': {
      post: {
        operationId: 'anmalFornyelse',
        summary: 'Report that a samordningsnummer should be renewed',
        parameters: traceHeaders,
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Anmalan' } } },
        },
        responses: {
          '200': {
            description: 'Received; the renewal is registered.',
            headers: {
              skv_correlation_id: { $ref: '#/components/headers/CorrelationId' },
              skv_client_correlation_id: { $ref: '#/components/headers/ClientCorrelationId' },
            },
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Kvitto' } } },
          },
          ...commonResponses,
          '415': message('Unsupported media type'),
        },
      },
    },
    '/ping': {
      get: {
        operationId: 'ping',
        summary: 'Check access; echoes the traceability headers',
        parameters: traceHeaders,
        responses: {
          '200': {
            description: 'Access works. The traceability values as the service saw them.',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Ping' } } },
          },
          ...commonResponses,
        },
      },
    },
  },
  components: {
    securitySchemes: {
      oauth2: {
        type: 'oauth2',
        flows: {
          clientCredentials: {
            // The schema wants an absolute URL: the default address (the endpoint is /oauth2/v1/sys/token on any).
            tokenUrl: 'http://127.0.0.1:8080/oauth2/v1/sys/token',
            scopes: { esnr: 'Report renewals of samordningsnummer' },
          },
        },
      },
    },
    parameters: {
      ClientCorrelationId: {
        name: 'skv_client_correlation_id',
        in: 'header',
        required: true,
        description: "The caller's id for this call, logged end to end (any format, e.g. a UUID).",
        schema: { type: 'string', minLength: 1 },
      },
      CorrelationId: {
        name: 'skv_correlation_id',
        in: 'header',
        required: false,
        description: 'A correlation id set by a gateway in front; the service makes one up when it is absent.',
        schema: { type: 'string', minLength: 1 },
      },
      User: {
        name: 'skv_user',
        in: 'header',
        required: false,
        description: "The calling user; when absent, the token's client id.",
        schema: { type: 'string', minLength: 1 },
      },
      EmulatorError: {
        name: 'X-Emulator-Error',
        in: 'header',
        required: false,
        description: 'Emulator only: answer with this error status.',
        schema: { type: 'string', enum: ['500', '503', '504'] },
      },
    },
    headers: {
      CorrelationId: {
        description: "Every answer carries the service's correlation id for the call.",
        schema: { type: 'string' },
      },
      ClientCorrelationId: {
        description: "Every answer repeats the caller's skv_client_correlation_id when one was sent.",
        schema: { type: 'string' },
      },
    },
    schemas: {
      Anmalan: {
        type: 'object',
        required: ['ingivarnamn', 'samordningsnummer'],
        properties: {
          ingivarnamn: {
            type: 'string',
            minLength: 1,
            maxLength: 200,
            pattern: '\\S',
            description: 'The agreed name of the reporting authority, e.g. "Polismyndigheten, register".',
          },
          samordningsnummer: {
            type: 'string',
            pattern: '^\\d{12}$',
            description: 'The samordningsnummer to renew, 12 digits (YYYYMMDDNNNC, day of birth + 60).',
          },
        },
      },
      Kvitto: {
        type: 'object',
        required: ['status', 'samordningsnummer', 'ingivarnamn', 'mottagen', 'aktivTom', 'redanFornyat'],
        properties: {
          status: { type: 'string', const: 'MOTTAGEN' },
          samordningsnummer: { type: 'string' },
          ingivarnamn: { type: 'string', description: 'Who reported the renewal that is registered.' },
          mottagen: { type: 'string', format: 'date-time', description: 'When that anmälan was received.' },
          aktivTom: { type: 'string', format: 'date', description: 'The last day the number is now active.' },
          redanFornyat: {
            type: 'boolean',
            description: 'true when the number was already renewed in this period: nothing new was registered.',
          },
        },
      },
      Ping: {
        type: 'object',
        required: ['skv_correlation_id', 'skv_client_correlation_id', 'skv_user'],
        properties: {
          skv_correlation_id: { type: 'string' },
          skv_client_correlation_id: { type: 'string' },
          skv_user: { type: 'string' },
        },
      },
      Message: {
        type: 'object',
        required: ['message'],
        properties: { message: { type: 'string' } },
      },
      ScopeError: {
        type: 'object',
        required: ['error', 'description'],
        properties: { error: { type: 'string', const: 'invalid_scope' }, description: { type: 'string' } },
      },
      Errors: {
        type: 'object',
        required: ['errors'],
        properties: {
          errors: {
            type: 'array',
            minItems: 1,
            items: {
              type: 'object',
              required: ['source', 'type', 'title', 'description'],
              properties: {
                source: {
                  type: ['string', 'null'],
                  description: 'The field a business rule is about; null for a malformed request.',
                },
                type: {
                  type: ['string', 'null'],
                  description:
                    'A business rule code (SAMORDNINGSNUMMER_SAKNAS, FORNYELSE_EJ_AKTUELL); null for a malformed request.',
                },
                title: { type: 'string', description: 'Names the operation.' },
                description: {
                  type: 'string',
                  description: 'What is wrong; for a malformed request in the form `{field must …}`.',
                },
              },
            },
          },
        },
      },
    },
  },
};
