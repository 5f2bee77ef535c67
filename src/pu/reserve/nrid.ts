/**
 * Inera's national reserve number (NRID, "nationellt reservID"): twelve characters `XXYYMMDDNNGC`.
 *
 * - `XX` century + 3 (18xx → 21, 19xx → 22, 20xx → 23), or `00` when the birth date is unknown; then `YYMMDD` is
 *   `000000` too (an unknown date is never half known).
 * - `YYMMDD` the birth date (a real calendar date in that century).
 * - `NN` two letters A–Z without I, O, Q, V and W (they are easily mistaken for 1, 0, O, U and VV).
 * - `G` the sex: a digit, odd for a man and even for a woman (as in a personnummer), or the letter `X` when the sex
 *   is unknown.
 * - `C` the check character, a digit: Luhn over the first eleven characters, each character replaced by the
 *   decimal digits of its character code − 48 ('0'–'9' → 0–9, 'A' → 17, 'B' → 18, …, 'X' → 40, 'Z' → 42). The
 *   digit string is then checked as a Luhn payload: from its rightmost digit leftwards every other digit is
 *   doubled (the rightmost one included), a doubled value over 9 has 9 taken off, and C = (10 − sum mod 10) mod 10.
 */
import { randomInt } from 'node:crypto';

export const NRID_LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('').filter((c) => !'IOQVW'.includes(c));
export const UNKNOWN_SEX = 'X';

export interface Nrid {
  value: string;
  /** YYYY-MM-DD, or undefined when the birth date is unknown (XX = 00). */
  birthDate?: string;
  sex: 'M' | 'K' | 'U';
}

/** The digit string the check character is computed over: every character as charCode − 48, in decimal. */
export function nridCheckDigits(eleven: string): string {
  return [...eleven].map((c) => String(c.charCodeAt(0) - 48)).join('');
}

/** Luhn over a digit string, doubling from the rightmost digit. */
export function luhn(digits: string): number {
  let sum = 0;
  for (let i = digits.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

export function nridCheckCharacter(eleven: string): string {
  return String(luhn(nridCheckDigits(eleven)));
}

/** Each problem found, in reading order; an empty list means a valid NRID. */
export function nridProblems(value: string): string[] {
  if (value.length !== 12) return [`an NRID has 12 characters (XXYYMMDDNNGC), this has ${value.length}`];
  const problems: string[] = [];
  const xx = value.slice(0, 2);
  const date = value.slice(2, 8);
  if (xx === '00') {
    if (date !== '000000') problems.push(`XX is 00 (unknown birth date), so YYMMDD must be 000000, not ${date}`);
  } else if (!['21', '22', '23'].includes(xx)) {
    problems.push(`XX must be 21, 22 or 23 (century + 3) or 00 (unknown birth date), not ${xx}`);
  } else if (!/^\d{6}$/.test(date) || !isRealDate(`${Number(xx) - 3}${date}`)) {
    problems.push(`YYMMDD must be a real date, ${date} is not`);
  }
  for (const [i, letter] of [...value.slice(8, 10)].entries()) {
    if (!/^[A-Z]$/.test(letter)) problems.push(`character ${9 + i} (NN) must be a capital letter, not '${letter}'`);
    else if (!NRID_LETTERS.includes(letter))
      problems.push(`character ${9 + i} (NN) must not be '${letter}' (I, O, Q, V and W are never used)`);
  }
  const g = value[10] ?? '';
  if (!/^[0-9]$/.test(g) && g !== UNKNOWN_SEX)
    problems.push(`character 11 (G) must be a digit (odd man, even woman) or X (unknown sex), not '${g}'`);
  const c = value[11] ?? '';
  if (!/^[0-9]$/.test(c)) problems.push(`character 12 (C) must be a check digit, not '${c}'`);
  else if (problems.length === 0 && nridCheckCharacter(value.slice(0, 11)) !== c)
    problems.push(`check digit is ${c}, expected ${nridCheckCharacter(value.slice(0, 11))}`);
  return problems;
}

export function parseNrid(value: string): Nrid | undefined {
  if (nridProblems(value).length > 0) return undefined;
  const xx = value.slice(0, 2);
  const g = value[10] as string;
  return {
    value,
    ...(xx === '00'
      ? {}
      : { birthDate: `${Number(xx) - 3}${value.slice(2, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}` }),
    sex: g === UNKNOWN_SEX ? 'U' : Number(g) % 2 === 1 ? 'M' : 'K',
  };
}

/** A random valid NRID for a birth date (YYYY-MM-DD, 1800–2099) or none, and a sex; `taken` decides uniqueness. */
export function generateNrid(
  birthDate: string | undefined,
  sex: 'M' | 'K' | 'U' | undefined,
  taken: (candidate: string) => boolean,
): string | undefined {
  const prefix = birthDate
    ? `${Number(birthDate.slice(0, 2)) + 3}${birthDate.slice(2, 4)}${birthDate.slice(5, 7)}${birthDate.slice(8, 10)}`
    : '00000000';
  const sexes = sex === 'M' ? ['1', '3', '5', '7', '9'] : sex === 'K' ? ['0', '2', '4', '6', '8'] : [UNKNOWN_SEX];
  const candidates: string[] = [];
  for (const a of NRID_LETTERS) for (const b of NRID_LETTERS) for (const g of sexes) candidates.push(`${a}${b}${g}`);
  // A random order (Fisher–Yates), so numbers are not handed out in a guessable sequence.
  for (let i = candidates.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [candidates[i], candidates[j]] = [candidates[j] as string, candidates[i] as string];
  }
  for (const tail of candidates) {
    const eleven = `${prefix}${tail}`;
    const value = `${eleven}${nridCheckCharacter(eleven)}`;
    if (!taken(value)) return value;
  }
  return undefined;
}

function isRealDate(yyyymmdd: string): boolean {
  const [y, m, d] = [yyyymmdd.slice(0, 4), yyyymmdd.slice(4, 6), yyyymmdd.slice(6, 8)].map(Number) as [
    number,
    number,
    number,
  ];
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** A YYYY-MM-DD that is a real date between 1800-01-01 and 2099-12-31. */
export function isNridBirthDate(value: string): boolean {
  return /^(18|19|20)\d{2}-\d{2}-\d{2}$/.test(value) && isRealDate(value.replace(/-/g, ''));
}
