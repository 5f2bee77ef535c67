import type { BaseService } from '../types.js';
import { SKV_HTTP_FEL, SKV_MEDDELANDEN } from './meddelandekoder.js';
import { SkvEmulator } from './emulator.js';
import { toSkvRequest } from './request-mapping.js';
import { fromSkvResponse } from './response-mapping.js';

/** Skatteverket (SKV): SOAP 1.1, an escaped XML document in `forfragan` and in `svar` (beskattningsuppgifter). */
export const skv: BaseService = {
  id: 'SKV',
  mountPath: '/bastjanster/skv',
  adapter: { id: 'SKV', toNative: toSkvRequest, fromNative: fromSkvResponse },
  emulator: new SkvEmulator(),
  errorCodes: [...Object.keys(SKV_MEDDELANDEN), ...Object.keys(SKV_HTTP_FEL)],
  technicalError: '9071009',
};
