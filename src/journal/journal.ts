import { randomUUID } from 'node:crypto';
import type { NativeRequest, NativeResponse } from '../bastjanster/types.js';
import type { ServiceId } from '../ssbtek/model.js';
import { flatText } from '../xml/flat-text.js';

/** One base-service call inside an exchange, with its native messages. */
export interface JournalServiceCall {
  service: ServiceId;
  outcome: string;
  durationMs: number;
  /** When the call started, in ms after the exchange was received (absent for a kept answer: not this exchange's). */
  startMs?: number;
  request?: { path: string; contentType: string; body: string };
  response?: { status: number; contentType: string; body: string };
}

/**
 * One exchange as the journal keeps it (docs/admin-api.md): who answered it (`service`), the request and the reply.
 * SSBTEK exchanges also carry what the composite service made of them (operation … services).
 */
export interface JournalEntry {
  id: string;
  receivedAt: string;
  /** The day the exchange was answered for: the request's X-SSBTEK-Today where honoured, else the emulator's today. */
  today: string;
  durationMs: number;
  /**
   * What answered: 'SSBTEK', a base service on its own path ('AF' … 'MIV'), Personuppgiftstjänsten's SOAP service
   * ('PU'), or a REST adapter by its id ('birthreport', 'scb', 'oauth2', 'samordningsnummer', 'pu-admin').
   */
  service: string;
  method: string;
  path: string;
  /** SSBTEK and SOAP services: 'fault' for a Fault; others: 'error' for an HTTP status of 400 or more. */
  outcome: 'ok' | 'fault' | 'error';
  request: { headers: Record<string, string>; body: string };
  reply: { status: number; contentType?: string; body: string };
  /** SSBTEK: the identified caller (certificate or X-SSBTEK-Client-OrgNr), and the customer it asked for as ombud. */
  caller?: string;
  onBehalfOf?: string;
  operation?: string;
  dialect?: string;
  korrelationsid?: string;
  personidentitet?: string;
  /** SSBTEK: the base services the query included. */
  included?: ServiceId[];
  felkod?: string | null;
  /** SSBTEK: each base service's call with its native messages. */
  services?: JournalServiceCall[];
  /**
   * True when the answer was a kept one for identical request bytes (see AnswerCache): `services` then shows the
   * native exchanges of the request that made it.
   */
  answeredFromCache?: boolean;
}

export interface JournalFilter {
  korrelationsid?: string;
  personidentitet?: string;
  /**
   * Exchanges `service` answered, and SSBTEK exchanges that included it (a base service id); with `included: false`,
   * the SSBTEK exchanges that did not include it.
   */
  service?: string;
  included?: boolean;
  outcome?: 'ok' | 'fault' | 'error';
  /** Received at or after this instant (ISO date-time). */
  from?: string;
  /** Received at or before this instant (ISO date-time). */
  to?: string;
}

/** An exchange without its message bodies: what a list shows (GET /__admin/requests?view=summary, the event stream). */
export interface JournalSummary extends Omit<JournalEntry, 'request' | 'reply' | 'services'> {
  status: number;
  services?: Omit<JournalServiceCall, 'request' | 'response'>[];
}

/** What the journal tells its subscribers: an exchange recorded, or the journal emptied. */
export type JournalEvent = { kind: 'recorded'; entry: JournalEntry } | { kind: 'cleared' };

export function summaryOf(entry: JournalEntry): JournalSummary {
  const { request: _request, reply, services, ...rest } = entry;
  return {
    ...rest,
    status: reply.status,
    ...(services && { services: services.map(({ request: _q, response: _r, ...call }) => call) }),
  };
}

/**
 * A body longer than this is cut (with a marker) so that one huge request cannot take the journal's memory: a query
 * is a few KB and the largest composite answer about 20 KB. Under a flood of maximal bodies every exchange adds one
 * cut body and drops an old one, so the cut also sets how fast the journal makes garbage for the GC.
 */
export const MAX_BODY_CHARS = 64 * 1024;

/**
 * A body as the journal keeps it: whole, or its first MAX_BODY_CHARS characters and a marker. The cut part is a
 * copy: V8's `slice` of a long string is a view that keeps the whole original alive, so a kept slice of a 10 MB
 * body would hold all 10 MB however little of it the journal counts.
 */
export function clip(body: string): string {
  if (body.length <= MAX_BODY_CHARS) return flatText(body);
  return `${copyOf(body.slice(0, MAX_BODY_CHARS))}…[${body.length - MAX_BODY_CHARS} more characters]`;
}

/**
 * A request body as the journal keeps it, from its bytes: decoded whole when it is at most MAX_BODY_CHARS bytes,
 * else only its first MAX_BODY_CHARS bytes are decoded (cut at a character boundary), with a marker counting the
 * bytes left out. A huge body is never turned into a string at all.
 */
export function clipBytes(bytes: Buffer, length = bytes.length): string {
  if (length <= MAX_BODY_CHARS) return bytes.toString('utf8', 0, length);
  let cut = MAX_BODY_CHARS;
  // Back off over UTF-8 continuation bytes (10xxxxxx) so that no character is cut in two.
  while (cut > 0 && (bytes[cut]! & 0xc0) === 0x80) cut--;
  return `${bytes.toString('utf8', 0, cut)}…[${length - cut} more bytes]`;
}

/** Bodies up to this many bytes are decoded when recorded; a longer one keeps its bytes until it is first read. */
export const LAZY_BODY_BYTES = 16 * 1024;

/** The bytes a lazily decoded body holds (for the journal's character bound, without decoding it). */
const lazySizes = new WeakMap<object, number>();

/**
 * A message as the journal keeps it (`headers` and the body of clipBytes, `decode`d further, e.g. masked), where a
 * body longer than LAZY_BODY_BYTES is decoded only when the entry is first read: recording it costs one copy of at
 * most MAX_BODY_CHARS bytes outside the JavaScript heap, instead of a string the garbage collector copies and
 * promotes for every padded request (most entries are never read). Reading it (the admin API, JSON.stringify)
 * gives the same text as decoding at once would.
 */
export function lazilyDecoded<T extends object>(
  message: T,
  bytes: Buffer,
  decode: (text: string) => string = (text) => text,
): T & { body: string } {
  if (bytes.length <= LAZY_BODY_BYTES) return Object.assign(message, { body: decode(clipBytes(bytes)) });
  const length = bytes.length;
  // A copy of its own (not from Buffer's shared pool): the entry must not keep the whole request alive.
  const kept = Buffer.allocUnsafeSlow(Math.min(length, MAX_BODY_CHARS + 1));
  bytes.copy(kept, 0, 0, kept.length);
  Object.defineProperty(message, 'body', {
    configurable: true,
    enumerable: true,
    get(this: T) {
      const body = decode(clipBytes(kept, length));
      Object.defineProperty(this, 'body', { value: body, enumerable: true, writable: true, configurable: true });
      lazySizes.delete(this);
      return body;
    },
  });
  lazySizes.set(message, kept.length);
  return message as T & { body: string };
}

/** A body's size for the character bound: a lazily decoded one counts its bytes (at least its characters). */
function sizeOf(message: { body: string }): number {
  return lazySizes.get(message) ?? message.body.length;
}

/** A string that shares no memory with `text` (a flat copy; UTF-8 keeps one-byte text one byte per character). */
function copyOf(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

export function nativeRequestRecord(request: NativeRequest): JournalServiceCall['request'] {
  return { path: request.path, contentType: request.contentType, body: clip(request.body) };
}

export function nativeResponseRecord(response: NativeResponse): JournalServiceCall['response'] {
  return { status: response.status, contentType: response.contentType, body: clip(response.body) };
}

/** The journal's second bound: the text it keeps, in characters (UTF-16: about 64 MB). */
export const DEFAULT_MAX_CHARS = 32 * 1024 * 1024;

/** The characters an entry keeps (its message bodies, plus a little for the rest). */
function charsOf(entry: JournalEntry): number {
  let chars = 512 + sizeOf(entry.request) + entry.reply.body.length;
  for (const call of entry.services ?? [])
    chars += 128 + (call.request?.body.length ?? 0) + (call.response?.body.length ?? 0);
  return chars;
}

/**
 * The most recent exchanges, in memory, bounded twice: at most `capacity` entries and at most `maxChars` of message
 * text (older entries fall out first), so neither many small nor a few huge exchanges can take the memory. Listed
 * newest first. Switched off, it records nothing and costs nothing.
 */
export class Journal {
  /**
   * Oldest first, from `head` on (a queue: dropping the oldest costs nothing until the dropped part is compacted
   * away, now and then, so an entry costs a fixed amount of work whatever the capacity). `sizes` are their chars.
   */
  private entries: (JournalEntry | undefined)[] = [];
  private sizes: number[] = [];
  private head = 0;
  private chars = 0;
  private readonly listeners = new Set<(event: JournalEvent) => void>();

  constructor(
    public enabled: boolean,
    private cap: number,
    private readonly maxChars = DEFAULT_MAX_CHARS,
    /**
     * How many processes keep the journal between them (`serve --workers N`): each keeps its share of the
     * capacity, ⌈capacity / N⌉ of the exchanges it answered, so that together they keep about `capacity`.
     */
    readonly share = 1,
  ) {}

  /** How many exchanges the journal keeps (in all, when workers share it). */
  get capacity(): number {
    return this.cap;
  }

  /** How many of them this process keeps. */
  get ownCapacity(): number {
    return Math.ceil(this.cap / this.share);
  }

  get size(): number {
    return this.entries.length - this.head;
  }

  /** Changes the capacity, keeping the newest entries that fit. */
  resize(capacity: number): void {
    this.cap = capacity;
    this.evict();
  }

  record(entry: Omit<JournalEntry, 'id'>): JournalEntry | undefined {
    if (!this.enabled || this.ownCapacity === 0) return undefined;
    const full: JournalEntry = { id: randomUUID(), ...entry };
    const chars = charsOf(full);
    this.entries.push(full);
    this.sizes.push(chars);
    this.chars += chars;
    this.evict();
    if (this.listeners.size > 0) this.tell({ kind: 'recorded', entry: full });
    return full;
  }

  /** Calls `listener` for every exchange recorded and when the journal is emptied, until the returned function. */
  subscribe(listener: (event: JournalEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private tell(event: JournalEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  list(filter: JournalFilter = {}, limit = 50): JournalEntry[] {
    const out: JournalEntry[] = [];
    for (let i = this.entries.length - 1; i >= this.head && out.length < limit; i--) {
      const entry = this.entries[i]!;
      if (matches(entry, filter)) out.push(entry);
    }
    return out;
  }

  get(id: string): JournalEntry | undefined {
    for (let i = this.head; i < this.entries.length; i++) if (this.entries[i]!.id === id) return this.entries[i];
    return undefined;
  }

  countMatching(filter: JournalFilter): number {
    let count = 0;
    for (let i = this.head; i < this.entries.length; i++) if (matches(this.entries[i]!, filter)) count++;
    return count;
  }

  clear(): void {
    this.entries = [];
    this.sizes = [];
    this.head = 0;
    this.chars = 0;
    this.tell({ kind: 'cleared' });
  }

  /** Every entry kept, oldest first (for figures over the whole journal). */
  all(): readonly JournalEntry[] {
    return this.entries.slice(this.head) as JournalEntry[];
  }

  private evict(): void {
    const capacity = this.ownCapacity;
    while (this.size > 0 && (this.size > capacity || this.chars > this.maxChars)) {
      this.chars -= this.sizes[this.head]!;
      this.entries[this.head] = undefined;
      this.head++;
    }
    // Compacted once the dropped part is as long as the kept one: amortized, a copy per entry at most.
    if (this.head > 64 && this.head * 2 >= this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.sizes = this.sizes.slice(this.head);
      this.head = 0;
    }
  }
}

export function matches(entry: JournalEntry, filter: JournalFilter): boolean {
  if (filter.from !== undefined && entry.receivedAt < filter.from) return false;
  if (filter.to !== undefined && entry.receivedAt > filter.to) return false;
  if (filter.korrelationsid !== undefined && entry.korrelationsid !== filter.korrelationsid) return false;
  if (filter.personidentitet !== undefined && entry.personidentitet !== filter.personidentitet) return false;
  if (filter.outcome !== undefined && entry.outcome !== filter.outcome) return false;
  if (filter.service !== undefined) {
    const included = entry.included?.some((id) => id === filter.service) ?? false;
    if (filter.included === false) return entry.service === 'SSBTEK' && !included;
    if (entry.service !== filter.service && !included) return false;
  }
  return true;
}
