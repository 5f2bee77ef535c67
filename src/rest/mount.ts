import { Router } from 'express';
import type { RestContext, RestService } from './types.js';

/** Mounts every REST adapter and serves each one's OpenAPI document at /openapi/<id>.json. */
export function restRouter(services: readonly RestService[], context: RestContext): Router {
  const router = Router();
  for (const service of services) {
    router.get(`/openapi/${service.id}.json`, (_req, res) => {
      res.json(service.openapi);
    });
    router.use(service.router(context));
  }
  return router;
}
