import { NS } from '../../xml/namespaces.js';
import { el, leaf } from '../../xml/tree.js';
import type { SsbtekFraga } from '../../ssbtek/model.js';
import { builtEnvelope } from '../common/built.js';
import { XML_CONTENT_TYPE } from '../common/scenario.js';
import type { AdapterContext, NativeRequest } from '../types.js';

const MIV = NS.miv;
const MIVH = NS.mivHeader;
/** MIV's schema has no elementFormDefault: `query` and everything below it are unqualified. */
const LOCAL = '';

export const MIV_PATH = '/ssbtek/v1';

/**
 * SSBTEK query → MIV findByPersonnummer, row by row as in the seed's table §6.7. "Viss data skickas via
 * Migrationsverkets egen header i SOAP-header": the correlation id and the user id go into mivh:SSBTEKHeader.
 */
export function toMivRequest(fraga: SsbtekFraga, context: AdapterContext): NativeRequest {
  const header = el(MIVH, 'SSBTEKHeader', [
    leaf(MIVH, 'correlationId', context.korrelationsid), // the query's korrelationsid, else one generated per call
    leaf(MIVH, 'anvandarId', fraga.ingivare.handlaggare), // the case worker asking
  ]);
  const body = el(MIV, 'findByPersonnummer', [
    el(LOCAL, 'query', [
      leaf(LOCAL, 'korrelationsid', fraga.korrelationsid), // korrelationsid → korrelationsid (omitted when absent)
      leaf(LOCAL, 'personnummer', fraga.personidentitet), // personidentitet → personnummer
      el(LOCAL, 'ingivare', [
        leaf(LOCAL, 'handlaggare', fraga.ingivare.handlaggare), // ingivare.handlaggare → ingivare.handlaggare
        leaf(LOCAL, 'namn', fraga.ingivare.namn), // ingivare.namn → ingivare.namn
        leaf(LOCAL, 'organisationsnummer', fraga.ingivare.organisationsnummer), // ingivare.organisationsnummer
      ]),
    ]),
  ]);
  return {
    path: MIV_PATH,
    contentType: XML_CONTENT_TYPE,
    headers: { SOAPAction: '""' },
    ...builtEnvelope([body], [header]),
  };
}
