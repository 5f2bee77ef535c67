import { SERVICE_IDS, SKV_DELAR } from './model.js';

const NAMESPACES = {
  v10: 'http://schema.forsakringskassan.se/integration/ssbt/10',
  v11: 'http://schema.forsakringskassan.se/integration/ssbt/11',
} as const;

export type AllServicesDialect = keyof typeof NAMESPACES;

/** v11 only: the income years SKV is asked for (every part of each). */
export interface AllServicesOptions {
  dialect?: AllServicesDialect;
  skvYears?: readonly number[];
}

/**
 * A hamtaBastjanstInformation query for every base service about one person over one period, as a socialnämnd's
 * client sends it: FK asked for its modelled groups by an aktör, in v11 SKV asked for all five parts of `skvYears`.
 * What the population table and the admin API's person answers (src/admin/population.ts) ask.
 */
export function allServicesQuery(
  personidentitet: string,
  from: string,
  tom: string,
  options: AllServicesOptions = {},
): string {
  const dialect = options.dialect ?? 'v10';
  const ns = NAMESPACES[dialect];
  const lefi = Buffer.from(
    JSON.stringify({
      personnummer: personidentitet,
      period: { from, tom },
      formansinformation: ['FK:AS', 'FK:ABB', 'FK:FP', 'FK:SJP', 'FK:SA', 'FK:BOB'],
      utbetalningar: ['FK:AS', 'FK:ABB', 'FK:FP'],
      ovrigInformation: ['FK:GEPI'],
    }),
  ).toString('base64');
  const skv =
    dialect === 'v11'
      ? `<q:SKV inkludera="true"><q:fraga>${(options.skvYears ?? []).map((y) => `<q:ar>${y}</q:ar>`).join('')}${SKV_DELAR.map(
          (del) => `<q:${del}>true</q:${del}>`,
        ).join('')}</q:fraga></q:SKV>`
      : '<q:SKV inkludera="true"/>';
  return `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><q:hamtaBastjanstInformation xmlns:q="${ns}">
<q:generellaFrageparametrar><q:fraganSkallInkluderasISvaret>false</q:fraganSkallInkluderasISvaret>
<q:ingivare><q:organisationsnummer>162120002411</q:organisationsnummer><q:namn>Kommun A</q:namn><q:handlaggare>HL1</q:handlaggare></q:ingivare>
<q:personidentitet>${personidentitet}</q:personidentitet><q:arendeidentitet>A1</q:arendeidentitet>
<q:tidsperiod><q:fromDatum>${from}</q:fromDatum><q:tomDatum>${tom}</q:tomDatum></q:tidsperiod>
<q:syfte>Beslut om ekonomiskt bistånd</q:syfte><q:lagtext>11 kap. 11 a § socialtjänstlagen (2001:453)</q:lagtext></q:generellaFrageparametrar>
<q:specifikaFrageparametrar>${SERVICE_IDS.map((id) =>
    id === 'FK'
      ? `<q:FK inkludera="true"><q:fraga><q:aktorsid>9255f428-4ba0-63ce-5407-e65d469fac0f</q:aktorsid><q:lefiJsonFraga>${lefi}</q:lefiJsonFraga></q:fraga></q:FK>`
      : id === 'SKV'
        ? skv
        : `<q:${id} inkludera="true"/>`,
  ).join('')}</q:specifikaFrageparametrar></q:hamtaBastjanstInformation></s:Body></s:Envelope>`;
}
