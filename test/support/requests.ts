import { readExample } from '../../src/examples/catalogue.js';
import { SKV_DELAR, type ServiceId, type SkvDel } from '../../src/ssbtek/model.js';
import { TODAY } from './fraga.js';

export interface V10Options {
  personidentitet?: string;
  arendeidentitet?: string;
  include?: ServiceId[];
  from?: string;
  tom?: string;
  echo?: boolean;
  korrelationsid?: string | null;
  frageTidpunkt?: string | null;
  /** 'prefixed' (ssbt:), 'default' (xmlns=...), or another prefix name. */
  style?: 'prefixed' | 'default' | string;
  /** Extra elements inside specifikaFrageparametrar/<ID>, e.g. { AF: '<tidsperiod>...</tidsperiod>' }. */
  specific?: Partial<Record<ServiceId, string>>;
  lefiJson?: object;
  /** The dialect's namespace: v10 (default) or v11. */
  dialect?: 'v10' | 'v11';
  /** v11: SKV's question (years, parts); default the two years before 2026 and all five parts. */
  skvFraga?: { ar: number[]; delar?: Partial<Record<SkvDel, boolean>> };
  /** FK's fraga/aktorsid (default: the UUID of LEFI's OpenAPI example). */
  aktorsid?: string;
  /** ingivare/organisationsnummer (default 162120002411, Kommun A). */
  ingivare?: string;
  /** The organisationsnummer of each personuppgiftsbitrade (default none). */
  personuppgiftsbitraden?: string[];
  /** What goes inside soapenv:Header (default nothing), e.g. an iip header. */
  soapHeader?: string;
}

export const V10_NS = 'http://schema.forsakringskassan.se/integration/ssbt/10';
export const V11_NS = 'http://schema.forsakringskassan.se/integration/ssbt/11';
export const SOAP_NS = 'http://schemas.xmlsoap.org/soap/envelope/';

/** A v10 (or, with `dialect: 'v11'`, v11) hamtaBastjanstInformation request as a client would write it. */
export function v10Request(options: V10Options = {}): string {
  const style = options.style ?? 'prefixed';
  const p = style === 'default' ? '' : `${style === 'prefixed' ? 'ssbt' : style}:`;
  const ns = options.dialect === 'v11' ? V11_NS : V10_NS;
  const nsDecl = style === 'default' ? `xmlns="${ns}"` : `xmlns:${p.slice(0, -1)}="${ns}"`;
  const include = new Set(options.include ?? ['AF', 'CSN', 'FK', 'SKV', 'SO', 'TNS', 'MIV']);
  const person = options.personidentitet ?? '197706282394';
  const from = options.from ?? '2026-10-01';
  const tom = options.tom ?? '2026-11-20';
  const lefi = options.lefiJson ?? {
    personnummer: person,
    period: { from, tom },
    formansinformation: ['FK:AS', 'FK:ABB', 'FK:FP'],
    utbetalningar: ['FK:AS'],
    ovrigInformation: ['FK:GEPI'],
  };
  const service = (id: ServiceId): string => {
    let inner = options.specific?.[id] ?? '';
    if (id === 'FK' && include.has('FK') && !options.specific?.FK) {
      inner =
        `<${p}fraga><${p}version>v9</${p}version><${p}aktorsid>${options.aktorsid ?? '9255f428-4ba0-63ce-5407-e65d469fac0f'}</${p}aktorsid>` +
        `<${p}lefiJsonFraga>${Buffer.from(JSON.stringify(lefi)).toString('base64')}</${p}lefiJsonFraga></${p}fraga>`;
    }
    if (id === 'SKV' && options.dialect === 'v11' && include.has('SKV') && options.specific?.SKV === undefined) {
      const skv = options.skvFraga ?? { ar: [2025, 2024] };
      inner =
        `<${p}fraga>${skv.ar.map((ar) => `<${p}ar>${ar}</${p}ar>`).join('')}` +
        SKV_DELAR.map((del) => `<${p}${del}>${skv.delar?.[del] ?? true}</${p}${del}>`).join('') +
        `</${p}fraga>`;
    }
    return `<${p}${id} inkludera="${include.has(id)}">${inner}</${p}${id}>`;
  };
  return `<?xml version="1.0" encoding="UTF-8"?>
<soapenv:Envelope xmlns:soapenv="${SOAP_NS}">
  ${options.soapHeader === undefined ? '<soapenv:Header/>' : `<soapenv:Header>${options.soapHeader}</soapenv:Header>`}
  <soapenv:Body>
    <${p}hamtaBastjanstInformation ${nsDecl}>
      <${p}generellaFrageparametrar>
        ${options.frageTidpunkt === null ? '' : `<${p}frageTidpunkt>${options.frageTidpunkt ?? '2026-11-20T09:30:47.123'}</${p}frageTidpunkt>`}
        ${options.korrelationsid === null ? '' : `<${p}korrelationsid>${options.korrelationsid ?? 'KORRID12345'}</${p}korrelationsid>`}
        <${p}fraganSkallInkluderasISvaret>${options.echo ? 'true' : 'false'}</${p}fraganSkallInkluderasISvaret>
        <${p}ingivare><${p}organisationsnummer>${options.ingivare ?? '162120002411'}</${p}organisationsnummer><${p}namn>Kommun A</${p}namn><${p}handlaggare>HL123456</${p}handlaggare></${p}ingivare>
        <${p}personidentitet>${person}</${p}personidentitet>
        <${p}arendeidentitet>${options.arendeidentitet ?? 'AID12341234'}</${p}arendeidentitet>
        <${p}tidsperiod><${p}fromDatum>${from}</${p}fromDatum><${p}tomDatum>${tom}</${p}tomDatum></${p}tidsperiod>${(options.personuppgiftsbitraden ?? []).map((nr, i) => `<${p}personuppgiftsbitrade><${p}ordningsnummer>${i + 1}</${p}ordningsnummer><${p}organisationsnummer>${nr}</${p}organisationsnummer><${p}namn>Biträde ${i + 1}</${p}namn></${p}personuppgiftsbitrade>`).join('')}
        <${p}syfte>Beslut om eller kontroll av Ekonomiskt försörjningsstöd</${p}syfte>
        <${p}lagtext>11 kap. 11 a § socialtjänstlagen (2001:453)</${p}lagtext>
      </${p}generellaFrageparametrar>
      <${p}specifikaFrageparametrar>${(['AF', 'CSN', 'FK', 'SKV', 'SO', 'TNS', 'MIV'] as ServiceId[]).map(service).join('')}</${p}specifikaFrageparametrar>
    </${p}hamtaBastjanstInformation>
  </soapenv:Body>
</soapenv:Envelope>`;
}

export function testaRequest(ns = V10_NS): string {
  return `<soapenv:Envelope xmlns:soapenv="${SOAP_NS}"><soapenv:Body><t:testaBastjanstInformation xmlns:t="${ns}"/></soapenv:Body></soapenv:Envelope>`;
}

/** A shipped example as a client sends it on the tests' today (its date placeholders filled in). */
export function example(name: string): string {
  return readExample(name, TODAY);
}

export interface SoapReply {
  status: number;
  contentType: string;
  body: string;
}

/** POSTs a SOAP 1.1 request (text/xml) to the emulator. */
export async function postSoap(
  url: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
): Promise<SoapReply> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'text/xml; charset=utf-8', ...headers },
    body,
  });
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    body: await response.text(),
  };
}
