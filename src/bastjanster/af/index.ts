import { errorTextsOf, type BaseService } from '../types.js';
import { AF_ACCESS_CODES, AF_STATUS } from './status-codes.js';
import { AfEmulator } from './emulator.js';
import { AF_PATH, toAfRequest } from './request-mapping.js';
import { fromAfResponse } from './response-mapping.js';

const errorCodes = Object.keys(AF_STATUS).filter((code) => Number(code) > 99);

/** Arbetsförmedlingen (AF): REST, XML in and out (ersättningsstöd v2). */
export const af: BaseService = {
  id: 'AF',
  mountPath: '/bastjanster/af',
  nativePaths: [AF_PATH],
  adapter: { id: 'AF', toNative: toAfRequest, fromNative: fromAfResponse },
  emulator: new AfEmulator(),
  errorCodes,
  errorTexts: errorTextsOf(errorCodes, (code) => {
    const [type, text] = AF_STATUS[Number(code) as keyof typeof AF_STATUS];
    return { type, text };
  }),
  technicalError: '700',
  accessCodes: AF_ACCESS_CODES,
};
