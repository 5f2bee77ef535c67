import { errorTextsOf, type BaseService } from '../types.js';
import { TNS_ACCESS_CODES, TNS_FELKODER } from './felkoder.js';
import { TnsEmulator } from './emulator.js';
import { TNS_PATH, toTnsRequest } from './request-mapping.js';
import { fromTnsResponse } from './response-mapping.js';

/** Transportstyrelsen (TNS): SOAP 1.1, HamtaUppgifter with TS's own SSBTEKHeader (fordonsinnehav). */
export const tns: BaseService = {
  id: 'TNS',
  mountPath: '/bastjanster/tns',
  nativePaths: [TNS_PATH],
  adapter: { id: 'TNS', toNative: toTnsRequest, fromNative: fromTnsResponse },
  emulator: new TnsEmulator(),
  errorCodes: Object.keys(TNS_FELKODER),
  errorTexts: errorTextsOf(Object.keys(TNS_FELKODER), (code) => {
    const [type, text] = TNS_FELKODER[Number(code) as keyof typeof TNS_FELKODER];
    return { type, text };
  }),
  technicalError: '99',
  accessCodes: TNS_ACCESS_CODES,
};
