/**
 * What this emulator serves, built from the same registries the app mounts (the SSBTEK dialects, the base
 * services, the REST adapters with their OpenAPI documents, Personuppgiftstjänsten, the admin API's document), so
 * it cannot drift from them. Read by the index page (GET /), the 404 that names the nearest real paths, and the
 * journal (which service a request is addressed to).
 */
import type { BaseService } from '../bastjanster/types.js';
import type { RestService } from '../rest/types.js';
import type { DialectBinding } from '../ssbtek/dialects.js';

export type ServedKind = 'composite' | 'base-service' | 'soap' | 'rest' | 'emulator';

export interface Operation {
  method: string;
  /** `{name}` marks a path parameter. */
  path: string;
}

export interface ContractLink {
  title: string;
  href: string;
}

export interface ServedService {
  /** The name a journal entry carries in `service` (for the emulator's own endpoints: a plain name). */
  id: string;
  kind: ServedKind;
  title: string;
  operations: Operation[];
  contracts: ContractLink[];
  /** Whether its traffic is journaled (the emulator's own endpoints are not). */
  journaled: boolean;
  /** SSBTEK: each dialect with its namespaces and WSDL. */
  dialects?: { dialect: string; namespaces: string[]; wsdl?: string }[];
  /** A base service: how the composite service reaches it, 'in-process' or the URL it calls. */
  transport?: string;
}

export interface EndpointSources {
  ssbtek: {
    path: string;
    title: string;
    dialects: ReadonlyMap<string, DialectBinding>;
    wsdlOf(d: string): string | undefined;
  };
  baseServices: readonly BaseService[];
  baseServiceUrls: Readonly<Partial<Record<string, string>>>;
  restServices: readonly RestService[];
  pu: { path: string; title: string };
  /** The admin API's OpenAPI document and where it is served. */
  admin: { openapi: Record<string, unknown>; href: string };
}

/** A REST adapter's operations: every server URL × every path × every method of its OpenAPI document. */
export function openApiOperations(document: Record<string, unknown>, fallbackBase = ''): Operation[] {
  const servers = (document.servers as { url: string }[] | undefined) ?? [{ url: fallbackBase }];
  const paths = (document.paths as Record<string, Record<string, unknown>> | undefined) ?? {};
  const methods = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];
  const out: Operation[] = [];
  for (const { url } of servers) {
    const base = url.replace(/\/+$/, '');
    for (const [path, item] of Object.entries(paths))
      for (const method of methods)
        if (item[method] !== undefined) out.push({ method: method.toUpperCase(), path: `${base}${path}` });
  }
  return out;
}

/** Everything served, in the order the index lists it. */
export function servedServices(sources: EndpointSources): ServedService[] {
  const { ssbtek, pu, admin } = sources;
  const dialects = new Map<string, { dialect: string; namespaces: string[]; wsdl?: string }>();
  for (const binding of sources.ssbtek.dialects.values()) {
    const entry = dialects.get(binding.dialect) ?? {
      dialect: binding.dialect,
      namespaces: [],
      ...(ssbtek.wsdlOf(binding.dialect) !== undefined && { wsdl: ssbtek.wsdlOf(binding.dialect) }),
    };
    entry.namespaces.push(binding.namespace);
    dialects.set(binding.dialect, entry);
  }
  const composite: ServedService = {
    id: 'SSBTEK',
    kind: 'composite',
    title: ssbtek.title,
    operations: [{ method: 'POST', path: ssbtek.path }],
    contracts: [...dialects.values()].flatMap((d) => (d.wsdl ? [{ title: `WSDL ${d.dialect}`, href: d.wsdl }] : [])),
    journaled: true,
    dialects: [...dialects.values()],
  };
  const base = sources.baseServices.map((s): ServedService => ({
    id: s.id,
    kind: 'base-service',
    title: s.emulator.title,
    operations: [...s.nativePaths, '/__test'].map((p) => ({ method: 'POST', path: `${s.mountPath}${p}` })),
    contracts: [],
    journaled: true,
    transport: sources.baseServiceUrls[s.id] ?? 'in-process',
  }));
  const puSoap: ServedService = {
    id: 'PU',
    kind: 'soap',
    title: pu.title,
    operations: [{ method: 'POST', path: pu.path }],
    contracts: [{ title: 'WSDL', href: `${pu.path}?wsdl` }],
    journaled: true,
  };
  const rest = sources.restServices.map((s): ServedService => ({
    id: s.id,
    kind: 'rest',
    title: s.title,
    operations: openApiOperations(s.openapi, s.mountPath),
    contracts: [{ title: 'OpenAPI', href: `/openapi/${s.id}.json` }],
    journaled: true,
  }));
  const own = (id: string, title: string, operations: Operation[], contracts: ContractLink[] = []): ServedService => ({
    id,
    kind: 'emulator',
    title,
    operations,
    contracts,
    journaled: false,
  });
  return [
    composite,
    ...base,
    puSoap,
    ...rest,
    own('admin', 'Admin API: scenario control, request journal, today', openApiOperations(admin.openapi), [
      { title: 'OpenAPI', href: admin.href },
    ]),
    own('console', 'Console: persons, compose and send, live journal, scenarios, validate, state, health', [
      { method: 'GET', path: '/ui/' },
    ]),
    own('health', 'Health, today and each base service’s transport', [{ method: 'GET', path: '/health' }]),
    own('metrics', 'Prometheus metrics', [{ method: 'GET', path: '/metrics' }]),
    own('schemas', 'The XML schemas the WSDLs import', [{ method: 'GET', path: '/xsd/{file}' }]),
    own('index', 'This index (HTML for a browser, JSON when asked for JSON)', [{ method: 'GET', path: '/' }]),
  ];
}

/** A path template as a pattern: `{name}` matches one segment; `/xsd/{file}` any depth below. */
export function templatePattern(template: string): RegExp {
  const escaped = template
    .split(/(\{[^}]+\})/)
    .map((part) => (/^\{[^}]+\}$/.test(part) ? (part === '{file}' ? '.+' : '[^/]+') : escapeRegExp(part)))
    .join('');
  return new RegExp(`^${escaped}$`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Which journaled service a request is addressed to: SSBTEK and Personuppgiftstjänsten's SOAP service by their
 * POST path (their GETs serve WSDLs), a base service by any POST below its mount path (its emulator answers even
 * paths it does not have, natively), a REST adapter by any method on one of its operations' paths.
 */
export function journalRouting(
  services: readonly ServedService[],
  baseServices: readonly BaseService[],
): (method: string, path: string) => string | undefined {
  const exactPost = new Map<string, string>();
  const restExact = new Map<string, string>();
  const restPatterns: { pattern: RegExp; id: string }[] = [];
  for (const s of services) {
    if (!s.journaled || s.kind === 'base-service') continue;
    for (const op of s.operations) {
      if (s.kind !== 'rest') exactPost.set(op.path, s.id);
      else if (op.path.includes('{')) restPatterns.push({ pattern: templatePattern(op.path), id: s.id });
      else restExact.set(op.path, s.id);
    }
  }
  const prefixes = baseServices.map((s) => ({ prefix: `${s.mountPath}/`, id: s.id }));
  return (method, path) => {
    if (method === 'POST') {
      const soap = exactPost.get(path);
      if (soap !== undefined) return soap;
      for (const { prefix, id } of prefixes) if (path.startsWith(prefix)) return id;
    }
    const rest = restExact.get(path);
    if (rest !== undefined) return rest;
    for (const { pattern, id } of restPatterns) if (pattern.test(path)) return id;
    return undefined;
  };
}
