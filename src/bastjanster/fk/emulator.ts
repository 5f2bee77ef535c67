import type { BaseServiceEmulator, EmulatorContext, NativeRequest, NativeResponse } from '../types.js';
import { FkAktorer, type FkAktor } from './lefi/aktorer.js';
import { felsvar, handleLefi } from './lefi/emulator.js';
import { handleV1 } from './v1/emulator.js';
import { V1_PATH } from './v1/request-mapping.js';

/** FK's settings (config): the aktörer LEFI knows; no list: every id FK could have assigned (lefi/aktorer.ts). */
export interface FkOptions {
  aktorer?: readonly FkAktor[];
}

/**
 * Försäkringskassan's and Pensionsmyndigheten's shared base service, emulated with both its interfaces: LEFI
 * förmånsinformation v9 (JSON, behind SSBTEK v10) and the legacy hamtaformansinformation/1 (SOAP, behind SSBTEK v1).
 * Both answer from the same benefits model (formaner.ts, pension.ts).
 */
export class FkEmulator implements BaseServiceEmulator {
  readonly id = 'FK' as const;
  readonly title = 'Försäkringskassan/Pensionsmyndigheten – LEFI förmånsinformation v9 och hamtaformansinformation/1';
  private readonly aktorer: FkAktorer;

  constructor(options: FkOptions = {}) {
    this.aktorer = FkAktorer.fran(options.aktorer);
  }

  async handle(request: NativeRequest, context: EmulatorContext): Promise<NativeResponse> {
    if (request.path === '/__test') return { status: 200, contentType: 'text/plain', body: 'OK' };
    if (request.path === V1_PATH) return handleV1(request, context);
    if (request.path.startsWith('/lefi-extern-formansinformation/')) return handleLefi(request, context, this.aktorer);
    // FK's gateway answers unknown resources the way LEFI does: 404 with a LefiFelsvar
    return felsvar(404, `Resursen ${request.path} finns inte.`, context);
  }
}
