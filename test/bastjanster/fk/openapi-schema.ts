import fs from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import formatsPlugin, { type FormatsPlugin } from 'ajv-formats';
import { parse } from 'yaml';
import { LEFI_OPENAPI } from './openapi.js';

/**
 * The published LEFI v9 OpenAPI description as a validator: its components.schemas compiled with ajv, so that an
 * answer can be checked against the reference itself (not only against the project's own JSON Schemas).
 *
 * `closed` also refuses properties the reference does not name (every object with properties gets
 * additionalProperties: false): a misspelt or invented key in an answer is then a violation, not silently allowed.
 */
export function referenceValidator(
  schemaName: string,
  options: { closed?: boolean } = {},
): (value: unknown) => string[] {
  const document = parse(fs.readFileSync(LEFI_OPENAPI, 'utf8')) as {
    components: { schemas: Record<string, unknown> };
  };
  const schemas = pointRefsAtDefinitions(document.components.schemas) as Record<string, unknown>;
  if (options.closed) close(schemas);
  // strict, except for keyword/type pairs: the reference has minLength on an array (LefiPmPensionBehallning)
  const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false });
  // OpenAPI's numeric formats are annotations for JSON numbers
  (formatsPlugin as unknown as FormatsPlugin)(ajv, ['date', 'date-time']);
  for (const format of ['double', 'float', 'int32', 'int64']) ajv.addFormat(format, true);
  ajv.addVocabulary(['x-enum-varnames']); // the one vendor extension among the schemas, an annotation
  ajv.addSchema({ $id: 'lefi-openapi.json', definitions: schemas });
  const validate = ajv.getSchema(`lefi-openapi.json#/definitions/${schemaName}`) as ValidateFunction | undefined;
  if (!validate) throw new Error(`${schemaName} is not among the OpenAPI description's schemas`);
  return (value) => (validate(value) ? [] : (validate.errors ?? []).map(describe));
}

function describe(error: ErrorObject): string {
  const extra = error.keyword === 'additionalProperties' ? ` (${JSON.stringify(error.params)})` : '';
  return `${error.instancePath || '(root)'}: ${error.message ?? error.keyword}${extra}`;
}

/** Closes every object schema with properties (see `closed`); enum lists are values, not schemas. */
function close(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(close);
  if (typeof node !== 'object' || node === null) return;
  const object = node as Record<string, unknown>;
  if (object.properties !== undefined && object.additionalProperties === undefined) object.additionalProperties = false;
  for (const [key, value] of Object.entries(object)) if (key !== 'enum') close(value);
}

/** A copy with every `$ref` to one of the OpenAPI's schemas pointed at the ajv document's definitions. */
function pointRefsAtDefinitions(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(pointRefsAtDefinitions);
  if (typeof node !== 'object' || node === null) return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [
      key,
      key === '$ref' && typeof value === 'string'
        ? value.replace('#/components/schemas/', '#/definitions/')
        : pointRefsAtDefinitions(value),
    ]),
  );
}
