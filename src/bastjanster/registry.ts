import type { ServiceId } from '../ssbtek/model.js';
import { af } from './af/index.js';
import { csn } from './csn/index.js';
import type { FkOptions } from './fk/emulator.js';
import { fkService } from './fk/index.js';
import { skv } from './skv/index.js';
import { so } from './so/index.js';
import { tns } from './tns/index.js';
import { miv } from './miv/index.js';
import type { BaseService } from './types.js';

/** The base services' own settings, from the config (only FK has any so far). */
export interface BaseServiceOptions {
  fk?: FkOptions;
}

/** Every base service, each a self-contained plugin (adapter + emulator + mount path), built with its settings. */
export function baseServices(options: BaseServiceOptions = {}): readonly BaseService[] {
  return [af, csn, fkService(options.fk), skv, so, tns, miv];
}

/** Every base service with its embedded defaults. */
export const BASE_SERVICES: readonly BaseService[] = baseServices();

export function serviceMap(services: readonly BaseService[] = BASE_SERVICES): Map<ServiceId, BaseService> {
  return new Map(services.map((s) => [s.id, s]));
}
