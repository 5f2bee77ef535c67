import { NS } from '../../xml/namespaces.js';
import { el, leaf } from '../../xml/tree.js';
import { builtXml } from '../common/built.js';
import { periodFor, type SsbtekFraga } from '../../ssbtek/model.js';
import type { AdapterContext, NativeRequest } from '../types.js';

const AF = NS.af;

/** Constants the composite service sets towards AF (seed §6.1). */
export const AF_CONSTANTS = {
  organisationsnummerForPersonuppgiftsbitrade: '162021005521',
  namnPaPersonuppgiftsbitrade: 'Försäkringskassan',
} as const;

export const AF_PATH = '/arbetssokande/ersattningsstod/v2/fraga';

/** SSBTEK query → AF FragaMeddelande, row by row as in the seed's table §6.1. */
export function toAfRequest(fraga: SsbtekFraga, context: AdapterContext): NativeRequest {
  const period = periodFor(fraga, 'AF'); // specifikaFrageparametrar.AF.tidsperiod replaces the general one
  const meddelande = el(AF, 'FragaMeddelande', [
    // Inkludera: the attributes ArbetssokandeInfo, AkasseInfo and BeslutInfo are all set to "1"
    el(AF, 'Inkludera', [], { ArbetssokandeInfo: '1', AkasseInfo: '1', BeslutInfo: '1' }),
    el(AF, 'Fraga', [
      context.settings.testmiljo && leaf(AF, 'Test', '1'), // "1" when calling a test environment with test data
      leaf(AF, 'OrganisationsnummerForIngivare', fraga.ingivare.organisationsnummer),
      leaf(AF, 'NamnPaIngivare', fraga.ingivare.namn),
      leaf(AF, 'KontonamnForHandlaggare', fraga.ingivare.handlaggare),
      leaf(AF, 'Referensnummer', fraga.arendeidentitet),
      leaf(AF, 'From', period.fromDatum),
      leaf(AF, 'Tom', period.tomDatum),
      leaf(AF, 'SyfteMedFraga', fraga.syfte),
      leaf(AF, 'LagParagraf', fraga.lagtext),
      leaf(AF, 'OrganisationsnummerForPersonuppgiftsbitrade', AF_CONSTANTS.organisationsnummerForPersonuppgiftsbitrade),
      leaf(AF, 'NamnPaPersonuppgiftsbitrade', AF_CONSTANTS.namnPaPersonuppgiftsbitrade),
      leaf(AF, 'IdentitetsbeteckningFysiskPerson', fraga.personidentitet),
    ]),
  ]);
  return {
    path: AF_PATH,
    contentType: 'application/xml; charset=utf-8',
    ...builtXml(meddelande, { declaration: true }),
  };
}
