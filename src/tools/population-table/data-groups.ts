import { lefiFragaAllaGrupper } from '../../bastjanster/fk/lefi/fraga-alla-grupper.js';
import type { LefiSvar } from '../../bastjanster/fk/lefi/typer.js';
import { addMonths } from '../../population/dates.js';
import { SERVICE_IDS, SKV_DELAR } from '../../ssbtek/model.js';
import type { SsbtekPipeline } from '../../ssbtek/pipeline.js';
import { NS } from '../../xml/namespaces.js';
import { parseXml } from '../../xml/parse.js';
import { readEnvelope } from '../../xml/soap.js';
import { child, childText, elements, text, type XElement } from '../../xml/tree.js';

const V11 = NS.ssbtV11;

/**
 * A v11 query with everything a client can ask: all seven services, FK's question for every group (as the public
 * client asks), SKV's five parts for the two income years before `today`'s year.
 */
function fullQuery(personidentitet: string, from: string, tom: string): string {
  const lefi = Buffer.from(JSON.stringify(lefiFragaAllaGrupper(personidentitet, from, tom))).toString('base64');
  const year = Number(tom.slice(0, 4));
  const skv =
    `<q:fraga><q:ar>${year - 1}</q:ar><q:ar>${year - 2}</q:ar>` +
    SKV_DELAR.map((del) => `<q:${del}>true</q:${del}>`).join('') +
    '</q:fraga>';
  const specific = SERVICE_IDS.map((id) => {
    if (id === 'FK') {
      return `<q:FK inkludera="true"><q:fraga><q:aktorsid>026-51</q:aktorsid><q:lefiJsonFraga>${lefi}</q:lefiJsonFraga></q:fraga></q:FK>`;
    }
    return id === 'SKV' ? `<q:SKV inkludera="true">${skv}</q:SKV>` : `<q:${id} inkludera="true"/>`;
  }).join('');
  return `<s:Envelope xmlns:s="${NS.soapEnv}"><s:Body><q:hamtaBastjanstInformation xmlns:q="${V11}">
<q:generellaFrageparametrar><q:fraganSkallInkluderasISvaret>false</q:fraganSkallInkluderasISvaret>
<q:ingivare><q:organisationsnummer>162120002411</q:organisationsnummer><q:namn>Kommun A</q:namn><q:handlaggare>HL1</q:handlaggare></q:ingivare>
<q:personidentitet>${personidentitet}</q:personidentitet><q:arendeidentitet>A1</q:arendeidentitet>
<q:tidsperiod><q:fromDatum>${from}</q:fromDatum><q:tomDatum>${tom}</q:tomDatum></q:tidsperiod>
<q:syfte>Beslut om ekonomiskt bistånd</q:syfte><q:lagtext>11 kap. 11 a § socialtjänstlagen (2001:453)</q:lagtext></q:generellaFrageparametrar>
<q:specifikaFrageparametrar>${specific}</q:specifikaFrageparametrar></q:hamtaBastjanstInformation></s:Body></s:Envelope>`;
}

/** FK/PM's groups with something in them, named as in LEFI's answer. */
function fkGroups(fk: XElement | undefined): string[] {
  const base64 = fk && childText(child(fk, V11, 'data') ?? fk, V11, 'lefiJsonSvar');
  if (!base64) return [];
  const svar = JSON.parse(Buffer.from(base64, 'base64').toString('utf8')) as LefiSvar;
  const groups = Object.entries(svar.formansinformation ?? {})
    .filter(([name, list]) => name !== 'generellPersoninformation' && Array.isArray(list) && list.length > 0)
    .map(([name, list]) => {
      const withDays = (list as { utbetalningsdetalj?: { dagar?: number }[] }[]).some((u) =>
        u.utbetalningsdetalj?.some((d) => d.dagar !== undefined),
      );
      return withDays ? `${name} (dagar)` : name;
    });
  for (const pm of ['ansprak', 'beslut', 'preliminaraUtbetalningar', 'utbetalningar'] as const) {
    if ((svar[pm]?.length ?? 0) > 0) groups.push(`PM ${pm}`);
  }
  return groups;
}

/** CSN's kinds of student aid the person has (the Studiestodstypforteckning flags set to 1). */
function csnGroups(csn: XElement | undefined): string[] {
  const base64 = csn && childText(child(csn, V11, 'data') ?? csn, V11, 'svar');
  if (!base64) return [];
  const parsed = parseXml(Buffer.from(base64, 'base64'));
  try {
    const forteckning = findElement(parsed.root, 'Studiestodstypforteckning');
    return forteckning
      ? elements(forteckning)
          .filter((flag) => text(flag).trim() === '1')
          .map((f) => f.name)
      : [];
  } finally {
    parsed.dispose();
  }
}

/** SKV's v11 parts answered with data. */
function skvGroups(skv: XElement | undefined): string[] {
  return skv
    ? elements(skv)
        .filter((part) => child(part, V11, 'data'))
        .map((part) => part.name)
    : [];
}

function findElement(root: XElement, name: string): XElement | undefined {
  if (root.name === name) return root;
  for (const e of elements(root)) {
    const found = findElement(e, name);
    if (found) return found;
  }
  return undefined;
}

/**
 * The table "number → which data groups each service answers with" for the persons given: a v11 query asking for
 * everything over the two months up to `today`. Shows where a client can see FK/PM's payment lists, programjobdagar,
 * CSN's kinds of aid and SKV's parts.
 */
export async function dataGroupsTable(
  pipeline: SsbtekPipeline,
  persons: readonly string[],
  today: string,
): Promise<string> {
  const from = addMonths(today, -2);
  const rows = ['| Personidentitet | FK/PM (LEFI) | CSN | SKV (v11) |', '|---|---|---|---|'];
  for (const number of persons) {
    const result = await pipeline.handle(Buffer.from(fullQuery(number, from, today)));
    const parsed = parseXml(Buffer.from(result.body));
    try {
      const svarsdata = child(readEnvelope(parsed.root).payload, V11, 'svarsdata');
      const cell = (groups: string[]): string => (groups.length > 0 ? groups.join(', ') : '–');
      rows.push(
        `| ${number} | ${cell(fkGroups(svarsdata && child(svarsdata, V11, 'FK')))} | ` +
          `${cell(csnGroups(svarsdata && child(svarsdata, V11, 'CSN')))} | ` +
          `${cell(skvGroups(svarsdata && child(svarsdata, V11, 'SKV')))} |`,
      );
    } finally {
      parsed.dispose();
    }
  }
  return [
    `Which data groups each person's answer holds: a v11 query asking for everything (FK's question for every group,`,
    `as the public client asks; SKV's five parts for the two income years before ${today.slice(0, 4)}) over the two`,
    `months up to ${today}. "(dagar)": payments with utbetalningsdetalj.dagar.`,
    '',
    ...rows,
  ].join('\n');
}
