import { errorTextsOf, type BaseService } from '../types.js';
import { FK_ACCESS_CODES, FK_FELKODER } from './felkoder.js';
import { FkEmulator, type FkOptions } from './emulator.js';
import { LEFI_PATH_TEMPLATE } from './lefi/emulator.js';
import { toFkRequest } from './request-mapping.js';
import { V1_PATH } from './v1/request-mapping.js';
import { fromFkResponse } from './response-mapping.js';

/**
 * Försäkringskassan/Pensionsmyndigheten (FK): LEFI förmånsinformation v9 (JSON) for SSBTEK v10, the legacy
 * hamtaformansinformation/1 (SOAP) for SSBTEK v1. `options` are FK's settings (which aktörer LEFI knows).
 */
export function fkService(options: FkOptions = {}): BaseService {
  return {
    id: 'FK',
    mountPath: '/bastjanster/fk',
    nativePaths: [LEFI_PATH_TEMPLATE, V1_PATH],
    adapter: { id: 'FK', toNative: toFkRequest, fromNative: fromFkResponse },
    emulator: new FkEmulator(options),
    errorCodes: Object.keys(FK_FELKODER),
    errorTexts: errorTextsOf(Object.keys(FK_FELKODER), (code) => ({
      type: 'Felkod',
      text: FK_FELKODER[Number(code) as keyof typeof FK_FELKODER],
    })),
    technicalError: '1002',
    accessCodes: FK_ACCESS_CODES,
  };
}

/** FK with its embedded defaults (every aktör FK could have assigned is known). */
export const fk: BaseService = fkService();
