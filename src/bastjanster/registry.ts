import type { ServiceId } from '../ssbtek/model.js';
import { af } from './af/index.js';
import { csn } from './csn/index.js';
import { fk } from './fk/index.js';
import { skv } from './skv/index.js';
import { so } from './so/index.js';
import { tns } from './tns/index.js';
import { miv } from './miv/index.js';
import type { BaseService } from './types.js';

/** Every base service, each a self-contained plugin (adapter + emulator + mount path). */
export const BASE_SERVICES: readonly BaseService[] = [af, csn, fk, skv, so, tns, miv];

export function serviceMap(): Map<ServiceId, BaseService> {
  return new Map(BASE_SERVICES.map((s) => [s.id, s]));
}
