import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config.js';
import { checkScenarioSettings } from '../../scenario/settings.js';
import { checkToday, TodayError } from '../../scenario/today.js';
import { SERVICE_IDS } from '../../ssbtek/model.js';
import { checkMaskRule, type MaskRule } from './mask.js';

/** `replay.json` in the cases folder: what every case shares. */
export interface ReplayDefaults {
  /**
   * The day the cases were made for (YYYY-MM-DD): the in-process emulator's "today", and sent as X-SSBTEK-Today
   * with every case that names no day of its own; without it, the real date.
   */
  today?: string;
  mask: MaskRule[];
}

/**
 * Overrides of the in-process emulator's config for one case (a short deadline, a small body limit):
 * `maxBodyBytes` sets every endpoint's body limit, as in the config file.
 */
export type ConfigOverrides = { maxBodyBytes?: number } & Partial<
  Pick<
    Config,
    | 'serviceTimeoutMs'
    | 'serviceTimeoutsMs'
    | 'overallTimeoutMs'
    | 'validateReplies'
    | 'testmiljo'
    | 'systemId'
    | 'today'
    | 'scenarios'
  >
>;

/** One query case: `<dir>/<name>/{request.xml, expected.xml, case.json}`. */
export interface QueryCase {
  name: string;
  dir: string;
  description: string;
  status: number;
  /** Sent as X-SSBTEK-Scenario. */
  scenario?: string;
  /** The day its expected reply was made for (sent as X-SSBTEK-Today), over replay.json's. */
  today?: string;
  headers: Record<string, string>;
  /** The case's own rules; the defaults' are added when comparing. */
  mask: MaskRule[];
  config?: ConfigOverrides;
}

export interface Suite {
  dir: string;
  defaults: ReplayDefaults;
  cases: QueryCase[];
}

export const CASE_FILE = 'case.json';
export const REQUEST_FILE = 'request.xml';
export const EXPECTED_FILE = 'expected.xml';
export const DEFAULTS_FILE = 'replay.json';

/** A suite that cannot be run as it is; `problems` lists every broken file, each line naming the file. */
export class CaseError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'CaseError';
  }
}

/**
 * Reads a cases folder. Every problem in every selected case is collected (not only the first), so one run
 * tells a maintainer everything to fix. `select` takes case names, with `*` as a wildcard.
 */
export function loadSuite(dir: string, options: { select?: string[]; requireExpected?: boolean } = {}): Suite {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new CaseError([`${dir}: no such folder`]);
  const problems: string[] = [];
  const defaults = loadDefaults(dir, problems);
  const names = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .filter(
      (name) => fs.existsSync(path.join(dir, name, CASE_FILE)) || fs.existsSync(path.join(dir, name, REQUEST_FILE)),
    )
    .sort();
  const chosen = select(names, options.select, problems);
  const cases: QueryCase[] = [];
  for (const name of chosen) {
    const loaded = loadCase(path.join(dir, name), options.requireExpected ?? true, problems);
    if (loaded) cases.push(loaded);
  }
  if (problems.length > 0) throw new CaseError(problems);
  return { dir, defaults, cases };
}

function select(names: string[], patterns: string[] | undefined, problems: string[]): string[] {
  if (!patterns || patterns.length === 0) return names;
  const chosen = new Set<string>();
  for (const pattern of patterns) {
    const regex = new RegExp(`^${pattern.split('*').map(escapeRegExp).join('.*')}$`);
    const hits = names.filter((n) => regex.test(n));
    if (hits.length === 0) problems.push(`--case ${pattern}: no case of that name`);
    for (const hit of hits) chosen.add(hit);
  }
  return names.filter((n) => chosen.has(n));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}

function readJson(file: string, problems: string[]): Record<string, unknown> | undefined {
  let value: unknown;
  try {
    value = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    problems.push(`${file}: not valid JSON (${(error as Error).message})`);
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push(`${file}: must hold a JSON object`);
    return undefined;
  }
  return value as Record<string, unknown>;
}

function loadDefaults(dir: string, problems: string[]): ReplayDefaults {
  const file = path.join(dir, DEFAULTS_FILE);
  if (!fs.existsSync(file)) return { mask: [] };
  const json = readJson(file, problems);
  if (!json) return { mask: [] };
  unknownKeys(file, json, ['today', 'mask'], problems);
  const defaults: ReplayDefaults = { mask: maskRules(file, json.mask, problems) };
  const today = day(file, json.today, problems);
  if (today !== undefined) defaults.today = today;
  return defaults;
}

function loadCase(caseDir: string, requireExpected: boolean, problems: string[]): QueryCase | undefined {
  const name = path.basename(caseDir);
  const file = path.join(caseDir, CASE_FILE);
  const before = problems.length;
  for (const part of [REQUEST_FILE, ...(requireExpected ? [EXPECTED_FILE] : []), CASE_FILE]) {
    if (!fs.existsSync(path.join(caseDir, part))) problems.push(`${path.join(caseDir, part)}: missing`);
  }
  if (problems.length > before) return undefined;
  const json = readJson(file, problems);
  if (!json) return undefined;
  unknownKeys(file, json, ['description', 'status', 'scenario', 'today', 'headers', 'mask', 'config'], problems);
  const { description, status, scenario, headers } = json;
  if (typeof description !== 'string' || description.trim() === '')
    problems.push(`${file}: "description" must be a non-empty string`);
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599)
    problems.push(`${file}: "status" must be an HTTP status code (100–599)`);
  if (scenario !== undefined && typeof scenario !== 'string')
    problems.push(`${file}: "scenario" must be a string (the X-SSBTEK-Scenario header value)`);
  const headerMap: Record<string, string> = {};
  if (headers !== undefined) {
    if (typeof headers !== 'object' || headers === null || Array.isArray(headers))
      problems.push(`${file}: "headers" must be an object of header names to string values`);
    else
      for (const [key, value] of Object.entries(headers)) {
        if (typeof value === 'string') headerMap[key.toLowerCase()] = value;
        else problems.push(`${file}: header "${key}" must have a string value`);
      }
  }
  const today = day(file, json.today, problems);
  const mask = maskRules(file, json.mask, problems);
  const config = json.config === undefined ? undefined : configOverrides(file, json.config, problems);
  if (problems.length > before) return undefined;
  return {
    name,
    dir: caseDir,
    description: description as string,
    status: status as number,
    ...(scenario !== undefined && { scenario: scenario as string }),
    ...(today !== undefined && { today }),
    headers: headerMap,
    mask,
    ...(config && { config }),
  };
}

/** A "today" in replay.json or case.json: a calendar day YYYY-MM-DD (the emulator's own check). */
function day(file: string, value: unknown, problems: string[]): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') {
    try {
      return checkToday(value, `${file}: "today"`);
    } catch (error) {
      if (!(error instanceof TodayError)) throw error;
      problems.push(error.message);
      return undefined;
    }
  }
  problems.push(`${file}: "today" must be a date YYYY-MM-DD`);
  return undefined;
}

function unknownKeys(file: string, json: Record<string, unknown>, known: string[], problems: string[]): void {
  for (const key of Object.keys(json)) {
    if (!known.includes(key)) problems.push(`${file}: unknown key "${key}" (known: ${known.join(', ')})`);
  }
}

function maskRules(file: string, value: unknown, problems: string[]): MaskRule[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    problems.push(`${file}: "mask" must be an array of rules {"path": "...", "as"?: "..."}`);
    return [];
  }
  const rules: MaskRule[] = [];
  value.forEach((rule, index) => {
    try {
      rules.push(checkMaskRule(rule, `${file}: mask[${index}]`));
    } catch (error) {
      problems.push((error as Error).message);
    }
  });
  return rules;
}

const OVERRIDE_TYPES: Record<keyof ConfigOverrides, 'count' | 'boolean' | 'string' | 'object'> = {
  maxBodyBytes: 'count',
  serviceTimeoutMs: 'count',
  overallTimeoutMs: 'count',
  serviceTimeoutsMs: 'object',
  validateReplies: 'boolean',
  testmiljo: 'boolean',
  systemId: 'string',
  today: 'string',
  scenarios: 'object',
};

function configOverrides(file: string, value: unknown, problems: string[]): ConfigOverrides | undefined {
  const where = `${file}: config`;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push(`${where} must be an object of emulator settings`);
    return undefined;
  }
  const out: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(value)) {
    // Own keys only ("__proto__" or "constructor" must not find Object.prototype's members).
    const type = Object.hasOwn(OVERRIDE_TYPES, key) ? OVERRIDE_TYPES[key as keyof ConfigOverrides] : undefined;
    if (!type) {
      problems.push(`${where}: unknown setting "${key}" (known: ${Object.keys(OVERRIDE_TYPES).join(', ')})`);
    } else if (type === 'count' ? !Number.isInteger(raw) || (raw as number) < 0 : typeof raw !== type || raw === null) {
      const expected = {
        count: 'a non-negative integer',
        boolean: 'a boolean',
        string: 'a string',
        object: 'an object',
      };
      problems.push(`${where}: "${key}" must be ${expected[type]}`);
    } else if (key === 'today') {
      const today = day(where, raw, problems);
      if (today !== undefined) out.today = today;
    } else if (key === 'scenarios') {
      try {
        out.scenarios = checkScenarioSettings(raw, `${where}.scenarios`);
      } catch (error) {
        problems.push((error as Error).message);
      }
    } else if (key === 'serviceTimeoutsMs') {
      for (const [id, ms] of Object.entries(raw as object)) {
        if (!(SERVICE_IDS as readonly string[]).includes(id) || !Number.isInteger(ms) || (ms as number) < 0)
          problems.push(`${where}: serviceTimeoutsMs.${id} must be a base service id with a non-negative integer`);
      }
      out[key] = raw;
    } else out[key] = raw;
  }
  return out as ConfigOverrides;
}

/**
 * The day a case's expected reply was made for, sent as X-SSBTEK-Today: its own, its in-process config's, the
 * suite's; undefined when none is known (the target's today applies).
 */
export function dayOf(suite: Suite, queryCase: QueryCase): string | undefined {
  return queryCase.today ?? queryCase.config?.today ?? suite.defaults.today;
}

/** The rules that apply to a case: the defaults', then its own. */
export function rulesFor(suite: Suite, queryCase: QueryCase): MaskRule[] {
  return [...suite.defaults.mask, ...queryCase.mask];
}
