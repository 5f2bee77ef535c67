import { errorTextsOf, type BaseService } from '../types.js';
import { CSN_ACCESS_CODES, CSN_RESULTAT } from './resultatkoder.js';
import { CsnEmulator } from './emulator.js';
import { CSN_PATH, toCsnRequest } from './request-mapping.js';
import { fromCsnResponse } from './response-mapping.js';

const errorCodes = Object.keys(CSN_RESULTAT).filter((code) => code !== '0');

/** Centrala studiestödsnämnden (CSN): SOAP 1.1 kommunfråga v4, the answer a base64-encoded CSNSvar document. */
export const csn: BaseService = {
  id: 'CSN',
  mountPath: '/bastjanster/csn',
  nativePaths: [CSN_PATH],
  adapter: { id: 'CSN', toNative: toCsnRequest, fromNative: fromCsnResponse },
  emulator: new CsnEmulator(),
  errorCodes,
  errorTexts: errorTextsOf(errorCodes, (code) => {
    const [type, text] = CSN_RESULTAT[Number(code) as keyof typeof CSN_RESULTAT];
    return { type, text: text || type };
  }),
  technicalError: '-1103',
  accessCodes: CSN_ACCESS_CODES,
};
