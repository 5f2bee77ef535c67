import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../xml/schema.js';
import { fillPlaceholders } from './placeholders.js';

/** The shipped examples: `<name>.xml` each, described in `examples.json`. */
export const EXAMPLES_DIR = path.join(PROJECT_ROOT, 'fixtures', 'examples');
export const INDEX_FILE = 'examples.json';

/**
 * What an example gets, on any day: the HTTP status and, for an SSBTEK query, each service's part ("data", or the
 * error's kalla and felkod: "BT -1006"; v11's SKV: the same per part asked), for GetPersonsForProfile each
 * person's record ("open" or "protected").
 */
export interface ExampleAnswer {
  status: number;
  services?: Record<string, string | Record<string, string>>;
  persons?: Record<string, string>;
}

export interface Example {
  name: string;
  /** The file, placeholders and all. */
  file: string;
  /** Where it is sent, e.g. /ssbtek. */
  path: string;
  /** Headers to send with it besides the content type (e.g. X-PU-Consumer). */
  headers: Record<string, string>;
  /** One line: what it asks and what it gets. */
  description: string;
  answer: ExampleAnswer;
}

/** The examples folder does not match its index; the message lists every problem. */
export class ExampleCatalogueError extends Error {
  constructor(problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ExampleCatalogueError';
  }
}

/** Every example in the index, in its order; every `*.xml` in the folder must be in it and every entry have its file. */
export function loadExamples(dir = EXAMPLES_DIR): Example[] {
  const indexFile = path.join(dir, INDEX_FILE);
  const index = JSON.parse(fs.readFileSync(indexFile, 'utf8')) as { examples: Omit<Example, 'file'>[] };
  const problems: string[] = [];
  const examples = index.examples.map((entry): Example => {
    const file = path.join(dir, `${entry.name}.xml`);
    if (!fs.existsSync(file)) problems.push(`${indexFile}: "${entry.name}" has no file ${file}`);
    if (typeof entry.description !== 'string' || entry.description.includes('\n'))
      problems.push(`${indexFile}: "${entry.name}" needs a one-line description`);
    return { ...entry, headers: entry.headers ?? {}, file };
  });
  const named = new Set(examples.map((e) => e.name));
  for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.xml'))) {
    if (!named.has(name.slice(0, -'.xml'.length))) problems.push(`${indexFile}: ${name} is not described`);
  }
  if (problems.length > 0) throw new ExampleCatalogueError(problems);
  return examples;
}

/** The example's text as it is sent on `today` (YYYY-MM-DD): its placeholders filled in. */
export function exampleText(example: Example, today: string): string {
  return fillPlaceholders(fs.readFileSync(example.file, 'utf8'), today);
}

/** A shipped example file by its name (`v10-all-services.xml`), filled in for `today`: for tests, bench and tools. */
export function readExample(fileName: string, today: string, dir = EXAMPLES_DIR): string {
  return fillPlaceholders(fs.readFileSync(path.join(dir, fileName), 'utf8'), today);
}
