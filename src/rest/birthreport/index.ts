/** Födelseanmälan: Inera's Birth Report Service as a REST adapter (see openapi.ts for what it does). */
import type { RestService } from '../types.js';
import { BIRTH_REPORT_OPENAPI } from './openapi.js';
import { MOUNT_PATH, birthReportRouter } from './router.js';

export const BIRTH_REPORT_SERVICE: RestService = {
  id: 'birthreport',
  title: 'Födelseanmälan (Inera Birth Report Service)',
  mountPath: MOUNT_PATH,
  openapi: BIRTH_REPORT_OPENAPI,
  router: birthReportRouter,
};
