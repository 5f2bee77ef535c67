import { organisationsnummerWithHyphen } from '../../population/identity.js';
import { NS } from '../../xml/namespaces.js';
import { el, leaf } from '../../xml/tree.js';
import { periodFor, type SsbtekFraga } from '../../ssbtek/model.js';
import { builtEnvelope } from '../common/built.js';
import { XML_CONTENT_TYPE } from '../common/scenario.js';
import type { NativeRequest } from '../types.js';

const CSN = NS.csnKommunfraga;
const SAM = NS.sambruk;

/** Constants the composite service sets towards CSN (seed §6.2). */
export const CSN_CONSTANTS = {
  schemaVersion: '1.0',
  appNamn: 'SSBTEK',
  appVersion: '1.0',
} as const;

export const CSN_PATH = '/kommunfraga/v4';

/** SSBTEK query → CSN SBNUppgEkBistandBegar in a SOAP 1.1 envelope, row by row as in the seed's table §6.2. */
export function toCsnRequest(fraga: SsbtekFraga): NativeRequest {
  const period = periodFor(fraga, 'CSN'); // specifikaFrageparametrar.CSN.tidsperiod replaces the general one
  const personidentitet = fraga.personidentitet;
  // ingivare.namn, personuppgiftsbitrade.*, syfte and lagtext: not sent to CSN
  const begaran = el(CSN, 'SBNUppgEkBistandBegar', [
    leaf(SAM, 'SchemaVersion', CSN_CONSTANTS.schemaVersion), // set to "1.0"
    el(SAM, 'BegarData', [
      leaf(SAM, 'Kommun', organisationsnummerWithHyphen(fraga.ingivare.organisationsnummer)), // NNNNNN-NNNN
      // SubOrgKod: omitted
      leaf(SAM, 'HandlaggareId', fraga.ingivare.handlaggare),
      leaf(SAM, 'AppNamn', CSN_CONSTANTS.appNamn), // set to "SSBTEK"
      leaf(SAM, 'AppVersion', CSN_CONSTANTS.appVersion), // set to "1.0"
      // MaxAntalSvar, AnropsId, LastDataVersion: omitted
    ]),
    leaf(SAM, 'ArendId', fraga.arendeidentitet),
    leaf(SAM, 'HushallsId', personidentitet), // YYYYMMDDNNNN
    el(SAM, 'HushallsMedlem', [
      leaf(SAM, 'HushallsMedlemsIdSekel', personidentitet.slice(0, 2)), // the first two digits: the century
      leaf(SAM, 'HushallsMedlemsId', personidentitet.slice(2)), // the last ten digits: YYMMDDNNNN
    ]),
    leaf(SAM, 'FromDatum', period.fromDatum),
    leaf(SAM, 'TomDatum', period.tomDatum),
  ]);
  return {
    path: CSN_PATH,
    contentType: XML_CONTENT_TYPE,
    headers: { SOAPAction: '""' },
    ...builtEnvelope([begaran]),
  };
}
