import { NS } from '../../src/xml/namespaces.js';
import { el } from '../../src/xml/tree.js';
import type { SsbtekFraga, ServiceId, TjanstFraga } from '../../src/ssbtek/model.js';

/** A v10 query in the internal model, for adapter tests; every field can be overridden. */
export function sampleFraga(
  overrides: Partial<SsbtekFraga> = {},
  tjanster?: Partial<Record<ServiceId, TjanstFraga>>,
): SsbtekFraga {
  return {
    dialect: 'v10',
    namespace: NS.ssbtV10,
    frageTidpunkt: '2026-11-20T09:30:47.123',
    korrelationsid: 'KORRID12345',
    fraganSkallInkluderasISvaret: false,
    ingivare: { organisationsnummer: '162120002411', namn: 'Kommun A', handlaggare: 'HL123456' },
    personidentitet: '196211262834',
    arendeidentitet: 'AID12341234',
    tidsperiod: { fromDatum: '2026-09-01', tomDatum: '2026-11-20' },
    personuppgiftsbitraden: [],
    syfte: 'Beslut om eller kontroll av Ekonomiskt försörjningsstöd',
    lagtext: '11 kap. 11 a § socialtjänstlagen (2001:453), 5 § förordning (2008:975)',
    tjanster: tjanster ?? { AF: { inkludera: true } },
    original: el(NS.ssbtV10, 'hamtaBastjanstInformation'),
    ...overrides,
  };
}

export const TODAY = '2026-11-24';
