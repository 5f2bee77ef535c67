import { testnummer } from '../../../src/population/testnummer.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formatsPlugin, { type FormatsPlugin } from 'ajv-formats';
import { expect } from 'chai';
import type { Config } from '../../../src/config.js';
import { DEFAULT_PU_CONSUMERS, type PuConsumer } from '../../../src/pu/consumers.js';
import { Population } from '../../../src/population/population.js';
import { PU_ADMIN_OPENAPI } from '../../../src/rest/pu-admin/openapi.js';
import { TODAY } from '../../support/fraga.js';
import { startServer, type TestServer } from '../../support/server.js';

export { TODAY };
export const BASE = '/pu/admin/v1';
export const STOCKHOLM = 'SE2321000016-NORMAL';
export const STOCKHOLM_EXTENDED = 'SE2321000016-UTOKAT';
export const VASTERNORRLAND = 'SE2321000131-UTOKAT';
export const PRIVATE = 'SE5565594230-PRIVAT';

export type Json = Record<string, unknown>;

export interface Answer {
  status: number;
  body: Json;
  text: string;
  headers: Headers;
}

const LAN_CODES = ['01', '03', '04', '05', '06', '07', '08', '09', '10', '12', '13', '14', '17', '18', '19', '20'];
/** The embedded consumers plus one public consumer per county (TEST-LAN-NN), so every county can take its uttag. */
export const TEST_CONSUMERS: PuConsumer[] = [
  ...DEFAULT_PU_CONSUMERS,
  ...[...LAN_CODES, '21', '22', '23', '24', '25'].map((lan) => ({
    id: `TEST-LAN-${lan}`,
    name: `Test region ${lan}`,
    contract: 'normal' as const,
    kind: 'public' as const,
    lan,
  })),
];

export function start(overrides: Json = {}): Promise<TestServer> {
  return startServer({ puConsumers: TEST_CONSUMERS, ...overrides } as Partial<Config>);
}

export async function call(
  server: TestServer,
  method: string,
  path: string,
  options: { body?: unknown; consumer?: string | null; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.consumer !== null) headers['x-pu-consumer'] = options.consumer ?? STOCKHOLM;
  if (options.body !== undefined) headers['content-type'] ??= 'application/json';
  const response = await fetch(`${server.url}${path.startsWith('/openapi') ? '' : BASE}${path}`, {
    method,
    headers,
    ...(options.body !== undefined
      ? { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }
      : {}),
  });
  const text = await response.text();
  let body: Json = {};
  if (text !== '' && !(response.headers.get('content-type') ?? '').includes('ndjson')) body = JSON.parse(text) as Json;
  return { status: response.status, body, text, headers: response.headers };
}

/** An RFC 9457 problem with this status, sent as application/problem+json. */
export function expectProblem(answer: Answer, status: number): Json {
  expect(answer.status, answer.text).to.equal(status);
  expect(answer.headers.get('content-type')).to.match(/^application\/problem\+json/);
  expectShape('Problem', answer.body);
  expect(answer.body.status).to.equal(status);
  expect(answer.body.type).to.match(/^urn:emulator:pu-admin:problem:/);
  return answer.body;
}

const ajv = new Ajv2020({ allErrors: true, strict: false });
(formatsPlugin as unknown as FormatsPlugin)(ajv);
ajv.addSchema({ $id: 'pu-admin', components: PU_ADMIN_OPENAPI.components });

/** The body has the shape the OpenAPI document gives for that schema. */
export function expectShape(schema: string, body: unknown): void {
  const validate = ajv.getSchema(`pu-admin#/components/schemas/${schema}`);
  if (!validate) throw new Error(`no schema ${schema}`);
  expect(validate(body), JSON.stringify(validate.errors)).to.equal(true);
}

export const PERSONNUMMER = testnummer('personnummer');
export const SAMORDNINGSNUMMER = testnummer('samordningsnummer');

const population = new Population();
/** Test personnummer (adults) whose generated person lives in this county. */
export function inCounty(lan: string, count: number): string[] {
  return PERSONNUMMER.filter((n) => n.startsWith('19') && population.person(n, TODAY)?.lan === lan).slice(0, count);
}

export function countyOf(number: string): string {
  return population.person(number, TODAY)?.lan ?? '';
}

export function nameOf(number: string): { fornamn: string; efternamn: string } {
  const p = population.person(number, TODAY);
  return { fornamn: p?.fornamn ?? '', efternamn: p?.efternamn ?? '' };
}
