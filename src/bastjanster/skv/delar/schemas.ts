import { jsonSchemas } from '../../common/json-schemas.js';
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
const schemas = jsonSchemas(
  [
    foretagsinformationSchema,
    individuppgifterSchema,
    skattekontoSchema,
    skatteuppgifterSchema,
    beskattningsbilagorSchema,
  ],
  ['date'],
);

export const validateSkvFraga = schemas.checker<SkvFraga>(fragaSchema);
export const validateSkvSvar = schemas.checker<SkvSvar>(svarSchema);
export const validateSkvFel = schemas.checker<SkvFel>(felSchema);
