import { ORGNR_HEADER } from './auth.js';
import { EMULATED_STATUSES } from './errors.js';

const MOUNT_PATH = '/scb/api/v1';

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } },
});

const notProcessed = {
  description: 'The delivery has not been processed yet; ask again later.',
  content: { 'application/json': { schema: { $ref: '#/components/schemas/NotProcessed' } } },
};

const commonErrors = {
  '400': errorResponse('The call is malformed or names something the service does not know.'),
  '401': errorResponse('The caller is not authenticated (no valid client certificate, or no stand-in header).'),
  '403': errorResponse('The caller may not act for this organisation, contract or ticket.'),
  '429': errorResponse('Too many calls (only when forced with X-Emulator-Error).'),
  '500': errorResponse('Internal error (also forced with X-Emulator-Error).'),
  '502': errorResponse('Bad gateway (only when forced with X-Emulator-Error).'),
  '503': errorResponse('Service unavailable (only when forced with X-Emulator-Error).'),
  '504': errorResponse('Gateway timeout (only when forced with X-Emulator-Error).'),
};

const ticketParameter = {
  name: 'ticket',
  in: 'path',
  required: true,
  description: 'The ticket the delivery call returned.',
  schema: { type: 'string', format: 'uuid' },
};

const text = (description: string) => ({ type: ['string', 'null'], description });

/** The project's OpenAPI 3.1 description of the SCB submission service emulation (enforced on requests). */
export const openapi: Record<string, unknown> = {
  openapi: '3.1.0',
  info: {
    title: 'SCB inlämningstjänst (emulator)',
    version: '1.0.0',
    description: [
      'Asynchronous file submission to Statistics Sweden: POST a base64-encoded file under a delivery agreement',
      '(contract) and a delivery format, get a ticket, poll the status until it answers 302, then read the',
      'validation result.',
      '',
      'Authentication: over HTTPS a client certificate verified against the configured CA, whose subject',
      `serialNumber (or organizationIdentifier) holds the caller's organisationsnummer. Over plain HTTP the header`,
      `${ORGNR_HEADER} stands in for the certificate. Missing or unusable → 401; a caller that may not act for the`,
      'organisation, contract or ticket → 403.',
      '',
      'Every refusal has the body {"errors":[{"errorCode","errorReason","errorMessage"}]}.',
      '',
      `Emulator control: the request header X-Emulator-Error with one of ${Object.keys(EMULATED_STATUSES).join(', ')}`,
      'makes any operation answer with that status (and the same error body), for testing how a client copes.',
      '',
      'Contract "demo" (always present): organisations 5599000006 and 5599000014, supplier 5599000022 may deliver',
      'for both; formats LONERAPPORT_CSV (versions 1 and 2, default 2) and LONERAPPORT_XML (version 1, schema',
      '/xsd/scb/demo-lonerapport-1.xsd).',
    ].join('\n'),
  },
  servers: [{ url: MOUNT_PATH }],
  security: [{ clientCertificate: [] }, { orgNrHeader: [] }],
  paths: {
    '/delivery': {
      post: {
        operationId: 'deliver',
        summary: 'Submit a file; answers with the ticket of the new delivery.',
        parameters: [{ $ref: '#/components/parameters/EmulatorError' }],
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { $ref: '#/components/schemas/DeliveryRequest' } } },
        },
        responses: {
          '200': {
            description: 'Accepted for processing. The body is the ticket, a UUID as a JSON string.',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Ticket' } } },
          },
          ...commonErrors,
          '413': errorResponse('The call is larger than the service accepts.'),
          '415': errorResponse('The body is not JSON.'),
        },
      },
    },
    '/status/{ticket}': {
      get: {
        operationId: 'status',
        summary: 'How far the delivery has come.',
        parameters: [ticketParameter, { $ref: '#/components/parameters/EmulatorError' }],
        responses: {
          '202': notProcessed,
          '302': {
            description: 'Processed: the result is available; Location points at it.',
            headers: {
              Location: { description: 'The delivery result: /delivery/{ticket}.', schema: { type: 'string' } },
            },
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Processed' } } },
          },
          ...commonErrors,
          '404': errorResponse('No delivery has this ticket.'),
        },
      },
    },
    '/delivery/{ticket}': {
      get: {
        operationId: 'result',
        summary: 'The result of a processed delivery: whether it validated, and every validation error.',
        parameters: [ticketParameter, { $ref: '#/components/parameters/EmulatorError' }],
        responses: {
          '200': {
            description: 'The delivery result.',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/DeliveryResult' } } },
          },
          '202': notProcessed,
          ...commonErrors,
          '404': errorResponse('No delivery has this ticket.'),
        },
      },
    },
  },
  components: {
    securitySchemes: {
      clientCertificate: { type: 'mutualTLS', description: 'Client certificate issued for the service (HTTPS).' },
      orgNrHeader: {
        type: 'apiKey',
        in: 'header',
        name: ORGNR_HEADER,
        description: "Plain-HTTP stand-in: the caller's organisationsnummer.",
      },
    },
    parameters: {
      EmulatorError: {
        name: 'X-Emulator-Error',
        in: 'header',
        required: false,
        description: 'Emulator control: answer with this status instead of doing the operation.',
        schema: { type: 'integer', enum: Object.keys(EMULATED_STATUSES).map(Number) },
      },
    },
    schemas: {
      DeliveryRequest: {
        type: 'object',
        description:
          'Each parameter may be written as in the service description or with the first letter in the other case ' +
          '(Contract or contract, orgNr or OrgNr, …). Contract and fileContent are required.',
        properties: {
          Contract: text('The delivery agreement (contract) the file is delivered under.'),
          contract: text('Same as Contract.'),
          orgNr: text('The organisation the data concerns (10 digits, optionally NNNNNN-NNNN).'),
          OrgNr: text('Same as orgNr.'),
          Test: { type: ['boolean', 'null'], description: 'A test run: validated, never kept.' },
          test: { type: ['boolean', 'null'], description: 'Same as Test.' },
          fileContent: { type: 'string', description: 'The file, base64-encoded.' },
          FileContent: { type: 'string', description: 'Same as fileContent.' },
          DeliveryFormatName: text('The delivery format; required when the contract has more than one.'),
          deliveryFormatName: text('Same as DeliveryFormatName.'),
          ExternalVersionId: {
            type: ['string', 'integer', 'null'],
            description: "The format version; the format's default version when left out.",
          },
          externalVersionId: { type: ['string', 'integer', 'null'], description: 'Same as ExternalVersionId.' },
        },
        additionalProperties: false,
        allOf: [
          { anyOf: [{ required: ['Contract'] }, { required: ['contract'] }] },
          { anyOf: [{ required: ['fileContent'] }, { required: ['FileContent'] }] },
        ],
      },
      Ticket: { type: 'string', format: 'uuid' },
      NotProcessed: { type: 'string', const: 'Not processed' },
      Processed: { type: 'string', const: 'Processed' },
      DeliveryResult: {
        type: 'object',
        required: ['successfulValidation', 'ticket', 'errors'],
        properties: {
          successfulValidation: { type: 'boolean' },
          ticket: { type: 'string', format: 'uuid' },
          errors: { type: 'array', items: { $ref: '#/components/schemas/ValidationError' } },
        },
      },
      ValidationError: {
        type: 'object',
        required: ['errorCode', 'errorReason', 'errorMessage', 'rowErrors'],
        properties: {
          errorCode: { type: 'string' },
          errorReason: { type: 'string' },
          errorMessage: { type: 'string' },
          rowErrors: {
            type: 'array',
            items: {
              type: 'object',
              required: ['errorDescription', 'rowData'],
              properties: {
                errorDescription: { type: 'string', description: 'What is wrong, starting with the line number.' },
                rowData: { type: 'string', description: 'The line of the file as delivered.' },
              },
            },
          },
        },
      },
      ErrorBody: {
        type: 'object',
        required: ['errors'],
        properties: {
          errors: {
            type: 'array',
            items: {
              type: 'object',
              required: ['errorCode', 'errorReason', 'errorMessage'],
              properties: {
                errorCode: { type: 'string' },
                errorReason: { type: 'string' },
                errorMessage: { type: 'string' },
              },
            },
          },
        },
      },
    },
  },
};
