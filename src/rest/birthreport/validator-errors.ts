/**
 * Turns express-openapi-validator's errors into the service's invalidParameters: one entry per violation, the
 * property as a dotted path (mother.personalIdentityNumber.id, residentialAddress[2]), the rejected value, and a
 * reason a reporter can act on.
 */
import { valueText, type InvalidParameter } from './errors.js';

export interface ValidatorErrorItem {
  path: string;
  message: string;
  errorCode?: string;
}

/** Reasons for pattern rules, by the field's name (the validator's own text would quote the regular expression). */
const PATTERN_REASONS: Record<string, string> = {
  id: 'must be a personal identity number YYYYMMDDNNNN, YYYYMMDD-NNNN or YYYYMMDD+NNNN',
  oid: 'must be an object identifier (numbers separated by dots), e.g. 1.2.752.129.2.1.3.1',
  year: 'must be a year of 4 digits between 1900 and 2100',
  month: 'must be a month of 2 digits between 01 and 12',
  day: 'must be a day of 2 digits between 01 and 31',
  reporter: 'must not be blank',
  municipality: 'must not be blank',
};

const HEADER_NAMES: Record<string, string> = { 'x-emulator-error': 'X-Emulator-Error', 'x-trace-id': 'x-trace-id' };

export function fromValidatorErrors(
  errors: readonly ValidatorErrorItem[],
  body: unknown,
  headers: Record<string, unknown>,
): InvalidParameter[] {
  return errors.map((error) => {
    const segments = error.path
      .split('/')
      .filter((s) => s !== '')
      .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    const [where, ...rest] = segments;
    const rule = (error.errorCode ?? '').replace(/\.openapi\.validation$/, '');
    if (where === 'headers') {
      const name = rest[0] ?? '';
      return {
        property: HEADER_NAMES[name] ?? name,
        value: valueText(headers[name]),
        reason: reasonFor(rule, name, error),
      };
    }
    const pathInBody = where === 'body' ? rest : segments;
    return {
      property: dotted(pathInBody),
      value: rule === 'required' ? null : valueText(valueAt(body, pathInBody)),
      reason: reasonFor(rule, pathInBody[pathInBody.length - 1] ?? '', error),
    };
  });
}

function reasonFor(rule: string, field: string, error: ValidatorErrorItem): string {
  if (rule === 'required') return 'is required';
  if (rule === 'pattern') return PATTERN_REASONS[field] ?? error.message;
  if (rule === 'format' && /"uuid"/.test(error.message))
    return 'must be a UUID, e.g. e58ed763-928c-4155-bee9-fdbaaadc15f3';
  if (rule === 'format' && /"date"/.test(error.message)) return 'must be a real date in the form YYYY-MM-DD';
  return error.message;
}

/** ['mother', 'name', 'firstName'] → mother.name.firstName; ['phoneNumber', '2'] → phoneNumber[2]; [] → body. */
export function dotted(segments: readonly string[]): string {
  if (segments.length === 0) return 'body';
  return segments.reduce((out, s, i) => (/^\d+$/.test(s) ? `${out}[${s}]` : i === 0 ? s : `${out}.${s}`), '');
}

function valueAt(root: unknown, segments: readonly string[]): unknown {
  let cursor = root;
  for (const s of segments) {
    if (cursor === null || typeof cursor !== 'object') return undefined;
    cursor = (cursor as Record<string, unknown>)[s];
  }
  return cursor;
}
