import type { AccessCodes, AccessVerdict } from '../../bastjanster/common/access.js';
import type { ServiceId, SsbtekFraga } from '../model.js';
import type { Anslutningsregister } from './anslutningar.js';
import { organisationsnummer } from './organisationsnummer.js';

/** Who is asking, as SSBTEK found it: the certificate's organisation and, through an ombud, its customer. */
export interface Asker {
  /** The caller: the certificate's (or the stand-in header's) organisationsnummer. */
  anropare: string;
  /** The organisation the query is asked for: the iip header's customer, else the caller itself. */
  fragande: string;
  /** Set when the caller sends as an ombud for `fragande` (iip header, seed §8.4). */
  ombud?: string;
}

/** What the agreements say about one query: who asks, and each included base service's verdict (none: allowed). */
export interface AccessDecision {
  asker: Asker;
  verdicts: Partial<Record<ServiceId, AccessVerdict>>;
}

/**
 * Judges a query against the connection agreements. `anropare` is the identified caller, `iipFrom` the customer the
 * iip header names (if any). The checks, in order (see docs/ssbtek.md, "Who may ask"):
 *
 * 1. an iip header naming another organisation: the caller must be an ombud for it (else `not-customers-ombud`);
 * 2. `ingivare.organisationsnummer` must be the asker's (else `ingivare-not-caller`);
 * 3. the asker must have an agreement (else `no-agreement`);
 * 4. per base service: the agreement must cover it (`service-not-in-agreement`); FK's `aktorsid` must be one of the
 *    asker's aktörer (`aktor-not-callers`); the query's personuppgiftsbiträden must be the agreement's ombud
 *    (`ombud-not-approved`, `no-ombud-registered`), and name the ombud that sends it (`ombud-not-named`).
 *
 * Each service is sent the first verdict it has a code for (`codesOf`): a base service that does not check a thing
 * answers as if it were in order.
 */
export function judgeAccess(
  fraga: SsbtekFraga,
  services: readonly ServiceId[],
  caller: { anropare: string; iipFrom?: string },
  register: Anslutningsregister,
  codesOf: (service: ServiceId) => AccessCodes | undefined,
): AccessDecision {
  const { anropare, iipFrom } = caller;
  const viaOmbud = iipFrom !== undefined && iipFrom !== anropare;
  const asker: Asker = viaOmbud ? { anropare, fragande: iipFrom, ombud: anropare } : { anropare, fragande: anropare };
  const avtal = register.organisation(asker.fragande);
  const general = ((): AccessVerdict | undefined => {
    if (viaOmbud && !register.arOmbudFor(anropare, iipFrom)) return 'not-customers-ombud';
    if (organisationsnummer(fraga.ingivare.organisationsnummer) !== asker.fragande) return 'ingivare-not-caller';
    if (!avtal) return 'no-agreement';
    return undefined;
  })();
  const bitraden = bitradeVerdict(fraga, asker, register);
  const verdicts: Partial<Record<ServiceId, AccessVerdict>> = {};
  for (const service of services) {
    const found: AccessVerdict[] = [];
    if (general) found.push(general);
    else if (avtal) {
      if (!avtal.bastjanster.includes(service)) found.push('service-not-in-agreement');
      const fk = fraga.tjanster.FK?.fk;
      if (service === 'FK' && fk?.kind === 'lefiJson' && !harAktor(avtal.fkAktorer, fk.aktorsid))
        found.push('aktor-not-callers');
      if (bitraden) found.push(bitraden);
    }
    const codes = codesOf(service);
    const verdict = found.find((v) => codes?.[v] !== undefined);
    if (verdict) verdicts[service] = verdict;
  }
  return { asker, verdicts };
}

/**
 * The query's personuppgiftsbiträden against the agreement's ombud: sent through an ombud, they must name it and no
 * one else the customer has not registered; sent directly, each must be one the organisation registered, and naming
 * any when it has none is AF's "ombud där konsument inte har ett ombud".
 */
function bitradeVerdict(fraga: SsbtekFraga, asker: Asker, register: Anslutningsregister): AccessVerdict | undefined {
  const registered = register.ombudFor(asker.fragande);
  const named = fraga.personuppgiftsbitraden.map((p) => organisationsnummer(p.organisationsnummer) ?? '');
  if (asker.ombud !== undefined) {
    if (named.some((n) => !registered.includes(n))) return 'ombud-not-approved';
    if (!named.includes(asker.ombud)) return 'ombud-not-named';
    return undefined;
  }
  if (named.length === 0) return undefined;
  if (registered.length === 0) return 'no-ombud-registered';
  if (named.some((n) => !registered.includes(n))) return 'ombud-not-approved';
  return undefined;
}

/** FK compares aktörs-ids without regard to case (a UUID may be written either way). */
function harAktor(aktorer: readonly string[], aktorsid: string): boolean {
  const id = aktorsid.trim().toLowerCase();
  return aktorer.some((a) => a.toLowerCase() === id);
}
