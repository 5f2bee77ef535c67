/**
 * A composite query (hamtaBastjanstInformation) from the compose form, in the dialect chosen: v10 and v11 (the
 * public contract and Försäkringskassan's test dialect: FK's LEFI question as base64 JSON, in v11 SKV's own
 * question) or v1 (the seed's: FK's formansforteckning). Written as the shipped examples are (fixtures/examples).
 */
import { BASE_SERVICES, type BaseServiceId } from '../api/types.js';

export type Dialect = 'v10' | 'v11' | 'v1';

export const NAMESPACES: Record<Dialect, string> = {
  v10: 'http://schema.forsakringskassan.se/integration/ssbt/10',
  v11: 'http://schema.forsakringskassan.se/integration/ssbt/11',
  v1: 'http://schema.forsakringskassan.se/integration/ssbt/1',
};

const FK_V1 = 'http://schema.forsakringskassan.se/extern_samverkan/hamtaformansinformation/1';

/** FK's formansforteckning in v1, in the schema's order (the seed's example asks for all of them). */
export const FK_V1_FLAGS = [
  'alderspension',
  'arbetskadeliivranta',
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

export const SKV_PARTS = [
  'foretagsinformation',
  'individuppgifter',
  'skattekonto',
  'skatteuppgifter',
  'beskattningsbilagor',
] as const;

/** The services that take a period of their own, per dialect. */
export function ownPeriodServices(dialect: Dialect): BaseServiceId[] {
  return dialect === 'v1' ? ['AF', 'CSN', 'FK', 'SO', 'TNS'] : ['AF', 'CSN', 'SO', 'TNS'];
}

export interface Period {
  from: string;
  tom: string;
}

export interface QueryForm {
  dialect: Dialect;
  personidentitet: string;
  korrelationsid: string;
  frageTidpunkt: string;
  period: Period;
  included: Record<BaseServiceId, boolean>;
  /** A service's own period (only those of ownPeriodServices). */
  periods: Partial<Record<BaseServiceId, Period>>;
  /** v10/v11: FK's question. */
  fk: { version: string; aktorsid: string; lefiJson: string };
  /** v1: FK's formansforteckning. */
  fkFlags: Record<string, boolean>;
  /** v11: SKV's question. */
  skv: { years: string; parts: Record<(typeof SKV_PARTS)[number], boolean> };
}

/** FK's LEFI question as the shipped examples ask it, for this person and period. */
export function defaultLefiQuestion(personidentitet: string, period: Period): string {
  return JSON.stringify(
    {
      personnummer: personidentitet,
      period: { from: period.from, tom: period.tom },
      formansinformation: ['FK:AS', 'FK:ABB', 'FK:FP', 'FK:BOB'],
      utbetalningar: ['FK:AS', 'FK:ABB'],
      ovrigInformation: ['FK:GEPI'],
    },
    null,
    2,
  );
}

/** The question with this person and period written in (left as it is when it is not JSON: the user's to fix). */
export function withPersonAndPeriod(lefiJson: string, personidentitet: string, period: Period): string {
  try {
    const question = JSON.parse(lefiJson) as Record<string, unknown>;
    return JSON.stringify({ ...question, personnummer: personidentitet, period: { ...period } }, null, 2);
  } catch {
    return lefiJson;
  }
}

const escape = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** UTF-8 text as base64 (LEFI's question in lefiJsonFraga). */
export function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function tidsperiod(p: Period, indent: string): string {
  return `${indent}<ssbt:tidsperiod>\n${indent}  <ssbt:fromDatum>${escape(p.from)}</ssbt:fromDatum>\n${indent}  <ssbt:tomDatum>${escape(p.tom)}</ssbt:tomDatum>\n${indent}</ssbt:tidsperiod>\n`;
}

function serviceElement(form: QueryForm, id: BaseServiceId): string {
  const { dialect } = form;
  const yes = dialect === 'v1' ? '1' : 'true';
  const no = dialect === 'v1' ? '0' : 'false';
  const included = form.included[id];
  const indent = '          ';
  let body = '';
  const own = form.periods[id];
  if (included && own && ownPeriodServices(dialect).includes(id)) body += tidsperiod(own, indent);
  if (included && id === 'FK' && dialect !== 'v1') {
    body +=
      `${indent}<ssbt:fraga>\n` +
      (form.fk.version ? `${indent}  <ssbt:version>${escape(form.fk.version)}</ssbt:version>\n` : '') +
      `${indent}  <ssbt:aktorsid>${escape(form.fk.aktorsid)}</ssbt:aktorsid>\n` +
      `${indent}  <ssbt:lefiJsonFraga>${base64(compactJson(form.fk.lefiJson))}</ssbt:lefiJsonFraga>\n` +
      `${indent}</ssbt:fraga>\n`;
  }
  if (included && id === 'FK' && dialect === 'v1') {
    body += `${indent}<ssbt:formansforteckning>\n`;
    for (const flag of FK_V1_FLAGS) body += `${indent}  <fk:${flag}>${form.fkFlags[flag] ? 1 : 0}</fk:${flag}>\n`;
    body += `${indent}</ssbt:formansforteckning>\n`;
  }
  if (included && id === 'SKV' && dialect === 'v11') {
    const years = form.skv.years.split(/[\s,]+/).filter(Boolean);
    body += `${indent}<ssbt:fraga>\n`;
    for (const year of years) body += `${indent}  <ssbt:ar>${escape(year)}</ssbt:ar>\n`;
    for (const part of SKV_PARTS) body += `${indent}  <ssbt:${part}>${form.skv.parts[part]}</ssbt:${part}>\n`;
    body += `${indent}</ssbt:fraga>\n`;
  }
  const open = `        <ssbt:${id} inkludera="${included ? yes : no}"`;
  return body ? `${open}>\n${body}        </ssbt:${id}>\n` : `${open}/>\n`;
}

/** LEFI's question as sent: compact JSON when it parses, else the text as the user wrote it. */
function compactJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return text;
  }
}

/** The SOAP request for the form. */
export function buildQuery(form: QueryForm): string {
  const fkNs = form.dialect === 'v1' ? ` xmlns:fk="${FK_V1}"` : '';
  const g = '        ';
  // v1 has TNS and MIV as optional elements: left out when not asked for, as the seed's example does.
  const services = BASE_SERVICES.filter(
    (id) => form.dialect !== 'v1' || form.included[id] || !['TNS', 'MIV'].includes(id),
  );
  return (
    `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ssbt="${NAMESPACES[form.dialect]}"${fkNs}>\n` +
    `  <soapenv:Header/>\n  <soapenv:Body>\n    <ssbt:hamtaBastjanstInformation>\n      <ssbt:generellaFrageparametrar>\n` +
    (form.frageTidpunkt ? `${g}<ssbt:frageTidpunkt>${escape(form.frageTidpunkt)}</ssbt:frageTidpunkt>\n` : '') +
    (form.korrelationsid ? `${g}<ssbt:korrelationsid>${escape(form.korrelationsid)}</ssbt:korrelationsid>\n` : '') +
    `${g}<ssbt:fraganSkallInkluderasISvaret>${form.dialect === 'v1' ? 0 : 'false'}</ssbt:fraganSkallInkluderasISvaret>\n` +
    `${g}<ssbt:ingivare>\n${g}  <ssbt:organisationsnummer>162120002411</ssbt:organisationsnummer>\n` +
    `${g}  <ssbt:namn>Kommun A</ssbt:namn>\n${g}  <ssbt:handlaggare>HL123456</ssbt:handlaggare>\n${g}</ssbt:ingivare>\n` +
    `${g}<ssbt:personidentitet>${escape(form.personidentitet)}</ssbt:personidentitet>\n` +
    `${g}<ssbt:arendeidentitet>AID12341234</ssbt:arendeidentitet>\n` +
    tidsperiod(form.period, g) +
    `${g}<ssbt:syfte>Beslut om eller kontroll av Ekonomiskt försörjningsstöd</ssbt:syfte>\n` +
    `${g}<ssbt:lagtext>11 kap. 11 a § socialtjänstlagen (2001:453), 5 § förordning (2008:975)</ssbt:lagtext>\n` +
    `      </ssbt:generellaFrageparametrar>\n      <ssbt:specifikaFrageparametrar>\n` +
    services.map((id) => serviceElement(form, id)).join('') +
    `      </ssbt:specifikaFrageparametrar>\n    </ssbt:hamtaBastjanstInformation>\n  </soapenv:Body>\n</soapenv:Envelope>\n`
  );
}

/** The request as a shell command: curl with a here-document, so nothing in the XML needs quoting. */
export function asCurl(url: string, body: string, headers: Record<string, string>): string {
  const flags = Object.entries({ 'Content-Type': 'text/xml; charset=utf-8', ...headers })
    .filter(([, value]) => value !== '')
    .map(([name, value]) => ` \\\n  -H '${`${name}: ${value}`.replace(/'/g, `'\\''`)}'`)
    .join('');
  return `curl -s${flags} \\\n  --data-binary @- '${url}' <<'SSBTEK_QUERY'\n${body.replace(/\n$/, '')}\nSSBTEK_QUERY\n`;
}

/** A korrelationsid the console can find its exchange by in the journal. */
export function newKorrelationsid(): string {
  return `UI-${Date.now().toString(36).toUpperCase()}-${Math.random().toString(36).slice(2, 8).toUpperCase()}`;
}

/** 10 or 12 digits, with or without - or +, as the 12 digits the emulator takes (a + means 100 years or older). */
export function normalizeNumber(input: string, today: string): string | undefined {
  const text = input.trim();
  const match = /^(\d{2})?(\d{6})([-+]?)(\d{4})$/.exec(text);
  if (!match) return undefined;
  const [, century, date, sign, last] = match;
  if (century) return `${century}${date}${last}`;
  const year = Number(date!.slice(0, 2));
  const thisYear = Number(today.slice(0, 4));
  let full = Math.floor(thisYear / 100) * 100 + year;
  if (full > thisYear) full -= 100;
  if (sign === '+') full -= 100;
  return `${full}${date!.slice(2)}${last}`;
}
