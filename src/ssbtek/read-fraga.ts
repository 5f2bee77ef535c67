import { NS } from '../xml/namespaces.js';
import { attr, child, childText, childrenNamed, elements, text, type XElement } from '../xml/tree.js';
import type {
  DialectId,
  FkParametrar,
  ServiceId,
  SkvParametrar,
  SsbtekFraga,
  Tidsperiod,
  TjanstFraga,
} from './model.js';
import { SERVICE_IDS, SKV_DELAR } from './model.js';

/**
 * Reads a schema-valid hamtaBastjanstInformation element into the internal model. The general part is the same
 * in every dialect; FK's specific part differs (v10 and v11: LEFI JSON question, v1: benefit flags), and v11 adds
 * SKV's question (years and parts).
 */
export function readFraga(payload: XElement, dialect: DialectId): SsbtekFraga {
  const ns = payload.ns;
  const must = (parent: XElement, name: string): XElement => {
    const found = child(parent, ns, name);
    if (!found) throw new Error(`${name} missing after schema validation`);
    return found;
  };
  const general = must(payload, 'generellaFrageparametrar');
  const specific = must(payload, 'specifikaFrageparametrar');
  const ingivare = must(general, 'ingivare');
  const tjanster: Partial<Record<ServiceId, TjanstFraga>> = {};
  for (const id of SERVICE_IDS) {
    const element = child(specific, ns, id);
    if (element) tjanster[id] = readTjanst(element, id, dialect);
  }
  return {
    dialect,
    namespace: ns,
    frageTidpunkt: childText(general, ns, 'frageTidpunkt')?.trim(),
    korrelationsid: childText(general, ns, 'korrelationsid'),
    fraganSkallInkluderasISvaret: xsdBoolean(childText(general, ns, 'fraganSkallInkluderasISvaret') ?? 'false'),
    ingivare: {
      organisationsnummer: text(must(ingivare, 'organisationsnummer')).trim(),
      namn: text(must(ingivare, 'namn')),
      handlaggare: text(must(ingivare, 'handlaggare')),
    },
    personidentitet: text(must(general, 'personidentitet')).trim(),
    arendeidentitet: text(must(general, 'arendeidentitet')),
    tidsperiod: readTidsperiod(must(general, 'tidsperiod')),
    personuppgiftsbitraden: childrenNamed(general, ns, 'personuppgiftsbitrade').map((p) => ({
      ordningsnummer: childText(p, ns, 'ordningsnummer')?.trim(),
      organisationsnummer: (childText(p, ns, 'organisationsnummer') ?? '').trim(),
      namn: childText(p, ns, 'namn') ?? '',
    })),
    syfte: text(must(general, 'syfte')),
    lagtext: text(must(general, 'lagtext')),
    tjanster,
    original: payload,
  };
}

function readTjanst(element: XElement, id: ServiceId, dialect: DialectId): TjanstFraga {
  const ns = element.ns;
  const period = child(element, ns, 'tidsperiod');
  const tjanst: TjanstFraga = { inkludera: xsdBoolean(attr(element, 'inkludera') ?? 'false') };
  if (period) tjanst.tidsperiod = readTidsperiod(period);
  if (id === 'FK') tjanst.fk = dialect === 'v1' ? readFormansforteckning(element) : readLefiFraga(element);
  if (id === 'SKV' && dialect === 'v11') tjanst.skv = readSkvFraga(element);
  return tjanst;
}

/** v11 SkatteverketFraga: the years (in the order given, each once) and the parts set true, in contract order. */
function readSkvFraga(skv: XElement): SkvParametrar | undefined {
  const fraga = child(skv, skv.ns, 'fraga');
  if (!fraga) return undefined;
  const ar = [...new Set(childrenNamed(fraga, skv.ns, 'ar').map((e) => Number(text(e).trim())))];
  return { ar, delar: SKV_DELAR.filter((del) => xsdBoolean(childText(fraga, skv.ns, del) ?? 'false')) };
}

function readLefiFraga(fk: XElement): FkParametrar | undefined {
  const fraga = child(fk, fk.ns, 'fraga');
  if (!fraga) return undefined;
  return {
    kind: 'lefiJson',
    version: childText(fraga, fk.ns, 'version')?.trim() || undefined,
    aktorsid: childText(fraga, fk.ns, 'aktorsid') ?? '',
    lefiJsonFraga: (childText(fraga, fk.ns, 'lefiJsonFraga') ?? '').replace(/\s+/g, ''),
  };
}

function readFormansforteckning(fk: XElement): FkParametrar | undefined {
  const list = child(fk, fk.ns, 'formansforteckning');
  if (!list) return undefined;
  return {
    kind: 'formansforteckning',
    flaggor: elements(list)
      .filter((e) => e.ns === NS.fkV1)
      .map((e) => ({ namn: e.name, varde: xsdBoolean(text(e)) })),
  };
}

function readTidsperiod(element: XElement): Tidsperiod {
  return {
    fromDatum: isoDate(childText(element, element.ns, 'fromDatum')),
    tomDatum: isoDate(childText(element, element.ns, 'tomDatum')),
  };
}

/** xs:date may carry a time zone (2024-01-01Z, 2024-01-01+01:00); the model keeps the calendar date. */
function isoDate(value: string | undefined): string {
  return (value ?? '').trim().slice(0, 10);
}

/** xs:boolean lexical space: true, false, 1, 0 (whitespace collapsed). */
export function xsdBoolean(value: string): boolean {
  const v = value.trim();
  return v === 'true' || v === '1';
}
