import pAll from 'p-all';
import type { Transport } from '../bastjanster/transport.js';
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
  return pAll(
    services.map((service) => () => callService(fraga, service, context, dependencies, signal)),
    { signal },
  );
}

async function callService(
  fraga: SsbtekFraga,
  service: ServiceId,
  context: AdapterContext,
  dependencies: FanOutDependencies,
  outer: AbortSignal,
): Promise<TjanstResultat> {
  const started = performance.now();
  const base = dependencies.services.get(service);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new ServiceTimeout()), dependencies.timeoutMs(service));
  const onOuterAbort = (): void => controller.abort(outer.reason);
  outer.addEventListener('abort', onOuterAbort, { once: true });
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
      const response = await untilAborted(
        dependencies.transport.send(service, request, controller.signal),
        controller.signal,
      );
      native.response = withoutBuilt(response);
      utfall = base.adapter.fromNative(response, fraga, context);
      kept?.keep(native.response, utfall);
    }
  } catch (error) {
    if (outer.aborted) throw outer.reason;
    if (controller.signal.reason instanceof ServiceTimeout) utfall = ssbtError('timeout');
    else if (error instanceof QueryRefusedError) utfall = ssbtError('technical', error.message);
    else {
      dependencies.onServiceFailure?.(service, error);
      utfall = ssbtError('technical');
    }
  } finally {
    clearTimeout(timer);
    outer.removeEventListener('abort', onOuterAbort);
  }
  return { service, utfall, durationMs: performance.now() - started, startedAt: started, native };
}

/** Settles with `work`, or rejects as soon as `signal` aborts, even if `work` ignores the signal. */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
