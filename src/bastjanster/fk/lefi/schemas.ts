import { jsonSchemas } from '../../common/json-schemas.js';
import felsvarSchema from './felsvar.schema.json' with { type: 'json' };
import formansinformationSchema from './formansinformation.schema.json' with { type: 'json' };
import fragaSchema from './fraga.schema.json' with { type: 'json' };
import koderSchema from './koder.schema.json' with { type: 'json' };
import personinformationSchema from './personinformation.schema.json' with { type: 'json' };
import pmSchema from './pm.schema.json' with { type: 'json' };
import svarSchema from './svar.schema.json' with { type: 'json' };
import type { LefiFelsvar, LefiFraga, LefiSvar } from './typer.js';

/** The project's own JSON Schemas for LEFI v9, compiled once when this module loads. */
const schemas = jsonSchemas(
  [koderSchema, personinformationSchema, formansinformationSchema, pmSchema],
  ['date', 'date-time'],
);

export const validateLefiFraga = schemas.checker<LefiFraga>(fragaSchema);
export const validateLefiSvar = schemas.checker<LefiSvar>(svarSchema);
export const validateLefiFelsvar = schemas.checker<LefiFelsvar>(felsvarSchema);
