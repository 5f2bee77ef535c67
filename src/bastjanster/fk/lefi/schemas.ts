import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import formatsPlugin, { type FormatsPlugin } from 'ajv-formats';
import felsvarSchema from './felsvar.schema.json' with { type: 'json' };
import formansinformationSchema from './formansinformation.schema.json' with { type: 'json' };
import fragaSchema from './fraga.schema.json' with { type: 'json' };
import koderSchema from './koder.schema.json' with { type: 'json' };
import personinformationSchema from './personinformation.schema.json' with { type: 'json' };
import pmSchema from './pm.schema.json' with { type: 'json' };
import svarSchema from './svar.schema.json' with { type: 'json' };
import type { LefiFelsvar, LefiFraga, LefiSvar } from './typer.js';

/** The project's own JSON Schemas for LEFI v9, compiled once when this module loads. */
const ajv = new Ajv({
  allErrors: true,
  schemas: [koderSchema, personinformationSchema, formansinformationSchema, pmSchema],
});
// ajv-formats is CommonJS: under NodeNext its default import is the plugin itself, typed as the module.
(formatsPlugin as unknown as FormatsPlugin)(ajv, ['date', 'date-time']);

const fraga = ajv.compile<LefiFraga>(fragaSchema);
const svar = ajv.compile<LefiSvar>(svarSchema);
const felsvar = ajv.compile<LefiFelsvar>(felsvarSchema);

/** The outcome of validating a JSON value: the typed value, or readable violations. */
export type JsonCheck<T> = { ok: true; value: T } | { ok: false; violations: string[] };

export const validateLefiFraga = (value: unknown): JsonCheck<LefiFraga> => check(fraga, value);
export const validateLefiSvar = (value: unknown): JsonCheck<LefiSvar> => check(svar, value);
export const validateLefiFelsvar = (value: unknown): JsonCheck<LefiFelsvar> => check(felsvar, value);

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
