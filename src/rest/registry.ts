import type { RestService } from './types.js';

/** Every REST adapter, each a self-contained plugin (routes, OpenAPI document, tables, background work). */
export const REST_SERVICES: readonly RestService[] = [];
