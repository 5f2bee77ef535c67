import { expect } from 'chai';
import { ScenarioControl, sampleLatency } from '../../src/scenario/control.js';
import { parseScenarioHeader } from '../../src/scenario/header.js';
import { ScenarioSettingsError } from '../../src/scenario/settings.js';
import { SeededRandom } from '../../src/population/random.js';
import { BASE_SERVICES } from '../../src/bastjanster/registry.js';

const catalogues = new Map(BASE_SERVICES.map((s) => [s.id, s]));

describe('Scenario settings: the X-SSBTEK-Scenario header', () => {
  it('reads SERVICE:key=value pairs, with latency distributions', () => {
    expect(parseScenarioHeader('AF:error=500; CSN:error=timeout')).to.deep.equal({
      AF: { error: '500' },
      CSN: { error: 'timeout' },
    });
    expect(
      parseScenarioHeader('skv:latency=uniform(50,400),errorRate=0.2,error=9071002; FK:timeoutMs=500'),
    ).to.deep.equal({
      SKV: { latency: { type: 'uniform', minMs: 50, maxMs: 400 }, errorRate: 0.2, error: '9071002' },
      FK: { timeoutMs: 500 },
    });
    expect(parseScenarioHeader('TNS:latency=lognormal(120,0.5);MIV:latency=fixed(300)')).to.deep.equal({
      TNS: { latency: { type: 'lognormal', medianMs: 120, sigma: 0.5 } },
      MIV: { latency: { type: 'fixed', ms: 300 } },
    });
  });

  it('reads the same as JSON', () => {
    expect(parseScenarioHeader('{"AF":{"error":"500"},"CSN":{"error":"timeout"}}')).to.deep.equal({
      AF: { error: '500' },
      CSN: { error: 'timeout' },
    });
  });

  const bad: [string, RegExp][] = [
    ['XX:error=1', /not a base service/],
    ['AF error=1', /SERVICE:key=value/],
    ['AF:latency=fast(3)', /latency must be/],
    ['AF:latency=uniform(5)', /takes 2 number/],
    ['AF:errorRate=2', /between 0 and 1/],
    ['AF:colour=red', /not a known setting/],
    ['AF:latency=uniform(9,3)', /maxMs must not be below minMs/],
    ['{"AF":', /not valid JSON/],
  ];
  for (const [header, message] of bad) {
    it(`refuses "${header}" with a message saying why`, () => {
      expect(() => parseScenarioHeader(header)).to.throw(ScenarioSettingsError, message);
    });
  }
});

describe('Scenario control: merging and deciding', () => {
  it('merges field by field: request over run time over config', () => {
    const control = new ScenarioControl({ AF: { error: '500', timeoutMs: 100 } }, catalogues);
    control.set('AF', { error: '410' });
    expect(control.effective('AF')).to.deep.equal({ error: '410', timeoutMs: 100 });
    expect(control.effective('AF', { AF: { timeoutMs: 50 } })).to.deep.equal({ error: '410', timeoutMs: 50 });
    control.reset('AF');
    expect(control.effective('AF')).to.deep.equal({ error: '500', timeoutMs: 100 });
  });

  it('refuses an error code the service does not have, listing the ones it has', () => {
    const control = new ScenarioControl({}, catalogues);
    expect(() => control.set('TNS', { error: '500' })).to.throw(
      ScenarioSettingsError,
      /TNS: error "500" is not one of TNS's answers \(99, timeout/,
    );
    expect(() => new ScenarioControl({ AF: { error: '0' } }, catalogues)).to.throw(ScenarioSettingsError);
  });

  it('applies an error rate, falling back to the service’s own technical error', () => {
    const rolls = [0.3, 0.7];
    const control = new ScenarioControl({}, catalogues, () => rolls.shift() ?? 0);
    expect(control.decide('SKV', { errorRate: 0.5 })).to.deep.equal({ delayMs: 0, error: '9071009' });
    expect(control.decide('SKV', { errorRate: 0.5 })).to.deep.equal({ delayMs: 0 });
    expect(control.decide('AF', { error: '500' }).error).to.equal('500');
  });

  it('draws latencies from their distributions', () => {
    const random = new SeededRandom('latency');
    const next = (): number => random.next();
    expect(sampleLatency({ type: 'fixed', ms: 42 }, next)).to.equal(42);
    const uniform = Array.from({ length: 500 }, () => sampleLatency({ type: 'uniform', minMs: 10, maxMs: 20 }, next));
    expect(Math.min(...uniform)).to.be.at.least(10);
    expect(Math.max(...uniform)).to.be.at.most(20);
    const lognormal = Array.from({ length: 2001 }, () =>
      sampleLatency({ type: 'lognormal', medianMs: 100, sigma: 0.5 }, next),
    ).sort((a, b) => a - b);
    expect(lognormal[1000]).to.be.within(90, 110);
    expect(lognormal[0]).to.be.above(0);
  });
});
