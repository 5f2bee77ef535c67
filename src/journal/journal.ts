import { randomUUID } from 'node:crypto';
import type { NativeRequest, NativeResponse } from '../bastjanster/types.js';
import type { ServiceId } from '../ssbtek/model.js';

/** One base-service call inside an exchange, with its native messages. */
export interface JournalServiceCall {
  service: ServiceId;
  outcome: string;
  durationMs: number;
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
  if (body.length <= MAX_BODY_CHARS) return body;
  return `${copyOf(body.slice(0, MAX_BODY_CHARS))}…[${body.length - MAX_BODY_CHARS} more characters]`;
}

/**
 * A request body as the journal keeps it, from its bytes: decoded whole when it is at most MAX_BODY_CHARS bytes,
 * else only its first MAX_BODY_CHARS bytes are decoded (cut at a character boundary), with a marker counting the
 * bytes left out. A huge body is never turned into a string at all.
 */
export function clipBytes(bytes: Buffer): string {
  if (bytes.length <= MAX_BODY_CHARS) return bytes.toString('utf8');
  let cut = MAX_BODY_CHARS;
  // Back off over UTF-8 continuation bytes (10xxxxxx) so that no character is cut in two.
  while (cut > 0 && (bytes[cut]! & 0xc0) === 0x80) cut--;
  return `${bytes.toString('utf8', 0, cut)}…[${bytes.length - cut} more bytes]`;
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
  let chars = 512 + entry.request.body.length + entry.reply.body.length;
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
  /** Oldest first. */
  private entries: JournalEntry[] = [];
  private chars = 0;
  /** Where each recorded entry also goes (the shared journal's batch, when processes share a store). */
  private readonly sinks: ((entry: JournalEntry) => void)[] = [];

  constructor(
    public enabled: boolean,
    private cap: number,
    private readonly maxChars = DEFAULT_MAX_CHARS,
  ) {}

  get capacity(): number {
    return this.cap;
  }

  get size(): number {
    return this.entries.length;
  }

  /** Changes the capacity, keeping the newest entries that fit. */
  resize(capacity: number): void {
    this.cap = capacity;
    this.evict();
  }

  record(entry: Omit<JournalEntry, 'id'>): JournalEntry | undefined {
    if (!this.enabled || this.cap === 0) return undefined;
    const full: JournalEntry = { id: randomUUID(), ...entry };
    this.entries.push(full);
    this.chars += charsOf(full);
    this.evict();
    for (const sink of this.sinks) sink(full);
    return full;
  }

  /** Also hands every recorded entry to `sink` (called synchronously; it must only queue the entry). */
  onRecord(sink: (entry: JournalEntry) => void): void {
    this.sinks.push(sink);
  }

  list(filter: JournalFilter = {}, limit = 50): JournalEntry[] {
    const out: JournalEntry[] = [];
    for (let i = this.entries.length - 1; i >= 0 && out.length < limit; i--) {
      const entry = this.entries[i]!;
      if (matches(entry, filter)) out.push(entry);
    }
    return out;
  }

  get(id: string): JournalEntry | undefined {
    return this.entries.find((e) => e.id === id);
  }

  countMatching(filter: JournalFilter): number {
    return this.entries.filter((e) => matches(e, filter)).length;
  }

  clear(): void {
    this.entries = [];
    this.chars = 0;
  }

  private evict(): void {
    let drop = 0;
    let chars = this.chars;
    while (drop < this.entries.length && (this.entries.length - drop > this.cap || chars > this.maxChars)) {
      chars -= charsOf(this.entries[drop]!);
      drop++;
    }
    if (drop > 0) {
      this.entries = this.entries.slice(drop);
      this.chars = chars;
    }
  }
}

function matches(entry: JournalEntry, filter: JournalFilter): boolean {
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
