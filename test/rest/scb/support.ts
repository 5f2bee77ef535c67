import { expect } from 'chai';

/** Demo contract parties (fictitious organisationsnummer with valid check digits, see contracts.ts). */
export const ORG = '5599000006';
export const ORG2 = '5599000014';
export const SUPPLIER = '5599000022';
export const OUTSIDER = '5599000030';

export const API = '/scb/api/v1';

export const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

export const CSV_V2_OK = [
  'Period;Anstallningsnummer;Yrkeskod;Manadslon;Sysselsattningsgrad',
  '202610;A-1;2512;45000;100',
  '202610;"A;2";3313;38000;75,5',
  '202610;A-3;5223;29000;',
  '',
].join('\r\n');

export const XML_OK = [
  '<?xml version="1.0" encoding="UTF-8"?>',
  '<Lonerapport xmlns="urn:x-ssbtek-emulator:scb:demo:lonerapport:1">',
  '  <Organisationsnummer>559900-0006</Organisationsnummer>',
  '  <Period>202610</Period>',
  '  <Anstalld>',
  '    <Anstallningsnummer>A-1</Anstallningsnummer>',
  '    <Yrkeskod>2512</Yrkeskod>',
  '    <Manadslon>45000</Manadslon>',
  '    <Sysselsattningsgrad>80.5</Sysselsattningsgrad>',
  '  </Anstalld>',
  '</Lonerapport>',
  '',
].join('\n');

export interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
}

async function answer(response: Response): Promise<Answer> {
  const text = await response.text();
  expect(response.headers.get('content-type') ?? '', text).to.match(/^application\/json/);
  return { status: response.status, headers: response.headers, body: JSON.parse(text) as unknown };
}

export function headers(orgNr: string | null = ORG, extra: Record<string, string> = {}): Record<string, string> {
  return {
    'content-type': 'application/json',
    ...(orgNr === null ? {} : { 'X-SCB-Client-OrgNr': orgNr }),
    ...extra,
  };
}

export async function deliver(
  url: string,
  body: unknown,
  orgNr: string | null = ORG,
  extra: Record<string, string> = {},
): Promise<Answer> {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  return answer(await fetch(`${url}${API}/delivery`, { method: 'POST', headers: headers(orgNr, extra), body: raw }));
}

export async function get(url: string, path: string, orgNr: string | null = ORG): Promise<Answer> {
  return answer(await fetch(`${url}${API}${path}`, { headers: headers(orgNr), redirect: 'manual' }));
}

/** Delivers and expects a ticket. */
export async function ticketFor(url: string, body: unknown, orgNr: string = ORG): Promise<string> {
  const r = await deliver(url, body, orgNr);
  expect(r.status, JSON.stringify(r.body)).to.equal(200);
  expect(r.body)
    .to.be.a('string')
    .and.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  return r.body as string;
}

/** Polls the status endpoint until 302; returns every status seen. */
export async function pollUntilProcessed(url: string, ticket: string, orgNr = ORG, timeoutMs = 10_000) {
  const seen: Answer[] = [];
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await get(url, `/status/${ticket}`, orgNr);
    seen.push(r);
    if (r.status === 302) return seen;
    expect(r.status, JSON.stringify(r.body)).to.equal(202);
    if (Date.now() > deadline) throw new Error(`ticket ${ticket} not processed within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export interface Result {
  successfulValidation: boolean;
  ticket: string;
  errors: {
    errorCode: string;
    errorReason: string;
    errorMessage: string;
    rowErrors: { errorDescription: string; rowData: string }[];
  }[];
}

export async function resultOf(url: string, ticket: string, orgNr = ORG): Promise<Result> {
  await pollUntilProcessed(url, ticket, orgNr);
  const r = await get(url, `/delivery/${ticket}`, orgNr);
  expect(r.status).to.equal(200);
  return r.body as Result;
}

/** Expects the service's refusal shape with one error of `code`. */
export function expectError(r: Answer, status: number, code: string): void {
  expect(r.status, JSON.stringify(r.body)).to.equal(status);
  const body = r.body as { errors: { errorCode: string; errorReason: string; errorMessage: string }[] };
  expect(Object.keys(body)).to.deep.equal(['errors']);
  expect(body.errors.map((e) => e.errorCode)).to.include(code);
  for (const e of body.errors) {
    expect(Object.keys(e)).to.deep.equal(['errorCode', 'errorReason', 'errorMessage']);
    expect(e.errorMessage)
      .to.be.a('string')
      .and.not.match(/\bat .*\.js:\d+/);
  }
}
