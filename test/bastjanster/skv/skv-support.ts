import { skv } from '../../../src/bastjanster/skv/index.js';
import type { EmulatorContext, NativeRequest, NativeResponse } from '../../../src/bastjanster/types.js';
import type { SsbtekFraga, TjanstUtfall } from '../../../src/ssbtek/model.js';
import { NS } from '../../../src/xml/namespaces.js';
import { renderEnvelope } from '../../../src/xml/soap.js';
import { el, elements, text, type XElement } from '../../../src/xml/tree.js';
import { adapterContext, emulatorContext } from '../../support/context.js';
import { sampleFraga } from '../../support/fraga.js';
import { at, tree } from '../../support/xml.js';

export { skv };

/** Generated population on TODAY: employed, 50 years old, three decided income years. */
export const ANSTALLD = '197601042398';
/** Generated: pensioner, 85. */
export const PENSIONAR = '194011279090';
/** Generated: a child without income. */
export const BARN = '201011252382';
/** Generated: employed, came to Sweden 2025-08-06. */
export const INVANDRAD_2025 = '196205862391';
/** Scenario person (skv.json): skyddad identitet. */
export const SKYDDAD = '198702192397';

export function skvFraga(overrides: Partial<SsbtekFraga> = {}): SsbtekFraga {
  return sampleFraga({ personidentitet: ANSTALLD, ...overrides }, { SKV: { inkludera: true } });
}

export async function ask(fraga: SsbtekFraga, context: Partial<EmulatorContext> = {}) {
  const request = skv.adapter.toNative(fraga, adapterContext());
  const response = await skv.emulator.handle(request, emulatorContext(context));
  return { request, response, utfall: skv.adapter.fromNative(response, fraga, adapterContext()) };
}

export function handle(request: NativeRequest): Promise<NativeResponse> {
  return skv.emulator.handle(request, emulatorContext());
}

export function map(response: NativeResponse): TjanstUtfall {
  return skv.adapter.fromNative(response, skvFraga(), adapterContext());
}

/** A SOAP request to SKV with `forfragan` holding exactly this text (the serializer escapes it). */
export function requestWithForfragan(forfragan: string, qualified = false): NativeRequest {
  const body = renderEnvelope([
    el(NS.skv, 'BeskattningsuppgifterRequest', [el(qualified ? NS.skv : '', 'forfragan', forfragan)]),
  ]);
  return { path: '/beskattningws', contentType: 'text/xml; charset=utf-8', body };
}

/** The inner document of a native request (forfragan) or answer (svar), parsed. */
export function innerOf(soapBody: string, element: 'forfragan' | 'svar'): XElement {
  const body = at(tree(soapBody), 'Body');
  const payload = body && elements(body)[0];
  return tree(text(at(payload, element)));
}

/** The inner Beskattningsuppgifter of a mapped data outcome. */
export function beskattningsuppgifter(utfall: TjanstUtfall): XElement {
  if (utfall.kind !== 'data' || utfall.data.kind !== 'xml')
    throw new Error(`expected xml data, got ${JSON.stringify(utfall)}`);
  return tree(text(utfall.data.children[0]));
}
