/**
 * Who may report births: the care providers' maternity units, each known by its HSA id, the way Inera's services
 * know their callers (a SITHS function certificate whose subject serialNumber is the HSA id). Over TLS the client
 * certificate names the caller; on plain HTTP the `X-Birthreport-Caller` header stands in for it (as `X-PU-Consumer`
 * does for Personuppgiftstjänsten). An unknown caller, or none, gets the gateway's 403.
 */
import type { Request } from 'express';
import { certifiedCallerId } from '../../http/caller-identity.js';

export interface BirthReportCaller {
  /** The unit's HSA id (or, over TLS, whatever its certificate's serialNumber says). */
  id: string;
  name: string;
}

/** The stand-in for the client certificate on plain HTTP. */
export const CALLER_HEADER = 'X-Birthreport-Caller';

/** The embedded callers (documented in docs/birth-report.md), so that `npm start` takes reports at once. */
export const DEFAULT_BIRTH_REPORT_CALLERS: readonly BirthReportCaller[] = [
  { id: 'SE2321000016-FODELSE', name: 'Region Stockholm, förlossning' },
  { id: 'SE2321000131-FODELSE', name: 'Region Västernorrland, förlossning' },
];

/** An HSA id, or any certificate serialNumber a configured caller may carry: letters, digits and hyphens. */
const CALLER_ID = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?$/;

/**
 * Checks `birthReportCallers` (a list of `{id, name?}`, or a comma-separated list of ids from
 * SSBTEK_BIRTHREPORT_CALLERS); a caller without a name is named by its id. Throws naming `name` otherwise.
 */
export function checkBirthReportCallers(value: unknown, name: string): BirthReportCaller[] {
  const list = typeof value === 'string' ? value.split(',').map((id) => ({ id: id.trim() })) : value;
  if (!Array.isArray(list) || list.length === 0) throw new Error(`${name} must be a non-empty list of {id, name}`);
  const seen = new Set<string>();
  return list.map((entry: unknown, i) => {
    const where = `${name}[${i}]`;
    const { id, name: title } = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    if (typeof id !== 'string' || !CALLER_ID.test(id))
      throw new Error(`${where}.id must be an HSA id (letters, digits and hyphens), got ${JSON.stringify(id)}`);
    if (title !== undefined && (typeof title !== 'string' || title.trim() === ''))
      throw new Error(`${where}.name must be a non-empty string`);
    if (seen.has(id)) throw new Error(`${where}: id "${id}" appears twice`);
    seen.add(id);
    return { id, name: title ?? id };
  });
}

/** The configured callers (config `birthReportCallers`), else the embedded ones. */
export function birthReportCallers(config: {
  birthReportCallers?: BirthReportCaller[];
}): Map<string, BirthReportCaller> {
  return new Map((config.birthReportCallers ?? DEFAULT_BIRTH_REPORT_CALLERS).map((c) => [c.id, c]));
}

/** The caller the request names (certificate over TLS, the stand-in header on plain HTTP), if any. */
export function callerIdOf(req: Request): string | undefined {
  return certifiedCallerId(req, CALLER_HEADER);
}
