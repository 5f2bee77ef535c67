/**
 * The long fuzz run: `npm run fuzz -- --count 100000` runs every property of properties.ts over one emulator
 * (SOAP mostly in-process through the same pipeline the HTTP edge calls, one case in --http-share over real HTTP;
 * REST always over HTTP), the total count shared out by each property's weight. Prints cases/s per property, each
 * failure with what replays it (property, seed, path), the outcome classes seen and a summary; exits 1 on any
 * failure or when the server no longer answers /health.
 *
 *   --count N        total cases (default 10000)
 *   --seed S         fast-check seed (default: random; printed)
 *   --only NAME      run one property (ssbtek, pu, rest:birthreport, rest:samordningsnummer, rest:scb)
 *   --path P         replay: with --seed and --only, run the failing case fast-check printed
 *   --http-share K   one SOAP case in K over HTTP (default 10)
 */
import fc from 'fast-check';
import { fuzzProperties } from './properties.js';
import { assertHealthy, startFuzzEnv } from './properties/environment.js';

interface Options {
  count: number;
  seed: number;
  only?: string;
  path?: string;
  httpShare: number;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { count: 10_000, seed: (Math.random() * 2 ** 31) | 0, httpShare: 10 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--count') options.count = Number(value());
    else if (arg === '--seed') options.seed = Number(value());
    else if (arg === '--only') options.only = value();
    else if (arg === '--path') options.path = value();
    else if (arg === '--http-share') options.httpShare = Number(value());
    else throw new Error(`unknown argument ${arg}`);
  }
  if (!Number.isInteger(options.count) || options.count < 1) throw new Error('--count must be a positive integer');
  if (!Number.isInteger(options.httpShare) || options.httpShare < 1) throw new Error('--http-share must be ≥ 1');
  return options;
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  const env = await startFuzzEnv();
  const outcomes = new Map<string, number>();
  let failures = 0;
  let total = 0;
  const started = performance.now();
  try {
    const slow: string[] = [];
    const onSlow = (name: string, ms: number, input: unknown): void => {
      slow.push(`${name} ${Math.round(ms)} ms: ${fc.stringify(input).slice(0, 300)}`);
    };
    const properties = fuzzProperties(env, options.httpShare, outcomes, onSlow).filter(
      (p) => options.only === undefined || p.name === options.only,
    );
    if (properties.length === 0) throw new Error(`no property named ${options.only}`);
    const weights = properties.reduce((sum, p) => sum + p.weight, 0);
    console.log(`fuzz: ${options.count} cases, seed ${options.seed}, one SOAP case in ${options.httpShare} over HTTP`);
    const progress = setInterval(() => {
      const seen = [...outcomes.values()].reduce((a, b) => a + b, 0);
      const seconds = (performance.now() - started) / 1000;
      console.log(`  … ${seen} cases in ${seconds.toFixed(0)} s (${Math.round(seen / seconds)} cases/s)`);
    }, 30_000);
    progress.unref();
    for (const p of properties) {
      const numRuns = Math.max(1, Math.round((options.count * p.weight) / weights));
      const t0 = performance.now();
      const details = await fc.check(p.property, {
        numRuns,
        seed: options.seed,
        ...(options.path !== undefined && { path: options.path }),
      });
      const seconds = (performance.now() - t0) / 1000;
      total += details.numRuns;
      console.log(
        `  ${p.name.padEnd(24)} ${String(details.numRuns).padStart(7)} cases  ${seconds.toFixed(1).padStart(6)} s  ` +
          `${Math.round(details.numRuns / seconds)} cases/s  ${details.failed ? 'FAILED' : 'ok'}`,
      );
      if (details.failed) {
        failures++;
        console.log(
          `    replay: npm run fuzz -- --only ${p.name} --seed ${details.seed} --path "${details.counterexamplePath}"`,
        );
        console.log(`    after ${details.numShrinks} shrinks, counterexample: ${fc.stringify(details.counterexample)}`);
        console.log(
          `    ${String((details.errorInstance as Error | undefined)?.message ?? details.errorInstance)
            .split('\n')
            .join('\n    ')}`,
        );
      }
    }
    clearInterval(progress);
    if (slow.length > 0) {
      console.log(`slow cases (> 1 s): ${slow.length}`);
      for (const line of slow.slice(0, 10)) console.log(`  ${line}`);
    }
    try {
      await assertHealthy(env);
    } catch (error) {
      failures++;
      console.log(`  server unhealthy after the run: ${(error as Error).message}`);
    }
  } finally {
    await env.close();
  }
  const seconds = (performance.now() - started) / 1000;
  console.log('outcomes:');
  for (const [key, n] of [...outcomes].sort(([a], [b]) => a.localeCompare(b))) {
    console.log(`  ${key.padEnd(40)} ${n}`);
  }
  console.log(
    `summary: ${total} cases in ${seconds.toFixed(1)} s (${Math.round(total / seconds)} cases/s), ` +
      `${failures} failing propert${failures === 1 ? 'y' : 'ies'}, seed ${options.seed}`,
  );
  return failures > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
