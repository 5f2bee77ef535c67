import { isValidOrganisationsnummer } from '../../../population/identity.js';

/**
 * The aktörer LEFI knows. Försäkringskassan assigns every connected organisation (a municipality's socialnämnd)
 * an aktörs-id, which the caller puts in the path (`/aktorer/{aktorsId}/...`); the contract types it as a plain
 * string, and ids of several kinds are in use (e.g. `026-51`, or the UUID of the OpenAPI example). An aktör LEFI
 * does not know, or that the caller may not represent, gets 403.
 *
 * Without a configured list every id FK could have assigned is known, except OKAND_AKTOR; with a list
 * (config `fkAktorer`), exactly the listed ones are.
 */
export interface FkAktor {
  /** The id Försäkringskassan assigned, e.g. "026-51" or a UUID. */
  aktorsid: string;
  /** The organisation the id was assigned to (ten digits, NNNNNN-NNNN allowed), when known. */
  organisationsnummer?: string;
  /** The organisation's name, e.g. "Socialnämnden i Sundsvalls kommun". */
  namn?: string;
}

/**
 * The form of an id FK could have assigned: 1–64 ASCII letters, digits, '-', '_' and '.', starting and ending
 * with a letter or digit (so `026-51` and any UUID, but no spaces, '/', '%' or dot-only ids).
 */
export const AKTORSID_FORM = /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,62}[A-Za-z0-9])?$/;

/** The aktör that is never known (the nil UUID): the documented way to provoke LEFI's 403. */
export const OKAND_AKTOR = '00000000-0000-0000-0000-000000000000';

/** Ids are compared without regard to letter case (a UUID may be written in either). */
const nyckel = (aktorsid: string): string => aktorsid.toLowerCase();

export class FkAktorer {
  private constructor(private readonly lista: ReadonlyMap<string, FkAktor> | undefined) {}

  /** The configured aktörer, or (no list) every id of FK's form except OKAND_AKTOR. */
  static fran(lista?: readonly FkAktor[]): FkAktorer {
    return new FkAktorer(lista && new Map(lista.map((a) => [nyckel(a.aktorsid), a])));
  }

  /** Whether LEFI knows the aktör with this (decoded) id. */
  kand(aktorsid: string): boolean {
    if (!AKTORSID_FORM.test(aktorsid) || nyckel(aktorsid) === OKAND_AKTOR) return false;
    return this.lista === undefined || this.lista.has(nyckel(aktorsid));
  }
}

/** A setting that cannot be used: the message names the setting and the problem. */
export class FkAktorerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FkAktorerError';
  }
}

/**
 * Checks the setting `fkAktorer` (from a config file: a list of objects) and returns a clean copy, or throws
 * FkAktorerError naming `where` and the entry.
 */
export function checkFkAktorer(value: unknown, where: string): FkAktor[] {
  const fail = (at: string, message: string): never => {
    throw new FkAktorerError(`${at}: ${message}`);
  };
  if (!Array.isArray(value)) fail(where, 'must be a list of {aktorsid, organisationsnummer?, namn?}');
  const list = value as unknown[];
  if (list.length === 0) fail(where, 'must list at least one aktör (leave the setting out to know every aktör)');
  const seen = new Set<string>();
  return list.map((entry, i) => {
    const at = `${where}[${i}]`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) fail(at, 'must be an object');
    const input = entry as Record<string, unknown>;
    for (const key of Object.keys(input)) {
      if (!['aktorsid', 'organisationsnummer', 'namn'].includes(key)) fail(`${at}.${key}`, 'is not a known field');
    }
    const aktor = checkAktorsid(input.aktorsid, `${at}.aktorsid`);
    if (seen.has(nyckel(aktor))) fail(`${at}.aktorsid`, `"${aktor}" is listed twice`);
    seen.add(nyckel(aktor));
    const out: FkAktor = { aktorsid: aktor };
    if (input.organisationsnummer !== undefined) {
      const nummer = input.organisationsnummer;
      if (typeof nummer !== 'string' || !/^\d{6}-?\d{4}$/.test(nummer) || !isValidOrganisationsnummer(nummer)) {
        fail(
          `${at}.organisationsnummer`,
          'must be an organisationsnummer (ten digits, NNNNNN-NNNN, valid check digit)',
        );
      }
      out.organisationsnummer = nummer as string;
    }
    if (input.namn !== undefined) {
      if (typeof input.namn !== 'string' || input.namn.trim() === '') fail(`${at}.namn`, 'must be a non-empty string');
      out.namn = input.namn as string;
    }
    return out;
  });
}

/** The environment's form of the setting: ids separated by commas (`SSBTEK_FK_AKTORER=026-51,026-52`). */
export function fkAktorerFromList(raw: string, where: string): FkAktor[] {
  const ids = raw.split(',').map((id) => id.trim());
  return checkFkAktorer(
    ids.map((aktorsid) => ({ aktorsid })),
    where,
  );
}

function checkAktorsid(value: unknown, at: string): string {
  if (typeof value !== 'string' || !AKTORSID_FORM.test(value)) {
    throw new FkAktorerError(
      `${at}: must be an id Försäkringskassan could assign: 1–64 letters (A–Z), digits, '-', '_' or '.', ` +
        `starting and ending with a letter or digit (e.g. "026-51" or a UUID)`,
    );
  }
  if (nyckel(value) === OKAND_AKTOR) {
    throw new FkAktorerError(`${at}: ${OKAND_AKTOR} is reserved as the aktör LEFI never knows (it answers 403)`);
  }
  return value;
}
