import type { ServiceId } from '../ssbtek/model.js';
import type { BaseServiceEmulator, EmulatorContext, NativeRequest, NativeResponse } from './types.js';
import { NativeProtocolError } from './types.js';
import { dayOfRequest } from '../scenario/today.js';

/**
 * What aborts one call: its `signal` (an AbortController is one). The fan-out's makes the signal only when first
 * asked for (an in-process emulator asks only to wait out a scenario's delay), so a call that is answered at once
 * costs no AbortController.
 */
export interface CallAbort {
  readonly signal: AbortSignal;
}

/** Carries a serialized native request to a base service and brings its serialized answer back. */
export interface Transport {
  send(service: ServiceId, request: NativeRequest, abort: CallAbort): Promise<NativeResponse>;
}

/** Calls the emulators in this process, still passing serialized messages (the emulator parses and validates). */
export class InProcessTransport implements Transport {
  constructor(
    private readonly emulators: ReadonlyMap<ServiceId, BaseServiceEmulator>,
    private readonly context: { population: EmulatorContext['population']; today: () => string },
  ) {}

  async send(service: ServiceId, request: NativeRequest, abort: CallAbort): Promise<NativeResponse> {
    const emulator = this.emulators.get(service);
    if (!emulator) throw new NativeProtocolError(`No emulator for ${service}`);
    const population = this.context.population;
    return emulator.handle(request, {
      population,
      // The request's own day (X-SSBTEK-Today, passed on by the composite) over the emulator's.
      today: dayOfRequest(request.headers, this.context.today),
      get signal() {
        return abort.signal;
      },
      scenario: (number, id) => population.scenario(number, id),
    });
  }
}

/** Calls a base service over HTTP at a configured base URL (a real test environment or a separate emulator). */
export class HttpTransport implements Transport {
  constructor(private readonly baseUrls: Partial<Record<ServiceId, string>>) {}

  handles(service: ServiceId): boolean {
    return this.baseUrls[service] !== undefined;
  }

  async send(service: ServiceId, request: NativeRequest, abort: CallAbort): Promise<NativeResponse> {
    const { signal } = abort;
    const base = this.baseUrls[service];
    if (!base) throw new NativeProtocolError(`No URL configured for ${service}`);
    let response: Response;
    try {
      response = await fetch(base.replace(/\/$/, '') + request.path, {
        method: 'POST',
        headers: { 'content-type': request.contentType, ...request.headers },
        body: request.body,
        signal,
      });
    } catch (error) {
      if (signal.aborted) throw error;
      throw new NativeProtocolError(`HTTP call to ${service} failed: ${(error as Error).message}`);
    }
    let body: string;
    try {
      body = await response.text();
    } catch (error) {
      if (signal.aborted) throw error;
      throw new NativeProtocolError(`Reading the answer from ${service} failed: ${(error as Error).message}`);
    }
    return { status: response.status, contentType: response.headers.get('content-type') ?? '', body };
  }
}

/** HTTP where a URL is configured, in-process otherwise. */
export class RoutingTransport implements Transport {
  constructor(
    private readonly http: HttpTransport,
    private readonly inProcess: Transport,
  ) {}

  send(service: ServiceId, request: NativeRequest, abort: CallAbort): Promise<NativeResponse> {
    return (this.http.handles(service) ? this.http : this.inProcess).send(service, request, abort);
  }
}
