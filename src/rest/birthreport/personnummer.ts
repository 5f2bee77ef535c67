/**
 * A newborn's personnummer: the child's date of birth (YYYYMMDD), a birth number NNN whose last digit is odd for a
 * boy and even for a girl, and the Luhn check digit. Which free birth number is chosen is seeded by the report, so
 * the same store and the same reports always give the same numbers.
 */
import { luhnCheckDigit } from '../../population/identity.js';
import { SeededRandom } from '../../population/random.js';

/**
 * Birth numbers 230–239 are left out: Skatteverket's public test numbers for recent years use exactly those, so a
 * newborn never takes a number that tests elsewhere use as a fixture person.
 */
function isReserved(birthNumber: number): boolean {
  return Math.floor(birthNumber / 10) === 23;
}

/** The birth numbers a child of this sex can get, in ascending order (001–999, the sex digit's parity fixed). */
export function birthNumbers(gender: 'BOY' | 'GIRL'): number[] {
  const out: number[] = [];
  for (let n = 1; n <= 999; n++) {
    if (n % 2 === (gender === 'BOY' ? 1 : 0) && !isReserved(n)) out.push(n);
  }
  return out;
}

/** The full 12-digit personnummer for a date (YYYY-MM-DD) and a birth number. */
export function personnummer(date: string, birthNumber: number): string {
  const yyyymmdd = date.replaceAll('-', '');
  const nine = `${yyyymmdd.slice(2)}${String(birthNumber).padStart(3, '0')}`;
  return `${yyyymmdd}${nine.slice(6)}${luhnCheckDigit(nine)}`;
}

/**
 * The first free personnummer for the child, starting at a point seeded by `seed` and going round all birth
 * numbers once; undefined when every one of them is taken (the report then needs manual handling).
 */
export function allocatePersonnummer(
  date: string,
  gender: 'BOY' | 'GIRL',
  seed: string,
  isTaken: (number: string) => boolean,
): string | undefined {
  const candidates = birthNumbers(gender);
  const start = new SeededRandom(`birthreport:${seed}`).int(0, candidates.length - 1);
  for (let i = 0; i < candidates.length; i++) {
    const number = personnummer(date, candidates[(start + i) % candidates.length] as number);
    if (!isTaken(number)) return number;
  }
  return undefined;
}
