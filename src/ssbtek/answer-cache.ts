import { hash } from 'node:crypto';
import type { NativeResponse } from '../bastjanster/types.js';
import type { ExchangeSummary } from './pipeline.js';
import type { TjanstAnrop, TjanstUtfall } from './model.js';

/** A composite answer as it was sent: the validated reply, its summary and what each base service did. */
export interface CachedAnswer {
  body: string;
  /** The body encoded once (UTF-8), so a kept answer is not encoded again for every request. */
  bodyBytes?: Buffer;
  summary: ExchangeSummary;
  /**
   * The request as the journal keeps it (its bytes as text, cut like every journaled body): every exchange the
   * answer is kept for sends these bytes, so their journal entries share this one string.
   */
  requestText?: string;
  /** The request's exact bytes: a kept answer is given only for these (its key is their digest). */
  requestBytes?: Buffer;
  /** Each service's outcome and native messages (for the journal); the data itself is in `body`. */
  results: TjanstAnrop[];
}

/** One base service's answer to one native request: the native message and what it was translated to. */
export interface CachedServiceAnswer {
  response: NativeResponse;
  utfall: TjanstUtfall;
}

export interface AnswerCacheLimits {
  /** Most answers kept (least recently used go first). 0 turns the cache off. */
  entries: number;
  /** Most characters kept, counting request keys, reply bodies and the native messages kept for the journal. */
  chars: number;
  /**
   * Keep an answer only from its key's second offer (`set`) on, TinyLFU's doorkeeper: an answer offered once and
   * never asked for again is not kept. Off by default (a composite answer is kept on first sight).
   */
  admitOnSecondSight?: boolean;
}

interface Entry<T> {
  /** The services' "today" the answer was made on: an answer from yesterday is never reused. */
  today: string;
  answer: T;
  chars: number;
}

/**
 * Answers by the exact request text, least recently used dropped first, bounded by count and characters. Every
 * base service is deterministic for a given request, day and scenario state (the population is generated from the
 * identity number), so an identical, already validated request gets the identical, already validated answer. Used
 * twice: composite answers by the SSBTEK request bytes (the pipeline still parses and validates every request) and
 * each base service's answer by its native request (see fan-out). Answers are kept only when made in-process with
 * no scenario applied; changing scenario settings empties both.
 *
 * With `admitOnSecondSight` (base-service answers) an answer is kept only when its key was offered before: the first
 * `set` of a key records it in a doorkeeper (see Doorkeeper) and keeps nothing, a later one within the doorkeeper's
 * window (4 × the entries' bound) keeps the answer, as does any `set` of a key already kept (for another day). A
 * `get` does not count (every offer follows a miss), nor does an answer too large to keep. Under a load where every
 * request is for a new person, each composite offers seven base-service answers never asked for again; keeping them
 * cost 8–10 % of the server's CPU (they outlived the young generation and died in old space).
 */
export class AnswerCache<T = CachedAnswer> {
  private readonly entries = new Map<string, Entry<T>>();
  private chars = 0;
  private readonly doorkeeper?: Doorkeeper;
  /** Counts clear(): an answer made before a change (scenario, day, registry) is not kept after it. */
  epoch = 0;
  hits = 0;
  misses = 0;

  constructor(
    private readonly limits: AnswerCacheLimits,
    /** The characters an answer holds (its key is counted apart). */
    private readonly charsOf: (answer: T) => number = (answer) => charsOfAnswer(answer as CachedAnswer),
  ) {
    if (limits.admitOnSecondSight && limits.entries > 0) {
      this.doorkeeper = new Doorkeeper(Math.min(DOORKEEPER_WINDOW_PER_ENTRY * limits.entries, DOORKEEPER_MAX_WINDOW));
    }
  }

  get enabled(): boolean {
    return this.limits.entries > 0;
  }

  get size(): number {
    return this.entries.size;
  }

  get(request: string, today: string): T | undefined {
    const entry = this.entries.get(request);
    if (!entry || entry.today !== today) {
      this.misses++;
      return undefined;
    }
    // Most recently used last: Map keeps insertion order.
    this.entries.delete(request);
    this.entries.set(request, entry);
    this.hits++;
    return entry.answer;
  }

  set(request: string, today: string, answer: T): void {
    if (!this.enabled) return;
    const chars = request.length + this.charsOf(answer);
    if (chars > this.limits.chars) return;
    if (this.doorkeeper && !this.entries.has(request) && !this.doorkeeper.seen(request)) return;
    this.delete(request);
    this.entries.set(request, { today, answer, chars });
    this.chars += chars;
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= this.limits.entries && this.chars <= this.limits.chars) break;
      this.entries.delete(key);
      this.chars -= entry.chars;
    }
  }

  clear(): void {
    this.epoch++;
    this.entries.clear();
    this.chars = 0;
    this.doorkeeper?.clear();
  }

  private delete(request: string): void {
    const entry = this.entries.get(request);
    if (!entry) return;
    this.entries.delete(request);
    this.chars -= entry.chars;
  }
}

/** The doorkeeper's bits: 2^21 (256 KB), four set for each key recorded. */
const DOORKEEPER_BITS = 1 << 21;
const DOORKEEPER_BITS_PER_KEY = 4;
/** It is emptied after this many recorded keys per answer the cache may hold… */
const DOORKEEPER_WINDOW_PER_ENTRY = 4;
/** …and at most this many (a 32nd of its bits: past that, false positives would grow). */
const DOORKEEPER_MAX_WINDOW = DOORKEEPER_BITS >>> 5;

/**
 * Which keys were offered once within a window, without the keys (multi-KB native requests): four bits for each in
 * a fixed bit array (a Bloom filter), placed by the key's SHA-1 (native: 2–3 µs for a 2.5 KB key, where an FNV-1a
 * over the string in JavaScript took 6–10 µs). Emptied after `window` keys recorded (the next one starts a new
 * window) and by clear(). A false positive (other keys set all four bits) only makes an answer kept on its first
 * offer, as without the doorkeeper: at the default window (4 × 7000 keys, 5 % of the bits set) 1 key in 140,000 at
 * worst. Nothing is allocated per key beyond the digest.
 */
class Doorkeeper {
  private readonly bits = new Uint32Array(DOORKEEPER_BITS >>> 5);
  private recorded = 0;

  constructor(private readonly window: number) {}

  /** Whether the key was recorded in this window; records it when not. */
  seen(key: string): boolean {
    const digest = hash('sha1', key, 'binary');
    let at = 0;
    while (at < 3 * DOORKEEPER_BITS_PER_KEY && this.has(bitOf(digest, at))) at += 3;
    if (at === 3 * DOORKEEPER_BITS_PER_KEY) return true;
    if (this.recorded >= this.window) this.clear();
    for (at = 0; at < 3 * DOORKEEPER_BITS_PER_KEY; at += 3) this.add(bitOf(digest, at));
    this.recorded++;
    return false;
  }

  clear(): void {
    this.bits.fill(0);
    this.recorded = 0;
  }

  private has(bit: number): boolean {
    return ((this.bits[bit >>> 5] ?? 0) & (1 << (bit & 31))) !== 0;
  }

  private add(bit: number): void {
    this.bits[bit >>> 5] = (this.bits[bit >>> 5] ?? 0) | (1 << (bit & 31));
  }
}

/** A bit index from three of a digest's bytes (the digest as 'binary' text: one character a byte). */
function bitOf(digest: string, at: number): number {
  const n = digest.charCodeAt(at) | (digest.charCodeAt(at + 1) << 8) | (digest.charCodeAt(at + 2) << 16);
  return n & (DOORKEEPER_BITS - 1);
}

/** A composite answer's text: the reply and the native messages kept for the journal. */
function charsOfAnswer(answer: CachedAnswer): number {
  let chars = answer.body.length + (answer.bodyBytes?.length ?? 0) + (answer.requestText?.length ?? 0);
  chars += answer.requestBytes?.length ?? 0;
  for (const r of answer.results)
    chars += (r.native?.request?.body.length ?? 0) + (r.native?.response?.body.length ?? 0);
  return chars;
}

/** A base service's answer, weighed: its text plus the translated tree, measured at about three times the text. */
export function charsOfServiceAnswer(answer: CachedServiceAnswer): number {
  return 4 * answer.response.body.length;
}
