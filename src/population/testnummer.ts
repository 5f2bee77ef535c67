import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../xml/schema.js';

/** Where the shipped copy of Skatteverket's CC0 test numbers lives (fixtures/testnummer/README.md). */
export const TESTNUMMER_DIR = path.join(PROJECT_ROOT, 'fixtures', 'testnummer');

export type TestnummerKind = 'personnummer' | 'samordningsnummer';

const lists = new Map<TestnummerKind, readonly string[]>();

/**
 * Skatteverket's test personnummer or samordningsnummer (12 digits each, in the published order): numbers that
 * never belong to a real person. Read once from the shipped copy.
 */
export function testnummer(kind: TestnummerKind): readonly string[] {
  let list = lists.get(kind);
  if (!list) {
    list = readList(path.join(TESTNUMMER_DIR, `${kind}.txt`));
    lists.set(kind, list);
  }
  return list;
}

/** The 12-digit numbers of a list file, one per line. */
export function readList(file: string): string[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => /^\d{12}$/.test(line));
}
