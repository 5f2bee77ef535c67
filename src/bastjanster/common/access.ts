import type { NativeRequest } from '../types.js';

/**
 * Who may ask, as the base services learn it. SSBTEK knows its caller (client certificate, seed §8) and the
 * connection agreements; each base service has its own register of approved askers and answers a refusal in its
 * own form (AF 400–403, SKV 9071004–06, …). In the emulator the composite judges the agreement once and tells each
 * base service what it would find in its register, in this header on the native request; the service answers
 * with its own code for it (`accessCodes` of each BaseService). No header: nothing to refuse.
 */
export const ACCESS_HEADER = 'x-ssbtek-access';

/**
 * What a base service finds, in the order they are judged (the first that applies to a service is sent to it):
 *
 * - `not-customers-ombud`: the iip header names a customer the certificate's organisation is no ombud for;
 * - `ingivare-not-caller`: `ingivare.organisationsnummer` is not the asker's (the certificate's, or the customer's);
 * - `no-agreement`: the asker has no connection agreement;
 * - `service-not-in-agreement`: the agreement does not cover this base service;
 * - `aktor-not-callers`: FK's `aktorsid` is not one of the asker's FK aktörer;
 * - `ombud-not-named`: sent by an ombud, but the query names no personuppgiftsbiträde;
 * - `ombud-not-approved`: the query names a personuppgiftsbiträde that is not the agreement's ombud;
 * - `no-ombud-registered`: the query names a personuppgiftsbiträde, and the agreement has no ombud.
 */
export const ACCESS_VERDICTS = [
  'not-customers-ombud',
  'ingivare-not-caller',
  'no-agreement',
  'service-not-in-agreement',
  'aktor-not-callers',
  'ombud-not-named',
  'ombud-not-approved',
  'no-ombud-registered',
] as const;
export type AccessVerdict = (typeof ACCESS_VERDICTS)[number];

/** The verdicts about the asker itself: every base service refuses on them. */
export const ASKER_VERDICTS = [
  'not-customers-ombud',
  'ingivare-not-caller',
  'no-agreement',
  'service-not-in-agreement',
] as const satisfies readonly AccessVerdict[];

/** A base service's answer to each verdict it acts on: its own code, as the SSBTEK client sees it in `felkod`. */
export type AccessCodes = Readonly<Record<(typeof ASKER_VERDICTS)[number], string>> &
  Readonly<Partial<Record<AccessVerdict, string>>>;

/** An X-SSBTEK-Access value that is not a verdict (a caller of a base service's own path wrote it). */
export class AccessHeaderError extends Error {
  constructor(value: string) {
    super(`X-SSBTEK-Access header: "${value}" is not one of ${ACCESS_VERDICTS.join(', ')}`);
    this.name = 'AccessHeaderError';
  }
}

export function isAccessVerdict(value: string): value is AccessVerdict {
  return (ACCESS_VERDICTS as readonly string[]).includes(value);
}

/** The header's verdict, checked: undefined when absent or empty; AccessHeaderError for anything else. */
export function parseAccessHeader(value: string | undefined): AccessVerdict | undefined {
  const verdict = value?.trim();
  if (!verdict) return undefined;
  if (!isAccessVerdict(verdict)) throw new AccessHeaderError(verdict);
  return verdict;
}

/**
 * The verdict a native request carries, for the emulator that answers it. An unknown value never reaches an
 * emulator (the composite writes only verdicts; a base service's own path refuses others first): read as none.
 */
export function accessVerdictOf(request: Pick<NativeRequest, 'headers'>): AccessVerdict | undefined {
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    const verdict = value.trim();
    if (name.toLowerCase() === ACCESS_HEADER) return isAccessVerdict(verdict) ? verdict : undefined;
  }
  return undefined;
}

/** The code `codes` gives for the request's verdict, or undefined: nothing to refuse for this service. */
export function accessRefusal(request: Pick<NativeRequest, 'headers'>, codes: AccessCodes): string | undefined {
  const verdict = accessVerdictOf(request);
  return verdict === undefined ? undefined : codes[verdict];
}
