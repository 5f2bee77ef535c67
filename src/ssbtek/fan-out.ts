import type { CallAbort, Transport } from '../bastjanster/transport.js';
import {
  QueryRefusedError,
  type AdapterContext,
  type BaseService,
  type NativeRequest,
  type NativeResponse,
} from '../bastjanster/types.js';
import { ACCESS_HEADER, type AccessVerdict } from '../bastjanster/common/access.js';
import { withoutBuilt } from '../bastjanster/common/built.js';
import type { CachedServiceAnswer } from './answer-cache.js';
import { ssbtError } from './errors.js';
import type { ServiceId, SsbtekFraga, TjanstResultat, TjanstUtfall } from './model.js';

export interface FanOutDependencies {
  services: ReadonlyMap<ServiceId, BaseService>;
  transport: Transport;
  /** Per-service timeout in milliseconds; past it the service's answer is §7.3.1 code 2000. */
  timeoutMs: (service: ServiceId) => number;
  /** Called with every unexpected failure (logged by the caller; the answer carries 2001). */
  onServiceFailure?: (service: ServiceId, error: unknown) => void;
  /**
   * Base-service answers kept from earlier calls with the same native request (see AnswerCache); absent when none
   * may be used (the request's X-SSBTEK-Scenario shapes them).
   */
  kept?: KeptServiceAnswers;
  /**
   * What each service's register of askers would find (callers/access.ts), sent with its native request in
   * X-SSBTEK-Access; absent when the caller is not checked (nobody named, permissive mode).
   */
  access?: Partial<Record<ServiceId, AccessVerdict>>;
}

/** Asked before each call; undefined when no answer may be used or kept for it (scenario settings, remote service). */
export interface KeptServiceAnswers {
  lookup(service: ServiceId, request: NativeRequest): KeptLookup | undefined;
}

export interface KeptLookup {
  hit?: CachedServiceAnswer;
  /** Offers the answer this call got; kept only when it is the service's own (no scenario, no SSBT error). */
  keep(response: NativeResponse, utfall: TjanstUtfall): void;
}

class ServiceTimeout extends Error {}

/**
 * One base-service call in flight: its deadline, how to end its wait at once, and its own abort signal, made only
 * when something asks for it (a transport over HTTP, an emulator waiting out a scenario's delay): an in-process
 * call answered at once then costs no AbortController (seven of them a composite were 1.7 % of the server's CPU).
 */
class PendingCall implements CallAbort {
  private controller: AbortController | undefined;
  /** Set once the call is aborted: why. */
  private abortedWith: { reason: unknown } | undefined;
  /** Rejects the call's wait for its answer (set while it waits). */
  reject?: (reason: unknown) => void;

  constructor(readonly deadline: number) {}

  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.abortedWith) this.controller.abort(this.abortedWith.reason);
    }
    return this.controller.signal;
  }

  get aborted(): boolean {
    return this.abortedWith !== undefined;
  }

  get reason(): unknown {
    return this.abortedWith?.reason;
  }

  abort(reason: unknown): void {
    if (this.abortedWith) return;
    this.abortedWith = { reason };
    this.controller?.abort(reason);
    this.reject?.(reason);
  }
}

/**
 * The deadlines of one fan-out's calls, with one timer (at the earliest deadline still pending) and one listener on
 * the outer signal, instead of a timer and two listeners per call: a call past its deadline, or every call when
 * the outer signal aborts, is aborted and its wait rejected.
 */
class CallDeadlines {
  private readonly pending = new Set<PendingCall>();
  private timer: NodeJS.Timeout | undefined;
  private timerAt = Infinity;

  constructor(private readonly outer: AbortSignal) {
    outer.addEventListener('abort', this.onOuterAbort, { once: true });
  }

  start(timeoutMs: number): PendingCall {
    const call = new PendingCall(performance.now() + timeoutMs);
    this.pending.add(call);
    this.arm(call.deadline);
    return call;
  }

  finish(call: PendingCall): void {
    this.pending.delete(call);
    if (this.pending.size === 0) this.disarm();
  }

  close(): void {
    this.disarm();
    this.outer.removeEventListener('abort', this.onOuterAbort);
  }

  private arm(at: number): void {
    if (at >= this.timerAt) return;
    this.disarm();
    this.timerAt = at;
    this.timer = setTimeout(this.onTimer, Math.max(0, at - performance.now()));
  }

  private disarm(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = Infinity;
  }

  private readonly onTimer = (): void => {
    this.timer = undefined;
    this.timerAt = Infinity;
    // A timer may fire a fraction of a millisecond early: what is due within one is due now.
    const now = performance.now() + 1;
    let next = Infinity;
    for (const call of this.pending) {
      if (call.deadline <= now) abort(call, new ServiceTimeout(), this.pending);
      else next = Math.min(next, call.deadline);
    }
    if (next < Infinity) this.arm(next);
  };

  private readonly onOuterAbort = (): void => {
    for (const call of this.pending) abort(call, this.outer.reason, this.pending);
    this.disarm();
  };
}

function abort(call: PendingCall, reason: unknown, pending: Set<PendingCall>): void {
  pending.delete(call);
  call.abort(reason);
}

/**
 * Asks every included base service in parallel. Each call has its own deadline and never fails the others: a
 * timeout becomes 2000, any transport or protocol failure 2001. `signal` aborts everything (overall deadline or
 * the client going away).
 */
export async function fanOut(
  fraga: SsbtekFraga,
  services: ServiceId[],
  context: AdapterContext,
  dependencies: FanOutDependencies,
  signal: AbortSignal,
): Promise<TjanstResultat[]> {
  if (signal.aborted) throw signal.reason;
  const deadlines = new CallDeadlines(signal);
  try {
    return await Promise.all(
      services.map((service) => callService(fraga, service, context, dependencies, signal, deadlines)),
    );
  } finally {
    deadlines.close();
  }
}

async function callService(
  fraga: SsbtekFraga,
  service: ServiceId,
  context: AdapterContext,
  dependencies: FanOutDependencies,
  outer: AbortSignal,
  deadlines: CallDeadlines,
): Promise<TjanstResultat> {
  const started = performance.now();
  const base = dependencies.services.get(service);
  const call = deadlines.start(dependencies.timeoutMs(service));
  let utfall: TjanstUtfall;
  const native: NonNullable<TjanstResultat['native']> = {};
  try {
    if (!base) throw new Error(`Base service ${service} is not registered`);
    const mapped = base.adapter.toNative(fraga, context);
    const verdict = dependencies.access?.[service];
    const forward = { ...context.forwardHeaders, ...(verdict && { [ACCESS_HEADER]: verdict }) };
    const request =
      Object.keys(forward).length > 0 ? { ...mapped, headers: { ...mapped.headers, ...forward } } : mapped;
    // What is recorded and kept holds only the messages' text (the trees are for the reader in this process).
    native.request = withoutBuilt(request);
    const kept = dependencies.kept?.lookup(service, request);
    if (kept?.hit) {
      native.response = kept.hit.response;
      utfall = kept.hit.utfall;
    } else {
      if (call.aborted) throw call.reason;
      // Settles with the answer, or as soon as the call is aborted, even if the transport ignores its signal.
      const response = await new Promise<NativeResponse>((resolve, reject) => {
        call.reject = reject;
        dependencies.transport.send(service, request, call).then(resolve, reject);
      });
      native.response = withoutBuilt(response);
      utfall = base.adapter.fromNative(response, fraga, context);
      kept?.keep(native.response, utfall);
    }
  } catch (error) {
    if (outer.aborted) throw outer.reason;
    if (call.reason instanceof ServiceTimeout) utfall = ssbtError('timeout');
    else if (error instanceof QueryRefusedError) utfall = ssbtError('technical', error.message);
    else {
      dependencies.onServiceFailure?.(service, error);
      utfall = ssbtError('technical');
    }
  } finally {
    deadlines.finish(call);
  }
  return { service, utfall, durationMs: performance.now() - started, startedAt: started, native };
}
