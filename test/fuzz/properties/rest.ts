/**
 * REST (birth report, samordningsnummer renewal, SCB delivery): the operations under fuzz with their valid bodies,
 * and the property that every mutated body gets a documented status and a body of the documented JSON schema.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import formatsPlugin, { type FormatsPlugin } from 'ajv-formats';
import { BIRTH_REPORT_OPENAPI } from '../../../src/rest/birthreport/openapi.js';
import { SAMORDNINGSNUMMER_OPENAPI } from '../../../src/rest/samordningsnummer/openapi.js';
import { openapi as SCB_OPENAPI } from '../../../src/rest/scb/openapi.js';
import { b64, CSV_V2_OK, ORG, XML_OK } from '../../rest/scb/support.js';
import { ANMAL, NUMMER } from '../../rest/samordningsnummer/support.js';
import { CALLER_HEADERS, FATHER, MOTHER, MOTHER_SAMORDNING } from '../../rest/birthreport/support.js';
import { jsonCaseBody, type Json, type JsonCase } from '../mutations/json.js';
import { assertNoLeak, preview } from '../mutations/replies.js';
import type { FuzzEnv } from './environment.js';

/** One REST operation under fuzz: where it is, its OpenAPI document and operation, valid bodies, headers. */
export interface RestTarget {
  name: string;
  path: string;
  openapi: Record<string, unknown>;
  /** The operation's key under `paths` in its document. */
  operationPath: string;
  bases: Json[];
  headers(env: FuzzEnv): Record<string, string>;
}

export const REST_TARGETS: RestTarget[] = [
  {
    name: 'birthreport',
    path: '/v1/birthreport',
    openapi: BIRTH_REPORT_OPENAPI,
    operationPath: '/v1/birthreport',
    bases: [
      {
        reportId: '7b0a3c52-4b7e-4f7e-9a39-2b1f6f0b6a11',
        reportedBy: { reporter: 'Alfa Medicincentrum, Alfa Regionen, Bertil Barnmorska', phoneNumber: '070 00 00 000' },
        mother: {
          personalIdentityNumber: { id: `${MOTHER.slice(0, 8)}-${MOTHER.slice(8)}`, oid: '1.2.752.129.2.1.3.1' },
        },
        father: { personalIdentityNumber: { id: FATHER } },
        child: { date: '2026-11-20', gender: 'GIRL', municipality: 'Östersund', aliveAtBirth: true, order: 1 },
        totalNumberOfChildren: 1,
        residentialAddress: ['Storgatan 1', '831 30 Östersund'],
        phoneNumber: ['070 00 00 001'],
      },
      {
        reportId: 'c1f0a7d2-5e8b-4c3a-8f61-0d2e9b7a4c55',
        reportedBy: { reporter: 'Beta BB' },
        mother: { personalIdentityNumber: { id: MOTHER_SAMORDNING } },
        child: { date: '2026-11-22', gender: 'BOY', municipality: 'Kiruna', aliveAtBirth: true, order: 2 },
        totalNumberOfChildren: 2,
      },
    ],
    headers: () => ({ ...CALLER_HEADERS }),
  },
  {
    name: 'samordningsnummer',
    path: ANMAL,
    openapi: SAMORDNINGSNUMMER_OPENAPI,
    operationPath: '/fornyelse/anmal',
    bases: [
      { ingivarnamn: 'Polismyndigheten, register', samordningsnummer: NUMMER.vilande[0] as string },
      { ingivarnamn: 'Försäkringskassan', samordningsnummer: NUMMER.aktuella[0] as string },
      { ingivarnamn: 'Migrationsverket', samordningsnummer: NUMMER.ejAktuella[0]?.nummer as string },
    ],
    headers: (env) => ({ authorization: `Bearer ${env.token}`, skv_client_correlation_id: 'fuzz-0001' }),
  },
  {
    name: 'scb',
    path: '/scb/api/v1/delivery',
    openapi: SCB_OPENAPI,
    operationPath: '/delivery',
    bases: [
      {
        Contract: 'demo',
        orgNr: ORG,
        Test: false,
        fileContent: b64(CSV_V2_OK),
        DeliveryFormatName: 'LONERAPPORT_CSV',
        ExternalVersionId: '2',
      },
      { Contract: 'demo', fileContent: b64(XML_OK), DeliveryFormatName: 'LONERAPPORT_XML' },
    ],
    headers: () => ({ 'X-SCB-Client-OrgNr': ORG }),
  },
];

interface CompiledTarget {
  request: ValidateFunction;
  responses: Map<string, ValidateFunction | undefined>;
}

const compiledTargets = new Map<string, CompiledTarget>();

/** Compiles the operation's request schema and each documented response's JSON schema (once per target). */
function compiled(target: RestTarget): CompiledTarget {
  const known = compiledTargets.get(target.name);
  if (known) return known;
  const ajv = new Ajv2020({ allErrors: false, strict: false, validateFormats: true });
  (formatsPlugin as unknown as FormatsPlugin)(ajv);
  const id = `fuzz-${target.name}`;
  const doc = target.openapi as {
    components: unknown;
    paths: Record<string, { post: { responses: Record<string, { content?: Record<string, unknown> }> } }>;
  };
  // The document is added whole, so inline schemas' own $refs (#/components/...) resolve as in the document.
  ajv.addSchema({ $id: id, components: doc.components, paths: doc.paths });
  const pointer = (...steps: string[]): string =>
    `${id}#/paths/${[target.operationPath, 'post', ...steps].map((s) => s.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;
  const request = ajv.compile({ $ref: pointer('requestBody', 'content', 'application/json', 'schema') });
  const responses = new Map<string, ValidateFunction | undefined>();
  for (const [status, response] of Object.entries(doc.paths[target.operationPath]?.post.responses ?? {})) {
    const media = response.content && Object.keys(response.content)[0];
    responses.set(
      status,
      media === undefined ? undefined : ajv.compile({ $ref: pointer('responses', status, 'content', media, 'schema') }),
    );
  }
  const result = { request, responses };
  compiledTargets.set(target.name, result);
  return result;
}

/** REST: the status is documented and 2xx/4xx, the body JSON of the documented schema; invalid bodies never 2xx. */
export async function restCase(env: FuzzEnv, target: RestTarget, c: JsonCase): Promise<string> {
  const { request, responses } = compiled(target);
  const { bytes } = jsonCaseBody(target.bases, c);
  const context = `\n  ${target.name} request: ${preview(bytes)}`;
  const response = await fetch(env.url + target.path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...target.headers(env) },
    body: bytes,
  });
  const body = await response.text();
  assertNoLeak(body, context);
  const status = response.status;
  if (status >= 500) throw new Error(`HTTP ${status}: ${body.slice(0, 300)}${context}`);
  if (!responses.has(String(status))) throw new Error(`undocumented HTTP ${status}: ${body.slice(0, 300)}${context}`);
  const type = response.headers.get('content-type') ?? '';
  if (!/^application\/(?:problem\+)?json\b/.test(type)) throw new Error(`HTTP ${status} with ${type}${context}`);
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new Error(`HTTP ${status} body is not JSON: ${body.slice(0, 300)}${context}`);
  }
  const validateResponse = responses.get(String(status));
  if (validateResponse && !validateResponse(json)) {
    throw new Error(
      `HTTP ${status} body breaks its documented schema: ${JSON.stringify(validateResponse.errors?.slice(0, 2))}: ${body.slice(0, 300)}${context}`,
    );
  }
  let sent: unknown;
  let isJson = true;
  try {
    // As the services read it: a leading UTF-8 byte order mark is ignored (RFC 8259 §8.1 lets a parser do so, and
    // body-parser does), so a BOM before valid JSON is JSON.
    sent = JSON.parse(new TextDecoder('utf-8').decode(bytes));
  } catch {
    isJson = false;
  }
  const valid = isJson && request(sent);
  if (status < 300 && !isJson) throw new Error(`a body that is not JSON got HTTP ${status}${context}`);
  if (status < 300 && !valid) {
    throw new Error(
      `a body that breaks the request schema got HTTP ${status}: ${JSON.stringify(request.errors?.slice(0, 2))}${context}`,
    );
  }
  return `${valid ? 'valid' : isJson ? 'invalid' : 'not-json'}→${status}`;
}
