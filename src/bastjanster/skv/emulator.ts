import type { BaseServiceEmulator, EmulatorContext, NativeRequest, NativeResponse } from '../types.js';
import { handleBeskattningws } from './beskattningws.js';
import { DELAR_PATH, handleDelar } from './delar/emulator.js';
import { SKV_PATH } from './request-mapping.js';
import { tomcatPage } from './tomcat-pages.js';

/**
 * Skatteverket's base service, emulated with both its interfaces: BeskattningWS (SOAP with escaped XML, behind
 * SSBTEK v1 and v10) and the JSON service behind SSBTEK v11 that answers per part (foretagsinformation,
 * individuppgifter, skattekonto, skatteuppgifter, beskattningsbilagor). Both answer from the same figures (data.ts).
 */
export class SkvEmulator implements BaseServiceEmulator {
  readonly id = 'SKV' as const;
  readonly title = 'Skatteverket – beskattningsuppgifter (BeskattningWS) och ekonomiskt-bistand v1';

  async handle(request: NativeRequest, context: EmulatorContext): Promise<NativeResponse> {
    if (request.path === '/__test') return { status: 200, contentType: 'text/plain', body: 'OK' };
    if (request.path === SKV_PATH) return handleBeskattningws(request, context);
    if (request.path === DELAR_PATH) return handleDelar(request, context);
    return tomcatPage(404, request.path);
  }
}
