import { expect } from 'chai';
import { parseIdentity } from '../../../src/population/identity.js';
import { allocatePersonnummer, birthNumbers, personnummer } from '../../../src/rest/birthreport/personnummer.js';

describe('Birth report: a newborn’s personnummer (unit)', () => {
  it('has 495 birth numbers for boys (odd) and 494 for girls (even, no 000), never 230–239', () => {
    for (const gender of ['BOY', 'GIRL'] as const) {
      const numbers = birthNumbers(gender);
      expect(numbers).to.have.length(gender === 'BOY' ? 495 : 494);
      expect(numbers.every((n) => n >= 1 && n <= 999 && n % 2 === (gender === 'BOY' ? 1 : 0))).to.equal(true);
      expect(numbers.filter((n) => n >= 230 && n <= 239)).to.deep.equal([]);
    }
  });

  it('builds the number from the date and birth number with the right check digit', () => {
    for (const n of [1, 42, 999]) {
      const number = personnummer('2026-11-20', n);
      expect(number.slice(0, 11)).to.equal(`20261120${String(n).padStart(3, '0')}`);
      const { identity, problem } = parseIdentity(number);
      expect(problem).to.equal(undefined);
      expect(identity?.birthDate).to.equal('2026-11-20');
    }
  });

  it('chooses deterministically by seed, skips taken numbers, and gives up when all are taken', () => {
    const first = allocatePersonnummer('2026-11-20', 'GIRL', 'seed-a', () => false);
    expect(allocatePersonnummer('2026-11-20', 'GIRL', 'seed-a', () => false)).to.equal(first);
    const next = allocatePersonnummer('2026-11-20', 'GIRL', 'seed-a', (n) => n === first);
    expect(next).to.be.a('string').and.not.equal(first);
    expect(allocatePersonnummer('2026-11-20', 'BOY', 'seed-a', () => true)).to.equal(undefined);
  });
});
