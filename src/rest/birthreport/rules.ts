/**
 * The field rules the OpenAPI schema cannot express. They run on the raw body, also when the schema already failed,
 * so a 400 lists every violation at once; a rule only looks at fields whose shape is right (a wrongly typed field
 * is the schema's finding, not reported twice).
 */
import { isValidIsoDate } from '../../population/dates.js';
import { parseIdentity } from '../../population/identity.js';
import { valueText, type InvalidParameter } from './errors.js';
import { twelveDigits } from './report.js';

type Json = Record<string, unknown>;

const ID_PATTERN = /^\d{8}[-+]?\d{4}$/;
const YEAR = /^(19\d{2}|20\d{2}|2100)$/;
const MONTH = /^(0[1-9]|1[0-2])$/;
const DAY = /^(0[1-9]|[12]\d|3[01])$/;

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isSmallInt(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 9;
}

export function ruleViolations(body: unknown, today: string): InvalidParameter[] {
  if (!isObject(body)) return [];
  const out: InvalidParameter[] = [];
  for (const role of ['mother', 'father'] as const) {
    if (isObject(body[role])) out.push(...parentViolations(role, body[role]));
  }
  const child = body.child;
  if (isObject(child)) {
    if (typeof child.date === 'string' && isValidIsoDate(child.date) && child.date > today) {
      out.push({ property: 'child.date', value: child.date, reason: `must not be later than today (${today})` });
    }
    const total = body.totalNumberOfChildren;
    if (isSmallInt(child.order) && isSmallInt(total) && child.order > total) {
      out.push({
        property: 'child.order',
        value: String(child.order),
        reason: `must not be greater than totalNumberOfChildren (${total})`,
      });
    }
  }
  return out;
}

function parentViolations(role: 'mother' | 'father', parent: Json): InvalidParameter[] {
  const out: InvalidParameter[] = [];
  const hasNumber = parent.personalIdentityNumber !== undefined;
  const hasDate = parent.dateOfBirth !== undefined;
  if (hasNumber === hasDate) {
    out.push({
      property: role,
      value: valueText({ personalIdentityNumber: parent.personalIdentityNumber, dateOfBirth: parent.dateOfBirth }),
      reason: hasNumber
        ? 'personalIdentityNumber and dateOfBirth cannot both be set'
        : 'either personalIdentityNumber or dateOfBirth must be set',
    });
  }
  const number = parent.personalIdentityNumber;
  if (isObject(number) && typeof number.id === 'string' && ID_PATTERN.test(number.id)) {
    // A wrong check digit is not a field error: the number has the right form, Skatteverket just does not know it
    // (manual handling, confirmation code 203). An impossible date is.
    const { problem } = parseIdentity(twelveDigits(number.id));
    if (problem === 'format' || problem === 'date') {
      out.push({
        property: `${role}.personalIdentityNumber.id`,
        value: number.id,
        reason: 'is not a personal identity number: its date part is not a real date',
      });
    }
  }
  const date = parent.dateOfBirth;
  if (isObject(date)) out.push(...partialDateViolations(`${role}.dateOfBirth`, date));
  return out;
}

function partialDateViolations(property: string, date: Json): InvalidParameter[] {
  const { year, month, day } = date;
  const yearOk = typeof year === 'string' && YEAR.test(year);
  const monthOk = typeof month === 'string' && MONTH.test(month);
  const dayOk = typeof day === 'string' && DAY.test(day);
  if (day !== undefined && month === undefined) {
    return [{ property: `${property}.day`, value: valueText(day), reason: 'cannot be set without month' }];
  }
  if (yearOk && monthOk && dayOk && !isValidIsoDate(`${year}-${month}-${day}`)) {
    return [{ property, value: `${year}-${month}-${day}`, reason: 'is not a real calendar date' }];
  }
  return [];
}
