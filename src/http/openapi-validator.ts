/**
 * express-openapi-validator for every OpenAPI document the emulator enforces (the REST adapters and the admin API),
 * with one change: the OpenAPI meta-schema (3.1's, about 45 % of start-up when compiled once per router, six times)
 * is compiled once per OpenAPI version and validator setting, and shared. The library constructs its meta-schema
 * validator through its module's export at each initialisation, and that validator is stateless between calls, so
 * the shared one checks every document exactly as its own would. Everything else is the library as it is.
 */
import { createRequire } from 'node:module';
import * as OpenApiValidator from 'express-openapi-validator';

interface MetaSchemaModule {
  OpenAPISchemaValidator: new (options: { version: string; validateApiSpec: boolean }) => object;
}

const require = createRequire(import.meta.url);
const metaSchemaModule =
  require('express-openapi-validator/dist/framework/openapi.schema.validator.js') as MetaSchemaModule;
const compiled = new Map<string, object>();
let compilations = 0;

const Original = metaSchemaModule.OpenAPISchemaValidator;
if (!(Original as { shared?: boolean }).shared) {
  const Shared = function (options: { version: string; validateApiSpec: boolean }): object {
    const key = `${options.version}|${options.validateApiSpec}`;
    let validator = compiled.get(key);
    if (!validator) {
      validator = new Original(options);
      compiled.set(key, validator);
      compilations++;
    }
    return validator;
  } as unknown as MetaSchemaModule['OpenAPISchemaValidator'] & { shared?: boolean };
  Shared.shared = true;
  metaSchemaModule.OpenAPISchemaValidator = Shared;
}

/** How many meta-schema validators were compiled in this process (one per OpenAPI version and setting). */
export function metaSchemaCompilations(): number {
  return compilations;
}

/** OpenApiValidator.middleware, sharing the compiled meta-schema (see above). */
export const openApiValidator: typeof OpenApiValidator.middleware = (options) => OpenApiValidator.middleware(options);
