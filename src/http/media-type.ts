import type { IncomingMessage } from 'node:http';
import { format, parse } from 'content-type';

/** A request's media type without parameters, in lower case ('' when it names none). */
export function mediaTypeOf(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

/** The emulators' few reply types, each formatted once. */
const formatted = new Map<string, string>();

/**
 * A reply's Content-Type with `charset=utf-8`, as express's send() sets it on a text body (content-type's format:
 * `text/html;charset=utf-8` becomes `text/html; charset=utf-8`), for replies written on node's response directly.
 */
export function withUtf8Charset(type: string): string {
  const known = formatted.get(type);
  if (known !== undefined) return known;
  const parsed = parse(type);
  parsed.parameters.charset = 'utf-8';
  const result = format(parsed);
  if (formatted.size < 64) formatted.set(type, result);
  return result;
}
