import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../xml/schema.js';
import { CaseError, loadSuite, type Suite } from './cases.js';
import { createProgress } from './progress.js';
import { render, summarize, summaryLine, type Format } from './reporters.js';
import { runSuite } from './runner.js';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
/** Could not run: bad arguments, broken cases, no cases, target unreachable for every case. */
export const EXIT_USAGE = 2;

/** The cases shipped with the project (what CI replays). */
export const DEFAULT_CASES_DIR = path.join(PROJECT_ROOT, 'fixtures', 'queries');

export interface ReplayRequest {
  dir: string;
  target?: string;
  cases?: string[];
  format: Format;
  output?: string;
  update: boolean;
  timeoutMs: number;
  progress: boolean;
}

export interface Streams {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const PROCESS_STREAMS: Streams = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/** `replay`: load, send, compare, report. Returns the exit code. */
export async function runReplay(request: ReplayRequest, streams: Streams = PROCESS_STREAMS): Promise<number> {
  const fail = (message: string): number => {
    streams.stderr(`ssbtek-emulator replay: ${message}\n`);
    return EXIT_USAGE;
  };
  if (request.target !== undefined && !isHttpUrl(request.target))
    return fail(`--target must be an http(s) URL of an SSBTEK endpoint, got "${request.target}"`);
  let suite: Suite;
  try {
    suite = loadSuite(request.dir, { select: request.cases, requireExpected: !request.update });
  } catch (error) {
    if (!(error instanceof CaseError)) throw error;
    return fail(`the cases cannot be used:\n${error.problems.map((p) => `  ${p}`).join('\n')}`);
  }
  if (suite.cases.length === 0) return fail(`no cases in ${request.dir} (a case is a folder with case.json)`);

  const progress = createProgress(suite.cases.length, 'replaying', request.progress);
  let results;
  try {
    results = await runSuite({
      suite,
      target: request.target,
      update: request.update,
      timeoutMs: request.timeoutMs,
      onResult: (r) => progress.tick(r.name),
    });
  } finally {
    progress.stop();
  }
  const sent = results.filter((r) => r.outcome !== 'skipped');
  if (sent.length > 0 && sent.every((r) => r.unreachable)) {
    return fail(`the target cannot be reached: ${sent[0]?.message ?? ''} (${request.target})`);
  }

  const report = render(request.format, results);
  const summary = summarize(results);
  if (request.output) {
    fs.mkdirSync(path.dirname(path.resolve(request.output)), { recursive: true });
    fs.writeFileSync(request.output, report);
    streams.stdout(`${summaryLine(summary)}\n`);
  } else {
    streams.stdout(report);
  }
  return summary.failed > 0 ? EXIT_FAILED : EXIT_OK;
}

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
