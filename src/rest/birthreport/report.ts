/** The birth report as the service receives it (after validation), and the keys derived from it. */
import { createHash } from 'node:crypto';

export type Gender = 'BOY' | 'GIRL' | 'UNKNOWN';

export interface PartialDate {
  year: string;
  month?: string;
  day?: string;
}

export interface Parent {
  personalIdentityNumber?: { id: string; oid?: string };
  dateOfBirth?: PartialDate;
  name?: { firstName?: string; middleName?: string; lastName?: string };
}

export interface BirthReport {
  reportId: string;
  reportedBy: { reporter: string; phoneNumber?: string };
  mother: Parent;
  father?: Parent;
  child: { date: string; gender: Gender; municipality: string; aliveAtBirth: boolean; order: number };
  totalNumberOfChildren: number;
  residentialAddress?: string[];
  residentialAddressAbroad?: string[];
  phoneNumber?: string[];
}

/** YYYYMMDD-NNNN, YYYYMMDD+NNNN or YYYYMMDDNNNN → the twelve digits (the separator carries no meaning here). */
export function twelveDigits(id: string): string {
  return id.replace(/[-+]/, '');
}

/** A UUID compared as UUIDs are: without regard to letter case. */
export function reportKey(reportId: string): string {
  return reportId.toLowerCase();
}

/** JSON with object keys sorted, so the same report always gives the same text whatever the key order sent. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Fingerprint of a report's content: the same body sent again (any key order, any reportId case) matches. */
export function reportHash(report: BirthReport): string {
  return createHash('sha256')
    .update(canonicalJson({ ...report, reportId: reportKey(report.reportId) }))
    .digest('hex');
}

/**
 * Which child a report is about: the mother (her number, or her date of birth and the municipality), the date of
 * birth and the child's order in the delivery. Two reports with the same key describe the same child.
 */
export function childKey(report: BirthReport): string {
  const { mother, child } = report;
  const motherKey = mother.personalIdentityNumber
    ? `pnr:${twelveDigits(mother.personalIdentityNumber.id)}`
    : `dob:${canonicalJson(mother.dateOfBirth ?? {})}:${child.municipality.trim().toLowerCase()}`;
  return `${motherKey}|${child.date}|${child.order}`;
}
