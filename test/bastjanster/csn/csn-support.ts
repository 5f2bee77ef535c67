import { csn } from '../../../src/bastjanster/csn/index.js';
import { nativeSchema } from '../../../src/bastjanster/common/native-schemas.js';
import { readSoapMessage, readXmlDocument } from '../../../src/bastjanster/common/xml-message.js';
import type { EmulatorContext, NativeRequest, NativeResponse } from '../../../src/bastjanster/types.js';
import type { SsbtekFraga, Tidsperiod } from '../../../src/ssbtek/model.js';
import { expect } from 'chai';
import type { XElement } from '../../../src/xml/tree.js';
import { adapterContext, emulatorContext } from '../../support/context.js';
import { sampleFraga } from '../../support/fraga.js';
import { at, elements, text, textAt, tree } from '../../support/xml.js';

/** Persons of Skatteverket's test series by generated profile (today 2026-11-24). */
export const STUDENT = '198112052397'; // 44 years, student
export const GYMNASIEELEV = '200901012385'; // 17 years, upper-secondary pupil: studiebidrag since April 2025
export const FYLLER_20_I_ARET = '200611252388'; // 19, pupil turning 20 on 2026-11-25: studiemedel this autumn
export const NYANLAND_ARBETSSOKANDE = '199508302396'; // 31, job seeker, came as a refugee 2024-12-12, one child
export const ARBETSSOKANDE = '196211262834'; // 63, job seeker, no immigration: no student aid
export const STUDENT_OVER_60 = '196301022866'; // 63, student: too old for studiemedel
export const SAMORDNINGSNUMMER = '198001662397';
export const FYLLDE_16_I_OKTOBER = '201010012381'; // 16 on 2026-10-01: studiebidrag from the next quarter (2027-01)
export const FYLLDE_16_I_JULI = '201007012386'; // 16 on 2026-07-01: studiebidrag from 2026-10-01
/** Scenario persons (fixtures/population/scenario-persons/csn.json). */
export const STUDIESTARTSSTOD = '198604092398'; // 40, job seeker without a-kassa, two children, full pace
export const OMSTALLNINGSSTUDIESTOD = '198103192392'; // 45, employee, 523 900 a year, full pace with loan

/** A period CSN accepts on 2026-11-24 (from at most 2 months back, tom at most 1 month ahead). */
export const CSN_PERIOD: Tidsperiod = { fromDatum: '2026-10-01', tomDatum: '2026-12-20' };

/** A query with CSN included and CSN's own period (the general one, 2026-09-01, is too far back for CSN). */
export function csnFraga(overrides: Partial<SsbtekFraga> = {}, period: Tidsperiod = CSN_PERIOD): SsbtekFraga {
  return sampleFraga({ personidentitet: STUDENT, ...overrides }, { CSN: { inkludera: true, tidsperiod: period } });
}

export async function send(request: NativeRequest, context: Partial<EmulatorContext> = {}): Promise<NativeResponse> {
  return csn.emulator.handle(request, emulatorContext(context));
}

/** Maps, calls the emulator, maps back. */
export async function ask(fraga: SsbtekFraga, context: Partial<EmulatorContext> = {}) {
  const request = csn.adapter.toNative(fraga, adapterContext());
  const response = await send(request, context);
  return { request, response, utfall: csn.adapter.fromNative(response, fraga, adapterContext()) };
}

/** The CSNSvar document inside a KommunfragaSvar answer. */
export function decodedSvar(response: NativeResponse): XElement {
  const svar = at(tree(response.body), 'Body', 'KommunfragaSvar', 'svar');
  return tree(Buffer.from(text(svar), 'base64').toString('utf8'));
}

/** Schema problems of an answer: the SOAP payload against the ws schema, the decoded CSNSvar against kommunfraga. */
export function answerProblems(response: NativeResponse): string[] {
  const outer = readSoapMessage(response.body, nativeSchema('csnWs'));
  if (!outer.ok) return [`payload: ${outer.message}`];
  const svar = at(tree(response.body), 'Body', 'KommunfragaSvar', 'svar');
  const inner = readXmlDocument(Buffer.from(text(svar), 'base64'), nativeSchema('csnKommunfraga'));
  return inner.ok ? [] : [`CSNSvar: ${inner.message}`];
}

/** Rewrites the mapped native request (to break the contract in ways the adapter never would). */
export function tamperedRequest(fraga: SsbtekFraga, from: string | RegExp, to: string): NativeRequest {
  const request = csn.adapter.toNative(fraga, adapterContext());
  const body = request.body.replace(from, to);
  if (body === request.body) throw new Error(`tamperedRequest: ${String(from)} not found`);
  return { ...request, body };
}

/** Every descendant element named `name`, in document order. */
export function all(parent: XElement | undefined, name: string): XElement[] {
  const found: XElement[] = [];
  const visit = (e: XElement): void => {
    for (const c of elements(e)) {
      if (c.name === name) found.push(c);
      visit(c);
    }
  };
  if (parent) visit(parent);
  return found;
}

/** Asks CSN about a person for a period; expects a valid answer with ResultatKod 0 and returns its Person. */
export async function csnPerson(personidentitet: string, period = CSN_PERIOD, context: Partial<EmulatorContext> = {}) {
  const { response } = await ask(csnFraga({ personidentitet }, period), context);
  expect(answerProblems(response)).to.deep.equal([]);
  const svar = decodedSvar(response);
  expect(textAt(svar, 'GemensamtSvarEkbistand', 'Resultat', 'ResultatKod')).to.equal('0');
  expect(textAt(svar, 'GemensamtSvarEkbistand', 'Resultat', 'ResultatText')).to.equal('Allt OK, inget att rapportera.');
  const p = at(svar, 'Personer', 'Person');
  if (!p) throw new Error('no Person');
  return p;
}

/** The Studiestodstypforteckning as name=flag. */
export function forteckning(p: XElement): string[] {
  return elements(at(p, 'Studiestodstypforteckning') as XElement).map((e) => `${e.name}=${text(e)}`);
}

/** CSN's YYYYMMDD as YYYY-MM-DD. */
export const iso = (yyyymmdd: string): string =>
  `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
