import type { BaseService } from '../types.js';
import { AfEmulator } from './emulator.js';
import { toAfRequest } from './request-mapping.js';
import { fromAfResponse } from './response-mapping.js';

/** Arbetsförmedlingen (AF): REST, XML in and out (ersättningsstöd v2). */
export const af: BaseService = {
  id: 'AF',
  mountPath: '/bastjanster/af',
  adapter: { id: 'AF', toNative: toAfRequest, fromNative: fromAfResponse },
  emulator: new AfEmulator(),
};
