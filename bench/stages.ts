import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from '../src/app.js';
import { BASE_SERVICES } from '../src/bastjanster/registry.js';
import type { EmulatorContext, NativeRequest, NativeResponse } from '../src/bastjanster/types.js';
import { DEFAULT_CONFIG } from '../src/config.js';
import { withScenarioControl } from '../src/scenario/controlled-emulator.js';
import { loadDialects } from '../src/ssbtek/dialects.js';
import { includedServices, type TjanstResultat } from '../src/ssbtek/model.js';
import { readFraga } from '../src/ssbtek/read-fraga.js';
import { renderSvar } from '../src/ssbtek/render-svar.js';
import { checkFraga } from '../src/ssbtek/semantics.js';
import { NS } from '../src/xml/namespaces.js';
import { parseBuiltXml, readXml } from '../src/xml/parse.js';
import type { Violation } from '../src/xml/schema.js';
import { serialize } from '../src/xml/write.js';
import { envelope, readEnvelope } from '../src/xml/soap.js';
import { BENCH_TODAY, V10 } from './requests.js';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const STAGES = [
  'parse (saxes tree, envelope; libxml2 if not read)',
  'validate request (tree check; libxml2 if not shown valid)',
  'read query (readFraga + checkFraga)',
  'map (toNative ×7)',
  'native emulation (handle ×7)',
  'translate (fromNative ×7)',
  'render (renderSvar + envelope, to bytes)',
  'reply validation (tree check; libxml2 if not shown valid)',
] as const;

/**
 * Per-stage timing of one v10 composite request with all seven services, calling the project's own functions in
 * the order the pipeline does (the seven services one after the other here, so each stage is measured alone).
 */
export async function runStages(iterations: number, warmup = Math.max(50, Math.round(iterations / 10))): Promise<void> {
  const app = createApp({
    ...DEFAULT_CONFIG,
    storePath: ':memory:',
    today: BENCH_TODAY,
    logLevel: 'silent',
    journal: false,
    answerCacheEntries: 0,
  });
  const today = app.config.today ?? BENCH_TODAY;
  const binding = loadDialects().get(NS.ssbtV10);
  if (!binding) throw new Error('no v10 dialect');
  const bytes = Buffer.from(V10, 'utf8');
  const services = new Map(
    BASE_SERVICES.map((s) => [s.id, { ...s, emulator: withScenarioControl(s.emulator, app.scenarios) }]),
  );
  const settings = { testmiljo: app.config.testmiljo, systemId: app.config.systemId };
  const totals = new Array<number>(STAGES.length).fill(0);

  const once = async (record: boolean): Promise<void> => {
    const t: number[] = [performance.now()];
    const parsed = readXml(bytes);
    const { payload } = readEnvelope(parsed.root);
    t.push(performance.now());
    const violations = binding.schema.shownValid(payload, parsed.root) ? [] : binding.schema.validate(parsed, payload);
    if (violations.length > 0) throw new Error(`request invalid: ${violations[0]?.message}`);
    t.push(performance.now());
    const fraga = readFraga(payload, binding.dialect);
    const problems = checkFraga(fraga);
    if (problems.length > 0) throw new Error(`query refused: ${problems[0]}`);
    const ids = includedServices(fraga);
    if (ids.length !== 7) throw new Error(`expected seven services, got ${ids.join(',')}`);
    const context = { settings, korrelationsid: fraga.korrelationsid || randomUUID() };
    t.push(performance.now());
    const requests: NativeRequest[] = ids.map((id) => services.get(id)!.adapter.toNative(fraga, context));
    t.push(performance.now());
    const signal = new AbortController().signal;
    const emulatorContext: EmulatorContext = {
      population: app.population,
      today,
      signal,
      scenario: (number, id) => app.population.scenario(number, id),
    };
    const responses: NativeResponse[] = [];
    for (const [i, id] of ids.entries()) {
      responses.push(await services.get(id)!.emulator.handle(requests[i]!, emulatorContext));
    }
    t.push(performance.now());
    const results: TjanstResultat[] = ids.map((id, i) => ({
      service: id,
      utfall: services.get(id)!.adapter.fromNative(responses[i]!, fraga, context),
      durationMs: 0,
    }));
    t.push(performance.now());
    const reply = renderSvar(fraga, results, binding);
    const replyEnvelope = envelope([reply]);
    const body = serialize(replyEnvelope, { declaration: true });
    const bodyBytes = Buffer.from(body, 'utf8');
    t.push(performance.now());
    // As the pipeline does: the tree the bytes were written from is checked (src/xml/tree-schema); libxml2 reads
    // the bytes back and validates only what that check did not show valid.
    let replyViolations: Violation[] = [];
    if (!binding.schema.shownValid(reply, replyEnvelope)) {
      const reparsed = parseBuiltXml(bodyBytes, replyEnvelope);
      replyViolations = binding.schema.validate(reparsed, reply);
      reparsed.dispose();
    }
    t.push(performance.now());
    // The request document's release belongs to parsing.
    const disposeStart = performance.now();
    parsed.dispose();
    const disposeMs = performance.now() - disposeStart;
    if (replyViolations.length > 0) throw new Error(`reply invalid: ${replyViolations[0]?.message}`);
    if (body.length < 1000 || results.some((r) => r.utfall.kind !== 'data')) {
      throw new Error('unexpected reply: a service did not answer with data');
    }
    if (!record) return;
    for (let s = 0; s < STAGES.length; s++) totals[s]! += t[s + 1]! - t[s]!;
    totals[0]! += disposeMs;
  };

  for (let i = 0; i < warmup; i++) await once(false);
  for (let i = 0; i < iterations; i++) await once(true);

  // The whole pipeline in-process (services in parallel as in production), for comparison with the stage sum:
  // nothing kept; then with answers kept, for a new korrelationsid each time and for the same bytes each time.
  const kept = createApp({ ...app.config, answerCacheEntries: DEFAULT_CONFIG.answerCacheEntries });
  const text = bytes.toString('utf8');
  const fresh = (n: number): Buffer => Buffer.from(text.replace('KORRID-V10-0001', `KORRID-STAGE-${n}`));
  const pipelineMeans: [string, number][] = [];
  for (const [label, pipeline, input] of [
    ['whole pipeline.handle(), nothing kept', app.pipeline, () => bytes],
    ['whole pipeline.handle(), new korrelationsid each', kept.pipeline, fresh],
    ['whole pipeline.handle(), same bytes (answer kept)', kept.pipeline, () => bytes],
  ] as const) {
    for (let i = 0; i < warmup; i++) await pipeline.handle(input(-i - 1));
    const start = performance.now();
    for (let i = 0; i < iterations; i++) {
      const result = await pipeline.handle(input(i));
      if (result.status !== 200) throw new Error(`pipeline answered ${result.status}`);
    }
    pipelineMeans.push([label, ((performance.now() - start) / iterations) * 1000]);
  }
  await kept.close();
  await app.close();

  const means = totals.map((ms) => (ms / iterations) * 1000);
  const sum = means.reduce((a, b) => a + b, 0);
  const rows = STAGES.map((name, i) => [name, means[i]!.toFixed(1), `${((means[i]! / sum) * 100).toFixed(1)} %`]);
  rows.push(['sum of stages', sum.toFixed(1), '100.0 %']);
  for (const [label, mean] of pipelineMeans) rows.push([label, mean.toFixed(1), '']);
  console.log(
    `\nPer-stage timing of one v10 composite request (7 services, reply validation on), mean of ${iterations} ` +
      `iterations after ${warmup} warm-up:`,
  );
  printTable(['stage', 'mean µs', 'share'], rows);
}

export function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    '| ' + cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ') + ' |';
  console.log(line(header));
  console.log('|' + widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : '-'.repeat(w + 1) + ':')).join('|') + '|');
  for (const row of rows) console.log(line(row));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  await runStages(Number(process.env.BENCH_STAGE_ITERATIONS ?? 2000));
}
