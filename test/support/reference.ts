import fs from 'node:fs';
import path from 'node:path';
import { allowSchemaRoot, CompiledSchema, PROJECT_ROOT } from '../../src/xml/schema.js';

/** The public contracts beside the project (../shared/reference): the oracle, when present. */
export const REFERENCE_ROOT = path.resolve(PROJECT_ROOT, '..', 'shared', 'reference');
export const SSBTEK_V10_REFERENCE = path.join(
  REFERENCE_ROOT,
  'ssbtek-v10/se/forsakringskassan/schema/integration/ssbt/_10/sammansatt_bastjanst_v10.xsd',
);

export const SSBTEK_V11_REFERENCE = path.join(
  REFERENCE_ROOT,
  'ssbtek-v10/se/forsakringskassan/schema/integration/ssbt/_11/sammansatt_bastjanst_v11.xsd',
);

export function referencePresent(file = SSBTEK_V10_REFERENCE): boolean {
  return fs.existsSync(file);
}

const cache = new Map<string, CompiledSchema>();

/** Compiles a reference schema (absolute path) once. */
export function referenceSchema(file: string): CompiledSchema {
  let schema = cache.get(file);
  if (!schema) {
    allowSchemaRoot(REFERENCE_ROOT);
    schema = CompiledSchema.compile(path.basename(file), file);
    cache.set(file, schema);
  }
  return schema;
}
