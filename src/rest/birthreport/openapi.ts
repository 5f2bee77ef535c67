/**
 * The emulator's own OpenAPI 3.1 description of Inera's birth report service (Födelseanmälan). Field names and the
 * error body shapes follow Inera's published description; the wording is ours. express-openapi-validator enforces
 * it on every request (src/rest/birthreport/router.ts); the rules a schema cannot say (parent either/or, order ≤
 * total, date not after today, a real calendar date) are checked by rules.ts and named in the descriptions here.
 */
import { CALLER_HEADER } from './callers.js';
import { EMULATED_ERROR_STATUSES } from './errors.js';
import { CONFIRMATION_CODES } from './confirmation.js';

const apiError = { $ref: '#/components/schemas/ApiError' };

function errorResponse(description: string): Record<string, unknown> {
  return { description, content: { 'application/json': { schema: apiError } } };
}

const confirmationTable = Object.entries(CONFIRMATION_CODES)
  .map(([code, c]) => `| ${code} | ${c.when} |`)
  .join('\n');

export const BIRTH_REPORT_OPENAPI: Record<string, unknown> = {
  openapi: '3.1.0',
  info: {
    title: 'Birth Report Service (Inera) — emulator',
    version: '1.0.0',
    description: [
      'A maternity ward reports a birth; the child gets a new personnummer at once (201) or the report is queued for',
      "manual handling at Skatteverket (202, with a confirmation code). The child joins the emulator's population, so",
      'every other service sees the newborn.',
      '',
      'Emulator behaviour:',
      '',
      '- The reporting maternity unit must be known: over TLS its client certificate (issued by the configured CA, the',
      "  subject serialNumber being the unit's HSA id), on plain HTTP the stand-in header",
      `  \`${CALLER_HEADER}: <HSA id>\` (ignored over TLS). The callers are configured (\`birthReportCallers\`); the`,
      '  embedded default knows `SE2321000016-FODELSE` and `SE2321000131-FODELSE`. An unknown caller, or none, gets',
      "  the gateway's 403 before the request is read; nothing is stored.",
      '- `reportId` is an idempotency key: the same body again gives the same answer (same number); a different body',
      '  with a used `reportId` gives 422.',
      '- Every broken field rule is listed in `invalidParameters` (400), not only the first.',
      '- A body that is not JSON at all gives 422 (the service cannot read it).',
      '- The new personnummer has the birth date of the child, an odd sex digit for BOY and an even one for GIRL, a',
      '  correct check digit, and is never handed out twice by the same store. Birth numbers 230–239 are never used:',
      "  Skatteverket's public test numbers for recent years use them.",
      '- Confirmation codes of a 202 (manual handling):',
      '',
      '| Code | When |',
      '|---|---|',
      confirmationTable,
      '',
      '- The request header `X-Emulator-Error: <status>` makes the emulator answer with that error instead of handling',
      `  the report (${EMULATED_ERROR_STATUSES.join(', ')}); 403 is given before the request is validated, the others`,
      '  after. Nothing is stored for such a request.',
    ].join('\n'),
  },
  servers: [
    { url: '/birthreport', description: 'Mount path of this service in the emulator' },
    { url: '/', description: 'The same operation at the path Inera documents (base URL = the emulator root)' },
  ],
  paths: {
    '/v1/birthreport': {
      post: {
        operationId: 'reportBirth',
        summary: 'Report a birth and get a personnummer for the child',
        security: [{ clientCertificate: [] }, { callerHeader: [] }],
        parameters: [
          {
            name: 'x-trace-id',
            in: 'header',
            required: false,
            description: 'Caller-chosen id written to the log lines of this request.',
            schema: { type: 'string', maxLength: 200 },
          },
          {
            name: 'X-Emulator-Error',
            in: 'header',
            required: false,
            description: 'Emulator only: answer with this HTTP status and the service’s error body for it.',
            schema: { type: 'string', enum: EMULATED_ERROR_STATUSES.map(String) },
          },
        ],
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { $ref: '#/components/schemas/BirthReportRequest' } } },
        },
        responses: {
          '201': {
            description: 'The child has a new personnummer.',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/BirthReportCreated' } } },
          },
          '202': {
            description: 'Received; Skatteverket handles the report manually (see the confirmation code).',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/BirthReportAccepted' } } },
          },
          '400': errorResponse('One or more fields break a rule; each one is listed in invalidParameters.'),
          '403': {
            description:
              'The caller is not known (no trusted client certificate naming a configured caller over TLS, no or an ' +
              `unknown ${CALLER_HEADER} on plain HTTP), or X-Emulator-Error asked for it. Given before the body is read.`,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/ForbiddenError' } } },
          },
          '405': errorResponse('Only POST is offered on this path.'),
          '413': errorResponse('The body is larger than the service accepts.'),
          '415': errorResponse('The body is not application/json.'),
          '422': errorResponse('The body is not JSON, or the reportId was already used for a different report.'),
          '500': errorResponse('Unexpected error in the service.'),
          '502': errorResponse('Skatteverket could not be reached; nothing was created.'),
          '503': errorResponse('The service is unavailable (emulated).'),
          '504': errorResponse('Skatteverket did not answer in time (emulated).'),
        },
      },
    },
  },
  components: {
    securitySchemes: {
      clientCertificate: {
        type: 'mutualTLS',
        description:
          "A client certificate from the configured CA; its subject serialNumber is the reporting unit's HSA id, " +
          'which must be one of the configured callers.',
      },
      callerHeader: {
        type: 'apiKey',
        in: 'header',
        name: CALLER_HEADER,
        description:
          "Plain HTTP only (local use), standing in for the client certificate: the reporting unit's HSA id, one " +
          'of the configured callers.',
      },
    },
    schemas: {
      BirthReportRequest: {
        type: 'object',
        required: ['reportId', 'reportedBy', 'mother', 'child', 'totalNumberOfChildren'],
        properties: {
          reportId: { type: 'string', format: 'uuid', description: 'Unique per report; also the idempotency key.' },
          reportedBy: { $ref: '#/components/schemas/ReportedBy' },
          mother: { $ref: '#/components/schemas/Parent' },
          father: { $ref: '#/components/schemas/Parent' },
          child: { $ref: '#/components/schemas/Child' },
          totalNumberOfChildren: {
            type: 'integer',
            minimum: 1,
            maximum: 9,
            description: 'Children born in this delivery; at least child.order.',
          },
          residentialAddress: { $ref: '#/components/schemas/Lines' },
          residentialAddressAbroad: { $ref: '#/components/schemas/Lines' },
          phoneNumber: { $ref: '#/components/schemas/Lines' },
        },
      },
      Lines: { type: 'array', maxItems: 5, items: { type: 'string', maxLength: 200 } },
      ReportedBy: {
        type: 'object',
        required: ['reporter'],
        properties: {
          reporter: {
            type: 'string',
            pattern: '\\S',
            maxLength: 500,
            description: 'Care unit and the midwife (or equivalent) who reports.',
          },
          phoneNumber: { type: 'string', maxLength: 50 },
        },
      },
      Parent: {
        type: 'object',
        description: 'Exactly one of personalIdentityNumber and dateOfBirth.',
        properties: {
          personalIdentityNumber: { $ref: '#/components/schemas/PersonalIdentityNumber' },
          dateOfBirth: { $ref: '#/components/schemas/PartialDate' },
          name: { $ref: '#/components/schemas/Name' },
        },
      },
      PersonalIdentityNumber: {
        type: 'object',
        required: ['id'],
        properties: {
          id: {
            type: 'string',
            pattern: '^\\d{8}[-+]?\\d{4}$',
            description: 'Twelve digits, optionally with - or + before the last four; the date part must be real.',
          },
          oid: { type: 'string', pattern: '^[0-2](\\.(0|[1-9]\\d*))+$', maxLength: 64 },
        },
      },
      PartialDate: {
        type: 'object',
        required: ['year'],
        description: 'day needs month; with all three parts it must be a real calendar date.',
        properties: {
          year: { type: 'string', pattern: '^(19\\d{2}|20\\d{2}|2100)$', description: '1900–2100.' },
          month: { type: 'string', pattern: '^(0[1-9]|1[0-2])$' },
          day: { type: 'string', pattern: '^(0[1-9]|[12]\\d|3[01])$' },
        },
      },
      Name: {
        type: 'object',
        properties: {
          firstName: { type: 'string', maxLength: 100 },
          middleName: { type: 'string', maxLength: 100 },
          lastName: { type: 'string', maxLength: 100 },
        },
      },
      Child: {
        type: 'object',
        required: ['date', 'gender', 'municipality', 'aliveAtBirth', 'order'],
        properties: {
          date: { type: 'string', format: 'date', description: "Date of birth; not after the service's today." },
          gender: { type: 'string', enum: ['BOY', 'GIRL', 'UNKNOWN'] },
          municipality: { type: 'string', pattern: '\\S', maxLength: 100 },
          aliveAtBirth: { type: 'boolean' },
          order: { type: 'integer', minimum: 1, maximum: 9, description: 'At most totalNumberOfChildren.' },
        },
      },
      BirthReportCreated: {
        type: 'object',
        required: ['reportId', 'personalIdentityNumber'],
        properties: {
          reportId: { type: 'string' },
          personalIdentityNumber: { type: 'string', pattern: '^\\d{12}$' },
        },
      },
      BirthReportAccepted: {
        type: 'object',
        required: ['reportId', 'message'],
        properties: { reportId: { type: 'string' }, message: { $ref: '#/components/schemas/ConfirmationMessage' } },
      },
      ConfirmationMessage: {
        type: 'object',
        required: ['message', 'description', 'messageConfirmationCode'],
        properties: {
          message: { type: 'string', description: 'Text that may be shown to the end user.' },
          description: { type: 'string', description: 'For troubleshooting only.' },
          messageConfirmationCode: { type: 'string', enum: Object.keys(CONFIRMATION_CODES) },
        },
      },
      ApiError: {
        type: 'object',
        required: ['title', 'detail', 'status', 'errorId'],
        properties: {
          title: { type: 'string' },
          detail: { type: 'string' },
          status: { type: 'integer' },
          errorId: { type: 'string', description: 'Quote it when asking about the error; it is in the log too.' },
          invalidParameters: { type: 'array', items: { $ref: '#/components/schemas/InvalidParameter' } },
        },
      },
      InvalidParameter: {
        type: 'object',
        required: ['reason', 'value', 'property'],
        properties: {
          reason: { type: 'string' },
          value: { type: ['string', 'null'], description: 'The rejected value as text; null when it is missing.' },
          property: { type: 'string', description: 'Dotted path, e.g. mother.personalIdentityNumber.id.' },
        },
      },
      ForbiddenError: {
        type: 'object',
        required: ['timestamp', 'status', 'error', 'message', 'path'],
        properties: {
          timestamp: { type: 'string' },
          status: { type: 'integer', const: 403 },
          error: { type: 'string' },
          message: { type: 'string' },
          path: { type: 'string' },
        },
      },
    },
  },
};
