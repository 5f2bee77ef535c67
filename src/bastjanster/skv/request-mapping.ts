import type { SsbtekFraga } from '../../ssbtek/model.js';
import { NS } from '../../xml/namespaces.js';
import { el, leaf, type XElement } from '../../xml/tree.js';
import { builtEnvelope, builtXml } from '../common/built.js';
import { XML_CONTENT_TYPE } from '../common/scenario.js';
import { QueryRefusedError, type AdapterContext, type NativeRequest } from '../types.js';
import { DELAR_PATH } from './delar/emulator.js';
import { JSON_CONTENT_TYPE } from './delar/fel.js';
import type { SkvFraga } from './delar/typer.js';

const BU = NS.skvInner;

/** Constants the composite service sets towards SKV (seed §6.4). */
export const SKV_CONSTANTS = {
  organisationsnummerForPersonuppgiftsbitrade: '162021005521',
  namnPaPersonuppgiftsbitrade: 'Försäkringskassan',
} as const;

export const SKV_PATH = '/beskattningws';

/**
 * SSBTEK query → SKV's native request: v1 and v10 call BeskattningWS (SOAP), v11 the JSON service that answers
 * per part, with SKV's question (years and parts) from the query.
 */
export function toSkvRequest(fraga: SsbtekFraga, _context?: AdapterContext): NativeRequest {
  return fraga.dialect === 'v11' ? toDelarRequest(fraga) : toBeskattningwsRequest(fraga);
}

/**
 * SSBTEK query → the inner Forfragan document, row by row as in the seed's table §6.4. Not sent: tidsperiod
 * (SKV answers with its final tax decisions, not a period), syfte and lagtext.
 */
export function forfragan(fraga: SsbtekFraga): XElement {
  return el(BU, 'Forfragan', [
    leaf(BU, 'OrganisationsnummerForIngivare', fraga.ingivare.organisationsnummer), // ingivare.organisationsnummer
    leaf(BU, 'NamnPaIngivare', fraga.ingivare.namn), // ingivare.namn
    leaf(BU, 'KontonamnForHandlaggare', fraga.ingivare.handlaggare), // ingivare.handlaggare
    leaf(BU, 'IdentitetsbeteckningFysiskPerson', fraga.personidentitet), // personidentitet
    leaf(BU, 'Referensnummer', fraga.arendeidentitet), // arendeidentitet
    // - → set to "162021005521" and "Försäkringskassan"
    leaf(BU, 'OrganisationsnummerForPersonuppgiftsbitrade', SKV_CONSTANTS.organisationsnummerForPersonuppgiftsbitrade),
    leaf(BU, 'NamnPaPersonuppgiftsbitrade', SKV_CONSTANTS.namnPaPersonuppgiftsbitrade),
  ]);
}

/**
 * The SOAP request: skv:BeskattningsuppgifterRequest whose unqualified `forfragan` carries the Forfragan document
 * as text (the serializer escapes it: escaped XML inside XML, as SKV's contract has it).
 */
function toBeskattningwsRequest(fraga: SsbtekFraga): NativeRequest {
  const inner = builtXml(forfragan(fraga), { declaration: true });
  return {
    path: SKV_PATH,
    contentType: XML_CONTENT_TYPE,
    headers: { SOAPAction: '""' },
    ...builtEnvelope(
      [el(NS.skv, 'BeskattningsuppgifterRequest', [el('', 'forfragan', inner.body)])],
      undefined,
      inner.built,
    ),
  };
}

/**
 * v11: the same fields as §6.4 (ingivare, the constant personuppgiftsbiträde, personidentitet, arendeidentitet as
 * referensnummer), plus SKV's `fraga`: the years and the parts set true. The pipeline refuses a v11 query that
 * includes SKV without its `fraga` (Fault 1001); reaching here without it is the integration's error (2001).
 */
export function skvFraga(fraga: SsbtekFraga): SkvFraga {
  const skv = fraga.tjanster.SKV?.skv;
  if (!skv) throw new QueryRefusedError('Frågan till SKV saknar sin specifika del (fraga med år och delar).');
  return {
    ingivare: {
      organisationsnummer: fraga.ingivare.organisationsnummer,
      namn: fraga.ingivare.namn,
      kontonamnForHandlaggare: fraga.ingivare.handlaggare,
    },
    personuppgiftsbitrade: {
      organisationsnummer: SKV_CONSTANTS.organisationsnummerForPersonuppgiftsbitrade,
      namn: SKV_CONSTANTS.namnPaPersonuppgiftsbitrade,
    },
    identitet: fraga.personidentitet,
    referensnummer: fraga.arendeidentitet,
    ar: skv.ar,
    delar: skv.delar,
  };
}

function toDelarRequest(fraga: SsbtekFraga): NativeRequest {
  return {
    path: DELAR_PATH,
    contentType: JSON_CONTENT_TYPE,
    headers: { accept: 'application/json' },
    body: JSON.stringify(skvFraga(fraga)),
  };
}
