import { expect } from 'chai';
import fc from 'fast-check';
import { fuzzProperties } from './properties.js';
import { assertHealthy, startFuzzEnv, type FuzzEnv } from './properties/environment.js';
import { puBases, puCase } from './properties/pu.js';
import { ssbtekBases, ssbtekCase } from './properties/ssbtek.js';

/** Cases per property in CI; `npm run fuzz -- --count N` runs many more. */
const RUNS = 300;

describe('Fuzzing: mutated SOAP requests always get a well-formed answer or the right Fault', function () {
  this.timeout(60_000);
  let env: FuzzEnv;
  before(async () => (env = await startFuzzEnv()));
  after(async () => {
    await assertHealthy(env);
    await env.close();
  });

  const unmutated = { style: 'as-is' as const, declaration: false, xml: [], bytes: [] };

  it('every unmutated base request is schema-valid and answered 200 (in-process and over HTTP)', async () => {
    const ssbtek = ssbtekBases();
    for (const [i, base] of ssbtek.entries()) {
      expect(await ssbtekCase(env, ssbtek, { c: { ...unmutated, base: i } }), base.name).to.equal('valid→200');
      expect(await ssbtekCase(env, ssbtek, { c: { ...unmutated, base: i }, http: 'text/xml' })).to.equal('valid→200');
    }
    const pu = puBases();
    for (const [i, base] of pu.entries()) {
      expect(await puCase(env, pu, { c: { ...unmutated, base: i } }), base.name).to.equal('valid→200');
    }
  });

  for (const name of ['ssbtek', 'pu']) {
    it(`${name}: ${RUNS} mutated requests (drop, duplicate, reorder, retype, namespace, attribute, bytes, truncation)`, async () => {
      const outcomes = new Map<string, number>();
      const property = fuzzProperties(env, 5, outcomes).find((p) => p.name === name)!;
      await fc.assert(property.property, { numRuns: RUNS });
      // The mutations reach every layer: unreadable XML, schema-invalid and still-valid requests.
      const seen = [...outcomes.keys()].join(', ');
      expect(seen).to.match(/unreadable/);
      expect(seen).to.match(/invalid→/);
      expect(seen).to.match(/valid→200/);
    });
  }
});
