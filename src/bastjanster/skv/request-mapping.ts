import type { SsbtekFraga } from '../../ssbtek/model.js';
import { NS } from '../../xml/namespaces.js';
import { renderEnvelope } from '../../xml/soap.js';
import { el, leaf, type XElement } from '../../xml/tree.js';
import { serialize } from '../../xml/write.js';
import { XML_CONTENT_TYPE } from '../common/scenario.js';
import type { AdapterContext, NativeRequest } from '../types.js';

const BU = NS.skvInner;

/** Constants the composite service sets towards SKV (seed §6.4). */
export const SKV_CONSTANTS = {
  organisationsnummerForPersonuppgiftsbitrade: '162021005521',
  namnPaPersonuppgiftsbitrade: 'Försäkringskassan',
} as const;

export const SKV_PATH = '/beskattningws';

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
export function toSkvRequest(fraga: SsbtekFraga, _context?: AdapterContext): NativeRequest {
  const inner = serialize(forfragan(fraga), { declaration: true });
  return {
    path: SKV_PATH,
    contentType: XML_CONTENT_TYPE,
    headers: { SOAPAction: '""' },
    body: renderEnvelope([el(NS.skv, 'BeskattningsuppgifterRequest', [el('', 'forfragan', inner)])]),
  };
}
