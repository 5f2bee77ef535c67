import { pino } from 'pino';
import { createApp } from '../../app.js';
import { DEFAULT_CONFIG } from '../../config.js';
import { addMonths } from '../../population/dates.js';
import type { Person } from '../../population/person.js';
import { allServicesQuery } from '../../ssbtek/all-services-query.js';
import { SERVICE_IDS } from '../../ssbtek/model.js';
import { dataGroupsTable } from './data-groups.js';
import { parseXml } from '../../xml/parse.js';
import { readEnvelope } from '../../xml/soap.js';
import { child, childText, elements, type XElement } from '../../xml/tree.js';

const V10 = 'http://schema.forsakringskassan.se/integration/ssbt/10';

/**
 * The day the table is made for: fixed (the replay cases' day), so the table changes only when the population or
 * the services do, never with the calendar, and a test can tell when README's copy is stale.
 */
export const POPULATION_TABLE_TODAY = '2026-11-24';

/** The file holding the generated tables (docs/population.md), relative to the project, and its markers. */
export const TABLE_FILE = 'docs/population.md';
export const TABLE_START = '<!-- population-table:start -->';
export const TABLE_END = '<!-- population-table:end -->';

/** Persons from the generated population worth showing beside the curated ones (all in Skatteverket's test series). */
const GENERATED_EXAMPLES = [
  '196211262834',
  '199611252389',
  '200611252388',
  '198112182384',
  '194512088149',
  '198608892389',
  '196400702392',
];

/** A one-line description of a generated person's profile. */
function describe(person: Person): string {
  const parts = [
    `Genererad: ${person.identity.kind}, ${person.alder} år, ${person.sysselsattning}`,
    person.akassa && 'a-kassa',
    person.antalBarn > 0 && `${person.antalBarn} barn`,
    person.antalFordon > 0 && `${person.antalFordon} fordon`,
    person.invandring && `uppehållstillstånd (${person.invandring.tillstand.toLowerCase()})`,
  ];
  return parts.filter(Boolean).join(', ');
}

/** One cell: `data`, or the error's kalla and felkod. */
function cell(service: XElement | undefined): string {
  if (!service) return '–';
  const [part] = elements(service);
  if (!part) return '–';
  if (part.name === 'data') return 'data';
  return `${childText(part, V10, 'kalla')} ${childText(part, V10, 'felkod')}`;
}

/**
 * The table "number → what each service answers" (Markdown, with its caption): the in-process emulator, living on
 * `today`, asked a v10 query with all seven services over the two months up to `today` for each scenario person
 * and a few generated ones.
 */
export async function populationTable(today = POPULATION_TABLE_TODAY): Promise<string> {
  const { pipeline, population, close } = createApp(
    { ...DEFAULT_CONFIG, today, serviceTimeoutMs: 2000, storePath: ':memory:', journal: false },
    pino({ level: 'silent' }),
  );
  try {
    const from = addMonths(today, -2);
    const rows: string[] = [
      `| Personidentitet | Vad | ${SERVICE_IDS.join(' | ')} |`,
      `|---|---|${SERVICE_IDS.map(() => '---').join('|')}|`,
    ];
    const persons: [string, string][] = [
      ...population.scenarioPersons().map((p): [string, string] => [p.personidentitet, p.beskrivning]),
      ...GENERATED_EXAMPLES.map((n): [string, string] => [n, describe(population.person(n, today) as Person)]),
    ];
    for (const [number, description] of persons) {
      const result = await pipeline.handle(Buffer.from(allServicesQuery(number, from, today)));
      const parsed = parseXml(Buffer.from(result.body));
      const svarsdata = child(readEnvelope(parsed.root).payload, V10, 'svarsdata');
      parsed.dispose();
      const cells = SERVICE_IDS.map((id) => cell(svarsdata && child(svarsdata, V10, id)));
      rows.push(`| ${number} | ${description.replace(/\|/g, '/')} | ${cells.join(' | ')} |`);
    }
    const groups = await dataGroupsTable(
      pipeline,
      persons.map(([number]) => number),
      today,
    );
    return [
      `Answers to a v10 query with all seven services for the two months up to ${today}, asked on that day (the`,
      "generator's fixed today, so the table changes only with the population; `npm run population-table`; a 2 s",
      'service deadline, so slow persons show 2000). "data" means the service answered with data (which may be an',
      "empty list); otherwise the error's `kalla` and `felkod`.",
      '',
      ...rows,
      '',
      groups,
    ].join('\n');
  } finally {
    await close();
  }
}

/** The table a document holds between the markers (without them), or undefined when the markers are missing. */
export function tableIn(readme: string): string | undefined {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start === -1 || end < start) return undefined;
  return readme
    .slice(start + TABLE_START.length, end)
    .replace(/^\n/, '')
    .replace(/\n$/, '');
}

/** The document with `table` between its markers. */
export function withTable(readme: string, table: string): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start === -1 || end < start) throw new Error(`${TABLE_FILE} has no ${TABLE_START} … ${TABLE_END} block`);
  return `${readme.slice(0, start + TABLE_START.length)}\n${table}\n${readme.slice(end)}`;
}
