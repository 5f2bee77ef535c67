import { expect } from 'chai';
import path from 'node:path';
import {
  ConfigError,
  configFromEnv,
  DEFAULT_BODY_LIMITS,
  DEFAULT_CONFIG,
  loadConfigFile,
  uniformBodyLimits,
} from '../../src/config.js';
import { runCli, tempDir, writeFiles } from './cli.js';

/** Writes `text` as a config file and loads it; returns the config or the ConfigError's message. */
function load(text: string): ReturnType<typeof loadConfigFile> | string {
  const { dir, remove } = tempDir('ssbtek-config-');
  try {
    writeFiles(dir, { 'config.json': text });
    return loadConfigFile(path.join(dir, 'config.json'));
  } catch (error) {
    if (error instanceof ConfigError) return error.message.replace(/^.*config\.json: /, '');
    throw error;
  } finally {
    remove();
  }
}

describe('Config file: keys and their problems named', () => {
  it('"__proto__", "constructor" and "toString" are unknown settings, named as such (never "[object Object]")', () => {
    for (const key of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      const message = load(`{"${key}": {"port": 1}}`);
      expect(message, key)
        .to.be.a('string')
        .and.match(new RegExp(`^unknown setting "${key}" \\(known: host, port`));
      expect(message).not.to.contain('[object Object]');
      expect(message).not.to.contain('function');
    }
  });

  it('says "an object" and "a number" with the right article', () => {
    expect(load('{"scenarios": 3}')).to.equal('"scenarios" must be an object');
    expect(load('{"port": "80"}')).to.equal('"port" must be a number');
  });

  it('the serve command exits 2 naming the file and the key', async () => {
    const { dir, remove } = tempDir();
    try {
      writeFiles(dir, { 'proto.json': '{"__proto__": {"port": 1}}' });
      const file = path.join(dir, 'proto.json');
      const result = await runCli(['serve', '--config', file, '--port', '0']);
      expect(result.code).to.equal(2);
      expect(result.stderr).to.contain(`${file}: unknown setting "__proto__"`);
    } finally {
      remove();
    }
  });
});

describe('Config: body limits per endpoint', () => {
  it('defaults per endpoint; the file names single endpoints over maxBodyBytes (all of them), in any order', () => {
    expect(DEFAULT_CONFIG.bodyLimits).to.equal(DEFAULT_BODY_LIMITS);
    const both = load('{"bodyLimits": {"pu": 1000}, "maxBodyBytes": 5000}');
    expect(both).to.be.an('object');
    expect((both as typeof DEFAULT_CONFIG).bodyLimits).to.deep.equal({ ...uniformBodyLimits(5000), pu: 1000 });
    const one = load('{"bodyLimits": {"scb": 20971520}}') as typeof DEFAULT_CONFIG;
    expect(one.bodyLimits).to.deep.equal({ ...DEFAULT_BODY_LIMITS, scb: 20971520 });
  });

  it('refuses an unknown endpoint or a limit that is not a whole number of bytes', () => {
    expect(load('{"bodyLimits": {"ssbtk": 1}}')).to.match(/^"bodyLimits" has no endpoint "ssbtk" \(known: ssbtek, pu,/);
    expect(load('{"bodyLimits": {"__proto__": 1}}')).to.match(/^"bodyLimits" has no endpoint "__proto__"/);
    expect(load('{"bodyLimits": {"pu": -1}}')).to.equal('"bodyLimits.pu" must be a whole number of bytes (0 or more)');
    expect(load('{"maxBodyBytes": 1.5}')).to.equal('"maxBodyBytes" must be a whole number of bytes (0 or more)');
  });

  it('reads SSBTEK_MAX_BODY_BYTES (every endpoint) and SSBTEK_BODY_LIMIT_<ENDPOINT> (one) from the environment', () => {
    const config = configFromEnv({ SSBTEK_MAX_BODY_BYTES: '4096', SSBTEK_BODY_LIMIT_PU_ADMIN: '100' });
    expect(config.bodyLimits).to.deep.equal({ ...uniformBodyLimits(4096), puAdmin: 100 });
    expect(configFromEnv({ SSBTEK_BODY_LIMIT_SCB: '1' }).bodyLimits).to.deep.equal({ ...DEFAULT_BODY_LIMITS, scb: 1 });
    expect(DEFAULT_BODY_LIMITS.scb, 'the defaults are not changed by reading').to.equal(10 * 1024 * 1024);
  });
});
