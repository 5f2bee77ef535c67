import { so } from '../../../src/bastjanster/so/index.js';
import type { EmulatorContext, NativeRequest, NativeResponse } from '../../../src/bastjanster/types.js';
import type { SsbtekFraga, TjanstUtfall } from '../../../src/ssbtek/model.js';
import type { XElement } from '../../../src/xml/tree.js';
import { adapterContext, emulatorContext } from '../../support/context.js';
import { sampleFraga } from '../../support/fraga.js';

export { so };

/** Generated on TODAY: job seeker, member of IF Metalls a-kassa, paid through the sample period. */
export const ARBETSSOKANDE_MED_KASSA = '198801062392';
/** Generated: job seeker in Byggnadsarbetarnas a-kassa with an avstängning and deductions in PERIOD. */
export const MED_AVSTANGNING = '198802082381';
/** Generated: employed, member of IF Metalls a-kassa, never applied. */
export const ANSTALLD_MED_KASSA = '198703082399';
/** Generated: employed, no a-kassa. */
export const UTAN_KASSA = '198703112394';
/** Scenario persons (so.json). */
export const FEL_201 = '198801212393';
export const FEL_1 = '198801252381';

export const PERIOD = { fromDatum: '2026-08-24', tomDatum: '2026-11-24' };

export function soFraga(overrides: Partial<SsbtekFraga> = {}): SsbtekFraga {
  return sampleFraga(
    { personidentitet: ARBETSSOKANDE_MED_KASSA, tidsperiod: PERIOD, ...overrides },
    { SO: { inkludera: true } },
  );
}

export async function ask(fraga: SsbtekFraga, context: Partial<EmulatorContext> = {}) {
  const request = so.adapter.toNative(fraga, adapterContext());
  const response = await so.emulator.handle(request, emulatorContext(context));
  return { request, response, utfall: so.adapter.fromNative(response, fraga, adapterContext()) };
}

export function handle(request: NativeRequest): Promise<NativeResponse> {
  return so.emulator.handle(request, emulatorContext());
}

export function map(response: NativeResponse): TjanstUtfall {
  return so.adapter.fromNative(response, soFraga(), adapterContext());
}

/** The data children of a mapped outcome. */
export function dataOf(utfall: TjanstUtfall): XElement[] {
  if (utfall.kind !== 'data' || utfall.data.kind !== 'xml')
    throw new Error(`expected xml data, got ${JSON.stringify(utfall)}`);
  return utfall.data.children;
}
