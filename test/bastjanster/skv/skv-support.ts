import { skv } from '../../../src/bastjanster/skv/index.js';
import type { EmulatorContext, NativeRequest, NativeResponse } from '../../../src/bastjanster/types.js';
import {
  SKV_DELAR,
  type SkvDel,
  type SkvDelUtfall,
  type SkvParametrar,
  type SsbtekFraga,
  type TjanstUtfall,
} from '../../../src/ssbtek/model.js';
import { NS } from '../../../src/xml/namespaces.js';
import { renderEnvelope } from '../../../src/xml/soap.js';
import { child, el, elements, text, type XElement } from '../../../src/xml/tree.js';
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
/** Scenario person (general.json): job seeker with an a-kassa trading shares, came to Sweden 23 months ago. */
export const ARBETSSOKANDE = '198601042388';
/** Scenario person (skv.json): employee with a business on the side; data in all five v11 parts. */
export const FORETAGARE = '197703279336';

export function skvFraga(overrides: Partial<SsbtekFraga> = {}): SsbtekFraga {
  return sampleFraga({ personidentitet: ANSTALLD, ...overrides }, { SKV: { inkludera: true } });
}

/** A v11 query including SKV with its `fraga`: by default the years 2024 and 2025 and all five parts. */
export function v11Fraga(
  overrides: Partial<SsbtekFraga> = {},
  skvParametrar: SkvParametrar = { ar: [2024, 2025], delar: [...SKV_DELAR] },
): SsbtekFraga {
  return sampleFraga(
    { dialect: 'v11', namespace: NS.ssbtV11, personidentitet: ANSTALLD, ...overrides },
    { SKV: { inkludera: true, skv: skvParametrar } },
  );
}

export async function ask(fraga: SsbtekFraga, context: Partial<EmulatorContext> = {}) {
  const request = skv.adapter.toNative(fraga, adapterContext());
  const response = await skv.emulator.handle(request, emulatorContext(context));
  return { request, response, utfall: skv.adapter.fromNative(response, fraga, adapterContext()) };
}

/** The scenario every call sees (as X-SSBTEK-Scenario or the admin API would make it), instead of the person's. */
export function withScenario(scenario: string): Partial<EmulatorContext> {
  return { scenario: () => ({ scenario }) };
}

export function handle(request: NativeRequest, context: Partial<EmulatorContext> = {}): Promise<NativeResponse> {
  return skv.emulator.handle(request, emulatorContext(context));
}

export function map(response: NativeResponse, fraga = skvFraga()): TjanstUtfall {
  return skv.adapter.fromNative(response, fraga, adapterContext());
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

/** Skatteverket's document (SvarBeskattningsuppgifterEnligtSFS2008-975) of a mapped v10 data outcome. */
export function svarDokument(utfall: TjanstUtfall): XElement {
  if (utfall.kind !== 'data' || utfall.data.kind !== 'xml')
    throw new Error(`expected xml data, got ${JSON.stringify(utfall)}`);
  return tree(text(utfall.data.children[0]));
}

/** The one Personuppgift of Skatteverket's document. */
export function personuppgift(utfall: TjanstUtfall): XElement {
  const lista = child(svarDokument(utfall), NS.skvStandardiseradInformation, 'PersonuppgiftLista');
  const person = lista && child(lista, NS.skvStandardiseradInformation, 'Personuppgift');
  if (!person) throw new Error('no PersonuppgiftLista/Personuppgift');
  return person;
}

/** The per-part outcomes of a mapped v11 data outcome. */
export function delarOf(utfall: TjanstUtfall): Partial<Record<SkvDel, SkvDelUtfall>> {
  if (utfall.kind !== 'data' || utfall.data.kind !== 'skvDelar')
    throw new Error(`expected skvDelar data, got ${JSON.stringify(utfall)}`);
  return utfall.data.delar;
}

/** A part's data, decoded from base64 JSON (throws when the part is an error). */
export function delData<T = Record<string, unknown>>(utfall: TjanstUtfall, del: SkvDel): T {
  const part = delarOf(utfall)[del];
  if (part?.kind !== 'data') throw new Error(`${del}: expected data, got ${JSON.stringify(part)}`);
  return JSON.parse(Buffer.from(part.base64, 'base64').toString('utf8')) as T;
}
