import { expect } from 'chai';
import { parseIdentity } from '../../../src/population/identity.js';
import { aktivTom, kanFornyasFran, tilldelningsdatum } from '../../../src/rest/samordningsnummer/fornyelse.js';
import { SlidingWindowLimiter } from '../../../src/rest/samordningsnummer/rate-limit.js';
import { NUMMER } from './support.js';

describe('Samordningsnummer (REST): the rules in isolation', () => {
  it('a number is active to the end of the fifth calendar year after the year it was assigned or renewed', () => {
    expect(aktivTom('2021-03-14')).to.equal('2026-12-31');
    expect(kanFornyasFran('2021-03-14')).to.equal('2026-01-01');
    expect(aktivTom('2026-11-24')).to.equal('2031-12-31');
  });

  it('a number assigned before 2016 counts as assigned in 2016 (18 d § folkbokföringslagen)', () => {
    expect(aktivTom('2012-07-01')).to.equal('2021-12-31');
    expect(kanFornyasFran('2015-12-31')).to.equal('2021-01-01');
  });

  it('the assignment day is derived from the number alone, within 2010–2026 and never before birth', () => {
    for (const nummer of [...NUMMER.vilande, ...NUMMER.aktuella]) {
      const identity = parseIdentity(nummer).identity!;
      const day = tilldelningsdatum(identity);
      expect(day).to.equal(tilldelningsdatum(identity));
      expect(day >= '2010-01-01' && day <= '2026-12-31', day).to.equal(true);
      expect(day >= identity.birthDate).to.equal(true);
    }
    expect(tilldelningsdatum(parseIdentity('202612612388').identity!) >= '2026-12-01').to.equal(true);
  });

  it('the limiter admits `limit` calls in any sliding window, per key, and says when the next one fits', () => {
    let now = 10_000;
    const limiter = new SlidingWindowLimiter(2, 1000, () => now);
    expect(limiter.take('a')).to.deep.equal({ admitted: true });
    now += 400;
    expect(limiter.take('a')).to.deep.equal({ admitted: true });
    now += 100;
    expect(limiter.take('a')).to.deep.equal({ admitted: false, retryAfterMs: 500 });
    expect(limiter.take('b')).to.deep.equal({ admitted: true });
    now += 500;
    expect(limiter.take('a'), 'the first call left the window').to.deep.equal({ admitted: true });
    expect(limiter.take('a')).to.deep.equal({ admitted: false, retryAfterMs: 400 });
    expect(new SlidingWindowLimiter(0).take('a'), 'a limit of 0 is no limit').to.deep.equal({ admitted: true });
  });
});
