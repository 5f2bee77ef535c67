import { Ajv, type AnySchema, type ErrorObject, type ValidateFunction } from 'ajv';
import formatsPlugin, { type FormatsPlugin } from 'ajv-formats';

/** The outcome of validating a JSON value: the typed value, or readable violations. */
export type JsonCheck<T> = { ok: true; value: T } | { ok: false; violations: string[] };

/**
 * A base service's JSON Schemas, compiled once: `shared` are the schemas the others refer to by $id, `formats`
 * the ajv-formats a service's documents use. `checker(schema)` compiles one document schema into a check.
 */
export function jsonSchemas(shared: AnySchema[], formats: ('date' | 'date-time')[]) {
  const ajv = new Ajv({ allErrors: true, schemas: shared });
  // ajv-formats is CommonJS: under NodeNext its default import is the plugin itself, typed as the module.
  (formatsPlugin as unknown as FormatsPlugin)(ajv, formats);
  return {
    checker<T>(schema: AnySchema): (value: unknown) => JsonCheck<T> {
      const validate = ajv.compile<T>(schema);
      return (value) => check(validate, value);
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
