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

/** One SSBTEK exchange as the journal keeps it (docs/admin-api.md). */
export interface JournalEntry {
  id: string;
  receivedAt: string;
  durationMs: number;
  operation?: string;
  dialect?: string;
  korrelationsid?: string;
  personidentitet?: string;
  included: ServiceId[];
  outcome: 'ok' | 'fault';
  felkod: string | null;
  request: { headers: Record<string, string>; body: string };
  reply: { status: number; body: string };
  services: JournalServiceCall[];
}

export interface JournalFilter {
  korrelationsid?: string;
  personidentitet?: string;
  service?: ServiceId;
  included?: boolean;
  outcome?: 'ok' | 'fault';
}

/** A body longer than this is cut (with a marker) so that one huge request cannot take the journal's memory. */
export const MAX_BODY_CHARS = 256 * 1024;

export function clip(body: string): string {
  return body.length <= MAX_BODY_CHARS
    ? body
    : `${body.slice(0, MAX_BODY_CHARS)}…[${body.length - MAX_BODY_CHARS} more characters]`;
}

export function nativeRequestRecord(request: NativeRequest): JournalServiceCall['request'] {
  return { path: request.path, contentType: request.contentType, body: clip(request.body) };
}

export function nativeResponseRecord(response: NativeResponse): JournalServiceCall['response'] {
  return { status: response.status, contentType: response.contentType, body: clip(response.body) };
}

/**
 * The most recent exchanges, in memory: a ring of `capacity` entries (older ones fall out), newest first when
 * listed. Switched off, it records nothing and costs nothing.
 */
export class Journal {
  private entries: (JournalEntry | undefined)[];
  private next = 0;
  private count = 0;

  constructor(
    public enabled: boolean,
    private cap: number,
  ) {
    this.entries = new Array<JournalEntry | undefined>(cap);
  }

  get capacity(): number {
    return this.cap;
  }

  get size(): number {
    return this.count;
  }

  /** Changes the capacity, keeping the newest entries that fit. */
  resize(capacity: number): void {
    const keep = this.newestFirst().slice(0, capacity).reverse();
    this.cap = capacity;
    this.entries = new Array<JournalEntry | undefined>(capacity);
    this.next = 0;
    this.count = 0;
    for (const entry of keep) this.add(entry);
  }

  record(entry: Omit<JournalEntry, 'id'>): JournalEntry | undefined {
    if (!this.enabled || this.cap === 0) return undefined;
    const full: JournalEntry = { id: randomUUID(), ...entry };
    this.add(full);
    return full;
  }

  list(filter: JournalFilter = {}, limit = 50): JournalEntry[] {
    return this.newestFirst()
      .filter((e) => matches(e, filter))
      .slice(0, limit);
  }

  get(id: string): JournalEntry | undefined {
    return this.newestFirst().find((e) => e.id === id);
  }

  countMatching(filter: JournalFilter): number {
    return this.newestFirst().filter((e) => matches(e, filter)).length;
  }

  clear(): void {
    this.entries = new Array<JournalEntry | undefined>(this.cap);
    this.next = 0;
    this.count = 0;
  }

  private add(entry: JournalEntry): void {
    this.entries[this.next] = entry;
    this.next = (this.next + 1) % this.cap;
    this.count = Math.min(this.count + 1, this.cap);
  }

  private newestFirst(): JournalEntry[] {
    const out: JournalEntry[] = [];
    for (let i = 1; i <= this.count; i++) {
      const entry = this.entries[(this.next - i + this.cap) % this.cap];
      if (entry) out.push(entry);
    }
    return out;
  }
}

function matches(entry: JournalEntry, filter: JournalFilter): boolean {
  if (filter.korrelationsid !== undefined && entry.korrelationsid !== filter.korrelationsid) return false;
  if (filter.personidentitet !== undefined && entry.personidentitet !== filter.personidentitet) return false;
  if (filter.outcome !== undefined && entry.outcome !== filter.outcome) return false;
  if (filter.service !== undefined) {
    const included = entry.included.includes(filter.service);
    if (included !== (filter.included ?? true)) return false;
  }
  return true;
}
