/**
 * One journaling middleware for every service the emulator serves (SSBTEK, the base services on their own paths,
 * Personuppgiftstjänsten, the REST adapters): it keeps each exchange's request and reply as sent on the wire, and a
 * handler adds what only it knows (SSBTEK: operation, dialect, korrelationsid, the base services' native messages)
 * with addJournalDetails.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { headerOf } from '../http/caller-identity.js';
import { SCENARIO_HEADER } from '../scenario/header.js';
import { TODAY_HEADER } from '../scenario/today.js';
import { clip, lazilyDecoded, MAX_BODY_CHARS, type Journal, type JournalEntry } from './journal.js';

/** What a handler adds to its exchange's entry (SSBTEK's fields, an outcome of its own, the day it answered for). */
export type JournalDetails = Partial<
  Omit<JournalEntry, 'id' | 'receivedAt' | 'durationMs' | 'service' | 'method' | 'path' | 'request' | 'reply'>
>;

const DETAILS = Symbol('journal details');
const REPLY_TEXT = Symbol('journal reply text');
const REQUEST_TEXT = Symbol('journal request text');

/**
 * Adds to the entry of the exchange `res` answers (nothing happens when the journal is off). A handler that has
 * its reply as text already may give it (`replyText`, exactly the bytes it sends): the entry then shares that
 * string instead of decoding the bytes again (a kept SSBTEK answer is one string for every request it answers).
 */
export function addJournalDetails(
  res: Pick<Response, 'locals'>,
  details: JournalDetails,
  replyText?: string,
  /** The request body as the entry keeps it, when the handler has it already (a kept answer's request). */
  requestText?: string,
): void {
  const locals = res.locals as Record<symbol, unknown>;
  const earlier = locals[DETAILS] as JournalDetails | undefined;
  locals[DETAILS] = earlier ? { ...earlier, ...details } : details;
  if (replyText !== undefined) locals[REPLY_TEXT] = replyText;
  if (requestText !== undefined) locals[REQUEST_TEXT] = requestText;
}

/** Headers worth keeping: what shapes an answer or identifies a caller, never credentials or cookies. */
const JOURNALED_HEADERS = [
  'content-type',
  'accept',
  'soapaction',
  SCENARIO_HEADER,
  TODAY_HEADER,
  'user-agent',
  'x-pu-consumer',
  'x-trace-id',
  'x-emulator-error',
  'x-scb-client-orgnr',
  'x-ssbtek-client-orgnr',
  'skv_client_correlation_id',
  'skv_user',
];

/** Members whose values are credentials: masked in the bodies kept (the token endpoint's secrets and tokens). */
const SECRET_MEMBERS = /^(client_secret|access_token|refresh_token|password)$/i;
const SECRET_IN_JSON = /("(?:client_secret|access_token|refresh_token|password)"\s*:\s*")(?:[^"\\]|\\.)*(")/gi;
const MASK = '***';

/** Bytes of a reply kept before the rest is only counted (a character takes at most four). */
const CAPTURE_BYTES = 4 * MAX_BODY_CHARS;

export interface JournalingOptions {
  journal: Journal;
  /** The service a request is addressed to (an entry's `service`), or undefined: not journaled. */
  serviceOf(method: string, path: string): string | undefined;
  /** The emulator's today, for an entry whose handler names no day of its own. */
  today: () => string;
}

/**
 * Records each exchange addressed to a service when its answer is complete (when `res.end` is called, so the
 * entry is there before the client can ask for it). Costs one check per request when the journal is off.
 */
export function journaling(options: JournalingOptions): RequestHandler {
  const { journal } = options;
  return (req: Request, res: Response, next: NextFunction) => {
    if (!journal.enabled) return next();
    // Read now: a mounted router rewrites req.url (and so req.path) while it handles the request.
    const { method, path } = req;
    const service = options.serviceOf(method, path);
    if (service === undefined) return next();
    journalExchange(options, req, res, { method, path, service });
    next();
  };
}

/** A request as the journal reads it: node's, with the body a handler read (a Buffer, a parsed object, text). */
export type JournaledRequest = IncomingMessage & { body?: unknown };
/** A response as the journal reads it: node's, with the locals a handler adds its details to (addJournalDetails). */
export type JournaledResponse = ServerResponse & { locals: object };

/**
 * Records one exchange when its answer is complete (when `res.end` is called, so the entry is there before the
 * client can ask for it): for the journaling middleware, and for the SOAP front door that answers below express.
 */
export function journalExchange(
  options: Pick<JournalingOptions, 'journal' | 'today'>,
  req: JournaledRequest,
  res: JournaledResponse,
  { method, path, service }: { method: string; path: string; service: string },
): void {
  const { journal } = options;
  const started = performance.now();
  const receivedAt = new Date().toISOString();
  const today = options.today();
  const reply = new ReplyCapture();
  const write = res.write;
  const end = res.end;
  const given = (): string | undefined => (res.locals as Record<symbol, string | undefined>)[REPLY_TEXT];
  res.write = function (this: ServerResponse, chunk: unknown, ...rest: unknown[]) {
    if (given() === undefined) reply.add(chunk, rest[0]);
    return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
  } as typeof res.write;
  res.end = function (this: ServerResponse, ...args: unknown[]) {
    if (typeof args[0] !== 'function' && given() === undefined) reply.add(args[0], args[1]);
    const result = (end as (...a: unknown[]) => ServerResponse).apply(this, args);
    const details = (res.locals as Record<symbol, JournalDetails | undefined>)[DETAILS] ?? {};
    const header = res.getHeader('content-type');
    const contentType = header === undefined ? '' : String(header);
    journal.record({
      receivedAt,
      today,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
      service,
      method,
      path,
      outcome: outcomeOf(res.statusCode, contentType),
      ...details,
      request: keptRequest(req, (res.locals as Record<symbol, string | undefined>)[REQUEST_TEXT]),
      reply: {
        status: res.statusCode,
        ...(contentType && { contentType }),
        body: maskJson(contentType, clip(given() ?? reply.text())),
      },
    });
    return result;
  } as typeof res.end;
}

/** `ok` below 400; at or above, `fault` for an XML answer (a SOAP Fault or another XML error), else `error`. */
function outcomeOf(status: number, contentType: string): JournalEntry['outcome'] {
  if (status < 400) return 'ok';
  return /xml/i.test(contentType) ? 'fault' : 'error';
}

function headersOf(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of JOURNALED_HEADERS) {
    // Node keeps header names in lower case: a plain lookup (req.get costs more, on every journaled request).
    const value = req.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  return headers;
}

/** The request as the journal keeps it: the headers worth keeping and the body (given, or requestText's). */
function keptRequest(req: JournaledRequest, given: string | undefined): JournalEntry['request'] {
  const headers = headersOf(req);
  if (given !== undefined) return { headers, body: given };
  const body: unknown = req.body;
  if (!Buffer.isBuffer(body)) return { headers, body: requestText(req) };
  const contentType = headerOf(req, 'content-type') ?? '';
  return lazilyDecoded({ headers }, body, (text) => maskJson(contentType, text));
}

/**
 * The request body as the service read it, cut as the journal keeps it: a parsed JSON body written as JSON again, a
 * parsed form as a form (credentials masked); nothing when no parser read it. (Raw bytes: keptRequest.)
 */
function requestText(req: JournaledRequest): string {
  const body: unknown = req.body;
  const contentType = headerOf(req, 'content-type') ?? '';
  if (typeof body === 'string') return clip(maskJson(contentType, body));
  if (body === null || typeof body !== 'object') return '';
  const masked = Object.fromEntries(
    Object.entries(body as Record<string, unknown>).map(([k, v]) => [k, SECRET_MEMBERS.test(k) ? MASK : v]),
  );
  if (/x-www-form-urlencoded/i.test(contentType))
    return clip(new URLSearchParams(masked as Record<string, string>).toString());
  return clip(JSON.stringify(masked));
}

/** A JSON text with credentials masked; other media types are kept as they are. */
function maskJson(contentType: string, text: string): string {
  return /json/i.test(contentType) ? text.replace(SECRET_IN_JSON, `$1${MASK}$2`) : text;
}

/** The reply's bytes as they are written, up to CAPTURE_BYTES; beyond that only counted. */
class ReplyCapture {
  private readonly chunks: Buffer[] = [];
  private kept = 0;
  private dropped = 0;

  add(chunk: unknown, encoding: unknown): void {
    if (chunk === undefined || chunk === null) return;
    const bytes =
      typeof chunk === 'string'
        ? Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8')
        : chunk instanceof Uint8Array
          ? Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
          : undefined;
    if (!bytes) return;
    const room = Math.max(0, CAPTURE_BYTES - this.kept);
    if (bytes.length > room) this.dropped += bytes.length - room;
    if (room > 0) {
      const part = bytes.length > room ? bytes.subarray(0, room) : bytes;
      this.chunks.push(part);
      this.kept += part.length;
    }
  }

  /** The reply as text, cut like every journaled body (bytes not kept are counted as characters). */
  text(): string {
    const text = Buffer.concat(this.chunks, this.kept).toString('utf8');
    if (this.dropped === 0) return text;
    return `${text.slice(0, MAX_BODY_CHARS)}…[${text.length - MAX_BODY_CHARS + this.dropped} more characters]`;
  }
}
