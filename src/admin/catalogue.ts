/**
 * GET /__admin/catalogue: what each base service can be told to answer (PUT /__admin/scenarios/{service} `error`),
 * in the words of its own catalogue (seed §7.3.3: the status type and the message), with the answers every service
 * can give whatever its codes (timeout, garbage, half, http-500) and its own technical error (an error rate alone).
 */
import { Router } from 'express';
import type { BaseService } from '../bastjanster/types.js';
import { TRANSPORT_ERROR_TEXTS, TRANSPORT_ERRORS } from '../scenario/control.js';

export function catalogueRoutes(services: readonly BaseService[]): Router {
  const catalogue = {
    transportErrors: TRANSPORT_ERRORS.map((code) => ({ code, text: TRANSPORT_ERROR_TEXTS[code] })),
    services: services.map((s) => ({
      id: s.id,
      title: s.emulator.title,
      path: s.mountPath,
      technicalError: s.technicalError,
      errors: s.errorCodes.map((code) => ({ code, ...s.errorTexts[code]! })),
    })),
  };
  const router = Router();
  router.get('/catalogue', (_req, res) => {
    res.json(catalogue);
  });
  return router;
}
