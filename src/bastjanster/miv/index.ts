import { errorTextsOf, type BaseService } from '../types.js';
import { MIV_ACCESS_CODES, MIV_STATUS, mivFaultString, type MivFelkod } from './felkoder.js';
import { MivEmulator } from './emulator.js';
import { MIV_PATH, toMivRequest } from './request-mapping.js';
import { fromMivResponse } from './response-mapping.js';

const errorCodes = Object.keys(MIV_STATUS).filter((code) => code !== '200') as MivFelkod[];

/** Migrationsverket (MIV): SOAP 1.1, findByPersonnummer with MIV's own SSBTEKHeader (uppehållstillstånd). */
export const miv: BaseService = {
  id: 'MIV',
  mountPath: '/bastjanster/miv',
  nativePaths: [MIV_PATH],
  adapter: { id: 'MIV', toNative: toMivRequest, fromNative: fromMivResponse },
  emulator: new MivEmulator(),
  errorCodes,
  errorTexts: errorTextsOf(errorCodes, (code) => ({
    type: MIV_STATUS[code as MivFelkod][0],
    text: mivFaultString(code as MivFelkod),
  })),
  technicalError: '500-104',
  accessCodes: MIV_ACCESS_CODES,
};
