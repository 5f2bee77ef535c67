import { expect } from 'chai';
import fc from 'fast-check';
import { fuzzProperties } from './properties.js';
import { assertHealthy, startFuzzEnv, type FuzzEnv } from './properties/environment.js';
import { REST_TARGETS, restCase } from './properties/rest.js';

/** Cases per property in CI; `npm run fuzz -- --count N` runs many more. */
const RUNS = 300;

describe('Fuzzing: mutated REST requests always get a documented JSON answer', function () {
  this.timeout(60_000);
  let env: FuzzEnv;
  before(async () => (env = await startFuzzEnv()));
  after(async () => {
    await assertHealthy(env);
    await env.close();
  });

  it('every unmutated base body is schema-valid and answered 2xx or a documented 4xx', async () => {
    for (const target of REST_TARGETS) {
      for (const [i] of target.bases.entries()) {
        expect(await restCase(env, target, { base: i, json: [], bytes: [] }), target.name).to.match(/^valid→[24]\d\d$/);
      }
    }
  });

  it('a valid body after a UTF-8 byte order mark is read as JSON (the fuzzer’s counterexample, seed -1860482317)', async () => {
    const bom = { kind: 'insert', at: 0, bytes: Uint8Array.from([0xef, 0xbb, 0xbf]) } as const;
    for (const target of REST_TARGETS) {
      expect(await restCase(env, target, { base: 0, json: [], bytes: [bom] }), target.name).to.match(
        /^valid→[24]\d\d$/,
      );
    }
  });

  for (const target of REST_TARGETS) {
    it(`${target.name}: ${RUNS} mutated bodies (drop, duplicate, reorder, retype, rename, add, bytes, truncation)`, async () => {
      const outcomes = new Map<string, number>();
      const property = fuzzProperties(env, 5, outcomes).find((p) => p.name === `rest:${target.name}`)!;
      await fc.assert(property.property, { numRuns: RUNS });
      const seen = [...outcomes.keys()].join(', ');
      expect(seen).to.match(/invalid→4\d\d/);
      expect(seen).to.match(/not-json→4\d\d/);
    });
  }
});
