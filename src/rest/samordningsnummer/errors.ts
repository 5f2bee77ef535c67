import type { Response } from 'express';

/** The seed's fixed bodies (§4.1.2.2.1) for every status that is not a 400 or a 403. */
export const SEED_MESSAGES = {
  401: 'Unauthorized',
  404: 'Not found',
  405: 'Method not allowed',
  406: 'Not acceptable',
  415: 'Unsupported media type',
  429: 'Too Many Requests',
  500: 'Internal server error',
  503: 'Service Unavailable',
  504: 'Timeout',
} as const;

export type SeedStatus = keyof typeof SEED_MESSAGES;

export function sendSeedMessage(res: Response, status: SeedStatus): void {
  res.status(status).json({ message: SEED_MESSAGES[status] });
}

/** The seed's 403 body, word for word (its wording, not ours). */
export const INVALID_SCOPE_BODY = {
  error: 'invalid_scope',
  description: 'The required scope esnr has been requested for that access token.',
} as const;

/** One entry of the seed's 400 `errors[]`. */
export interface Felpost {
  source: string | null;
  type: string | null;
  title: string;
  description: string;
}

/**
 * The seed's title names the operation by its path behind Skatteverket's gateway (/m2m/v1/...), not the public
 * path; it is kept so clients that match on it keep working.
 */
export function titleFor(operationPath: string): string {
  return `Valideringsfel vid anrop till: /m2m/v1${operationPath}`;
}

/** An input violation, worded like the seed's example: `{field must …}`, source and type null. */
export function valideringsfel(operationPath: string, violation: string): Felpost {
  return { source: null, type: null, title: titleFor(operationPath), description: `{${violation}}` };
}

/** A business rule the anmälan does not meet: which field, which rule (a stable code) and why. */
export function regelfel(operationPath: string, source: string, type: string, description: string): Felpost {
  return { source, type, title: titleFor(operationPath), description };
}

export function sendErrors(res: Response, errors: Felpost[]): void {
  res.status(400).json({ errors });
}

interface ValidatorItem {
  path?: string;
  message?: string;
  errorCode?: string;
}

/**
 * Rewrites express-openapi-validator's findings in the seed's wording. The validator names a field by its
 * location (`.body.samordningsnummer`, `.headers.skv_client_correlation_id`); the seed names the field alone and
 * shows a pattern without its anchors.
 */
export function describeValidatorErrors(error: unknown): string[] {
  const items = (error as { errors?: ValidatorItem[] }).errors;
  if (!Array.isArray(items) || items.length === 0) return ['request must be valid'];
  return [...new Set(items.map(describeItem))];
}

function describeItem(item: ValidatorItem): string {
  const message = item.message ?? 'is invalid';
  // e.g. '/body/samordningsnummer' or '/headers/skv_client_correlation_id' → the field's own name.
  const field =
    (item.path ?? '').replace(/^[./]?(body|headers|query|params)([./]|$)/, '').replace(/\//g, '.') || 'body';
  if (/must have required property/.test(message)) return `${field} must not be null`;
  const pattern = /must match pattern "(.*)"/.exec(message);
  if (pattern) {
    const regex = pattern[1]!.replace(/^\^/, '').replace(/\$$/, '');
    // The only unanchored pattern, \S, says "not only blanks": say it like a bean validator would.
    return regex === '\\S' ? `${field} must not be blank` : `${field} must match "${regex}"`;
  }
  const type = /must be (string|object|array|integer|number|boolean)/.exec(message);
  if (type) return `${field} must be ${type[1] === 'array' || type[1] === 'object' ? 'an' : 'a'} ${type[1]}`;
  if (/NOT have fewer than 1 characters/i.test(message)) return `${field} must not be blank`;
  const longest = /must NOT have more than (\d+) characters/.exec(message);
  if (longest) return `${field} size must be between 1 and ${longest[1]}`;
  const allowed = /must be equal to one of the allowed values: (.*)/.exec(message);
  if (allowed) return `${field} must be one of ${allowed[1]}`;
  return `${field} ${message}`;
}
