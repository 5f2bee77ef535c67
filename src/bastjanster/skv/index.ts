import type { BaseService } from '../types.js';
import { SkvEmulator } from './emulator.js';
import { DELAR_PATH } from './delar/emulator.js';
import { SKV_PATH, toSkvRequest } from './request-mapping.js';
import { fromSkvResponse } from './response-mapping.js';
import { SKV_SCENARIO_KODER, SKV_SCENARIO_TEXTER } from './scenario.js';
import { SKV_ACCESS_CODES } from './meddelandekoder.js';

/**
 * Skatteverket (SKV): BeskattningWS for SSBTEK v1 and v10 (SOAP, an escaped XML document in `forfragan` and in
 * `svar`), the JSON service answering per part for SSBTEK v11.
 */
export const skv: BaseService = {
  id: 'SKV',
  mountPath: '/bastjanster/skv',
  nativePaths: [SKV_PATH, DELAR_PATH],
  adapter: { id: 'SKV', toNative: toSkvRequest, fromNative: fromSkvResponse },
  emulator: new SkvEmulator(),
  errorCodes: SKV_SCENARIO_KODER,
  errorTexts: SKV_SCENARIO_TEXTER,
  technicalError: '9071009',
  accessCodes: SKV_ACCESS_CODES,
};
