import { fk } from '../../../src/bastjanster/fk/index.js';
import type { LefiSvar } from '../../../src/bastjanster/fk/lefi/typer.js';
import type { NativeRequest, NativeResponse } from '../../../src/bastjanster/types.js';
import type { SsbtekFraga, Tidsperiod, TjanstUtfall } from '../../../src/ssbtek/model.js';
import { NS } from '../../../src/xml/namespaces.js';
import { adapterContext, emulatorContext } from '../../support/context.js';
import { sampleFraga } from '../../support/fraga.js';

/** Persons in Skatteverket's test series, by their generated profile (today 2026-11-24). */
export const PERSONER = {
  /** Parental leave, two children, income 400 200. */
  foraldraledig: '197101152390',
  /** Sick leave since June 2026, no children. */
  sjukskriven: '196210012842',
  /** Sick leave since mid-October 2026, two children, income 226 400 (so also bostadsbidrag). */
  sjukskrivenMedBarn: '197201079295',
  sjukersattning: '196202252760',
  /** Job seeker with AF's AKTIVITETSSTOD decision (100 %) for 2026-06-01..2026-12-01 when asked for autumn 2026. */
  arbetssokande: '196211262834',
  /** Job seeker without any AF decision. */
  arbetssokandeUtanBeslut: '196210313117',
  /** Pensioner, 90, income 148 500 (so garantipension too). */
  pensionar: '193511308292',
  /** Employed, no children: no benefits at all. */
  anstalld: '196112072654',
  /** Student, one child, income 26 000: barnbidrag and bostadsbidrag. */
  studentMedBarn: '197202039272',
  /** Scenario person (general.json): skyddad identitet. */
  skyddad: '198110012385',
  /** Scenario persons (fk.json). */
  timeout: '198407012395',
  interntFel: '198407022386',
} as const;

export const AKTOR = '9255f428-4ba0-63ce-5407-e65d469fac0f';
export const PERIOD = { from: '2026-09-01', tom: '2026-11-20' };

/** The 27 benefit flags of hamtaformansinformation/1, in the schema's (and the seed example's) order. */
export const FLAGGOR = [
  'alderspension',
  'arbetsskadelivranta',
  'sjukOchAktivitetsersattning',
  'prognos',
  'tillfalligForaldrapenning',
  'sjukpenninggrundandeInkomst',
  'levnadsintyg',
  'sjukpenning',
  'foraldrapenning',
  'rehabersattning',
  'smittbararersattning',
  'havandeskapspenning',
  'narstaendepenning',
  'dagpenningTillTotalforsvarspliktiga',
  'aktivitetsstod',
  'barnbidrag',
  'bostadsbidrag',
  'bostadstillagg',
  'efterlevandepension',
  'handikappersattning',
  'underhallsstod',
  'utbetalning',
  'vardbidrag',
  'yrkesskadelivranta',
  'studiemedel',
  'intjanande',
  'forsakringstillhorighet',
] as const;

/** A complete flag list with the named flags true; `stavning` picks the arbetsskadelivränta spelling. */
export function flaggor(
  sanna: readonly string[] | 'alla',
  stavning = 'arbetsskadelivranta',
): { namn: string; varde: boolean }[] {
  return FLAGGOR.map((namn) => ({
    namn: namn === 'arbetsskadelivranta' ? stavning : namn,
    varde: sanna === 'alla' || sanna.includes(namn) || (namn === 'arbetsskadelivranta' && sanna.includes(stavning)),
  }));
}

/** A v1 query asking FK with a benefit list. */
export function v1Fraga(
  overrides: Partial<SsbtekFraga> = {},
  lista = flaggor('alla'),
  tidsperiod?: Tidsperiod,
): SsbtekFraga {
  return sampleFraga({
    dialect: 'v1',
    namespace: NS.ssbtV1,
    tidsperiod: { fromDatum: PERIOD.from, tomDatum: PERIOD.tom },
    tjanster: {
      FK: { inkludera: true, fk: { kind: 'formansforteckning', flaggor: lista }, ...(tidsperiod && { tidsperiod }) },
    },
    ...overrides,
  });
}

/** A v10 query carrying a LEFI question (an object is JSON-encoded, a string sent as it is), base64-encoded. */
export function lefiFraga(
  fraga: object | string,
  options: { version?: string; aktorsid?: string; base64?: string } = {},
): SsbtekFraga {
  const json = typeof fraga === 'string' ? fraga : JSON.stringify(fraga);
  return sampleFraga(
    {},
    {
      FK: {
        inkludera: true,
        fk: {
          kind: 'lefiJson',
          version: options.version,
          aktorsid: options.aktorsid ?? AKTOR,
          lefiJsonFraga: options.base64 ?? Buffer.from(json, 'utf8').toString('base64'),
        },
      },
    },
  );
}

/** A LEFI question for `personnummer` over PERIOD; fields can be replaced. */
export function lefiQuestion(personnummer: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return { personnummer, period: PERIOD, ...fields };
}

/** Adapter → emulator → adapter, in process, with the shipped population and TODAY. */
export async function ask(
  fraga: SsbtekFraga,
): Promise<{ request: NativeRequest; response: NativeResponse; utfall: TjanstUtfall }> {
  const request = fk.adapter.toNative(fraga, adapterContext());
  const response = await fk.emulator.handle(request, emulatorContext());
  return { request, response, utfall: fk.adapter.fromNative(response, fraga, adapterContext()) };
}

/** Calls the emulator's LEFI interface directly (for requests the adapter would never build). */
export function postLefi(body: string, aktor = AKTOR, version = 'v9'): Promise<NativeResponse> {
  const path = `/lefi-extern-formansinformation/${version}/aktorer/${aktor}/formansinformation/fraga`;
  return fk.emulator.handle({ path, contentType: 'application/json', body }, emulatorContext());
}

/** The LEFI answer inside data/lefiJsonSvar. */
export function lefiSvarIn(utfall: TjanstUtfall): LefiSvar {
  if (utfall.kind !== 'data' || utfall.data.kind !== 'base64')
    throw new Error(`expected base64 data, got ${JSON.stringify(utfall)}`);
  return JSON.parse(Buffer.from(utfall.data.base64, 'base64').toString('utf8')) as LefiSvar;
}

export function inside(date: string | undefined, period: { from: string; tom: string } = PERIOD): boolean {
  return date !== undefined && date >= period.from && date <= period.tom;
}
