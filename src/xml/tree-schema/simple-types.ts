import { UnsupportedSchema, type SimpleTypeDef } from './model.js';

/**
 * XML Schema's built-in simple types and facets, as tests on a value as written. Each test may be stricter than
 * XML Schema (a value it refuses goes to libxml2, which decides), never looser:
 *
 * - no whitespace normalization: a value that would change under its type's `replace` or `collapse` is refused;
 * - a value holding a character outside the Basic Multilingual Plane is refused wherever lengths or patterns count
 *   characters (JavaScript counts UTF-16 units);
 * - lexical forms are the usual ones only (no year 0000 or beyond 9999, no 24:00:00, no leap second).
 */

/** Characters XML 1.0 allows; anything else could not be written as well-formed XML. */
// A lone surrogate is outside it too (the u flag reads pairs as one character).
const NOT_XML_CHAR = /[^\t\n\r\x20-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u;
const SURROGATE = /[\ud800-\udfff]/;
/** What `replace` would change (tab, line feed, carriage return). */
const NOT_NORMALIZED = /[\t\n\r]/;
/** What `collapse` would change: besides those, leading, trailing or doubled spaces. */
const NOT_COLLAPSED = /[\t\n\r]|^ | $| {2}/;

/** Whether every character of `value` is one XML allows. */
export function isXmlText(value: string): boolean {
  return !NOT_XML_CHAR.test(value);
}

type Whitespace = 'preserve' | 'replace' | 'collapse';

/** A built-in type: its whitespace rule, its lexical test and, for numbers, its value for range facets. */
interface Builtin {
  whitespace: Whitespace;
  lexical: (value: string) => boolean;
  numeric?: boolean;
  /** Lengths count octets, not characters (not modelled). */
  binary?: boolean;
}

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})(Z|[+-]\d{2}:\d{2})?$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;
const G_YEAR = /^(\d{4})(Z|[+-]\d{2}:\d{2})?$/;
/** XML Schema 1.0's canonical grammar for base64Binary, without the whitespace it also allows. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/][AQgw]==|[A-Za-z0-9+/]{2}[AEIMQUYcgkosw048]=)?$/;
const URI_CHARS = /^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]*$/;

function integerIn(min: bigint | undefined, max: bigint | undefined): (value: string) => boolean {
  return (value) => {
    if (!INTEGER.test(value)) return false;
    if (min === undefined && max === undefined) return true;
    const n = BigInt(value);
    return (min === undefined || n >= min) && (max === undefined || n <= max);
  };
}

function timezoneOk(zone: string | undefined): boolean {
  if (zone === undefined || zone === 'Z') return true;
  const hours = Number(zone.slice(1, 3));
  const minutes = Number(zone.slice(4, 6));
  return minutes <= 59 && (hours < 14 || (hours === 14 && minutes === 0));
}

function dayOk(year: number, month: number, day: number): boolean {
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= days;
}

const BUILTINS: Record<string, Builtin> = {
  string: { whitespace: 'preserve', lexical: () => true },
  normalizedString: { whitespace: 'replace', lexical: () => true },
  token: { whitespace: 'collapse', lexical: () => true },
  boolean: { whitespace: 'collapse', lexical: (v) => v === 'true' || v === 'false' || v === '1' || v === '0' },
  decimal: { whitespace: 'collapse', lexical: (v) => DECIMAL.test(v), numeric: true },
  integer: { whitespace: 'collapse', lexical: integerIn(undefined, undefined), numeric: true },
  long: { whitespace: 'collapse', lexical: integerIn(-(2n ** 63n), 2n ** 63n - 1n), numeric: true },
  int: { whitespace: 'collapse', lexical: integerIn(-(2n ** 31n), 2n ** 31n - 1n), numeric: true },
  short: { whitespace: 'collapse', lexical: integerIn(-32768n, 32767n), numeric: true },
  byte: { whitespace: 'collapse', lexical: integerIn(-128n, 127n), numeric: true },
  nonNegativeInteger: { whitespace: 'collapse', lexical: (v) => /^\+?\d+$/.test(v), numeric: true },
  positiveInteger: { whitespace: 'collapse', lexical: (v) => /^\+?\d+$/.test(v) && /[1-9]/.test(v), numeric: true },
  date: {
    whitespace: 'collapse',
    lexical: (v) => {
      const m = DATE.exec(v);
      return !!m && dayOk(Number(m[1]), Number(m[2]), Number(m[3])) && timezoneOk(m[4]);
    },
  },
  dateTime: {
    whitespace: 'collapse',
    lexical: (v) => {
      const m = DATE_TIME.exec(v);
      if (!m || !dayOk(Number(m[1]), Number(m[2]), Number(m[3]))) return false;
      return Number(m[4]) <= 23 && Number(m[5]) <= 59 && Number(m[6]) <= 59 && timezoneOk(m[7]);
    },
  },
  gYear: {
    whitespace: 'collapse',
    lexical: (v) => {
      const m = G_YEAR.exec(v);
      return !!m && Number(m[1]) >= 1 && timezoneOk(m[2]);
    },
  },
  anyURI: { whitespace: 'collapse', lexical: (v) => URI_CHARS.test(v) },
  base64Binary: { whitespace: 'collapse', lexical: (v) => BASE64.test(v), binary: true },
};

/** Whether the named built-in type (local name in XML Schema's namespace) is modelled. */
export function isBuiltin(name: string): boolean {
  return Object.hasOwn(BUILTINS, name);
}

/** A restriction's facets as the schema writes them (each value as written). */
export interface Facets {
  enumeration: string[];
  pattern: string[];
  length?: number;
  minLength?: number;
  maxLength?: number;
  minInclusive?: string;
  maxInclusive?: string;
  minExclusive?: string;
  maxExclusive?: string;
  totalDigits?: number;
  fractionDigits?: number;
}

/** A simple type derived by restriction, down to its built-in type: the base's tests plus this step's facets. */
export interface DerivedSimpleType extends SimpleTypeDef {
  builtin: Builtin;
}

export function builtinType(name: string): DerivedSimpleType {
  const builtin = BUILTINS[name];
  if (!builtin) throw new UnsupportedSchema(`built-in type xs:${name}`);
  const whitespaceOk = whitespaceTest(builtin.whitespace);
  return { kind: 'simple', builtin, accepts: (v) => whitespaceOk(v) && isXmlText(v) && builtin.lexical(v) };
}

function whitespaceTest(rule: Whitespace): (value: string) => boolean {
  if (rule === 'replace') return (v) => !NOT_NORMALIZED.test(v);
  if (rule === 'collapse') return (v) => !NOT_COLLAPSED.test(v);
  return () => true;
}

/** `base` restricted by `facets` (one derivation step: patterns of a step are alternatives, steps all apply). */
export function restrict(base: DerivedSimpleType, facets: Facets): DerivedSimpleType {
  const tests: ((value: string) => boolean)[] = [];
  const { builtin } = base;
  if (facets.enumeration.length > 0) {
    const values = new Set(facets.enumeration);
    tests.push((v) => values.has(v));
  }
  if (facets.pattern.length > 0) {
    const patterns = facets.pattern.map(toJsPattern);
    tests.push((v) => !SURROGATE.test(v) && patterns.some((p) => p.test(v)));
  }
  const lengths = [facets.length, facets.minLength, facets.maxLength];
  if (lengths.some((l) => l !== undefined)) {
    if (builtin.numeric || builtin.binary) throw new UnsupportedSchema('a length facet on a number or binary');
    const [exact, min, max] = lengths;
    tests.push(
      (v) =>
        !SURROGATE.test(v) &&
        (exact === undefined || v.length === exact) &&
        (min === undefined || v.length >= min) &&
        (max === undefined || v.length <= max),
    );
  }
  const bounds = [facets.minInclusive, facets.maxInclusive, facets.minExclusive, facets.maxExclusive];
  if (bounds.some((b) => b !== undefined)) {
    if (!builtin.numeric) throw new UnsupportedSchema('a range facet on a type that is not a number');
    const [minIn, maxIn, minEx, maxEx] = bounds.map((b) => (b === undefined ? undefined : Number(b)));
    tests.push((v) => {
      // Only values a double holds exactly are compared here; others go to libxml2.
      if (v.replace(/^[+-]/, '').replace('.', '').replace(/^0+/, '').length > 15) return false;
      const n = Number(v);
      return (
        (minIn === undefined || n >= minIn) &&
        (maxIn === undefined || n <= maxIn) &&
        (minEx === undefined || n > minEx) &&
        (maxEx === undefined || n < maxEx)
      );
    });
  }
  if (facets.totalDigits !== undefined || facets.fractionDigits !== undefined) {
    if (!builtin.numeric) throw new UnsupportedSchema('a digits facet on a type that is not a number');
    const { totalDigits, fractionDigits } = facets;
    tests.push((v) => {
      // Digits as written (leading and trailing zeros counted): stricter than the value's own digits.
      const [whole = '', fraction = ''] = v.replace(/^[+-]/, '').split('.');
      return (
        (totalDigits === undefined || whole.length + fraction.length <= totalDigits) &&
        (fractionDigits === undefined || fraction.length <= fractionDigits)
      );
    });
  }
  return {
    kind: 'simple',
    builtin,
    accepts: (v) => {
      if (!base.accepts(v)) return false;
      for (const test of tests) if (!test(v)) return false;
      return true;
    },
  };
}

/**
 * An XML Schema pattern as an anchored JavaScript regular expression, for the plain subset the schemas use:
 * literals, character classes, groups, alternatives, quantifiers, and the escapes below. XML Schema's `\d` is any
 * Unicode digit and JavaScript's only 0-9 (stricter, so kept). Anything else (`\p`, `\i`, `\c`, `\w`, class
 * subtraction) is not modelled.
 */
export function toJsPattern(pattern: string): RegExp {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      const next = pattern[++i];
      if (next === undefined) throw new UnsupportedSchema(`pattern ${pattern}`);
      if (next === 's') out += inClass ? ' \\t\\n\\r' : '[ \\t\\n\\r]';
      else if (next === 'S' && !inClass) out += '[^ \\t\\n\\r]';
      else if (next === 'd' || (next === 'D' && !inClass)) out += '\\' + next;
      else if (next === 'n' || next === 'r' || next === 't') out += '\\' + next;
      else if ('\\|.-^?*+{}()[]$'.includes(next)) out += '\\' + next;
      else throw new UnsupportedSchema(`escape \\${next} in pattern ${pattern}`);
    } else if (c === '[') {
      if (inClass) throw new UnsupportedSchema(`class subtraction in pattern ${pattern}`);
      inClass = true;
      out += c;
    } else if (c === ']') {
      inClass = false;
      out += c;
    } else if ((c === '^' && !(inClass && pattern[i - 1] === '[')) || c === '$') {
      out += '\\' + c; // literal in XML Schema, an anchor in JavaScript
    } else out += c;
  }
  if (inClass) throw new UnsupportedSchema(`pattern ${pattern}`);
  return new RegExp(`^(?:${out})$`);
}
