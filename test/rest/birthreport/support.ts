import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formatsPlugin, { type FormatsPlugin } from 'ajv-formats';
import { expect } from 'chai';
import { pino } from 'pino';
import { createApp, listen, type App } from '../../../src/app.js';
import { DEFAULT_CONFIG, type Config } from '../../../src/config.js';
import { parseIdentity } from '../../../src/population/identity.js';
import { CALLER_HEADER, DEFAULT_BIRTH_REPORT_CALLERS } from '../../../src/rest/birthreport/callers.js';
import { BIRTH_REPORT_OPENAPI } from '../../../src/rest/birthreport/openapi.js';
import { TODAY } from '../../support/fraga.js';

export { TODAY };

/** From Skatteverket's CC0 test lists: women (even sex digit) and a man, personnummer and a samordningsnummer. */
export const MOTHER = '199001012385';
export const OTHER_MOTHER = '199001022384';
export const FATHER = '199001032391';
export const MOTHER_SAMORDNING = '198000692387';

export const PATH = '/v1/birthreport';
export const MOUNTED_PATH = '/birthreport/v1/birthreport';

export type Json = Record<string, unknown>;
export type Report = Json & { child: Json; mother: Json };

/** A complete, valid report: a girl born four days before the tests' today, to a mother in the population. */
export function sampleReport(patch: (report: Report) => void = () => {}): Json {
  const report = {
    reportId: randomUUID(),
    reportedBy: { reporter: 'Alfa Medicincentrum, Alfa Regionen, Bertil Barnmorska', phoneNumber: '070 00 00 000' },
    mother: { personalIdentityNumber: { id: `${MOTHER.slice(0, 8)}-${MOTHER.slice(8)}`, oid: '1.2.752.129.2.1.3.1' } },
    father: { personalIdentityNumber: { id: FATHER } },
    child: { date: '2026-11-20', gender: 'GIRL', municipality: 'Östersund', aliveAtBirth: true, order: 1 },
    totalNumberOfChildren: 1,
    residentialAddress: ['Storgatan 1', '831 30 Östersund'],
    phoneNumber: ['070 00 00 001'],
  };
  patch(report);
  return report;
}

export interface Answer {
  status: number;
  body: Json;
  headers: Headers;
}

/** The embedded maternity unit the tests report as (plain HTTP: the X-Birthreport-Caller header). */
export const CALLER = DEFAULT_BIRTH_REPORT_CALLERS[0]!.id;

/** The header that names the reporting caller on plain HTTP. */
export const CALLER_HEADERS: Readonly<Record<string, string>> = { [CALLER_HEADER]: CALLER };

/** POSTs a report as `caller` (default: an embedded caller; null: no caller header at all). */
export async function post(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
  caller: string | null = CALLER,
): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(caller === null ? {} : { [CALLER_HEADER]: caller }),
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as Json, headers: response.headers };
}

export interface TestApp {
  url: string;
  app: App;
  close(): Promise<void>;
}

/** The whole emulator (like test/support/server.ts) but keeping createApp's App, for its population. */
export async function startApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const config: Config = { ...DEFAULT_CONFIG, port: 0, today: TODAY, logLevel: 'silent', storePath: ':memory:' };
  const app = createApp({ ...config, ...overrides }, pino({ level: 'silent' }));
  const server = await listen(app.app, '127.0.0.1', 0);
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => void app.close().then(resolve));
      }),
  };
}

const ajv = new Ajv2020({ allErrors: true, strict: false });
(formatsPlugin as unknown as FormatsPlugin)(ajv);
ajv.addSchema({ $id: 'birthreport', components: BIRTH_REPORT_OPENAPI.components });

/** The body has the shape the OpenAPI document gives for that schema (e.g. 'ApiError', 'BirthReportCreated'). */
export function expectShape(schema: string, body: unknown): void {
  const validate = ajv.getSchema(`birthreport#/components/schemas/${schema}`);
  if (!validate) throw new Error(`no schema ${schema}`);
  expect(validate(body), JSON.stringify(validate.errors)).to.equal(true);
}

/** The 400's invalid properties. */
export function properties(answer: Answer): string[] {
  expect(answer.status, JSON.stringify(answer.body)).to.equal(400);
  expectShape('ApiError', answer.body);
  return (answer.body.invalidParameters as { property: string }[]).map((p) => p.property);
}

/** A valid newborn's personnummer: real date = the child's date, right check digit, sex digit by gender. */
export function expectNewbornNumber(number: unknown, date: string, gender: 'BOY' | 'GIRL'): void {
  expect(number)
    .to.be.a('string')
    .and.match(/^\d{12}$/);
  const { identity, problem } = parseIdentity(number as string);
  expect(problem).to.equal(undefined);
  expect(identity?.kind).to.equal('personnummer');
  expect(identity?.birthDate).to.equal(date);
  expect(identity?.sex).to.equal(gender === 'BOY' ? 'M' : 'K');
  expect((number as string).slice(8, 10)).to.not.equal('23');
}
