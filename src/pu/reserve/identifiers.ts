/**
 * Which kind of identifier a value is, with every reason it is not valid: personnummer, samordningsnummer, national
 * reserve number (NRID) or a configured regional reserve number.
 */
import { parseIdentity } from '../../population/identity.js';
import { nridProblems } from './nrid.js';
import type { CompiledFormat } from './regional.js';

export type IdentifierKind = 'PERSONNUMMER' | 'SAMORDNINGSNUMMER' | 'NATIONAL_RESERVE' | 'REGIONAL_RESERVE';

export interface IdentifierCheck {
  value: string;
  valid: boolean;
  /** The kind the value is (valid) or looks like (invalid), when it can be told. */
  kind?: IdentifierKind;
  /** For a regional reserve number: the format's name. */
  format?: string;
  problems: string[];
}

const IDENTITY_PROBLEMS = {
  format: 'must be 12 digits YYYYMMDDNNNC',
  date: 'the date part is not a real date (a samordningsnummer has day + 60)',
  checksum: 'the check digit is wrong',
} as const;

/** A personnummer or samordningsnummer with a correct check digit. */
export function checkPersonidentitet(value: string): IdentifierCheck {
  const { identity, problem } = parseIdentity(value);
  const kind = identity ? (identity.kind === 'personnummer' ? 'PERSONNUMMER' : 'SAMORDNINGSNUMMER') : undefined;
  const problems = problem ? [IDENTITY_PROBLEMS[problem]] : [];
  return { value, valid: problems.length === 0, ...(kind ? { kind } : {}), problems };
}

/** A national reserve number, or a number in one of the formats (by name when given, else any). */
export function checkReserveId(
  value: string,
  formats: readonly CompiledFormat[],
  formatName?: string,
): IdentifierCheck {
  if (formatName !== undefined) {
    const format = formats.find((f) => f.name === formatName);
    if (!format) return { value, valid: false, problems: [`there is no regional reserve format ${formatName}`] };
    return format.regex.test(value)
      ? { value, valid: true, kind: 'REGIONAL_RESERVE', format: format.name, problems: [] }
      : {
          value,
          valid: false,
          kind: 'REGIONAL_RESERVE',
          format: format.name,
          problems: [`does not match format ${format.name}: ${format.description}`],
        };
  }
  const regional = formats.find((f) => f.regex.test(value));
  if (regional) return { value, valid: true, kind: 'REGIONAL_RESERVE', format: regional.name, problems: [] };
  const problems = nridProblems(value);
  return { value, valid: problems.length === 0, kind: 'NATIONAL_RESERVE', problems };
}

/** Any identifier: 12 digits are a personnummer/samordningsnummer, anything else a reserve number. */
export function checkIdentifier(value: string, formats: readonly CompiledFormat[]): IdentifierCheck {
  if (/^\d{12}$/.test(value)) {
    const regional = formats.find((f) => f.regex.test(value));
    const asIdentity = checkPersonidentitet(value);
    if (!asIdentity.valid && regional)
      return { value, valid: true, kind: 'REGIONAL_RESERVE', format: regional.name, problems: [] };
    return asIdentity;
  }
  return checkReserveId(value, formats);
}
