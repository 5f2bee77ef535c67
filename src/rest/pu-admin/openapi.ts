/**
 * The emulator's own OpenAPI 3.1 description of Personuppgiftstjänsten's administration tool, as a REST/JSON API
 * (Inera offers the tool as a web application; the operations follow its functions in the service description,
 * seed 004 §5.1.3). express-openapi-validator enforces it on every request (router.ts).
 */
import { NRID_LETTERS } from '../../pu/reserve/nrid.js';

export const MOUNT_PATH = '/pu/admin/v1';

const ref = (name: string): { $ref: string } => ({ $ref: `#/components/schemas/${name}` });
const problem = (description: string): Record<string, unknown> => ({
  description,
  content: { 'application/problem+json': { schema: ref('Problem') } },
});
const json = (description: string, schema: unknown): Record<string, unknown> => ({
  description,
  content: { 'application/json': { schema } },
});
const body = (schema: unknown): Record<string, unknown> => ({
  required: true,
  content: { 'application/json': { schema } },
});
const consumer = { $ref: '#/components/parameters/Consumer' };
const pathParam = (name: string, description: string): Record<string, unknown> => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: { type: 'string', minLength: 1, maxLength: 64 },
});
const common = {
  '400': problem('The request is invalid; `errors` lists every problem.'),
  '403': problem('Unknown consumer.'),
};

const IDENTIFIERS = [
  'Identifiers:',
  '',
  '- personnummer and samordningsnummer: 12 digits `YYYYMMDDNNNC` with a correct check digit.',
  "- national reserve number (NRID, Inera's `XXYYMMDDNNGC`): `XX` century + 3 (18xx → 21, 19xx → 22, 20xx → 23)",
  '  or `00` for an unknown birth date, and then `YYMMDD` is `000000`; `YYMMDD` the birth date; `NN` two capital',
  `  letters out of ${NRID_LETTERS.join('')} (never I, O, Q, V, W); \`G\` a digit, odd for a man and even for a woman,`,
  '  or `X` for an unknown sex; `C` a check digit: Luhn over the first eleven characters, each replaced by the',
  "  decimal digits of its character code − 48 ('0'–'9' → 0–9, 'A' → 17, 'Z' → 42), doubling from the rightmost",
  '  digit. Example: `22850312AB3` → digits `2285031217183` (sum 50) → check digit 0 → `22850312AB30`.',
  '- regional reserve numbers: the formats configured in `puRegionalReserveFormats` ({ name, pattern, description });',
  '  `GET /reserve-formats` lists them.',
].join('\n');

export const PU_ADMIN_OPENAPI: Record<string, unknown> = {
  openapi: '3.1.0',
  info: {
    title: 'Personuppgiftstjänsten (Inera) — administration API, emulator',
    version: '1.0.0',
    description: [
      'Search persons, hand out and manage reserve identities, keep digital contact details, and take an',
      "aviseringsuttag of a region's persons. Every request names its consumer (HSA id) in `X-PU-Consumer`; an",
      'unknown or missing consumer gets 403. Errors are RFC 9457 problem documents (`application/problem+json`).',
      '',
      IDENTIFIERS,
      '',
      'Limits of the emulator: persons of the population are generated from their numbers, so a name search covers',
      "only reserve identities' person data and persons the emulator already knows (reported births and other",
      'registered persons, persons a reserve identity is linked to, persons with contact details) — at most 100 hits.',
      'Persons with protected identity (skyddad identitet) are shown with their number only.',
    ].join('\n'),
  },
  servers: [{ url: MOUNT_PATH }],
  paths: {
    '/persons': {
      get: {
        operationId: 'searchPersons',
        summary: 'Search persons by personnummer/samordningsnummer, reserve id or name (exactly one)',
        parameters: [
          consumer,
          { name: 'personidentitet', in: 'query', schema: { type: 'string', pattern: '^[0-9]{12}$' } },
          { name: 'reservId', in: 'query', schema: { type: 'string', minLength: 1, maxLength: 64 } },
          { name: 'namn', in: 'query', schema: { type: 'string', minLength: 2, maxLength: 100 } },
        ],
        responses: {
          '200': json('The persons found (possibly none).', {
            type: 'object',
            required: ['persons'],
            properties: { persons: { type: 'array', items: ref('PersonRecord') } },
          }),
          ...common,
        },
      },
    },
    '/identifiers/{value}/validation': {
      get: {
        operationId: 'validateIdentifier',
        summary: 'Tell which kind of identifier a value is and every reason it is not valid',
        parameters: [consumer, pathParam('value', 'Any identifier.')],
        responses: { '200': json('The verdict.', ref('IdentifierCheck')), ...common },
      },
    },
    '/reserve-formats': {
      get: {
        operationId: 'listReserveFormats',
        summary: 'The configured regional reserve number formats',
        parameters: [consumer],
        responses: {
          '200': json('The formats.', {
            type: 'object',
            properties: { formats: { type: 'array', items: ref('Format') } },
          }),
          '403': common['403'],
        },
      },
    },
    '/reserve-identities/national': {
      post: {
        operationId: 'createNationalReserve',
        summary: 'Hand out a new national reserve number (NRID), optionally with person data',
        description: 'The NRID carries the birth date and sex of the person data when given (else 00000000 and X).',
        parameters: [consumer],
        requestBody: body({
          type: 'object',
          additionalProperties: false,
          properties: { person: ref('ReservePerson') },
        }),
        responses: {
          '201': json('Created; Location names it.', ref('ReserveIdentity')),
          ...common,
          '503': problem('No NRID is free for this birth date and sex.'),
        },
      },
    },
    '/reserve-identities/regional': {
      post: {
        operationId: 'registerRegionalReserve',
        summary: "Register a region's own reserve number in one of the configured formats",
        parameters: [consumer],
        requestBody: body({
          type: 'object',
          additionalProperties: false,
          required: ['id', 'format'],
          properties: {
            id: { type: 'string', minLength: 1, maxLength: 64 },
            format: { type: 'string', minLength: 1 },
            person: ref('ReservePerson'),
          },
        }),
        responses: {
          '201': json('Registered.', ref('ReserveIdentity')),
          ...common,
          '409': problem('The reserve number is already registered.'),
        },
      },
    },
    '/reserve-identities/{id}': {
      get: {
        operationId: 'getReserve',
        parameters: [consumer, pathParam('id', 'An NRID or regional reserve number.')],
        responses: {
          '200': json('The reserve identity.', ref('ReserveIdentity')),
          ...common,
          '404': problem('Unknown.'),
        },
      },
    },
    '/reserve-identities/{id}/person': {
      patch: {
        operationId: 'addReservePersonData',
        summary: 'Add person data: the fields given replace the stored ones, the others stay',
        parameters: [consumer, pathParam('id', 'An NRID or regional reserve number.')],
        requestBody: body({ ...ref('ReservePerson'), minProperties: 1 }),
        responses: { '200': json('Updated.', ref('ReserveIdentity')), ...common, '404': problem('Unknown.') },
      },
    },
    '/reserve-identities/{id}/link': {
      put: {
        operationId: 'linkReserve',
        summary:
          'Link the reserve identity to a personnummer or samordningsnummer (once; again with the same is a no-op)',
        parameters: [consumer, pathParam('id', 'An NRID or regional reserve number.')],
        requestBody: body({
          type: 'object',
          additionalProperties: false,
          required: ['personidentitet'],
          properties: { personidentitet: { type: 'string', pattern: '^[0-9]{12}$' } },
        }),
        responses: {
          '200': json('Linked.', ref('ReserveIdentity')),
          ...common,
          '404': problem('Unknown.'),
          '409': problem('Already linked to another number.'),
        },
      },
    },
    '/contacts/{personidentitet}': {
      parameters: [
        consumer,
        pathParam('personidentitet', 'Personnummer, samordningsnummer or a registered reserve id.'),
      ],
      get: {
        operationId: 'getContacts',
        summary: 'Contact details, when their consent shares them with the calling consumer',
        responses: {
          '200': json('The contact details.', ref('ContactDetails')),
          ...common,
          '403': problem('Unknown consumer, or the consent does not share the details with it.'),
          '404': problem('No contact details.'),
        },
      },
      put: {
        operationId: 'putContacts',
        summary: 'Register or replace contact details with their consent',
        description: 'Phone numbers are stored in E.164 (070-123 45 67 → +46701234567).',
        requestBody: body(ref('ContactInput')),
        responses: {
          '200': json('Replaced.', ref('ContactDetails')),
          '201': json('Registered.', ref('ContactDetails')),
          ...common,
          '404': problem('Unknown reserve identity.'),
        },
      },
      delete: {
        operationId: 'deleteContacts',
        summary: 'Delete contact details (consent withdrawn)',
        responses: { '204': { description: 'Deleted.' }, ...common, '404': problem('No contact details.') },
      },
    },
    '/aviseringsuttag': {
      get: {
        operationId: 'aviseringsuttag',
        summary: "A region's aviseringsuttag, streamed as NDJSON (one person per line)",
        description: [
          'Only for a consumer of the region itself (its county code equals `lan`); any other consumer gets 403.',
          'The persons are those the emulator knows (reported births and other registered persons, persons a reserve',
          'identity is linked to, persons with contact details) whose county is `lan`, in number order. Persons with',
          'protected identity are left out; contact details are included only when shared with the consumer.',
        ].join('\n'),
        parameters: [
          consumer,
          { name: 'lan', in: 'query', required: true, schema: { type: 'string', pattern: '^[0-9]{2}$' } },
        ],
        responses: {
          '200': {
            description: 'One JSON object per line.',
            content: { 'application/x-ndjson': { schema: ref('UttagLine') } },
          },
          '400': common['400'],
          '403': problem('Not a consumer of this region.'),
        },
      },
    },
  },
  components: {
    parameters: {
      Consumer: {
        name: 'X-PU-Consumer',
        in: 'header',
        required: true,
        description: 'The calling consumer (HSA id), one of the configured `puConsumers`.',
        schema: { type: 'string', minLength: 1 },
      },
    },
    schemas: {
      Problem: {
        type: 'object',
        required: ['type', 'title', 'status'],
        properties: {
          type: { type: 'string', format: 'uri-reference' },
          title: { type: 'string' },
          status: { type: 'integer' },
          detail: { type: 'string' },
          instance: { type: 'string' },
          errors: {
            type: 'array',
            items: {
              type: 'object',
              required: ['detail'],
              properties: {
                pointer: { type: 'string', description: 'JSON pointer into the body.' },
                parameter: { type: 'string', description: 'A header, path or query parameter.' },
                detail: { type: 'string' },
              },
            },
          },
        },
      },
      ReservePerson: {
        type: 'object',
        additionalProperties: false,
        properties: {
          fornamn: { type: 'string', minLength: 1, maxLength: 100 },
          efternamn: { type: 'string', minLength: 1, maxLength: 100 },
          fodelsedatum: { type: 'string', format: 'date' },
          kon: { type: 'string', enum: ['M', 'K', 'U'] },
        },
      },
      ReserveIdentity: {
        type: 'object',
        required: ['id', 'kind', 'createdAt', 'updatedAt'],
        properties: {
          id: { type: 'string' },
          kind: { type: 'string', enum: ['NATIONAL', 'REGIONAL'] },
          format: { type: 'string' },
          person: ref('ReservePerson'),
          linkedTo: { type: 'string' },
          createdAt: { type: 'string', format: 'date-time' },
          updatedAt: { type: 'string', format: 'date-time' },
        },
      },
      IdentifierCheck: {
        type: 'object',
        required: ['value', 'valid', 'problems'],
        properties: {
          value: { type: 'string' },
          valid: { type: 'boolean' },
          kind: { type: 'string', enum: ['PERSONNUMMER', 'SAMORDNINGSNUMMER', 'NATIONAL_RESERVE', 'REGIONAL_RESERVE'] },
          format: { type: 'string' },
          problems: { type: 'array', items: { type: 'string' } },
        },
      },
      Format: {
        type: 'object',
        properties: { name: { type: 'string' }, pattern: { type: 'string' }, description: { type: 'string' } },
      },
      ContactInput: {
        type: 'object',
        additionalProperties: false,
        required: ['consent'],
        properties: {
          email: { type: 'string', maxLength: 254 },
          phone: { type: 'string', maxLength: 30 },
          consent: {
            type: 'object',
            additionalProperties: false,
            required: ['givenAt', 'sharedWith'],
            properties: {
              givenAt: { type: 'string', format: 'date-time' },
              sharedWith: {
                type: 'array',
                minItems: 1,
                items: { type: 'string', minLength: 1 },
                description: 'Consumer HSA ids, or ["ALL"].',
              },
            },
          },
        },
      },
      ContactDetails: {
        type: 'object',
        required: ['personidentitet', 'consent', 'updatedAt'],
        properties: {
          personidentitet: { type: 'string' },
          email: { type: 'string' },
          phone: { type: 'string' },
          consent: {
            type: 'object',
            properties: { givenAt: { type: 'string' }, sharedWith: { type: 'array', items: { type: 'string' } } },
          },
          updatedAt: { type: 'string' },
        },
      },
      PersonRecord: {
        type: 'object',
        required: ['id', 'typ'],
        properties: {
          id: { type: 'string', description: 'The personnummer, samordningsnummer or reserve id.' },
          typ: { type: 'string', enum: ['PERSONNUMMER', 'SAMORDNINGSNUMMER', 'NATIONAL_RESERVE', 'REGIONAL_RESERVE'] },
          skyddadIdentitet: { type: 'boolean' },
          fornamn: { type: 'string' },
          efternamn: { type: 'string' },
          fodelsedatum: { type: 'string' },
          kon: { type: 'string', enum: ['M', 'K', 'U'] },
          lan: { type: 'string' },
          kommun: { type: 'string' },
          kommunNamn: { type: 'string' },
          linkedTo: { type: 'string' },
          reservidentiteter: { type: 'array', items: { type: 'string' } },
          kontaktuppgifter: ref('ContactDetails'),
        },
      },
      UttagLine: ref('PersonRecord'),
    },
  },
};
