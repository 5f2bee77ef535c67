import type { BaseService } from '../types.js';
import { MIV_ACCESS_CODES, MIV_STATUS } from './felkoder.js';
import { MivEmulator } from './emulator.js';
import { MIV_PATH, toMivRequest } from './request-mapping.js';
import { fromMivResponse } from './response-mapping.js';

/** Migrationsverket (MIV): SOAP 1.1, findByPersonnummer with MIV's own SSBTEKHeader (uppehållstillstånd). */
export const miv: BaseService = {
  id: 'MIV',
  mountPath: '/bastjanster/miv',
  nativePaths: [MIV_PATH],
  adapter: { id: 'MIV', toNative: toMivRequest, fromNative: fromMivResponse },
  emulator: new MivEmulator(),
  errorCodes: Object.keys(MIV_STATUS).filter((code) => code !== '200'),
  technicalError: '500-104',
  accessCodes: MIV_ACCESS_CODES,
};
