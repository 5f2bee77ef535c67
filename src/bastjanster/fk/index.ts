import type { BaseService } from '../types.js';
import { FK_FELKODER } from './felkoder.js';
import { FkEmulator } from './emulator.js';
import { toFkRequest } from './request-mapping.js';
import { fromFkResponse } from './response-mapping.js';

/**
 * Försäkringskassan/Pensionsmyndigheten (FK): LEFI förmånsinformation v9 (JSON) for SSBTEK v10, the legacy
 * hamtaformansinformation/1 (SOAP) for SSBTEK v1.
 */
export const fk: BaseService = {
  id: 'FK',
  mountPath: '/bastjanster/fk',
  adapter: { id: 'FK', toNative: toFkRequest, fromNative: fromFkResponse },
  emulator: new FkEmulator(),
  errorCodes: Object.keys(FK_FELKODER),
  technicalError: '1002',
};
