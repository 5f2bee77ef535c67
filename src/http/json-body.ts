import express, { type RequestHandler } from 'express';
import { refuseOversizeBody } from './body-limit.js';

/**
 * The deepest nesting of objects and arrays a JSON body may have. The deepest real request (a birth report, a PU
 * contact) nests 4 levels; recursive code (canonical JSON, schema validation, logging) needs a bound well before
 * the stack's.
 */
export const MAX_JSON_DEPTH = 32;

/**
 * The JSON body parser of every JSON endpoint: express.json with the endpoint's size limit, and the nesting bound
 * checked over the bytes before anything is parsed. A body nested too deeply is a 400 shaped like a schema
 * violation (`status`, `errors[{path, message}]`, as express-openapi-validator's), so each service's own error
 * handler answers it in that service's own error shape. A Content-Length over the limit is refused (413, the
 * connection closed after the answer) before the body is read, as the SOAP edges do (body-parser alone would read
 * and discard the whole body first).
 */
export function jsonBody(options: { limit: number; strict?: boolean; maxDepth?: number }): RequestHandler {
  const maxDepth = options.maxDepth ?? MAX_JSON_DEPTH;
  const parse = express.json({
    limit: options.limit,
    strict: options.strict ?? true,
    verify: (_req, _res, body, encoding) => {
      const pointer = tooDeep(body, maxDepth, encoding);
      if (pointer !== undefined) throw jsonTooDeep(pointer, maxDepth);
    },
  });
  const oversize = refuseOversizeBody(options.limit);
  return (req, res, next) => {
    if (!req.is('application/json')) return parse(req, res, next);
    oversize(req, res, (error?: unknown) => (error ? next(error) : parse(req, res, next)));
  };
}

/** The error a body nested past `maxDepth` gets: a 400 in the validator's shape, pointing at the first too-deep part. */
export function jsonTooDeep(pointer: string, maxDepth: number): Error {
  const message = `is nested deeper than ${maxDepth} levels of objects and arrays`;
  return Object.assign(new Error(`The JSON body ${message} (at ${pointer || '/'})`), {
    status: 400,
    type: 'entity.too.deep',
    expose: true,
    errors: [{ path: `/body${pointer}`, message, errorCode: 'maxDepth.openapi.validation' }],
  });
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

/** The text of a body in an encoding that is not ASCII-compatible (UTF-16, …), else undefined: scanned as bytes. */
function decoded(body: Buffer, encoding: string): string | undefined {
  const name = encoding.toLowerCase();
  if (name === 'utf-8' || name === 'utf8' || name === 'ascii' || name === 'us-ascii' || name === 'latin1') return;
  try {
    return new TextDecoder(name).decode(body);
  } catch {
    return undefined; // an encoding body-parser will refuse itself (415)
  }
}

/**
 * Walks the JSON text's structure (strings skipped with native searches) and returns the JSON Pointer of the first
 * object or array that opens past `maxDepth`, or undefined when there is none. Malformed JSON is left to JSON.parse.
 * Bytes are read as they are (UTF-8 and other ASCII-compatible encodings) or decoded first (`encoding`).
 */
export function tooDeep(body: Buffer | string, maxDepth: number, encoding = 'utf-8'): string | undefined {
  if (typeof body === 'string') return walk(Buffer.alloc(0), body, maxDepth);
  return walk(body, decoded(body, encoding), maxDepth);
}

function walk(body: Buffer, text: string | undefined, maxDepth: number): string | undefined {
  const length = text === undefined ? body.length : text.length;
  const code = text === undefined ? (i: number): number => body[i]! : (i: number): number => text.charCodeAt(i);
  const find =
    text === undefined
      ? (from: number): number => body.indexOf(QUOTE, from)
      : (from: number): number => text.indexOf('"', from);
  const slice = (from: number, to: number): string =>
    text === undefined ? body.toString('utf8', from, to) : text.slice(from, to);

  // Per open container: whether it is an array, its current index, and (objects) where its last key's text is.
  const isArray: boolean[] = [];
  const index: number[] = [];
  const keyAt: [number, number][] = [];
  let expectKey = false;
  for (let i = 0; i < length; i++) {
    const c = code(i);
    if (c === QUOTE) {
      let end = find(i + 1);
      while (end > 0 && escaped(code, end)) end = find(end + 1);
      if (end < 0) return undefined;
      if (expectKey) keyAt[keyAt.length - 1] = [i, end + 1];
      i = end;
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (isArray.length >= maxDepth) return pointerOf(isArray, index, keyAt, slice);
      isArray.push(c === OPEN_ARRAY);
      index.push(0);
      keyAt.push([0, 0]);
      expectKey = c === OPEN_OBJECT;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      isArray.pop();
      index.pop();
      keyAt.pop();
      expectKey = false;
    } else if (c === COMMA && isArray.length > 0) {
      if (isArray[isArray.length - 1]) index[index.length - 1]!++;
      else expectKey = true;
    } else if (c === COLON) {
      expectKey = false;
    }
  }
  return undefined;
}

/** A quote preceded by an odd number of backslashes is part of the string. */
function escaped(code: (i: number) => number, at: number): boolean {
  let backslashes = 0;
  for (let i = at - 1; i >= 0 && code(i) === BACKSLASH; i--) backslashes++;
  return backslashes % 2 === 1;
}

/** The JSON Pointer of the container about to open: each open level's key or index (keys cut at 40 characters). */
function pointerOf(
  isArray: boolean[],
  index: number[],
  keyAt: [number, number][],
  slice: (from: number, to: number) => string,
): string {
  let pointer = '';
  for (let level = 0; level < isArray.length; level++) {
    let segment: string;
    if (isArray[level]) segment = String(index[level]);
    else {
      const [from, to] = keyAt[level]!;
      try {
        segment = String(JSON.parse(slice(from, to)));
      } catch {
        segment = slice(from + 1, to - 1);
      }
    }
    if (segment.length > 40) segment = `${segment.slice(0, 40)}…`;
    pointer += `/${segment.replace(/~/g, '~0').replace(/\//g, '~1')}`;
  }
  return pointer;
}
