import type { BaseService } from '../types.js';
import { SkvEmulator } from './emulator.js';
import { toSkvRequest } from './request-mapping.js';
import { fromSkvResponse } from './response-mapping.js';

/** Skatteverket (SKV): SOAP 1.1, an escaped XML document in `forfragan` and in `svar` (beskattningsuppgifter). */
export const skv: BaseService = {
  id: 'SKV',
  mountPath: '/bastjanster/skv',
  adapter: { id: 'SKV', toNative: toSkvRequest, fromNative: fromSkvResponse },
  emulator: new SkvEmulator(),
};
