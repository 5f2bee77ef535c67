/**
 * Fuzzing properties: each one mutates valid requests of one protocol (mutations.ts) and checks that the reply is
 * a well-formed answer of that protocol. Shared by the CI tests (test/fuzz/*.test.ts) and the long runner (run.ts).
 *
 * SOAP (SSBTEK v10/v1, PU GetPersonsForProfile v5): the expected outcome is decided with the project's own parser,
 * envelope reader and compiled schemas, so the property is exact — unreadable XML or a broken envelope → a SOAP
 * Fault of the right code; an unknown operation → Client Fault; a schema-invalid payload → Fault 1001 (SSBTEK) or
 * a Client Fault (PU), never 200; a schema-valid payload → 200 with a complete answer that satisfies the schema, or
 * a documented Client Fault (SSBTEK 1001 for a semantic error; PU: too many personId, reserved profile). Every
 * reply parses as a SOAP 1.1 envelope with one Body child.
 *
 * REST (birth report, samordningsnummer renewal, SCB delivery): the status must be one the operation's OpenAPI
 * document lists, 2xx or 4xx (5xx are only forced ones), the body JSON of that response's schema; a body that is
 * not JSON or breaks the request schema is never 2xx.
 *
 * Everywhere: no stack trace or file path in any body.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import formatsPlugin, { type FormatsPlugin } from 'ajv-formats';
import fc from 'fast-check';
import { pino } from 'pino';
import { createApp, listen, type App } from '../../src/app.js';
import { DEFAULT_CONFIG, type Config } from '../../src/config.js';
import { puConsumers, PU_CONSUMER_HEADER } from '../../src/pu/consumers.js';
import { PU_SOAP_PATH } from '../../src/pu/soap/http.js';
import { PuSoapService, responderSchema } from '../../src/pu/soap/service.js';
import { SqlitePuRegistry } from '../../src/pu/store/sqlite-pu-registry.js';
import { BIRTH_REPORT_OPENAPI } from '../../src/rest/birthreport/openapi.js';
import { SAMORDNINGSNUMMER_OPENAPI } from '../../src/rest/samordningsnummer/openapi.js';
import { openapi as SCB_OPENAPI } from '../../src/rest/scb/openapi.js';
import { loadDialects, type DialectBinding } from '../../src/ssbtek/dialects.js';
import { openDatabase } from '../../src/store/sqlite.js';
import { NS } from '../../src/xml/namespaces.js';
import { parseXml, XmlInputError, type ParsedXml } from '../../src/xml/parse.js';
import { readEnvelope, readFault, SoapEnvelopeError, type SoapMessage } from '../../src/xml/soap.js';
import { childrenNamed, childText, elements, type XElement } from '../../src/xml/tree.js';
import { TODAY } from '../support/fraga.js';
import { example, testaRequest, V10_NS, v10Request } from '../support/requests.js';
import { CONSUMERS, IDS, request as puRequest, RESERVES } from '../pu/soap/support/pu.js';
import { b64, CSV_V2_OK, ORG, XML_OK } from '../rest/scb/support.js';
import { ANMAL, CLIENTS, NUMMER, SECRET, TOKEN_PATH } from '../rest/samordningsnummer/support.js';
import { FATHER, MOTHER, MOTHER_SAMORDNING } from '../rest/birthreport/support.js';
import {
  assertNoLeak,
  jsonCaseArb,
  jsonCaseBody,
  preview,
  xmlBase,
  xmlCaseArb,
  xmlCaseBytes,
  type Json,
  type JsonCase,
  type XmlBase,
  type XmlCase,
} from './mutations.js';

// ---------------------------------------------------------------------------------------------------------------
// Environment

export interface FuzzEnv {
  url: string;
  app: App;
  /** GetPersonsForProfile in-process, over the app's population and a registry of its own. */
  pu: PuSoapService;
  dialects: ReadonlyMap<string, DialectBinding>;
  /** An access token for the samordningsnummer service (client demo, scope esnr). */
  token: string;
  close(): Promise<void>;
}

/** The whole emulator on 127.0.0.1 (ephemeral port), plus in-process handles for the SOAP services. */
export async function startFuzzEnv(): Promise<FuzzEnv> {
  const config: Config = {
    ...DEFAULT_CONFIG,
    port: 0,
    today: TODAY,
    logLevel: 'silent',
    storePath: ':memory:',
    oauth2Clients: CLIENTS,
    oauth2SigningSecret: SECRET,
    samordningsnummerRequestsPerSecond: 1_000_000,
  } as Config;
  const app = createApp(config, pino({ level: 'silent' }));
  const server: Server = await listen(app.app, '127.0.0.1', 0);
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const pu = new PuSoapService({
    population: app.population,
    registry: new SqlitePuRegistry(openDatabase(':memory:')),
    consumers: puConsumers(config),
    today: () => TODAY,
  });
  const tokenReply = await fetch(url + TOKEN_PATH, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'demo', client_secret: 'demo' }),
  });
  const token = ((await tokenReply.json()) as { access_token: string }).access_token;
  return {
    url,
    app,
    pu,
    dialects: loadDialects(),
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => void app.close().then(resolve));
      }),
  };
}

/** The server still answers /health with 200 and status ok. */
export async function assertHealthy(env: FuzzEnv): Promise<void> {
  const reply = await fetch(`${env.url}/health`);
  const body = (await reply.json()) as { status?: string };
  if (reply.status !== 200 || body.status !== 'ok') throw new Error(`/health answered ${reply.status}`);
}

// ---------------------------------------------------------------------------------------------------------------
// SOAP replies

interface Reply {
  status: number;
  body: string;
}

type ReadReply =
  | { kind: 'fault'; status: number; code: string; message: string; detail?: XElement }
  | { kind: 'answer'; status: number; parsed: ParsedXml; payload: XElement };

/** Reads a SOAP reply: it must parse, be a SOAP 1.1 envelope with one Body child, and show no internals. */
function readReply(reply: Reply, request: Uint8Array): ReadReply {
  const context = `\n  request: ${preview(request)}`;
  assertNoLeak(reply.body, context);
  let parsed: ParsedXml;
  try {
    parsed = parseXml(Buffer.from(reply.body, 'utf8'));
  } catch (error) {
    throw new Error(
      `reply (${reply.status}) is not XML: ${(error as Error).message}: ${reply.body.slice(0, 300)}${context}`,
      {
        cause: error,
      },
    );
  }
  let message: SoapMessage;
  try {
    message = readEnvelope(parsed.root);
  } catch (error) {
    parsed.dispose();
    throw new Error(`reply is not a SOAP envelope: ${(error as Error).message}${context}`, { cause: error });
  }
  const fault = readFault(message.payload);
  if (fault) {
    parsed.dispose();
    if (![400, 413, 415, 500].includes(reply.status)) throw new Error(`Fault with HTTP ${reply.status}${context}`);
    if (!fault.code || !fault.message)
      throw new Error(`Fault without faultcode or faultstring: ${reply.body}${context}`);
    return { kind: 'fault', status: reply.status, ...fault };
  }
  if (reply.status !== 200) {
    parsed.dispose();
    throw new Error(`HTTP ${reply.status} without a Fault: ${reply.body.slice(0, 300)}${context}`);
  }
  return { kind: 'answer', status: 200, parsed, payload: message.payload };
}

/** What the request is, as the project's own parser, envelope reader and schema see it. */
type SoapExpectation =
  | { kind: 'media-type' }
  | { kind: 'unreadable' | 'envelope' | 'operation'; code: string }
  | { kind: 'no-logical-address' }
  | { kind: 'invalid'; operation: string; binding?: DialectBinding; violations: number }
  | { kind: 'valid'; operation: string; binding?: DialectBinding; personIds?: number };

function expectFault(got: ReadReply, code: string, why: string, context: string): void {
  if (got.kind !== 'fault') {
    got.parsed.dispose();
    throw new Error(`expected a ${code} Fault (${why}), got HTTP 200${context}`);
  }
  if (got.code !== `soapenv:${code}`) {
    throw new Error(`expected faultcode soapenv:${code} (${why}), got ${got.code}: ${got.message}${context}`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// SSBTEK

export function ssbtekBases(): XmlBase[] {
  const v1 = example('seed-example-v1.xml');
  return [
    xmlBase('v10 all services', v10Request()),
    xmlBase(
      'v10 AF+SKV, default namespace, echo',
      v10Request({ include: ['AF', 'SKV'], style: 'default', echo: true }),
    ),
    xmlBase(
      'v10 FK+CSN, prefix x, no korrelationsid',
      v10Request({ include: ['FK', 'CSN'], style: 'x', korrelationsid: null, personidentitet: '198601042388' }),
    ),
    xmlBase('v10 example file', example('v10-all-services.xml')),
    xmlBase('v1 seed example (ssbt/1)', v1),
    xmlBase('v1 seed example (SSBTEK/1)', v1.split(NS.ssbtV1).join(NS.ssbtekV1)),
    xmlBase('v10 testa', testaRequest(V10_NS)),
    xmlBase('v1 testa', testaRequest(NS.ssbtV1)),
  ];
}

const SOAP_CONTENT_TYPES = [
  'text/xml; charset=utf-8',
  'text/xml; charset=utf-8',
  'text/xml; charset=utf-8',
  'text/xml',
  'TEXT/XML; charset=UTF-8',
  'text/xml; charset=iso-8859-1',
  'application/soap+xml; charset=utf-8',
  'text/plain',
  '',
];

export interface SoapCase {
  c: XmlCase;
  /** Sent over HTTP (with this Content-Type) instead of in-process. */
  http?: string;
}

/** Mostly in-process; one case in `httpShare` over real HTTP, with a Content-Type that is mostly right. */
export function soapCaseArb(httpShare: number): fc.Arbitrary<SoapCase> {
  return fc.record({
    c: xmlCaseArb,
    http: fc.oneof(
      { weight: httpShare - 1, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: fc.constantFrom(...SOAP_CONTENT_TYPES) },
    ),
  });
}

async function send(url: string, bytes: Uint8Array, contentType: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { ...(contentType ? { 'content-type': contentType } : {}), ...headers },
    body: bytes,
  });
  return { status: response.status, body: await response.text(), contentType: response.headers.get('content-type') };
}

function isSoapMediaType(contentType: string): boolean {
  return contentType.split(';')[0]?.trim().toLowerCase() === 'text/xml';
}

function ssbtekExpectation(env: FuzzEnv, bytes: Uint8Array): SoapExpectation {
  let parsed: ParsedXml;
  try {
    parsed = parseXml(bytes);
  } catch (error) {
    if (error instanceof XmlInputError) return { kind: 'unreadable', code: 'Client' };
    throw error;
  }
  try {
    let payload: XElement;
    try {
      payload = readEnvelope(parsed.root).payload;
    } catch (error) {
      if (error instanceof SoapEnvelopeError) return { kind: 'envelope', code: error.faultCode };
      throw error;
    }
    const binding = env.dialects.get(payload.ns);
    const operation = payload.name;
    if (!binding || !['hamtaBastjanstInformation', 'testaBastjanstInformation'].includes(operation)) {
      return { kind: 'operation', code: 'Client' };
    }
    const violations = binding.schema.validate(parsed, payload).length;
    return violations > 0 ? { kind: 'invalid', operation, binding, violations } : { kind: 'valid', operation, binding };
  } finally {
    parsed.dispose();
  }
}

function checkSsbtek(expected: SoapExpectation, got: ReadReply, context: string): string {
  switch (expected.kind) {
    case 'media-type':
      expectFault(got, 'Client', 'not text/xml', context);
      if (got.status !== 415) throw new Error(`a wrong media type must be 415, got ${got.status}${context}`);
      return 'media-type';
    case 'unreadable':
    case 'envelope':
    case 'operation':
      expectFault(got, expected.code, expected.kind, context);
      return expected.kind;
    case 'no-logical-address':
      throw new Error('not an SSBTEK expectation');
    case 'invalid':
    case 'valid': {
      const binding = expected.binding as DialectBinding;
      if (got.kind === 'fault') {
        if (expected.kind === 'valid' && expected.operation === 'testaBastjanstInformation') {
          throw new Error(`a schema-valid testa request got a Fault: ${got.code} ${got.message}${context}`);
        }
        expectFault(got, 'Client', `${expected.kind} request → 1001`, context);
        const detail = got.detail && elements(got.detail)[0];
        if (!detail || detail.ns !== binding.namespace || detail.name !== `${expected.operation}Fault`) {
          throw new Error(`Fault 1001 without ${expected.operation}Fault detail in ${binding.namespace}${context}`);
        }
        const felkod = childText(detail, binding.namespace, 'felkod');
        if (felkod !== '1001') throw new Error(`expected felkod 1001, got ${felkod}: ${got.message}${context}`);
        const lines = childrenNamed(detail, binding.namespace, 'felmeddelande').length;
        if (expected.kind === 'invalid' && lines !== expected.violations + 1) {
          throw new Error(`1001 lists ${lines - 1} violations, the schema finds ${expected.violations}${context}`);
        }
        return expected.kind === 'invalid' ? 'invalid→1001' : 'valid→1001';
      }
      try {
        if (expected.kind === 'invalid') {
          throw new Error(`a schema-INVALID request (${expected.violations} violations) got HTTP 200${context}`);
        }
        const name = `${expected.operation}Response`;
        if (got.payload.ns !== binding.namespace || got.payload.name !== name) {
          throw new Error(`200 with {${got.payload.ns}}${got.payload.name}, expected ${name}${context}`);
        }
        const violations = binding.schema.validate(got.parsed, got.payload);
        if (violations.length > 0) {
          throw new Error(`200 answer violates the schema: ${JSON.stringify(violations.slice(0, 3))}${context}`);
        }
        return 'valid→200';
      } finally {
        got.parsed.dispose();
      }
    }
  }
}

/** SSBTEK: every mutated request gets a complete answer or the right Fault. Returns the outcome class. */
export async function ssbtekCase(env: FuzzEnv, bases: readonly XmlBase[], sc: SoapCase): Promise<string> {
  const { base, bytes } = xmlCaseBytes(bases, sc.c);
  const context = `\n  base: ${base.name}${sc.http === undefined ? '' : `, HTTP ${JSON.stringify(sc.http)}`}\n  request: ${preview(bytes)}`;
  let reply: Reply;
  let expected: SoapExpectation;
  if (sc.http === undefined) {
    reply = await env.app.pipeline.handle(bytes);
    expected = ssbtekExpectation(env, bytes);
  } else {
    reply = await send(`${env.url}/ssbtek`, bytes, sc.http);
    expected = isSoapMediaType(sc.http) ? ssbtekExpectation(env, bytes) : { kind: 'media-type' };
  }
  return checkSsbtek(expected, readReply(reply, bytes), context);
}

// ---------------------------------------------------------------------------------------------------------------
// PU GetPersonsForProfile

export function puBases(): XmlBase[] {
  return [
    xmlBase('PU example P5', example('pu-get-persons-p5.xml')),
    xmlBase('PU P1 two identities', puRequest([IDS.plain, IDS.samordningsnummer], 'P1')),
    xmlBase('PU P3 reserve + protected', puRequest([RESERVES.linked, IDS.skyddad, IDS.badChecksum], 'P3')),
    xmlBase('PU P4 ignoreReferredIdentity', puRequest([IDS.sekretess], 'P4', { ignoreReferredIdentity: true })),
  ];
}

function puExpectation(bytes: Uint8Array): SoapExpectation {
  let parsed: ParsedXml;
  try {
    parsed = parseXml(bytes);
  } catch (error) {
    if (error instanceof XmlInputError) return { kind: 'unreadable', code: 'Client' };
    throw error;
  }
  try {
    let message: SoapMessage;
    try {
      message = readEnvelope(parsed.root);
    } catch (error) {
      if (error instanceof SoapEnvelopeError) return { kind: 'envelope', code: error.faultCode };
      throw error;
    }
    const { payload } = message;
    if (payload.ns !== NS.puGetPersons || payload.name !== 'GetPersonsForProfile') {
      return { kind: 'operation', code: 'Client' };
    }
    const address = message.header && childText(message.header, NS.rivRegistry, 'LogicalAddress')?.trim();
    if (!address) return { kind: 'no-logical-address' };
    const violations = responderSchema().validate(parsed, payload).length;
    if (violations > 0) return { kind: 'invalid', operation: payload.name, violations };
    return {
      kind: 'valid',
      operation: payload.name,
      personIds: childrenNamed(payload, NS.puGetPersons, 'personId').length,
    };
  } finally {
    parsed.dispose();
  }
}

function checkPu(expected: SoapExpectation, got: ReadReply, context: string): string {
  switch (expected.kind) {
    case 'media-type':
      expectFault(got, 'Client', 'not text/xml', context);
      if (got.status !== 415) throw new Error(`a wrong media type must be 415, got ${got.status}${context}`);
      return 'media-type';
    case 'unreadable':
    case 'envelope':
    case 'operation':
      expectFault(got, expected.code, expected.kind, context);
      return expected.kind;
    case 'no-logical-address':
      expectFault(got, 'Server', 'no LogicalAddress → VP003', context);
      if (got.kind === 'fault' && !got.message.startsWith('VP003')) throw new Error(`expected VP003${context}`);
      return 'no-logical-address';
    case 'invalid':
      expectFault(got, 'Client', 'schema-invalid', context);
      if (got.kind === 'fault' && !got.message.startsWith('Invalid GetPersonsForProfile request')) {
        throw new Error(`schema-invalid request got another Client Fault: ${got.message}${context}`);
      }
      return 'invalid→Fault';
    case 'valid':
      if (got.kind === 'fault') {
        expectFault(got, 'Client', 'valid request refused', context);
        if (!/^(Too many personId|Profile .* is reserved)/.test(got.message)) {
          throw new Error(`schema-valid request got an undocumented Fault: ${got.message}${context}`);
        }
        return 'valid→Fault';
      }
      try {
        if (got.payload.ns !== NS.puGetPersons || got.payload.name !== 'GetPersonsForProfileResponse') {
          throw new Error(`200 with {${got.payload.ns}}${got.payload.name}${context}`);
        }
        const violations = responderSchema().validate(got.parsed, got.payload);
        if (violations.length > 0) {
          throw new Error(`200 answer violates the schema: ${JSON.stringify(violations.slice(0, 3))}${context}`);
        }
        const records = childrenNamed(got.payload, NS.puGetPersons, 'requestedPersonRecord').length;
        if (records !== expected.personIds) {
          throw new Error(`${expected.personIds} personId but ${records} requestedPersonRecord${context}`);
        }
        return 'valid→200';
      } finally {
        got.parsed.dispose();
      }
  }
}

/** PU GetPersonsForProfile: every mutated request gets a complete answer or the right Fault. */
export async function puCase(env: FuzzEnv, bases: readonly XmlBase[], sc: SoapCase): Promise<string> {
  const { base, bytes } = xmlCaseBytes(bases, sc.c);
  const context = `\n  base: ${base.name}${sc.http === undefined ? '' : `, HTTP ${JSON.stringify(sc.http)}`}\n  request: ${preview(bytes)}`;
  let reply: Reply;
  let expected: SoapExpectation;
  if (sc.http === undefined) {
    reply = env.pu.handle(bytes, CONSUMERS.extended);
    expected = puExpectation(bytes);
  } else {
    reply = await send(env.url + PU_SOAP_PATH, bytes, sc.http, { [PU_CONSUMER_HEADER]: CONSUMERS.extended });
    expected = isSoapMediaType(sc.http) ? puExpectation(bytes) : { kind: 'media-type' };
  }
  return checkPu(expected, readReply(reply, bytes), context);
}

// ---------------------------------------------------------------------------------------------------------------
// REST

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
    headers: () => ({}),
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
    sent = JSON.parse(Buffer.from(bytes).toString('utf8'));
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

// ---------------------------------------------------------------------------------------------------------------
// The properties

export interface FuzzProperty {
  name: string;
  /** Share of a total run count this property gets. */
  weight: number;
  property: fc.IAsyncPropertyWithHooks<[unknown]>;
}

/**
 * Every property over one environment. `httpShare`: one SOAP case in that many goes over real HTTP (REST always
 * does). `outcomes` counts each outcome class (e.g. "ssbtek valid→200") when given.
 */
/** FUZZ_TRACE=1 prints every case before it runs (to find one that hangs). */
const TRACE = process.env.FUZZ_TRACE === '1';

export function fuzzProperties(
  env: FuzzEnv,
  httpShare = 10,
  outcomes?: Map<string, number>,
  onSlow?: (name: string, ms: number, input: unknown) => void,
): FuzzProperty[] {
  const timed =
    <T>(name: string, run: (input: T) => Promise<string>) =>
    async (input: T): Promise<void> => {
      if (TRACE) process.stderr.write(`${name} ${fc.stringify(input).slice(0, 2000)}\n`);
      const t0 = performance.now();
      const outcome = await run(input);
      const ms = performance.now() - t0;
      const key = `${name} ${outcome}`;
      outcomes?.set(key, (outcomes.get(key) ?? 0) + 1);
      if (ms > 1000) onSlow?.(name, ms, input);
    };
  const ssbtek = ssbtekBases();
  const pu = puBases();
  const properties: FuzzProperty[] = [
    {
      name: 'ssbtek',
      weight: 5,
      property: fc.asyncProperty(
        soapCaseArb(httpShare),
        timed('ssbtek', (sc: SoapCase) => ssbtekCase(env, ssbtek, sc)),
      ) as fc.IAsyncPropertyWithHooks<[unknown]>,
    },
    {
      name: 'pu',
      weight: 2,
      property: fc.asyncProperty(
        soapCaseArb(httpShare),
        timed('pu', (sc: SoapCase) => puCase(env, pu, sc)),
      ) as fc.IAsyncPropertyWithHooks<[unknown]>,
    },
  ];
  for (const target of REST_TARGETS) {
    properties.push({
      name: `rest:${target.name}`,
      weight: 1,
      property: fc.asyncProperty(
        jsonCaseArb,
        timed(`rest:${target.name}`, (c: JsonCase) => restCase(env, target, c)),
      ) as fc.IAsyncPropertyWithHooks<[unknown]>,
    });
  }
  return properties;
}
