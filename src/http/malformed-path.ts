/**
 * Express's router percent-decodes path parameters while it matches routes; malformed encoding there (`%c0%af`, a
 * cut `%E0%A4%A`) becomes a URIError it marks 400 and passes to the error handlers. It is the client's error: each
 * edge answers it as a 400 in its own form, logged as a client error, never as an internal one.
 */
export function isMalformedPath(error: unknown): error is URIError {
  return error instanceof URIError;
}

export const MALFORMED_PATH = 'The request path is not valid percent-encoded UTF-8.';
