import fs from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import formatsPlugin, { type FormatsPlugin } from 'ajv-formats';
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
  const document = readYamlSubset(fs.readFileSync(LEFI_OPENAPI, 'utf8')) as {
    components: { schemas: Record<string, unknown> };
  };
  const schemas = structuredClone(document.components.schemas);
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

interface Line {
  indent: number;
  text: string;
}

/**
 * Reads the block YAML this OpenAPI file is written in: mappings, sequences ("- " at the key's indent or deeper),
 * plain and single-quoted scalars, `[]` and `{}`. A scalar's continuation lines (deeper indented) are skipped, so
 * multi-line descriptions keep only their first line; keys, types, refs and enums are single-line. $refs are
 * pointed at `#/definitions/`. Not a general YAML parser.
 */
export function readYamlSubset(text: string): unknown {
  const lines: Line[] = text
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.trimStart().startsWith('#'))
    .map((line) => ({ indent: line.length - line.trimStart().length, text: line.trim() }));
  let i = 0;

  const block = (indent: number): unknown => (lines[i]?.text.startsWith('- ') ? sequence(indent) : mapping(indent));

  function mapping(indent: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    while (i < lines.length && lines[i]!.indent === indent && !lines[i]!.text.startsWith('- ')) {
      const { key, rest } = splitKey(lines[i]!.text);
      i++;
      if (rest !== '') {
        out[key] = scalar(rest);
        while (i < lines.length && lines[i]!.indent > indent) i++; // a multi-line scalar's continuation
      } else if (i < lines.length && lines[i]!.indent > indent) {
        out[key] = block(lines[i]!.indent);
      } else if (i < lines.length && lines[i]!.indent === indent && lines[i]!.text.startsWith('- ')) {
        out[key] = sequence(indent);
      } else {
        out[key] = null;
      }
    }
    return out;
  }

  function sequence(indent: number): unknown[] {
    const out: unknown[] = [];
    while (i < lines.length && lines[i]!.indent === indent && lines[i]!.text.startsWith('- ')) {
      const rest = lines[i]!.text.slice(2);
      if (/^('[^']*'|[^'\s][^:]*):( |$)/.test(rest)) {
        lines[i] = { indent: indent + 2, text: rest }; // "- key: value": a mapping item, read at the item's indent
        out.push(mapping(indent + 2));
      } else {
        i++;
        out.push(scalar(rest));
        while (i < lines.length && lines[i]!.indent > indent) i++;
      }
    }
    return out;
  }

  const result = block(0);
  if (i !== lines.length) throw new Error(`YAML subset reader stopped at line ${i}: ${lines[i]?.text}`);
  return result;
}

function splitKey(text: string): { key: string; rest: string } {
  const quoted = /^'((?:[^']|'')*)':(?: (.*))?$/.exec(text);
  if (quoted) return { key: quoted[1]!.replace(/''/g, "'"), rest: quoted[2] ?? '' };
  const at = text.search(/:( |$)/);
  if (at < 0) throw new Error(`not a key: ${text}`);
  return { key: text.slice(0, at), rest: text.slice(at + 1).trim() };
}

function scalar(raw: string): unknown {
  if (raw === '[]') return [];
  if (raw === '{}') return {};
  if (raw.startsWith("'")) {
    const end = raw.length > 1 && raw.endsWith("'") ? raw.length - 1 : raw.length;
    return ref(raw.slice(1, end).replace(/''/g, "'"));
  }
  if (raw === 'true' || raw === 'false') return raw === 'true';
  if (raw === 'null' || raw === '~') return null;
  if (/^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
  return ref(raw);
}

/** A reference to one of the OpenAPI's schemas, pointed at the ajv document's definitions. */
function ref(value: string): string {
  return value.startsWith('#/components/schemas/') ? value.replace('#/components/schemas/', '#/definitions/') : value;
}
