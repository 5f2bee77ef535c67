/** The body limit of each endpoint: the settings, their defaults, their environment variables. */

const KB = 1024;
const MB = 1024 * KB;

/**
 * The body limit of each endpoint. Each is what that endpoint's largest real request needs, with a wide margin:
 * a body far past it is not a request but an attack on the memory or the time of everyone else.
 */
export interface BodyLimits {
  /** POST /ssbtek: a query for all seven services is 2–4 KB; WS-Security headers add about 10 KB. */
  ssbtek: number;
  /** PU GetPersonsForProfile: 500 identities (the most a request may ask for) are about 100 KB. */
  pu: number;
  /** A base service's native path (/bastjanster/...): its requests are a few KB. */
  bastjanster: number;
  /** SCB inlämningstjänst: a delivery is a file (base64 in JSON), and files may be large. */
  scb: number;
  /** Birth report (a few hundred bytes), Samordningsnummer v1 renewal (under 1 KB). */
  birthreport: number;
  samordningsnummer: number;
  /** PU administration API (a reserve identity, contact details: under 2 KB). */
  puAdmin: number;
  /** OAuth2 token endpoint (a form of four parameters). */
  oauth2: number;
  /** /__admin (scenario settings, journal settings and filters). */
  admin: number;
}

export const DEFAULT_BODY_LIMITS: BodyLimits = {
  ssbtek: 256 * KB,
  pu: 512 * KB,
  bastjanster: 256 * KB,
  scb: 10 * MB,
  birthreport: 64 * KB,
  samordningsnummer: 64 * KB,
  puAdmin: 16 * KB,
  oauth2: 16 * KB,
  admin: 1 * MB,
};

/** A byte count as people write limits: "64kb", "10mb", or "1000 bytes". */
export function bytesText(bytes: number): string {
  if (bytes > 0 && bytes % MB === 0) return `${bytes / MB}mb`;
  if (bytes > 0 && bytes % KB === 0) return `${bytes / KB}kb`;
  return `${bytes} bytes`;
}

/** The same limit for every endpoint (what `maxBodyBytes` sets). */
export function uniformBodyLimits(bytes: number): BodyLimits {
  return Object.fromEntries(Object.keys(DEFAULT_BODY_LIMITS).map((key) => [key, bytes])) as unknown as BodyLimits;
}

/** SSBTEK_BODY_LIMIT_<NAME>: the environment variable of each endpoint's limit. */
export const BODY_LIMIT_VARIABLES: Record<keyof BodyLimits, string> = {
  ssbtek: 'SSBTEK_BODY_LIMIT_SSBTEK',
  pu: 'SSBTEK_BODY_LIMIT_PU',
  bastjanster: 'SSBTEK_BODY_LIMIT_BASTJANSTER',
  scb: 'SSBTEK_BODY_LIMIT_SCB',
  birthreport: 'SSBTEK_BODY_LIMIT_BIRTHREPORT',
  samordningsnummer: 'SSBTEK_BODY_LIMIT_SAMORDNINGSNUMMER',
  puAdmin: 'SSBTEK_BODY_LIMIT_PU_ADMIN',
  oauth2: 'SSBTEK_BODY_LIMIT_OAUTH2',
  admin: 'SSBTEK_BODY_LIMIT_ADMIN',
};
