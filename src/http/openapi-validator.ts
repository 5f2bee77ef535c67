/**
 * express-openapi-validator for every OpenAPI document the emulator enforces (the REST adapters and the admin API).
 * The library (with ajv and a $ref parser; about 300 ms to load on this machine's slow minutes) is loaded, and a
 * router's validator made from its document, when that router is first asked something: a server that answers
 * only SSBTEK and the base services never loads it, and start-up does not wait for it (docs/performance.md). A
 * router's first request waits for both; every request is validated as before.
 *
 * Two changes to the library, both about the OpenAPI meta-schema (3.1's), which it compiles with ajv each time a
 * router's validator initialises, whether or not it then checks the document against it:
 * - the documents are the emulator's own, bundled and proven valid against the meta-schema by the tests
 *   (test/http/openapi-validator.test.ts), so they are not checked again at every start (`validateApiSpec: false`
 *   unless a caller asks), and the meta-schema is compiled only when a document is to be checked: never, as the
 *   server runs. Compiling it was about 180 ms of the main thread in the first second of every start-up
 *   (docs/performance.md);
 * - when it is compiled it is compiled once per OpenAPI version and setting, and shared: the library constructs its
 *   meta-schema validator through its module's export at each initialisation, and that validator is stateless
 *   between calls, so the shared one checks every document exactly as its own would.
 * Everything else is the library as it is.
 */
import { createRequire } from 'node:module';
import { Router, type RequestHandler } from 'express';
import type * as OpenApiValidator from 'express-openapi-validator';

interface MetaSchemaValidator {
  validate(document: unknown): { errors: unknown[] };
}

interface MetaSchemaOptions {
  version: string;
  validateApiSpec: boolean;
}

interface MetaSchemaModule {
  OpenAPISchemaValidator: new (options: MetaSchemaOptions) => MetaSchemaValidator;
}

type Library = typeof OpenApiValidator;
type Options = Parameters<Library['middleware']>[0];

const require = createRequire(import.meta.url);
const compiled = new Map<string, MetaSchemaValidator>();
let checks = 0;
/** The library and its own meta-schema validator (which the shared one below compiles), once loaded. */
let loaded: { library: Library; Original: MetaSchemaModule['OpenAPISchemaValidator'] } | undefined;

/** The library, loaded at its first use, with its meta-schema validator replaced by the shared, lazy one. */
function loadLibrary(): NonNullable<typeof loaded> {
  if (loaded) return loaded;
  const metaSchemaModule =
    require('express-openapi-validator/dist/framework/openapi.schema.validator.js') as MetaSchemaModule;
  const Original = metaSchemaModule.OpenAPISchemaValidator;
  if (!(Original as { shared?: boolean }).shared) {
    const Shared = function (options: MetaSchemaOptions): MetaSchemaValidator {
      return {
        validate: (document) => {
          checks++;
          return metaSchema(options).validate(document);
        },
      };
    } as unknown as MetaSchemaModule['OpenAPISchemaValidator'] & { shared?: boolean };
    Shared.shared = true;
    metaSchemaModule.OpenAPISchemaValidator = Shared;
  }
  loaded = { library: require('express-openapi-validator') as Library, Original };
  return loaded;
}

/** The meta-schema validator for these options: compiled at its first use, once per process. */
function metaSchema(options: MetaSchemaOptions): MetaSchemaValidator {
  const key = `${options.version}|${options.validateApiSpec}`;
  let validator = compiled.get(key);
  if (!validator) {
    validator = new (loadLibrary().Original)(options);
    compiled.set(key, validator);
  }
  return validator;
}

/** How many documents express-openapi-validator has checked against the meta-schema in this process. */
export function metaSchemaChecks(): number {
  return checks;
}

/**
 * What the OpenAPI meta-schema of the document's version finds wrong with it (the library's own check, as
 * `validateApiSpec: true` runs it): nothing for a valid document.
 */
export function metaSchemaErrors(document: { openapi: string }): unknown[] {
  return metaSchema({ version: document.openapi, validateApiSpec: true }).validate(document).errors;
}

/**
 * OpenApiValidator.middleware for one of the emulator's own documents (not checked against the meta-schema again;
 * see above), made at the first request that reaches it. Used as the library's own is: `router.use(...it)`.
 */
export function openApiValidator(options: Options): RequestHandler[] {
  let validator: Router | undefined;
  const lazily: RequestHandler = (req, res, next) => {
    if (!validator) {
      // The library's handlers in one router, in their order: run as if they had been mounted here.
      validator = Router();
      validator.use(loadLibrary().library.middleware({ validateApiSpec: false, ...options }));
    }
    validator(req, res, next);
  };
  return [lazily];
}
