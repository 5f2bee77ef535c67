import type { XElement } from '../tree.js';
import { treeIsValid } from './check.js';
import { loadSchemaSet, type SchemaSet } from './load.js';
import { UnsupportedSchema } from './model.js';

/**
 * A schema's check on element trees this process built, in JavaScript: no serialize, parse and validate round trip
 * through libxml2 for a tree whose bytes nobody else wrote. It answers only "valid" or "not shown valid"; the
 * second goes to libxml2, which gives the verdict and its messages. So it may refuse what libxml2 accepts, never
 * accept what libxml2 refuses (test/xml/tree-schema*.test.ts compare the two on every kind of message built).
 */
export interface TreeSchema {
  accepts(element: XElement): boolean;
}

/** The tree check for `file` (absolute), or undefined when the schema uses something it does not model. */
export function compileTreeSchema(file: string, replace?: [string, string]): TreeSchema | undefined {
  let schemas: SchemaSet;
  try {
    schemas = loadSchemaSet(file, replace);
  } catch (error) {
    if (error instanceof UnsupportedSchema) return undefined;
    throw error;
  }
  // Every component was resolved while loading (load.ts), so a check meets nothing unmodelled.
  return { accepts: (element) => treeIsValid(schemas, element) };
}
