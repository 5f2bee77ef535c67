import { BIRTH_REPORT_SERVICE } from './birthreport/index.js';
import { oauth2Service } from './oauth2/index.js';
import { PU_ADMIN_SERVICE } from './pu-admin/index.js';
import { samordningsnummerService } from './samordningsnummer/index.js';
import { scbService } from './scb/index.js';
import type { RestService } from './types.js';

/** Every REST adapter, each a self-contained plugin (routes, OpenAPI document, tables, background work). */
export const REST_SERVICES: readonly RestService[] = [
  BIRTH_REPORT_SERVICE,
  scbService,
  oauth2Service,
  samordningsnummerService,
  PU_ADMIN_SERVICE,
];
