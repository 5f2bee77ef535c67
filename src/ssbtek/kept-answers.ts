import { hash } from 'node:crypto';
import type { NativeRequest, NativeResponse } from '../bastjanster/types.js';
import type { ScenarioControl } from '../scenario/control.js';
import { dayOfRequest } from '../scenario/today.js';
import { accessVerdictOf } from '../bastjanster/common/access.js';
import { clipBytes } from '../journal/journal.js';
import type { AnswerCache, CachedAnswer, CachedServiceAnswer } from './answer-cache.js';
import type { KeptLookup, KeptServiceAnswers } from './fan-out.js';
import type { ServiceId, TjanstAnrop } from './model.js';

export interface AnswerCacheSetup {
  /** Composite answers by request bytes. */
  answers: AnswerCache;
  /** Each base service's answers by native request (in the app, kept from a request's second offer on). */
  serviceAnswers: AnswerCache<CachedServiceAnswer>;
  /**
   * The base services' "today" for a request that names none: an answer is reused only for the day it was made
   * for (a request's X-SSBTEK-Today, else this).
   */
  today: () => string;
  /** Whether a service is emulated in this process (answers involving remote services are never kept). */
  inProcess: (service: ServiceId) => boolean;
}

const DATA = { kind: 'data' } as const;

/** A composite lookup: the kept answer if any, and what is needed to keep the one about to be made. */
export interface CacheLookup {
  key: string;
  /** The day the answer is for: the request's own (X-SSBTEK-Today) or the emulator's when it arrived. */
  today: string;
  /** The request's own day, if it named one: then the day cannot turn while its answer is made. */
  requested?: string;
  generation: number;
  /** The request's bytes (their text is kept with the answer, for the journal). */
  bytes: Uint8Array;
  /** The cache's epoch at the lookup (AnswerCache.epoch): any clear since means the answer is not kept. */
  epoch: number;
  hit?: CachedAnswer;
}

/**
 * The largest request whose answer is kept. A query is 2–4 KB, with a WS-Security header about 14 KB; a body far past
 * that (a query padded to the body limit) is not a repeated client query, and keying it would cost a hash of every
 * byte on each request and fill the cache with one huge key per request.
 */
export const MAX_KEPT_REQUEST_BYTES = 32 * 1024;

/**
 * When answers may be used and kept (see AnswerCache for why this is exact): only with no scenario settings in
 * force, only for services emulated in this process, only for the day they were made for — the request's own
 * (X-SSBTEK-Today, which the composite passes on to every base service) or else the emulator's today.
 */
export class KeptAnswers implements KeptServiceAnswers {
  constructor(
    private readonly setup: AnswerCacheSetup,
    private readonly scenarios: Pick<ScenarioControl, 'quiet' | 'generation'>,
  ) {}

  /**
   * A base service's kept answer to this native request, and a way to keep the one it is about to give. The day is
   * read as the emulator reads it: the request's X-SSBTEK-Today (already checked by the composite), else today.
   */
  lookup(service: ServiceId, request: NativeRequest): KeptLookup | undefined {
    const { setup, scenarios } = this;
    if (!setup.serviceAnswers.enabled || !scenarios.quiet || !setup.inProcess(service)) return undefined;
    // The asker's verdict shapes the answer as much as the body does (X-SSBTEK-Access).
    const key = `${service} ${accessVerdictOf(request) ?? ''} ${request.path}\n${request.body}`;
    const dayNow = (): string => dayOfRequest(request.headers, setup.today);
    const today = dayNow();
    const generation = scenarios.generation;
    const epoch = setup.serviceAnswers.epoch;
    return {
      hit: setup.serviceAnswers.get(key, today),
      keep: (response, utfall) => {
        const unchanged = this.unchangedSince(today, generation, dayNow) && setup.serviceAnswers.epoch === epoch;
        if (unchanged && isOwnAnswer(response, utfall)) setup.serviceAnswers.set(key, today, { response, utfall });
      },
    };
  }

  /**
   * The kept composite answer for exactly these request bytes from this caller (its organisationsnummer, '' when
   * none is named) on this day (`requested`: the request's own X-SSBTEK-Today, checked), or what is needed to keep
   * the one about to be made.
   */
  forRequest(bytes: Uint8Array, requested?: string, caller = ''): CacheLookup | undefined {
    const { setup, scenarios } = this;
    if (!setup.answers.enabled || !scenarios.quiet || bytes.byteLength > MAX_KEPT_REQUEST_BYTES) return undefined;
    // The same bytes from another caller may get another answer (who may ask): the caller is part of the key. The
    // bytes are keyed by their digest (hashing a 3 KB string key and copying it cost a tenth of a kept answer) and
    // compared whole on a hit, so an answer is only ever given for exactly its request's bytes.
    const key = `${caller}\n${hash('sha1', bytes, 'base64')}`;
    const today = requested ?? setup.today();
    const answer = setup.answers.get(key, today);
    const same = answer?.requestBytes !== undefined && Buffer.compare(answer.requestBytes, bytes) === 0;
    const hit = same ? { ...answer, summary: { ...answer.summary, cache: 'hit' as const } } : undefined;
    const { generation } = scenarios;
    return { key, bytes, today, ...(requested && { requested }), generation, epoch: setup.answers.epoch, hit };
  }

  /**
   * Keeps a composite answer only when it is the deterministic one: every service emulated here and giving its own
   * answer (see isOwnAnswer), and no scenario change meanwhile.
   */
  keep(lookup: CacheLookup, answer: CachedAnswer): void {
    const { setup } = this;
    const { requested } = lookup;
    if (!this.unchangedSince(lookup.today, lookup.generation, () => requested ?? setup.today())) return;
    if (setup.answers.epoch !== lookup.epoch) return;
    for (const r of answer.results) {
      if (!setup.inProcess(r.service) || !r.native?.response || !isOwnAnswer(r.native.response, r.utfall)) return;
    }
    // The data trees are not kept: they are in the reply already, and would take several times its size.
    const results = answer.results.map((r) => ({ ...r, utfall: r.utfall.kind === 'data' ? DATA : r.utfall }));
    const { body } = answer;
    const bodyBytes = answer.bodyBytes ?? Buffer.from(body, 'utf8');
    // Its own copy of the request's bytes (a small body's Buffer can be a view of a shared 8 KB pool slab).
    const requestBytes = Buffer.allocUnsafeSlow(lookup.bytes.byteLength);
    requestBytes.set(lookup.bytes);
    const requestText = clipBytes(requestBytes);
    const kept = { body, bodyBytes, requestText, requestBytes, summary: { ...answer.summary }, results };
    setup.answers.set(lookup.key, lookup.today, kept);
  }

  /**
   * No scenario settings in force, none changed since `generation`, and still the same day (`dayNow`: a request's
   * own day never turns, the emulator's may have).
   */
  private unchangedSince(today: string, generation: number, dayNow: () => string): boolean {
    const { scenarios } = this;
    return scenarios.quiet && scenarios.generation === generation && dayNow() === today;
  }
}

/**
 * The service's own, deterministic answer: not shaped by a scenario (the emulator wrapper marks those, from
 * settings or the scenario person's own) and not an SSBT 2000/2001, which load or faults can cause.
 */
function isOwnAnswer(response: NativeResponse, utfall: TjanstAnrop['utfall']): boolean {
  return !response.shapedByScenario && !(utfall.kind === 'error' && utfall.kalla === 'SSBT');
}
