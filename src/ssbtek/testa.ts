import type { Transport } from '../bastjanster/transport.js';
import { ssbtError } from './errors.js';
import { SERVICE_IDS, type ServiceId, type TjanstResultat, type TjanstUtfall } from './model.js';

/**
 * testaBastjanstInformation: calls each base service's test endpoint (/__test) through the configured transport.
 * A service that answered 2xx was called successfully; otherwise its error says why (2000 timeout, 2001 other).
 */
export function testaBastjanster(
  transport: Transport,
  timeoutMs: (service: ServiceId) => number,
  signal: AbortSignal,
): Promise<TjanstResultat[]> {
  return Promise.all(
    SERVICE_IDS.map(async (service): Promise<TjanstResultat> => {
      const started = performance.now();
      let utfall: TjanstUtfall;
      try {
        const response = await transport.send(
          service,
          { path: '/__test', contentType: 'text/plain', body: '' },
          { signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs(service))]) },
        );
        utfall =
          response.status >= 200 && response.status < 300
            ? { kind: 'data', data: { kind: 'xml', children: [] } }
            : ssbtError('technical', `HTTP ${response.status}`);
      } catch (error) {
        if (signal.aborted) throw error;
        utfall = ssbtError((error as Error).name === 'TimeoutError' ? 'timeout' : 'technical');
      }
      return { service, utfall, durationMs: performance.now() - started };
    }),
  );
}
