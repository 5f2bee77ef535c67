import { isValidOrganisationsnummer } from '../../../population/identity.js';
import { accessRefusal } from '../../common/access.js';
import { SKV_ACCESS_CODES, type SkvMeddelandeKod } from '../meddelandekoder.js';
import { commonScenario } from '../../common/scenario.js';
import type { EmulatorContext, NativeRequest, NativeResponse } from '../../types.js';
import { skvScenarioFel } from '../scenario.js';
import { tomcatPage } from '../tomcat-pages.js';
import { gatewayFel, JSON_CONTENT_TYPE, skvFel } from './fel.js';
import { validateSkvFraga } from './schemas.js';
import { skvSvar, type DelScenario } from './svar.js';
import type { SkvFraga } from './typer.js';

/** POST /ekonomiskt-bistand/v1/fraga below SKV's mount: the service behind SSBTEK v11. */
export const DELAR_PATH = '/ekonomiskt-bistand/v1/fraga';

/**
 * SKV's v11 service (JSON, the emulator's own design). Rules in the order applied: a body that is not JSON or
 * breaks the question's schema → 9071007 (400) with what was wrong; then the scenario (common ones, SKV's own
 * codes, the gateway's 403/404/500, a part error); then an asker SKV does not approve (9071004–06, see
 * common/access.ts); then an organisationsnummer that cannot be the certificate's → 9071006 (403). Otherwise 200 with every part asked.
 */
export async function handleDelar(request: NativeRequest, context: EmulatorContext): Promise<NativeResponse> {
  let body: unknown;
  try {
    body = JSON.parse(request.body);
  } catch {
    return skvFel(9071007, ['(roten): frågan är inte giltig JSON']);
  }
  const checked = validateSkvFraga(body);
  if (!checked.ok) return skvFel(9071007, checked.violations);
  const fraga = checked.value;

  const scenario = context.scenario(fraga.identitet, 'SKV');
  const common = await commonScenario(scenario, context, () => svara(fraga, context).body);
  if (common) return common;
  const forced = skvScenarioFel(scenario);
  if (forced?.kind === 'http') return forced.status === 500 ? gatewayFel() : tomcatPage(forced.status, request.path);
  if (forced?.kind === 'meddelande') return skvFel(forced.kod);
  // The asker as the composite found it, then the stand-in for the certificate check, as in v10.
  const refused = accessRefusal(request, SKV_ACCESS_CODES);
  if (refused) return skvFel(Number(refused) as SkvMeddelandeKod);
  if (!isValidOrganisationsnummer(fraga.ingivare.organisationsnummer)) return skvFel(9071006);
  return svara(fraga, context, forced?.kind === 'del' ? forced : undefined);
}

function svara(fraga: SkvFraga, context: EmulatorContext, scenario?: DelScenario): NativeResponse {
  return { status: 200, contentType: JSON_CONTENT_TYPE, body: JSON.stringify(skvSvar(fraga, context, scenario)) };
}
