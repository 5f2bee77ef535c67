/**
 * The admin API's errors: RFC 9457 problem documents whose `errors` name each problem (a query parameter or a
 * JSON pointer into the body) and, for an unknown member or a value outside a list, what is allowed — read from
 * the admin API's own OpenAPI document, so the message and the enforced contract are one.
 */
import type { Response } from 'express';

export interface AdminProblemItem {
  parameter?: string;
  pointer?: string;
  detail: string;
  allowed?: string[];
}

/** Sends a problem document (`type` about:blank: the title says what went wrong). */
export function sendAdminProblem(
  res: Response,
  status: number,
  title: string,
  detail?: string,
  errors?: AdminProblemItem[],
): void {
  const document = {
    type: 'about:blank',
    title,
    status,
    ...(detail !== undefined && { detail }),
    ...(errors && { errors }),
  };
  res.status(status).type('application/problem+json').send(JSON.stringify(document));
}

/** One error as express-openapi-validator reports it: `/query/name` or `/body/…` and AJV's message. */
export interface ValidatorErrorItem {
  path: string;
  message: string;
  errorCode?: string;
}

type Schema = Record<string, unknown>;

/** Follows `$ref`s to the document's components. */
function resolve(document: Schema, schema: unknown): Schema | undefined {
  let current = schema as Schema | undefined;
  for (let hops = 0; current && typeof current.$ref === 'string' && hops < 10; hops++) {
    const [, , , name] = (current.$ref as string).split('/');
    current = ((document.components as Schema).schemas as Schema)[name ?? ''] as Schema | undefined;
  }
  return current;
}

/** The schema at a pointer below `schema` (object members only: the admin API's bodies have no arrays). */
function schemaAt(document: Schema, schema: unknown, segments: readonly string[]): Schema | undefined {
  let current = resolve(document, schema);
  for (const segment of segments) {
    current = resolve(document, (current?.properties as Schema | undefined)?.[segment]);
    if (!current) return undefined;
  }
  return current;
}

/** The operation of the admin document for a method and a path below /__admin ({name} segments match any). */
export function operationOf(document: Schema, method: string, path: string): Schema | undefined {
  const paths = document.paths as Record<string, Schema>;
  for (const [template, item] of Object.entries(paths)) {
    const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
    if (pattern.test(path)) return item[method.toLowerCase()] as Schema | undefined;
  }
  return undefined;
}

function queryParameters(operation: Schema | undefined): Schema[] {
  return ((operation?.parameters as Schema[] | undefined) ?? []).filter((p) => p.in === 'query');
}

function bodySchema(operation: Schema | undefined): unknown {
  const content = (operation?.requestBody as Schema | undefined)?.content as Schema | undefined;
  return (content?.['application/json'] as Schema | undefined)?.schema;
}

/**
 * express-openapi-validator's errors as problem items: an unknown member lists the allowed members, a value
 * outside an enum lists the allowed values.
 */
export function problemItems(
  document: Schema,
  operation: Schema | undefined,
  errors: readonly ValidatorErrorItem[],
): AdminProblemItem[] {
  return errors.map(({ path, message, errorCode }) => {
    const [, where = '', ...rest] = path.split('/');
    const rule = (errorCode ?? '').replace(/\.openapi\.validation$/, '');
    if (where === 'query') {
      const name = rest.join('/');
      const parameters = queryParameters(operation);
      if (/^Unknown query parameter/.test(message))
        return {
          parameter: name,
          detail: `"${name}" is not a filter here`,
          allowed: parameters.map((p) => String(p.name)),
        };
      const schema = resolve(document, parameters.find((p) => p.name === name)?.schema);
      return { parameter: name, ...valueProblem(rule, message, schema) };
    }
    if (where === 'body') {
      const parent = schemaAt(document, bodySchema(operation), rest.slice(0, -1));
      const member = rest[rest.length - 1];
      if (rule === 'additionalProperties')
        return {
          pointer: `/${rest.join('/')}`,
          detail: `"${member}" is not a known member`,
          allowed: Object.keys((parent?.properties as Schema | undefined) ?? {}),
        };
      const schema = schemaAt(document, bodySchema(operation), rest);
      return { pointer: `/${rest.join('/')}`, ...valueProblem(rule, message, schema) };
    }
    return { parameter: rest.join('/') || where, detail: message };
  });
}

/** A value the schema refuses; a value outside a list names the list (in `allowed`, not twice in the text). */
function valueProblem(rule: string, message: string, schema: Schema | undefined): Omit<AdminProblemItem, 'pointer'> {
  if (rule !== 'enum' || !Array.isArray(schema?.enum)) return { detail: message };
  return { detail: 'is not one of the allowed values', allowed: (schema.enum as unknown[]).map(String) };
}

/** One line for `detail`: each problem with what is allowed. */
export function describe(items: readonly AdminProblemItem[]): string {
  return items
    .map((item) => {
      const where = item.parameter ?? item.pointer ?? '';
      const allowed = item.allowed ? ` (allowed: ${item.allowed.join(', ')})` : '';
      return `${where}: ${item.detail}${allowed}`;
    })
    .join('; ');
}
