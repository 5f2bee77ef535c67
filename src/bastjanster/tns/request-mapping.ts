import { NS } from '../../xml/namespaces.js';
import { el, leaf } from '../../xml/tree.js';
import type { SsbtekFraga } from '../../ssbtek/model.js';
import { builtEnvelope } from '../common/built.js';
import { XML_CONTENT_TYPE } from '../common/scenario.js';
import type { NativeRequest } from '../types.js';

const TNS = NS.tns;
const PER = NS.tnsPerson;
const TSH = NS.tnsHeader;

export const TNS_PATH = '/hamtauppgifter/v1';

/**
 * SSBTEK query → TNS HamtaUppgifter, row by row as in the seed's table §6.6. "Viss data skickas via
 * Transportstyrelsens egen header i SOAP-header": everything but the person goes into tsh:SSBTEKHeader.
 */
export function toTnsRequest(fraga: SsbtekFraga): NativeRequest {
  const header = el(TSH, 'SSBTEKHeader', [
    leaf(TSH, 'frageTidpunkt', fraga.frageTidpunkt), // frageTidpunkt → frageTidpunkt (omitted when the query had none)
    el(TSH, 'ingivare', [
      leaf(TSH, 'organisationsnummer', fraga.ingivare.organisationsnummer), // ingivare.organisationsnummer
      leaf(TSH, 'namn', fraga.ingivare.namn), // ingivare.namn
      leaf(TSH, 'handlaggare', fraga.ingivare.handlaggare), // ingivare.handlaggare
    ]),
    leaf(TSH, 'arendeidentitet', fraga.arendeidentitet), // arendeidentitet → arendeidentitet
  ]);
  const body = el(TNS, 'HamtaUppgifter', [
    el(TNS, 'identifikation', [
      leaf(PER, 'sekel', fraga.personidentitet.slice(0, 2)), // personidentitet → Sekel: the century digits [0-9]{2}
      leaf(PER, 'personnummer', fraga.personidentitet.slice(2)), // personidentitet → Personnummer: the other ten
    ]),
  ]);
  return {
    path: TNS_PATH,
    contentType: XML_CONTENT_TYPE,
    headers: { SOAPAction: '""' },
    ...builtEnvelope([body], [header]),
  };
}
