import type { BaseService } from '../types.js';
import { CSN_ACCESS_CODES, CSN_RESULTAT } from './resultatkoder.js';
import { CsnEmulator } from './emulator.js';
import { CSN_PATH, toCsnRequest } from './request-mapping.js';
import { fromCsnResponse } from './response-mapping.js';

/** Centrala studiestödsnämnden (CSN): SOAP 1.1 kommunfråga v4, the answer a base64-encoded CSNSvar document. */
export const csn: BaseService = {
  id: 'CSN',
  mountPath: '/bastjanster/csn',
  nativePaths: [CSN_PATH],
  adapter: { id: 'CSN', toNative: toCsnRequest, fromNative: fromCsnResponse },
  emulator: new CsnEmulator(),
  errorCodes: Object.keys(CSN_RESULTAT).filter((code) => code !== '0'),
  technicalError: '-1103',
  accessCodes: CSN_ACCESS_CODES,
};
