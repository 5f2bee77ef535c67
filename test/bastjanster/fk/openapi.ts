import fs from 'node:fs';
import path from 'node:path';
import { REFERENCE_ROOT } from '../../support/reference.js';

/** The published LEFI v9 OpenAPI description (the oracle for the project's own JSON Schemas), when present. */
export const LEFI_OPENAPI = path.join(
  REFERENCE_ROOT,
  'ssbtek-v10/se/forsakringskassan/schema/lefi/lefi-formansinformation-v9.openapi.yaml',
);

export interface OpenApiProperty {
  type?: string;
  ref?: string;
}

export interface OpenApiSchema {
  type?: string;
  enum: string[];
  required: string[];
  properties: Map<string, OpenApiProperty>;
}

/**
 * Reads components.schemas from the OpenAPI YAML: per schema its enum, required list and top-level properties
 * (type or $ref). A line reader for this file's regular layout (two-space indents), not a general YAML parser.
 */
export function readOpenApiSchemas(file = LEFI_OPENAPI): Map<string, OpenApiSchema> {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const schemas = new Map<string, OpenApiSchema>();
  const start = lines.indexOf('  schemas:');
  let current: OpenApiSchema | undefined;
  let section: 'enum' | 'required' | 'properties' | undefined;
  let property: OpenApiProperty | undefined;
  for (const line of lines.slice(start + 1)) {
    const indent = line.length - line.trimStart().length;
    const content = line.trim();
    if (content === '') continue;
    if (indent <= 2) break;
    if (indent === 4 && content.endsWith(':')) {
      current = { enum: [], required: [], properties: new Map() };
      schemas.set(content.slice(0, -1), current);
      section = undefined;
      continue;
    }
    if (!current) continue;
    if (indent === 6) {
      if (content.startsWith('- ') && (section === 'enum' || section === 'required')) {
        current[section].push(unquote(content.slice(2)));
        continue;
      }
      section =
        content === 'enum:'
          ? 'enum'
          : content === 'required:'
            ? 'required'
            : content === 'properties:'
              ? 'properties'
              : undefined;
      if (content.startsWith('type: ')) current.type = content.slice(6);
      continue;
    }
    if (section !== 'properties') continue;
    if (indent === 8 && content.endsWith(':')) {
      property = {};
      current.properties.set(content.slice(0, -1), property);
    } else if (indent === 10 && property) {
      if (content.startsWith('type: ')) property.type = content.slice(6);
      if (content.startsWith('$ref: ')) property.ref = unquote(content.slice(6)).replace('#/components/schemas/', '');
    }
  }
  return schemas;
}

function unquote(value: string): string {
  return value.replace(/^'(.*)'$/, '$1');
}
