import type { TjanstScenario } from '../../population/scenarios.js';
import type { NativeResponse } from '../types.js';

/** Waits `ms`, or rejects when `signal` aborts (the caller gave up: no work keeps running for it). */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Scenarios every emulator understands the same way, before its own rules: a delay, no answer at all ('timeout'),
 * an answer that is not XML ('garbage'), a truncated answer ('half'), or an HTTP 500 without a usable body
 * ('http-500').
 */
export async function commonScenario(
  scenario: TjanstScenario | undefined,
  /** The call's context: its signal is asked for only to wait (the fan-out makes a call's signal on first use). */
  context: { readonly signal: AbortSignal },
  wellFormedReply: () => string,
): Promise<NativeResponse | undefined> {
  if (scenario?.delayMs) await sleep(scenario.delayMs, context.signal);
  switch (scenario?.scenario) {
    case 'timeout':
      // Never answers: waits until the caller gives up (its deadline aborts the signal).
      await sleep(2 ** 31 - 1, context.signal);
      return undefined;
    case 'garbage':
      return { status: 200, contentType: 'text/xml; charset=utf-8', body: 'Service Temporarily Unavailable <<<' };
    case 'half': {
      const full = wellFormedReply();
      return { status: 200, contentType: 'text/xml; charset=utf-8', body: full.slice(0, Math.floor(full.length / 2)) };
    }
    case 'http-500':
      return {
        status: 500,
        contentType: 'text/html',
        body: '<html><body><h1>500 Internal Server Error</h1></body></html>',
      };
    default:
      return undefined;
  }
}

export const XML_CONTENT_TYPE = 'text/xml; charset=utf-8';
