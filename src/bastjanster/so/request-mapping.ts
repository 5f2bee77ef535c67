import { periodFor, type SsbtekFraga } from '../../ssbtek/model.js';
import { NS } from '../../xml/namespaces.js';
import { el, leaf } from '../../xml/tree.js';
import { builtEnvelope } from '../common/built.js';
import { XML_CONTENT_TYPE } from '../common/scenario.js';
import type { AdapterContext, NativeRequest } from '../types.js';

const SO = NS.so;

/** Constants the composite service sets towards SO (seed §6.5). */
export const SO_CONSTANTS = {
  organisationsnummerPersonuppgiftsbitrade: '162021005521',
  namnPersonuppgiftsbitrade: 'Försäkringskassan',
} as const;

export const SO_PATH = '/ubpservice';

/** SSBTEK query → GetUnemploymentBenefitPaymentRequest, row by row as in the seed's table §6.5 (schema order). */
export function toSoRequest(fraga: SsbtekFraga, _context?: AdapterContext): NativeRequest {
  const period = periodFor(fraga, 'SO'); // specifikaFrageparametrar.SO.tidsperiod replaces the general one
  const request = el(SO, 'GetUnemploymentBenefitPaymentRequest', [
    leaf(SO, 'OrganisationsnummerIngivare', fraga.ingivare.organisationsnummer), // ingivare.organisationsnummer
    leaf(SO, 'NamnIngivare', fraga.ingivare.namn), // ingivare.namn
    leaf(SO, 'KontonamnHandlaggare', fraga.ingivare.handlaggare), // ingivare.handlaggare
    leaf(SO, 'Referensnummer', fraga.arendeidentitet), // arendeidentitet
    leaf(SO, 'From', period.fromDatum), // tidsperiod.fromDatum
    leaf(SO, 'Tom', period.tomDatum), // tidsperiod.tomDatum
    leaf(SO, 'Syfte', fraga.syfte), // syfte
    leaf(SO, 'Paragraf', fraga.lagtext), // lagtext
    // - → set to "162021005521" and "Försäkringskassan"
    leaf(SO, 'OrganisationsnummerPersonuppgiftsbitrade', SO_CONSTANTS.organisationsnummerPersonuppgiftsbitrade),
    leaf(SO, 'NamnPersonuppgiftsbitrade', SO_CONSTANTS.namnPersonuppgiftsbitrade),
    leaf(SO, 'IdentificationNumber', fraga.personidentitet), // personidentitet
  ]);
  return {
    path: SO_PATH,
    contentType: XML_CONTENT_TYPE,
    headers: { SOAPAction: '""' },
    ...builtEnvelope([request]),
  };
}
