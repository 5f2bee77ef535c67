import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import formatsPlugin, { type FormatsPlugin } from 'ajv-formats';
import beskattningsbilagorSchema from './beskattningsbilagor.schema.json' with { type: 'json' };
import felSchema from './fel.schema.json' with { type: 'json' };
import foretagsinformationSchema from './foretagsinformation.schema.json' with { type: 'json' };
import fragaSchema from './fraga.schema.json' with { type: 'json' };
import individuppgifterSchema from './individuppgifter.schema.json' with { type: 'json' };
import skattekontoSchema from './skattekonto.schema.json' with { type: 'json' };
import skatteuppgifterSchema from './skatteuppgifter.schema.json' with { type: 'json' };
import svarSchema from './svar.schema.json' with { type: 'json' };
import type { SkvFel, SkvFraga, SkvSvar } from './typer.js';

/** The JSON Schemas of SKV's v11 interface (the emulator's own design), compiled once when this module loads. */
const ajv = new Ajv({
  allErrors: true,
  schemas: [
    foretagsinformationSchema,
    individuppgifterSchema,
    skattekontoSchema,
    skatteuppgifterSchema,
    beskattningsbilagorSchema,
  ],
});
// ajv-formats is CommonJS: under NodeNext its default import is the plugin itself, typed as the module.
(formatsPlugin as unknown as FormatsPlugin)(ajv, ['date']);

const fraga = ajv.compile<SkvFraga>(fragaSchema);
const svar = ajv.compile<SkvSvar>(svarSchema);
const fel = ajv.compile<SkvFel>(felSchema);

/** The outcome of validating a JSON value: the typed value, or readable violations. */
export type JsonCheck<T> = { ok: true; value: T } | { ok: false; violations: string[] };

export const validateSkvFraga = (value: unknown): JsonCheck<SkvFraga> => check(fraga, value);
export const validateSkvSvar = (value: unknown): JsonCheck<SkvSvar> => check(svar, value);
export const validateSkvFel = (value: unknown): JsonCheck<SkvFel> => check(fel, value);

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
