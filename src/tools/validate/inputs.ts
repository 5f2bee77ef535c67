import fs from 'node:fs';
import path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';

/** The validator could not start: bad arguments, nothing matched. The command exits with 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * Turns FILE|DIR|GLOB arguments into file paths, in argument order, each once. A file is taken whatever its
 * extension (the user named it); a directory contributes every *.xml below it; a glob what it matches. An
 * argument that yields nothing is an error: a typo must not pass as "0 files, all valid".
 */
export async function expandInputs(inputs: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  const seen = new Set<string>();
  const add = (file: string): void => {
    const key = path.resolve(file);
    if (seen.has(key)) return;
    seen.add(key);
    files.push(file);
  };
  for (const input of inputs) {
    const matched = await expandOne(input);
    if (matched.length === 0) throw new UsageError(nothingMatched(input));
    matched.forEach(add);
  }
  return files;
}

async function expandOne(input: string): Promise<string[]> {
  const stat = statOrUndefined(input);
  if (stat?.isDirectory()) {
    const found = await glob('**/*.xml', { cwd: input, onlyFiles: true, expandDirectories: false });
    return found.sort().map((relative) => path.join(input, relative));
  }
  if (stat) return [input];
  if (!isDynamicPattern(input)) return [];
  // An absolute pattern gives absolute paths, a relative one paths relative to the working directory.
  const found = await glob(input, { onlyFiles: true, expandDirectories: false, absolute: path.isAbsolute(input) });
  return found.sort();
}

function statOrUndefined(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch {
    return undefined;
  }
}

function nothingMatched(input: string): string {
  const stat = statOrUndefined(input);
  if (stat?.isDirectory()) return `${input}: no *.xml files in this directory`;
  if (isDynamicPattern(input)) return `${input}: the pattern matches no files`;
  return `${input}: no such file or directory`;
}
