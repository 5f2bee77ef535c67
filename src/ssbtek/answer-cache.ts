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
 */
export class AnswerCache<T = CachedAnswer> {
  private readonly entries = new Map<string, Entry<T>>();
  private chars = 0;
  /** Counts clear(): an answer made before a change (scenario, day, registry) is not kept after it. */
  epoch = 0;
  hits = 0;
  misses = 0;

  constructor(
    private readonly limits: AnswerCacheLimits,
    /** The characters an answer holds (its key is counted apart). */
    private readonly charsOf: (answer: T) => number = (answer) => charsOfAnswer(answer as CachedAnswer),
  ) {}

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
  }

  private delete(request: string): void {
    const entry = this.entries.get(request);
    if (!entry) return;
    this.entries.delete(request);
    this.chars -= entry.chars;
  }
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
