import { Router } from 'express';
import type { Logger } from 'pino';
import { clientGone, rawBody, sendFault } from '../http/soap-edge.js';
import type { Population } from '../population/population.js';
import type { BaseService } from './types.js';

/** Mounts each base-service emulator on its own path, so it can be called natively (and as an HTTP transport). */
export function baseServicesRouter(
  services: readonly BaseService[],
  options: { population: Population; today: () => string; maxBodyBytes: number; logger: Logger },
): Router {
  const router = Router();
  for (const service of services) {
    router.post(`${service.mountPath}/*rest`, rawBody(options.maxBodyBytes), async (req, res) => {
      const path = req.path.slice(service.mountPath.length) || '/';
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers[name] = value;
      try {
        const response = await service.emulator.handle(
          {
            path,
            contentType: req.headers['content-type'] ?? '',
            headers,
            body: Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '',
          },
          {
            population: options.population,
            today: options.today(),
            signal: clientGone(req, res),
            scenario: (number, id) => options.population.scenario(number, id),
          },
        );
        if (res.writableEnded || res.destroyed) return;
        res.status(response.status).type(response.contentType).send(response.body);
      } catch (error) {
        if (res.writableEnded || res.destroyed) return;
        options.logger.error({ err: error, service: service.id }, 'base service emulator failed');
        // Never a stack trace: a SOAP Fault for XML callers, a problem document for the others.
        if (/xml/i.test(req.headers['content-type'] ?? '')) sendFault(res, 500, 'Server', 'Internal error');
        else
          res
            .status(500)
            .type('application/problem+json')
            .send(JSON.stringify({ title: 'Internal error', status: 500 }));
      }
    });
  }
  return router;
}
