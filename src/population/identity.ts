/**
 * Swedish identity numbers (personnummer and samordningsnummer) in the 12-digit form SSBTEK uses.
 *
 * Own code rather than the `personnummer` package: that package (3.2.1) rejects 192 of Skatteverket's own CC0
 * test numbers — samordningsnummer whose day is 60 (unknown day) or whose month is 00 (unknown month).
 */
export type IdentityKind = 'personnummer' | 'samordningsnummer';

export interface Identity {
  /** The 12 digits as given. */
  number: string;
  kind: IdentityKind;
  /** Birth date as YYYY-MM-DD; month/day default to 01 where Skatteverket marks them unknown (00 / day 60). */
  birthDate: string;
  birthDateKnown: { month: boolean; day: boolean };
  sex: 'M' | 'K';
  /** The check digit matches (Luhn over the ten digits YYMMDDNNN C). */
  checksumValid: boolean;
}

export type IdentityProblem = 'format' | 'date' | 'checksum';

/** Luhn check digit over the nine digits YYMMDDNNN. */
export function luhnCheckDigit(nineDigits: string): number {
  let sum = 0;
  for (let i = 0; i < nineDigits.length; i++) {
    let d = nineDigits.charCodeAt(i) - 48;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Parses a 12-digit identity. Returns the identity, or the first problem found: not 12 digits, an impossible
 * date, or a wrong check digit (the identity is still returned with checksumValid false in that case).
 */
export function parseIdentity(value: string): { identity?: Identity; problem?: IdentityProblem } {
  if (!/^\d{12}$/.test(value)) return { problem: 'format' };
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(4, 6));
  let day = Number(value.slice(6, 8));
  const kind: IdentityKind = day > 60 || day === 60 ? 'samordningsnummer' : 'personnummer';
  if (kind === 'samordningsnummer') day -= 60;
  const unknownMonth = kind === 'samordningsnummer' && month === 0;
  const unknownDay = kind === 'samordningsnummer' && day === 0;
  if (!unknownMonth && (month < 1 || month > 12)) return { problem: 'date' };
  // A samordningsnummer's day is checked against 1–31 only: Skatteverket's own test series has 24 with a day the
  // month lacks (e.g. 192004912388, 31 April); the birth date is then taken as the month's last day.
  const lastDay = daysInMonth(year, unknownMonth ? 1 : month);
  if (!unknownDay && (day < 1 || day > (kind === 'samordningsnummer' ? 31 : lastDay))) return { problem: 'date' };
  if (kind === 'personnummer' && day === 0) return { problem: 'date' };
  if (day > lastDay) day = lastDay;
  const checksumValid = luhnCheckDigit(value.slice(2, 11)) === Number(value[11]);
  const identity: Identity = {
    number: value,
    kind,
    birthDate: `${value.slice(0, 4)}-${pad(unknownMonth ? 1 : month)}-${pad(unknownDay ? 1 : day)}`,
    birthDateKnown: { month: !unknownMonth, day: !unknownDay },
    sex: Number(value[10]) % 2 === 1 ? 'M' : 'K',
    checksumValid,
  };
  return checksumValid ? { identity } : { identity, problem: 'checksum' };
}

/** Age in whole years on `today` (YYYY-MM-DD). */
export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** The 12-digit organisationsnummer SSBTEK uses (16 + ten digits) as the ten-digit NNNNNN-NNNN form. */
export function organisationsnummerWithHyphen(twelve: string): string {
  const ten = twelve.length === 12 ? twelve.slice(2) : twelve;
  return `${ten.slice(0, 6)}-${ten.slice(6)}`;
}

/** An organisationsnummer (10 digits, or 12 with a two-digit prefix) whose last digit is its Luhn check digit. */
export function isValidOrganisationsnummer(value: string): boolean {
  const digits = value.replace('-', '');
  if (!/^(\d{2})?\d{10}$/.test(digits)) return false;
  const ten = digits.slice(-10);
  return Number(ten[2]) >= 2 && luhnCheckDigit(ten.slice(0, 9)) === Number(ten[9]);
}
