import { SERVICE_IDS, SKV_DELAR } from '../../ssbtek/model.js';
import { NS } from '../../xml/namespaces.js';
import { parseXml } from '../../xml/parse.js';
import { attr, isElement, text, type XElement } from '../../xml/tree.js';

/**
 * A recorded exchange's case name, from what it is: the dialect, the person, the services asked for and what came
 * back: `v10-198601042388-all-data`, `v11-198701232392-skv-bt-9071004`, `v10-198601042388-fault-1001`,
 * `v10-testa-ok`, `envelope-fault-client` (no SSBTEK operation could be read), `v10-198601042388-http-413`. The same
 * exchange gets the same name on every run: nothing in it depends on the time, the korrelationsid or the order.
 *
 * - dialect: v10, v11 or v1 (the operation's namespace), else `envelope`; then `testa` for testaBastjanstInformation
 *   (or another operation's name; hamtaBastjanstInformation, the usual one, is not named);
 * - person: the query's personidentitet (`no-person` when a query has none);
 * - services: those included, lower case in the contract's order (`af-csn`), `all` for the seven, `none`;
 * - outcome: `data` (testa: `ok`) when no service answered with an error; else each error as
 *   `<services>-<kalla>-<felkod>`, services grouped by the same error and left out when they are all the query
 *   asked for (`all-ssbt-2000`: every service timed out), more than two different errors as `<n>-errors`. A Fault is
 *   `fault-<felkod>` without the services, or `fault-client` (its faultcode) where it has no felkod; any other
 *   answer `http-<status>`.
 */
export function caseNameOf(request: Buffer, reply: string, status: number): string {
  const query = readQuery(request);
  const answer = readBody(Buffer.from(reply, 'utf8'));
  const dialect = query?.dialect ?? 'envelope';
  const operation = query && operationPart(query.operation);
  if (answer?.ns === NS.soapEnv && answer.name === 'Fault')
    return join([dialect, operation, query?.person, faultOutcome(answer, status)]);
  if (answer && query?.operation === 'hamtaBastjanstInformation') {
    const outcome = outcomeOf(answer, query.included);
    return join([dialect, query.person ?? 'no-person', servicesPart(query.included), outcome]);
  }
  if (answer && query?.operation === 'testaBastjanstInformation')
    return join([dialect, 'testa', outcomeOf(answer, [])]);
  return join([dialect, operation, query?.person, `http-${status}`]);
}

function operationPart(operation: string): string {
  if (operation === 'hamtaBastjanstInformation') return '';
  return operation === 'testaBastjanstInformation' ? 'testa' : token(operation);
}

/** `fault-<felkod>` (SSBTEK's Fault detail), else `fault-<faultcode>` (HTTP 500) or `http-<status>` (413, 415). */
function faultOutcome(fault: XElement, status: number): string {
  const felkod = descendant(fault, 'felkod');
  if (felkod) return `fault-${token(text(felkod))}`;
  if (status !== 500) return `http-${status}`;
  const faultcode = text(fault.children.find(isNamed('faultcode'))).trim();
  return `fault-${token(faultcode.slice(faultcode.indexOf(':') + 1)).toLowerCase() || 'unnamed'}`;
}

interface Query {
  dialect: string;
  operation: string;
  person?: string;
  included: string[];
}

const DIALECTS = new Map<string, string>([
  [NS.ssbtV10, 'v10'],
  [NS.ssbtV11, 'v11'],
  [NS.ssbtV1, 'v1'],
  [NS.ssbtekV1, 'v1'],
]);

/** The SOAP 1.1 Body's first element, or undefined for anything that is not a readable SOAP 1.1 message. */
function readBody(bytes: Buffer): XElement | undefined {
  let root: XElement;
  try {
    const parsed = parseXml(bytes);
    root = parsed.root;
    parsed.dispose();
  } catch {
    return undefined;
  }
  if (root.ns !== NS.soapEnv || root.name !== 'Envelope') return undefined;
  const body = root.children.find((c): c is XElement => isElement(c) && c.ns === NS.soapEnv && c.name === 'Body');
  return body?.children.find(isElement);
}

function readQuery(request: Buffer): Query | undefined {
  const operation = readBody(request);
  const dialect = operation && DIALECTS.get(operation.ns);
  if (!operation || !dialect) return undefined;
  const person = token(text(descendant(operation, 'personidentitet'))) || undefined;
  const specific = descendant(operation, 'specifikaFrageparametrar');
  const included = SERVICE_IDS.filter((id) => {
    const element = specific?.children.find((c): c is XElement => isElement(c) && c.name === id);
    return element !== undefined && /^(true|1)$/.test(attr(element, 'inkludera')?.trim() ?? '');
  });
  return { dialect, operation: operation.name, ...(person && { person: person.slice(0, 20) }), included };
}

function servicesPart(services: string[]): string {
  if (services.length === 0) return 'none';
  return services.length === SERVICE_IDS.length ? 'all' : services.join('-').toLowerCase();
}

/**
 * `data`/`ok`, or the errors under each service of the answer (hamta: svarsdata/<service>, v11 SKV per part;
 * testa: <service>/error), grouped by kalla and felkod.
 */
function outcomeOf(answer: XElement, included: string[]): string {
  const services =
    answer.name === 'testaBastjanstInformationResponse' ? answer : answer.children.find(isNamed('svarsdata'));
  const failing = new Map<string, string[]>();
  for (const service of services?.children.filter(isElement) ?? []) {
    if (!(SERVICE_IDS as readonly string[]).includes(service.name)) continue;
    const parts = service.children.filter((c): c is XElement => isElement(c) && isSkvDel(c.name));
    const errors = [service, ...parts].flatMap((e) => e.children.filter(isNamed('error')));
    for (const error of new Set(errors.map(errorToken)))
      failing.set(error, [...(failing.get(error) ?? []), service.name]);
  }
  const ok = answer.name === 'testaBastjanstInformationResponse' ? 'ok' : 'data';
  if (failing.size === 0) return ok;
  if (failing.size > 2) return `${failing.size}-errors`;
  return [...failing]
    .map(([error, names]) => {
      const all = included.length > 0 && names.length === included.length;
      return all ? error : `${names.join('-').toLowerCase()}-${error}`;
    })
    .join('-');
}

function errorToken(error: XElement): string {
  const kalla = text(error.children.find(isNamed('kalla'))).trim();
  const felkod = text(error.children.find(isNamed('felkod'))).trim();
  return `${token(kalla).toLowerCase() || 'error'}-${token(felkod)}`;
}

function isSkvDel(name: string): boolean {
  return (SKV_DELAR as readonly string[]).includes(name);
}

function isNamed(name: string): (c: XElement | string) => c is XElement {
  return (c): c is XElement => isElement(c) && c.name === name;
}

/** The first element of that local name below `element` (any namespace), depth first. */
function descendant(element: XElement, name: string): XElement | undefined {
  for (const c of element.children) {
    if (!isElement(c)) continue;
    if (c.name === name) return c;
    const hit = descendant(c, name);
    if (hit) return hit;
  }
  return undefined;
}

/** A value as one name part: letters, digits, `.`, `_` and `-` (a felkod's minus kept: `bt--1006`). */
function token(value: string): string {
  return value
    .trim()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-');
}

function join(parts: (string | undefined)[]): string {
  return parts.filter((p): p is string => p !== undefined && p !== '').join('-');
}
