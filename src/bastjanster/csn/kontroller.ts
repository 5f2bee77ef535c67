import { addMonths, isValidIsoDate } from '../../population/dates.js';
import { parseIdentity, type Identity } from '../../population/identity.js';
import { NS } from '../../xml/namespaces.js';
import { child, childText, type XElement } from '../../xml/tree.js';
import type { DatumintervallFel } from './resultatkoder.js';

const SAM = NS.sambruk;

/** The outcome of CSN's checks on a schema-valid request: a failing code, or the person and period to look up. */
export type Kontrollutfall =
  | { kod: -1005 }
  | { kod: -1004 }
  | { kod: -1006; datumFel: DatumintervallFel }
  | { kod: 0; identity: Identity; fromDatum: string; tomDatum: string };

/** The fields of SBNUppgEkBistandBegar that CSN reads, trimmed. */
export function begaranFalt(begaran: XElement) {
  const sam = (parent: XElement | undefined, name: string): string => (childText(parent, SAM, name) ?? '').trim();
  const begarData = child(begaran, SAM, 'BegarData');
  const medlem = child(begaran, SAM, 'HushallsMedlem');
  return {
    schemaVersion: sam(begaran, 'SchemaVersion'),
    kommun: sam(begarData, 'Kommun'),
    handlaggareId: sam(begarData, 'HandlaggareId'),
    appNamn: sam(begarData, 'AppNamn'),
    appVersion: sam(begarData, 'AppVersion'),
    subOrgKod: sam(begarData, 'SubOrgKod'),
    anropsId: sam(begarData, 'AnropsId'),
    lastDataVersion: sam(begarData, 'LastDataVersion'),
    arendId: sam(begaran, 'ArendId'),
    hushallsId: sam(begaran, 'HushallsId'),
    sekel: sam(medlem, 'HushallsMedlemsIdSekel'),
    medlemsId: sam(medlem, 'HushallsMedlemsId'),
    fromDatum: sam(begaran, 'FromDatum'),
    tomDatum: sam(begaran, 'TomDatum'),
  };
}

/**
 * The longest text CSN's contract allows in a field (CSN's Schemabeskrivning Kommunfråga v4.0: "Kort text, max 31
 * tecken", "Normal text, max 255 tecken"). The request schema leaves them open, so CSN answers -1005 itself.
 */
const MAX_TECKEN = {
  arendId: 31,
  handlaggareId: 31,
  subOrgKod: 31,
  appNamn: 255,
  appVersion: 255,
  anropsId: 255,
  lastDataVersion: 255,
} as const;

/** CSN's own checks (seed §7.3.3), in the order CSN applies them: contract, personnummer, date interval. */
export function kontrollera(begaran: XElement, today: string): Kontrollutfall {
  const f = begaranFalt(begaran);

  // -1005: the request breaks the contract (format errors outside the personnummer and the dates)
  if (f.schemaVersion !== '1.0') return { kod: -1005 };
  if (!/^[0-9]{6}-[0-9]{4}$/.test(f.kommun)) return { kod: -1005 };
  if ([f.handlaggareId, f.appNamn, f.appVersion, f.arendId].some((v) => v === '')) return { kod: -1005 };
  // a field longer than the contract allows, e.g. a UUID (36 characters) as ArendId
  if (Object.entries(MAX_TECKEN).some(([falt, max]) => [...f[falt as keyof typeof MAX_TECKEN]].length > max)) {
    return { kod: -1005 };
  }

  // -1004: not a valid personnummer. CSN's personnummer type (csntyper) has day 01–31 and century 18–20, so a
  // samordningsnummer (day + 60) is no personnummer to CSN either.
  if (!/^[0-9]{10}$/.test(f.medlemsId) || !/^(18|19|20)$/.test(f.sekel)) return { kod: -1004 };
  if (f.hushallsId !== f.sekel + f.medlemsId) return { kod: -1004 };
  const { identity, problem } = parseIdentity(f.hushallsId);
  if (!identity || problem || identity.kind !== 'personnummer') return { kod: -1004 };

  // -1006: the date interval, relative to CSN's today
  if (!isValidIsoDate(f.fromDatum)) return { kod: -1006, datumFel: 'ogiltigtFromdatum' };
  if (!isValidIsoDate(f.tomDatum)) return { kod: -1006, datumFel: 'ogiltigtTomdatum' };
  if (f.tomDatum < f.fromDatum) return { kod: -1006, datumFel: 'tomdatumForeFromdatum' };
  if (f.fromDatum < addMonths(today, -2)) return { kod: -1006, datumFel: 'fromdatumForTidigt' };
  if (f.tomDatum > addMonths(today, 1)) return { kod: -1006, datumFel: 'tomdatumForSent' };

  return { kod: 0, identity, fromDatum: f.fromDatum, tomDatum: f.tomDatum };
}
