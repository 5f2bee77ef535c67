import { expect } from 'chai';
import { nridCheckCharacter, nridCheckDigits, nridProblems, parseNrid } from '../../../src/pu/reserve/nrid.js';
import type { TestServer } from '../../support/server.js';
import { PERSONNUMMER, SAMORDNINGSNUMMER, call, expectShape, start, type Json } from './support.js';

/**
 * Worked examples of the check character (Luhn over charCode − 48 of each character, doubling from the right):
 * each digit string, and the sum of its Luhn terms, worked out by hand.
 */
const WORKED = [
  // 2,2,8,5,0,3,1,2,A=17,B=18,3 → 2285031217183; from the right 6+8+2+7+2+2+2+3+0+5+7+2+4 = 50 → 0
  { eleven: '22850312AB3', digits: '2285031217183', check: '0', birthDate: '1985-03-12', sex: 'M' },
  // X=40, Y=41, X=40 → 00000000404140; 0+4+2+4+0+4 = 14 → 6 (unknown birth date and sex)
  { eleven: '00000000XYX', digits: '00000000404140', check: '6', birthDate: undefined, sex: 'U' },
  // Z=42 twice → 2324022942428; 7+2+8+2+8+9+4+2+0+4+4+3+4 = 57 → 3 (29 February 2024, a woman)
  { eleven: '23240229ZZ8', digits: '2324022942428', check: '3', birthDate: '2024-02-29', sex: 'K' },
  // H=24, J=26 → 2199123124261; 2+6+4+4+4+1+6+2+2+9+9+1+4 = 54 → 6 (31 December 1899, a man)
  { eleven: '21991231HJ1', digits: '2199123124261', check: '6', birthDate: '1899-12-31', sex: 'M' },
] as const;

describe('PU admin: identifier formats and check characters', () => {
  let server: TestServer;
  before(async () => {
    server = await start({
      puRegionalReserveFormats: [
        { name: 'EXEMPEL', pattern: '^99[0-9]{6}[A-Z][0-9]{3}$', description: 'the example format' },
        { name: 'VGR', pattern: 'VGR-[0-9]{8}', description: 'VGR- and eight digits, e.g. VGR-12345678' },
      ],
    });
  });
  after(() => server.close());

  const validate = async (value: string): Promise<Json> => {
    const answer = await call(server, 'GET', `/identifiers/${encodeURIComponent(value)}/validation`);
    expect(answer.status, answer.text).to.equal(200);
    expectShape('IdentifierCheck', answer.body);
    return answer.body;
  };

  describe('the NRID check character (worked examples)', () => {
    for (const w of WORKED) {
      it(`${w.eleven} → ${w.digits} → ${w.check}`, async () => {
        expect(nridCheckDigits(w.eleven)).to.equal(w.digits);
        expect(nridCheckCharacter(w.eleven)).to.equal(w.check);
        const nrid = `${w.eleven}${w.check}`;
        expect(parseNrid(nrid)).to.deep.equal({
          value: nrid,
          ...(w.birthDate ? { birthDate: w.birthDate } : {}),
          sex: w.sex,
        });
        expect(await validate(nrid)).to.deep.equal({
          value: nrid,
          valid: true,
          kind: 'NATIONAL_RESERVE',
          problems: [],
        });
      });
    }

    it('refuses every other check digit, naming the expected one', async () => {
      for (let d = 0; d <= 9; d++) {
        if (String(d) === WORKED[0].check) continue;
        const body = await validate(`${WORKED[0].eleven}${d}`);
        expect(body.valid).to.equal(false);
        expect(body.problems).to.deep.equal([`check digit is ${d}, expected 0`]);
      }
    });
  });

  describe('NRID format errors, each named', () => {
    const cases: [string, string, RegExp][] = [
      ['too short', '22850312AB3', /has 12 characters.*this has 11/],
      ['century 24', '24850312AB30', /XX must be 21, 22 or 23/],
      ['unknown date with a date', '00850312AB30', /XX is 00.*must be 000000, not 850312/],
      ['30 February', '22850230AB30', /YYMMDD must be a real date, 850230/],
      ['29 February in a common year', '22850229AB30', /real date/],
      ['month 13', '22851312AB30', /real date/],
      ['a lower-case letter', '22850312aB30', /character 9 \(NN\) must be a capital letter, not 'a'/],
      ['a digit for a letter', '228503121B30', /character 9 \(NN\) must be a capital letter, not '1'/],
      ['the letter C as G', '22850312ABC0', /character 11 \(G\) must be a digit .* or X/],
      ['a letter as check', '22850312AB3Z', /character 12 \(C\) must be a check digit/],
    ];
    for (const letter of ['I', 'O', 'Q', 'V', 'W'])
      cases.push([
        `the letter ${letter}`,
        `22850312A${letter}30`,
        new RegExp(`character 10 \\(NN\\) must not be '${letter}'`),
      ]);
    for (const [what, value, reason] of cases) {
      it(`${what}: ${value}`, async () => {
        const body = await validate(value);
        expect(body.valid).to.equal(false);
        expect(body.kind).to.equal('NATIONAL_RESERVE');
        expect((body.problems as string[]).join('; ')).to.match(reason);
        expect(nridProblems(value)).to.deep.equal(body.problems);
      });
    }

    it('lists several problems at once', () => {
      expect(nridProblems('24850312IO30')).to.have.length(3);
    });
  });

  describe('personnummer and samordningsnummer', () => {
    it("accepts Skatteverket's test numbers", async () => {
      for (const n of PERSONNUMMER.slice(0, 5))
        expect(await validate(n)).to.include({ valid: true, kind: 'PERSONNUMMER' });
      for (const n of SAMORDNINGSNUMMER.slice(0, 5))
        expect(await validate(n)).to.include({ valid: true, kind: 'SAMORDNINGSNUMMER' });
    });

    it('names a wrong check digit and an impossible date', async () => {
      const n = PERSONNUMMER[0] as string;
      const wrong = `${n.slice(0, 11)}${(Number(n[11]) + 1) % 10}`;
      expect(await validate(wrong)).to.deep.include({ valid: false, problems: ['the check digit is wrong'] });
      expect((await validate(`${n.slice(0, 4)}13${n.slice(6)}`)).problems).to.deep.equal([
        'the date part is not a real date (a samordningsnummer has day + 60)',
      ]);
    });
  });

  describe('regional reserve numbers (configured formats)', () => {
    it('recognises each configured format', async () => {
      expect(await validate('99850312K123')).to.deep.equal({
        value: '99850312K123',
        valid: true,
        kind: 'REGIONAL_RESERVE',
        format: 'EXEMPEL',
        problems: [],
      });
      expect(await validate('VGR-12345678')).to.include({ valid: true, format: 'VGR' });
    });

    it('anchors a pattern that does not say ^…$', async () => {
      expect((await validate('XVGR-12345678')).valid).to.equal(false);
      expect((await validate('VGR-123456789')).valid).to.equal(false);
    });

    it('lists the formats', async () => {
      const answer = await call(server, 'GET', '/reserve-formats');
      expect((answer.body.formats as Json[]).map((f) => f.name)).to.deep.equal(['EXEMPEL', 'VGR']);
    });

    it('refuses to start with a broken format', async () => {
      let error: unknown;
      try {
        const broken = await start({ puRegionalReserveFormats: [{ name: 'X', pattern: '([', description: 'x' }] });
        await broken.close();
      } catch (e) {
        error = e;
      }
      expect(String(error)).to.match(/puRegionalReserveFormats\[0\]\.pattern is not a regular expression/);
    });
  });
});
