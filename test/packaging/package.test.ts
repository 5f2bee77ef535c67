import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { closedPort } from '../tools/replay/cli-support.js';
import { packageProblems, packCheck, PackCheckUnavailable, REPLAY_CASES } from './pack-check.js';

describe('the npm package: packed, installed into an empty folder, served with npx', function () {
  // better-sqlite3 is compiled when no prebuilt binary can be downloaded: a minute or two on two cores.
  this.timeout(15 * 60_000);

  it(`installs and serves: /health, the WSDL, the console, an example, replay of ${REPLAY_CASES.join(', ')}`, async function () {
    try {
      // The suite has just been built (pretest), so the package is packed from that build.
      const { timings } = await packCheck({ prepack: false });
      console.log(
        `      (npm pack ${timings.pack} ms, npm install ${timings.install} ms, serve up ${timings.start} ms, ` +
          `requests ${timings.requests} ms)`,
      );
    } catch (error) {
      if (!(error instanceof PackCheckUnavailable)) throw error;
      console.log(`      (skipped: ${error.message})`);
      this.skip();
    }
  });

  it('tells an npm that cannot reach its registry (nothing cached) from a broken package: the test above skips', async () => {
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'pack-check-empty-cache-'));
    try {
      const env = {
        npm_config_registry: `http://127.0.0.1:${await closedPort()}/`,
        npm_config_cache: cache,
        npm_config_fetch_retries: '0',
      };
      const error = await packCheck({ prepack: false, env }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).to.be.instanceOf(PackCheckUnavailable);
      expect((error as Error).message).to.contain('ECONNREFUSED');
    } finally {
      fs.rmSync(cache, { recursive: true, force: true });
    }
  });

  it('is checked for what it must hold and must leave out', () => {
    const complete = new Map<string, number>([
      ['bin/ssbtek-emulator.js', 0o755],
      ['dist/src/cli/main.js', 0o644],
      ['dist/src/app.js', 0o644],
      ['fixtures/testnummer/personnummer.txt', 0o644],
    ]);
    const problems = packageProblems(
      new Map([
        ...complete,
        ['bin/ssbtek-emulator.js', 0o644],
        ['dist/test/app.test.js', 0o644],
        ['dist/src/app.js.map', 0o644],
      ]),
    );
    expect(problems).to.include('bin/ssbtek-emulator.js has no run bit (mode 644)');
    expect(problems).to.include('dist/test/app.test.js should not be in the package');
    expect(problems).to.include('dist/src/app.js.map should not be in the package');
    expect(problems).to.include('xsd/ssbtek/v10/sammansatt_bastjanst_v10.xsd is missing');
    expect(problems).to.include('fixtures/population/scenario-persons/skv.json is missing');
    expect(problems).to.include('dist/ui/index.html is missing');
  });
});
