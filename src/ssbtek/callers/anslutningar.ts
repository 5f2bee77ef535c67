import { AKTORSID_FORM, OKAND_AKTOR } from '../../bastjanster/fk/lefi/aktorer.js';
import { SERVICE_IDS, type ServiceId } from '../model.js';
import { organisationsnummer } from './organisationsnummer.js';

/**
 * Who may ask SSBTEK (seed §8): the organisations with a connection agreement (anslutningsavtal) with
 * Försäkringskassan, each with its FK aktörer and the base services its agreement covers, and the service providers
 * (ombud) that send on behalf of some of them, each with the customers it may act for (§8.4).
 */
export interface Anslutningar {
  organisationer: AnslutenOrganisation[];
  ombud: Ombud[];
}

export interface AnslutenOrganisation {
  /** Ten digits (the query's `ingivare.organisationsnummer` carries it with the prefix 16). */
  organisationsnummer: string;
  namn: string;
  /**
   * The aktörs-ids Försäkringskassan assigned it (LEFI's `aktorsid`: one per nämnd that asks, e.g. "026-51"). The
   * one definition of which organisation an aktör is: FK's register (config `fkAktorer`) may not say otherwise.
   */
  fkAktorer: string[];
  /** The base services the agreement covers, in contract order. */
  bastjanster: ServiceId[];
}

export interface Ombud {
  /** Ten digits: what its certificate's serialNumber names (with the prefix 16). */
  organisationsnummer: string;
  namn: string;
  /**
   * The connected organisations it may send for (their organisationsnummer, in the iip header's From/Address). It
   * is also the personuppgiftsbiträde those customers name in their queries (AF's "ombud", seed §7.3.3).
   */
  kunder: string[];
}

/**
 * The embedded agreements, so that `npm start` answers the documented callers at once (docs/ssbtek.md, "Who may
 * ask"): Sundsvall (2120002411, the public client's ingivare) directly, with Kommun B (2120001355, the personuppgifts-
 * biträde of the seed's v1 example) registered as its ombud; Kommun B itself directly, for every service but SKV;
 * the seed's §8.4 customer 8020069582 through the service provider 5565866992 (the seed's 5565866996 with its check
 * digit corrected). Nobody else, e.g. 5599000030, has an agreement.
 */
export const DEFAULT_ANSLUTNINGAR: Anslutningar = {
  organisationer: [
    {
      organisationsnummer: '2120002411',
      namn: 'Sundsvalls kommun, socialnämnden',
      // 026-51 as the public client sends it; the UUID of LEFI's OpenAPI example, as the v10 example sends it.
      fkAktorer: ['026-51', '9255f428-4ba0-63ce-5407-e65d469fac0f'],
      bastjanster: [...SERVICE_IDS],
    },
    {
      organisationsnummer: '2120001355',
      namn: 'Kommun B, socialnämnden',
      fkAktorer: ['213-55'],
      bastjanster: ['AF', 'CSN', 'FK', 'SO', 'TNS', 'MIV'],
    },
    {
      organisationsnummer: '8020069582',
      namn: 'Kunden i teknisk beskrivning §8.4',
      fkAktorer: ['802-01'],
      bastjanster: [...SERVICE_IDS],
    },
  ],
  ombud: [
    { organisationsnummer: '2120001355', namn: 'Kommun B', kunder: ['2120002411'] },
    { organisationsnummer: '5565866992', namn: 'EDB Business Partner Sverige AB', kunder: ['8020069582'] },
  ],
};

/** The agreements, looked up by organisationsnummer (ten digits). */
export class Anslutningsregister {
  private readonly organisationer: ReadonlyMap<string, AnslutenOrganisation>;
  private readonly ombudAv: ReadonlyMap<string, readonly string[]>;

  constructor(readonly anslutningar: Anslutningar) {
    this.organisationer = new Map(anslutningar.organisationer.map((o) => [o.organisationsnummer, o]));
    const ombudAv = new Map<string, string[]>();
    for (const ombud of anslutningar.ombud) {
      for (const kund of ombud.kunder) ombudAv.set(kund, [...(ombudAv.get(kund) ?? []), ombud.organisationsnummer]);
    }
    this.ombudAv = ombudAv;
  }

  /** The connected organisation's agreement, if it has one. */
  organisation(nummer: string): AnslutenOrganisation | undefined {
    return this.organisationer.get(nummer);
  }

  /** The ombud registered for a connected organisation (empty: it sends itself only). */
  ombudFor(kund: string): readonly string[] {
    return this.ombudAv.get(kund) ?? [];
  }

  /** Whether `ombud` may send on behalf of `kund`. */
  arOmbudFor(ombud: string, kund: string): boolean {
    return this.ombudFor(kund).includes(ombud);
  }
}

/** A setting that cannot be used: the message names the setting, the entry and the problem. */
export class AnslutningarError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AnslutningarError';
  }
}

/**
 * Checks the setting `anslutningar` (`{organisationer: [...], ombud: [...]}`) and returns a clean copy with every
 * organisationsnummer in its ten-digit form, or throws AnslutningarError naming `where` and the entry.
 */
export function checkAnslutningar(value: unknown, where: string): Anslutningar {
  const fail = (at: string, message: string): never => {
    throw new AnslutningarError(`${at}: ${message}`);
  };
  const input = object(value, where, fail);
  for (const key of Object.keys(input)) {
    if (key !== 'organisationer' && key !== 'ombud') fail(`${where}.${key}`, 'is not a known field');
  }
  if (!Array.isArray(input.organisationer)) fail(`${where}.organisationer`, 'must be a list');
  if (input.ombud !== undefined && !Array.isArray(input.ombud)) fail(`${where}.ombud`, 'must be a list');
  const aktorer = new Map<string, string>();
  const organisationer = (input.organisationer as unknown[]).map((entry, i) => {
    const at = `${where}.organisationer[${i}]`;
    const o = object(entry, at, fail);
    known(o, ['organisationsnummer', 'namn', 'fkAktorer', 'bastjanster'], at, fail);
    const nummer = orgnr(o.organisationsnummer, `${at}.organisationsnummer`, fail);
    const fkAktorer = list(o.fkAktorer ?? [], `${at}.fkAktorer`, fail).map((id, j) => {
      const idAt = `${at}.fkAktorer[${j}]`;
      if (typeof id !== 'string' || !AKTORSID_FORM.test(id) || id.toLowerCase() === OKAND_AKTOR)
        fail(idAt, 'must be an aktörs-id FK could assign (e.g. "026-51" or a UUID, not the nil UUID)');
      const owner = aktorer.get((id as string).toLowerCase());
      if (owner !== undefined) fail(idAt, `"${id as string}" is already ${owner}'s aktör`);
      aktorer.set((id as string).toLowerCase(), nummer);
      return id as string;
    });
    const asked = o.bastjanster === undefined ? [...SERVICE_IDS] : list(o.bastjanster, `${at}.bastjanster`, fail);
    for (const id of asked) {
      if (!SERVICE_IDS.includes(id as ServiceId))
        fail(`${at}.bastjanster`, `"${String(id)}" is not one of ${SERVICE_IDS.join(', ')}`);
    }
    if (asked.length === 0) fail(`${at}.bastjanster`, 'must name at least one base service');
    return {
      organisationsnummer: nummer,
      namn: namn(o.namn, nummer, `${at}.namn`, fail),
      fkAktorer,
      bastjanster: SERVICE_IDS.filter((id) => asked.includes(id)),
    };
  });
  unique(organisationer, `${where}.organisationer`, fail);
  const connected = new Set(organisationer.map((o) => o.organisationsnummer));
  const ombud = ((input.ombud as unknown[] | undefined) ?? []).map((entry, i) => {
    const at = `${where}.ombud[${i}]`;
    const o = object(entry, at, fail);
    known(o, ['organisationsnummer', 'namn', 'kunder'], at, fail);
    const nummer = orgnr(o.organisationsnummer, `${at}.organisationsnummer`, fail);
    const kunder = list(o.kunder, `${at}.kunder`, fail).map((kund, j) => {
      const kundAt = `${at}.kunder[${j}]`;
      const kundNummer = orgnr(kund, kundAt, fail);
      if (!connected.has(kundNummer)) fail(kundAt, `${kundNummer} has no agreement (list it under organisationer)`);
      if (kundNummer === nummer) fail(kundAt, 'an organisation is not its own ombud');
      return kundNummer;
    });
    if (kunder.length === 0) fail(`${at}.kunder`, 'must name at least one customer');
    return {
      organisationsnummer: nummer,
      namn: namn(o.namn, nummer, `${at}.namn`, fail),
      kunder: [...new Set(kunder)],
    };
  });
  unique(ombud, `${where}.ombud`, fail);
  return { organisationer, ombud };
}

type Fail = (at: string, message: string) => never;

function object(value: unknown, at: string, fail: Fail): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(at, 'must be an object');
  return value as Record<string, unknown>;
}

function known(o: Record<string, unknown>, keys: string[], at: string, fail: Fail): void {
  for (const key of Object.keys(o))
    if (!keys.includes(key)) fail(`${at}.${key}`, `is not a known field (${keys.join(', ')})`);
}

function list(value: unknown, at: string, fail: Fail): unknown[] {
  if (!Array.isArray(value)) fail(at, 'must be a list');
  return value as unknown[];
}

function orgnr(value: unknown, at: string, fail: Fail): string {
  const nummer = typeof value === 'string' ? organisationsnummer(value) : undefined;
  if (!nummer) fail(at, 'must be an organisationsnummer (NNNNNNNNNN, NNNNNN-NNNN or 16NNNNNNNNNN, valid check digit)');
  return nummer as string;
}

function namn(value: unknown, nummer: string, at: string, fail: Fail): string {
  if (value === undefined) return nummer;
  if (typeof value !== 'string' || value.trim() === '') fail(at, 'must be a non-empty string');
  return value as string;
}

function unique(entries: { organisationsnummer: string }[], at: string, fail: Fail): void {
  const seen = new Set<string>();
  for (const [i, e] of entries.entries()) {
    if (seen.has(e.organisationsnummer)) fail(`${at}[${i}]`, `${e.organisationsnummer} is listed twice`);
    seen.add(e.organisationsnummer);
  }
}
