import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { isValidOrganisationsnummer, luhnCheckDigit, parseIdentity } from '../../src/population/identity.js';
import { readList, testnummer } from '../../src/population/testnummer.js';
import { REFERENCE_ROOT } from '../support/reference.js';

describe('Identity numbers', () => {
  it('parses a personnummer: birth date, sex, check digit', () => {
    const { identity, problem } = parseIdentity('197706282394');
    expect(problem).to.equal(undefined);
    expect(identity).to.include({ kind: 'personnummer', birthDate: '1977-06-28', sex: 'M', checksumValid: true });
  });

  it('parses samordningsnummer with day + 60, an unknown day (60) and an unknown month (00)', () => {
    expect(parseIdentity('198110892380').identity).to.deep.include({
      kind: 'samordningsnummer',
      birthDate: '1981-10-29',
      birthDateKnown: { month: true, day: true },
    });
    expect(parseIdentity('196400702392').identity).to.deep.include({
      kind: 'samordningsnummer',
      birthDate: '1964-01-10',
      birthDateKnown: { month: false, day: true },
    });
    expect(parseIdentity('191806602395').identity).to.deep.include({
      kind: 'samordningsnummer',
      birthDateKnown: { month: true, day: false },
    });
    expect(parseIdentity('191500722390').identity).to.deep.include({
      kind: 'samordningsnummer',
      birthDateKnown: { month: false, day: true },
    });
  });

  it('tells format, impossible date and wrong check digit apart', () => {
    expect(parseIdentity('19770628239').problem).to.equal('format');
    expect(parseIdentity('197713282394').problem).to.equal('date');
    expect(parseIdentity('197702302394').problem).to.equal('date');
    expect(parseIdentity('197706282395')).to.deep.include({ problem: 'checksum' });
  });

  it('computes the Luhn check digit', () => {
    expect(luhnCheckDigit('770628239')).to.equal(4);
  });

  it('validates organisationsnummer in 10- and 12-digit form', () => {
    expect(isValidOrganisationsnummer('2120002411')).to.equal(true);
    expect(isValidOrganisationsnummer('162120002411')).to.equal(true);
    expect(isValidOrganisationsnummer('212000-2411')).to.equal(true);
    expect(isValidOrganisationsnummer('2120002412')).to.equal(false);
    expect(isValidOrganisationsnummer('2100002411')).to.equal(false);
  });

  it("accepts every number in Skatteverket's CC0 test series (the shipped copy) with the right kind", () => {
    for (const kind of ['personnummer', 'samordningsnummer'] as const) {
      const numbers = testnummer(kind);
      expect(numbers.length, kind).to.be.greaterThan(4000);
      const wrong = numbers.filter((n) => {
        const { identity, problem } = parseIdentity(n);
        return problem !== undefined || identity?.kind !== kind;
      });
      expect(wrong, kind).to.deep.equal([]);
    }
  });

  it('ships exactly the test series of the reference material (fixtures/testnummer)', function () {
    const dir = path.join(REFERENCE_ROOT, 'skatteverket-testnummer');
    if (!fs.existsSync(dir)) {
      console.log(`      (skipped: ${dir} not found; the shipped copy is used as it is)`);
      this.skip();
    }
    for (const kind of ['personnummer', 'samordningsnummer'] as const) {
      expect(testnummer(kind), kind).to.deep.equal(readList(path.join(dir, `${kind}.txt`)));
    }
  });
});
