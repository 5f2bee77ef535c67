import fs from 'node:fs';
import { checkFile } from './check-file.js';
import { expandInputs, UsageError } from './inputs.js';
import { createProgress } from './progress.js';
import { createReporter, type Format, type Summary, type Write } from './reporters.js';
import { SchemaRegistry } from './schemas.js';

export interface ValidateOptions {
  inputs: string[];
  /** Validate every file against this schema instead of choosing by element name. */
  schema?: string;
  format: Format;
  /** Write the report here instead of stdout. */
  output?: string;
  progress: boolean;
}

/** Exit codes: all valid; something invalid or unreadable; could not run at all. */
export const EXIT_VALID = 0;
export const EXIT_INVALID = 1;
export const EXIT_USAGE = 2;

/**
 * Validates every file the inputs name, one at a time (read, parse, validate, dispose), reporting as it goes.
 * Returns the exit code; throws UsageError when it cannot start.
 */
export async function runValidate(options: ValidateOptions): Promise<number> {
  const registry = SchemaRegistry.load();
  if (options.schema !== undefined && !registry.has(options.schema))
    throw new UsageError(`unknown schema "${options.schema}" (--list-schemas shows them)`);
  const files = await expandInputs(options.inputs);

  const output = openOutput(options.output);
  const progress = createProgress(files.length, options.progress);
  const sharesTerminal = !options.output && process.stdout.isTTY;
  const reporter = createReporter(options.format, (text) =>
    sharesTerminal ? progress.interleave(() => output.write(text)) : output.write(text),
  );

  const summary: Summary = { files: 0, valid: 0, invalid: 0, unreadable: 0 };
  try {
    for (const file of files) {
      const result = await checkFile(file, registry, options.schema);
      summary.files++;
      summary[result.status]++;
      reporter.file(result);
      progress.tick();
    }
  } finally {
    progress.stop();
  }
  reporter.end(summary);
  output.close();

  process.stderr.write(summaryLine(summary) + '\n');
  return summary.valid === summary.files ? EXIT_VALID : EXIT_INVALID;
}

export function summaryLine(summary: Summary): string {
  const files = `${summary.files} ${summary.files === 1 ? 'file' : 'files'}`;
  return `${files}: ${summary.valid} valid, ${summary.invalid} invalid, ${summary.unreadable} could not be read`;
}

/** Synchronous writes: the report is complete on disk (or in the pipe) when the exit code is set. */
function openOutput(file: string | undefined): { write: Write; close(): void } {
  if (!file) return { write: (text) => void process.stdout.write(text), close() {} };
  let fd: number;
  try {
    fd = fs.openSync(file, 'w');
  } catch (error) {
    throw new UsageError(`cannot write ${file}: ${(error as Error).message}`);
  }
  return { write: (text) => void fs.writeSync(fd, text), close: () => fs.closeSync(fd) };
}
