import { SERVICE_IDS, type ServiceId } from '../ssbtek/model.js';
import {
  checkScenarioSettings,
  checkServiceSettings,
  ScenarioSettingsError,
  type ScenarioSettings,
} from './settings.js';

export const SCENARIO_HEADER = 'x-ssbtek-scenario';

/**
 * Parses the X-SSBTEK-Scenario header: `AF:error=500; CSN:error=timeout; SKV:latency=uniform(50,400),errorRate=0.2`,
 * or the same as a JSON object. Throws ScenarioSettingsError naming the problem.
 */
export function parseScenarioHeader(value: string): ScenarioSettings {
  const text = value.trim();
  if (text === '') return {};
  if (text.startsWith('{')) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new ScenarioSettingsError(`X-SSBTEK-Scenario: not valid JSON (${(error as Error).message})`);
    }
    return checkScenarioSettings(json, 'X-SSBTEK-Scenario');
  }
  const out: ScenarioSettings = {};
  for (const entry of text
    .split(';')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const match = /^([A-Za-z]+)\s*:\s*(.+)$/.exec(entry);
    if (!match) throw new ScenarioSettingsError(`X-SSBTEK-Scenario: "${entry}" is not SERVICE:key=value,…`);
    const service = match[1]!.toUpperCase();
    if (!(SERVICE_IDS as readonly string[]).includes(service)) {
      throw new ScenarioSettingsError(
        `X-SSBTEK-Scenario: "${match[1]}" is not a base service (${SERVICE_IDS.join(', ')})`,
      );
    }
    const raw: Record<string, unknown> = {};
    for (const pair of splitOutsideParentheses(match[2]!)) {
      const kv = /^\s*([A-Za-z]+)\s*=\s*(.+?)\s*$/.exec(pair);
      if (!kv) throw new ScenarioSettingsError(`X-SSBTEK-Scenario: ${service}: "${pair}" is not key=value`);
      raw[kv[1]!] = headerValue(kv[1]!, kv[2]!, service);
    }
    out[service as ServiceId] = checkServiceSettings(raw, `X-SSBTEK-Scenario: ${service}`);
  }
  return out;
}

function headerValue(key: string, value: string, service: string): unknown {
  if (key === 'error') return value;
  if (key === 'latency') {
    const m = /^(fixed|uniform|lognormal)\(([^)]*)\)$/.exec(value);
    if (!m)
      throw new ScenarioSettingsError(
        `X-SSBTEK-Scenario: ${service}: latency must be fixed(MS), uniform(MIN,MAX) or lognormal(MEDIAN,SIGMA)`,
      );
    const args = m[2]!.split(',').map((a) => Number(a.trim()));
    const want = m[1] === 'fixed' ? 1 : 2;
    if (args.length !== want || args.some((a) => !Number.isFinite(a))) {
      throw new ScenarioSettingsError(`X-SSBTEK-Scenario: ${service}: latency=${m[1]} takes ${want} number(s)`);
    }
    if (m[1] === 'fixed') return { type: 'fixed', ms: args[0] };
    if (m[1] === 'uniform') return { type: 'uniform', minMs: args[0], maxMs: args[1] };
    return { type: 'lognormal', medianMs: args[0], sigma: args[1] };
  }
  const number = Number(value);
  return Number.isFinite(number) ? number : value;
}

function splitOutsideParentheses(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const c of text) {
    if (c === '(') depth++;
    if (c === ')') depth--;
    if (c === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts.filter((p) => p.trim() !== '');
}
