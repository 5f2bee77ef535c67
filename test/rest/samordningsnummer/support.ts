import type { AddressInfo } from 'node:net';
import { SignJWT, type JWTPayload } from 'jose';
import { pino } from 'pino';
import { createApp, listen } from '../../../src/app.js';
import { DEFAULT_CONFIG, type Config } from '../../../src/config.js';
import type { Population } from '../../../src/population/population.js';
import { TODAY } from '../../support/fraga.js';

export const BASE = '/folkbokforing/samordningsnummer/v1';
export const TOKEN_PATH = '/oauth2/v1/sys/token';
export const ANMAL = `${BASE}/fornyelse/anmal`;
export const PING = `${BASE}/ping`;

/** A configured signing secret, so tests can forge tokens the way an attacker with a wrong claim would. */
export const SECRET = 'samordningsnummer-test-secret-0123456789';

export const CLIENTS = [
  { clientId: 'demo', clientSecret: 'demo', scopes: ['esnr'] },
  { clientId: 'utan-esnr', clientSecret: 'hemligt', scopes: ['annat'] },
  { clientId: 'flera', clientSecret: 'flera-hemligt', scopes: ['annat', 'esnr'] },
];

/**
 * Numbers from Skatteverket's CC0 test list (samordningsnummer.txt / personnummer.txt), grouped by what the
 * emulator derives for them on TODAY (2026-11-24): the year each was assigned is in the comment.
 */
export const NUMMER = {
  /** Vilande (active period over): renewable. */
  vilande: [
    '191401682396', // 2012
    '191403702390', // 2014
    '191406652386', // 2015
    '191500722390', // 2020
    '191504652387', // 2017
    '191508822390', // 2018
    '191701732388', // 2019
    '191701752386', // 2016
    '191704872389', // 2010
    '191404762393', // 2011
    '191412802397', // 2013
    '191801662394', // 2020
    '192002702393', // 2020
  ],
  /** Assigned 2021: in their last active year (becoming vilande at the end of 2026), renewable. */
  aktuella: ['191502692385', '191506812385', '191512822394', '191704842390'],
  /** Assigned 2022–2026: not yet due. */
  ejAktuella: [
    { nummer: '191404722397', aktivTom: '2027-12-31', kanFornyasFran: '2027-01-01' }, // 2022
    { nummer: '191403742396', aktivTom: '2028-12-31', kanFornyasFran: '2028-01-01' }, // 2023
    { nummer: '191600802399', aktivTom: '2029-12-31', kanFornyasFran: '2029-01-01' }, // 2024
    { nummer: '191601612383', aktivTom: '2030-12-31', kanFornyasFran: '2030-01-01' }, // 2025
    { nummer: '191506822392', aktivTom: '2031-12-31', kanFornyasFran: '2031-01-01' }, // 2026
  ],
  /** Not assigned on TODAY: assigned in December 2026, or the holder is born after today. */
  okanda: ['198004842392', '202612612388'],
  personnummer: '198912262386',
};

export interface SkvServer {
  url: string;
  population: Population;
  close(): Promise<void>;
}

/** The whole emulator (like test/support/server.ts) but also handing out the app's population. */
export async function startSkv(overrides: Record<string, unknown> = {}): Promise<SkvServer> {
  const config = {
    ...DEFAULT_CONFIG,
    port: 0,
    today: TODAY,
    logLevel: 'silent',
    storePath: ':memory:',
    oauth2Clients: CLIENTS,
    oauth2SigningSecret: SECRET,
    samordningsnummerRequestsPerSecond: 10_000,
    ...overrides,
  } as Config;
  const { app, population, close } = createApp(config, pino({ level: 'silent' }));
  const server = await listen(app, '127.0.0.1', 0);
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    population,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => void close().then(resolve));
      }),
  };
}

export interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

async function answer(response: Response): Promise<Answer> {
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, body, text };
}

/** POSTs a form to the token endpoint. */
export async function requestToken(
  url: string,
  form: Record<string, string> | string,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const body = typeof form === 'string' ? form : new URLSearchParams(form).toString();
  return answer(
    await fetch(url + TOKEN_PATH, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body,
    }),
  );
}

/** An access token for a configured client. */
export async function accessToken(
  url: string,
  clientId = 'demo',
  clientSecret = 'demo',
  scope?: string,
): Promise<string> {
  const form: Record<string, string> = {
    grant_type: 'client_credentials',
    client_id: clientId,
    client_secret: clientSecret,
  };
  if (scope !== undefined) form.scope = scope;
  const r = await requestToken(url, form);
  if (r.status !== 200) throw new Error(`token: ${r.status} ${r.text}`);
  return (r.body as { access_token: string }).access_token;
}

export interface CallOptions {
  token?: string;
  headers?: Record<string, string>;
  body?: unknown;
  /** Send this raw string as the body instead of JSON. */
  raw?: string;
}

/** Calls the service with a token, the required correlation header and (for POST) a JSON body. */
export async function call(url: string, method: string, path: string, options: CallOptions = {}): Promise<Answer> {
  const headers: Record<string, string> = { skv_client_correlation_id: 'test-0002aa29', ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined = options.raw;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  return answer(await fetch(url + path, { method, headers, body }));
}

export function anmal(
  url: string,
  token: string,
  samordningsnummer: string,
  ingivarnamn = 'Polismyndigheten, register',
) {
  return call(url, 'POST', ANMAL, { token, body: { ingivarnamn, samordningsnummer } });
}

/** Signs a token with the test secret, like the token endpoint would, with any claim changed. */
export async function forgeToken(
  claims: JWTPayload,
  options: { typ?: string; secret?: string; expiresIn?: string | number } = {},
): Promise<string> {
  const jwt = new SignJWT({ scope: 'esnr', client_id: 'demo', ...claims })
    .setProtectedHeader({ alg: 'HS256', typ: options.typ ?? 'at+jwt' })
    .setIssuedAt();
  if (claims.iss === undefined) jwt.setIssuer('ssbtek-emulator/oauth2/v1');
  if (claims.aud === undefined) jwt.setAudience('ssbtek-emulator/api');
  if (claims.sub === undefined) jwt.setSubject('demo');
  if (claims.exp === undefined) jwt.setExpirationTime(options.expiresIn ?? '1h');
  return jwt.sign(new TextEncoder().encode(options.secret ?? SECRET));
}

export interface Felpost {
  source: string | null;
  type: string | null;
  title: string;
  description: string;
}

export function errorsOf(a: Answer): Felpost[] {
  return (a.body as { errors: Felpost[] }).errors;
}
