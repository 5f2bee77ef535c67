import { periodFor, type FkParametrar, type SsbtekFraga } from '../../../ssbtek/model.js';
import { NS } from '../../../xml/namespaces.js';
import { el, leaf } from '../../../xml/tree.js';
import { builtEnvelope } from '../../common/built.js';
import { XML_CONTENT_TYPE } from '../../common/scenario.js';
import type { AdapterContext, NativeRequest } from '../../types.js';

const FK = NS.fkV1;

export const V1_PATH = '/hamtaformansinformation/v1';

type Flaggor = Extract<FkParametrar, { kind: 'formansforteckning' }>['flaggor'];

/** SSBTEK v1 query → fkExaLefiFraga (SOAP 1.1), row by row as in the seed's table §6.3. */
export function toV1Request(fraga: SsbtekFraga, context: AdapterContext, flaggor: Flaggor): NativeRequest {
  const period = periodFor(fraga, 'FK'); // specifikaFrageparametrar.FK.tidsperiod replaces the general one
  const fkExaLefiFraga = el(FK, 'fkExaLefiFraga', [
    el(FK, 'meddelandehuvud', [
      el(FK, 'metadata', [leaf(FK, 'anvandareId', context.settings.systemId)]), // "Sätts till WESB's systemID"
      leaf(FK, 'skapades', fraga.frageTidpunkt), // frageTidpunkt → skapades (left out when the query has none)
      leaf(FK, 'korrelationsid', fraga.korrelationsid ?? context.korrelationsid), // korrelationsid → korrelationsid
      leaf(FK, 'organisationsnummer', tioSiffror(fraga.ingivare.organisationsnummer)), // NNNNNNNNNN [0-9]{10}
    ]),
    // ingivare.namn, ingivare.handlaggare, arendeidentitet, personuppgiftsbiträde, syfte, lagtext: not sent ("-")
    el(FK, 'formansfraga', [
      leaf(FK, 'personnummer', fraga.personidentitet), // NNNNNNNNNNNN [0-9]{12}
      leaf(FK, 'from', period.fromDatum),
      leaf(FK, 'tom', period.tomDatum),
      // specifikaFrageparametrar.FK.formansforteckning → formansfraga.formansforteckning: same flags, order, spelling
      el(
        FK,
        'formansforteckning',
        flaggor.map((f) => leaf(FK, f.namn, f.varde ? 'true' : 'false')),
      ),
    ]),
  ]);
  return {
    path: V1_PATH,
    contentType: XML_CONTENT_TYPE,
    headers: { SOAPAction: '""' },
    ...builtEnvelope([fkExaLefiFraga]),
  };
}

/** SSBTEK's organisationsnummer has twelve digits (16 + the ten); FK wants the ten. */
function tioSiffror(organisationsnummer: string): string {
  return organisationsnummer.length === 12 ? organisationsnummer.slice(2) : organisationsnummer;
}
