import { errorTextsOf, type BaseService } from '../types.js';
import { SO_ACCESS_CODES, SO_FELKODER } from './felkoder.js';
import { SoEmulator } from './emulator.js';
import { SO_PATH, toSoRequest } from './request-mapping.js';
import { fromSoResponse } from './response-mapping.js';

/** Sveriges a-kassor (SO): SOAP 1.1, UBPService INT014 (the a-kassor's unemployment benefit payments). */
export const so: BaseService = {
  id: 'SO',
  mountPath: '/bastjanster/so',
  nativePaths: [SO_PATH],
  adapter: { id: 'SO', toNative: toSoRequest, fromNative: fromSoResponse },
  emulator: new SoEmulator(),
  errorCodes: Object.keys(SO_FELKODER),
  errorTexts: errorTextsOf(Object.keys(SO_FELKODER), (code) => {
    const { statustyp, felmeddelande } = SO_FELKODER[Number(code) as keyof typeof SO_FELKODER];
    return { type: statustyp, text: felmeddelande };
  }),
  technicalError: '201',
  accessCodes: SO_ACCESS_CODES,
};
