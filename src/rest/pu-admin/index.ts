/** Personuppgiftstjänsten's administration tool as a REST adapter (see openapi.ts for what it does). */
import type { RestService } from '../types.js';
import { MOUNT_PATH, PU_ADMIN_OPENAPI } from './openapi.js';
import { puAdminRouter } from './router.js';

export const PU_ADMIN_SERVICE: RestService = {
  id: 'pu-admin',
  title: 'Personuppgiftstjänsten (Inera) — administration API',
  mountPath: MOUNT_PATH,
  openapi: PU_ADMIN_OPENAPI,
  router: puAdminRouter,
};
