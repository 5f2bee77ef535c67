import { Ajv, type AnySchema, type ErrorObject, type ValidateFunction } from 'ajv';
import formatsPlugin, { type FormatsPlugin } from 'ajv-formats';

/** The outcome of validating a JSON value: the typed value, or readable violations. */
export type JsonCheck<T> = { ok: true; value: T } | { ok: false; violations: string[] };

/**
 * A base service's JSON Schemas, compiled once, when first used: `shared` are the schemas the others refer to by
 * $id, `formats` the ajv-formats a service's documents use. `checker(schema)` makes a check of one document schema.
 * Compiling FK's LEFI schemas takes about a tenth of a second, which start-up no longer waits for: the first request
 * that needs a check compiles it (measured in docs/performance.md).
 */
export function jsonSchemas(shared: AnySchema[], formats: ('date' | 'date-time')[]) {
  let ajv: Ajv | undefined;
  const instance = (): Ajv => {
    if (!ajv) {
      ajv = new Ajv({ allErrors: true, schemas: shared });
      // ajv-formats is CommonJS: under NodeNext its default import is the plugin itself, typed as the module.
      (formatsPlugin as unknown as FormatsPlugin)(ajv, formats);
    }
    return ajv;
  };
  return {
    checker<T>(schema: AnySchema): (value: unknown) => JsonCheck<T> {
      let validate: ValidateFunction<T> | undefined;
      return (value) => check((validate ??= instance().compile<T>(schema)), value);
    },
  };
}

function check<T>(validate: ValidateFunction<T>, value: unknown): JsonCheck<T> {
  if (validate(value)) return { ok: true, value };
  return { ok: false, violations: (validate.errors ?? []).map(describe) };
}

/** A violation as a path and a message; values are never echoed (they may be personal identity numbers). */
function describe(error: ErrorObject): string {
  const where = error.instancePath === '' ? '(roten)' : error.instancePath;
  const allowed =
    error.keyword === 'enum' ? ` (${(error.params as { allowedValues: unknown[] }).allowedValues.join(', ')})` : '';
  return `${where}: ${error.message ?? error.keyword}${allowed}`;
}
