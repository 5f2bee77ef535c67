import { parseIdentity } from '../../../population/identity.js';
import { MAX_JSON_DEPTH, tooDeep } from '../../../http/json-body.js';
import { addMonths } from '../../../population/dates.js';
import { commonScenario } from '../../common/scenario.js';
import type { EmulatorContext, NativeRequest, NativeResponse } from '../../types.js';
import { accessRefusal } from '../../common/access.js';
import { FK_ACCESS_CODES, scenarioFelkod, type FkFelkod } from '../felkoder.js';
import type { FkAktorer } from './aktorer.js';
import { validateLefiFraga } from './schemas.js';
import { fragarNagot, lefiSvar } from './svar.js';
import type { LefiFelsvar, LefiFraga } from './typer.js';

/** LEFI's one operation (POST), as a template and as the pattern requests are matched with. */
export const LEFI_PATH_TEMPLATE =
  '/lefi-extern-formansinformation/{version}/aktorer/{aktorsId}/formansinformation/fraga';
export const LEFI_PATH = /^\/lefi-extern-formansinformation\/([^/]+)\/aktorer\/([^/]*)\/formansinformation\/fraga$/;
export const LEFI_VERSION = 'v9';
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** LEFI's 403: an aktör it does not know, or one the caller may not represent. */
const OKAND_ELLER_EJ_FORETRADD = 'Aktören är okänd eller får inte företrädas av anroparen.';

/** How FK's scenario codes show on the LEFI interface: the status and message LEFI would answer with. */
const SCENARIO_SVAR: Record<FkFelkod, [number, string]> = {
  1000: [504, 'Tidsgränsen för frågan överskreds: ett delsystem svarade inte i tid.'],
  1001: [400, 'Frågan kunde inte tolkas.'],
  1002: [500, 'Internt fel.'],
};

/**
 * LEFI förmånsinformation v9, emulated. Rules from the OpenAPI description, in the order applied: an aktör
 * `aktorer` does not know → 403; a body that is not JSON or breaks the schema → 400; then the scenario person's
 * scenario; then an asker FK does not serve (common/access.ts) → 403; then no group or kind of information asked, a period ending before it starts or longer than two
 * years, or a personnummer that is not a valid identity → 400. Otherwise 200 with the asked information.
 */
export async function handleLefi(
  request: NativeRequest,
  context: EmulatorContext,
  aktorer: FkAktorer,
): Promise<NativeResponse> {
  const match = LEFI_PATH.exec(request.path);
  const [, version = '', aktor = ''] = match ?? [];
  if (!match || version !== LEFI_VERSION) return felsvar(404, `Resursen ${request.path} finns inte.`, context);
  if (!kandAktor(aktor, aktorer)) return felsvar(403, OKAND_ELLER_EJ_FORETRADD, context);

  // The same nesting bound as every JSON endpoint (src/http/json-body.ts), checked before anything is parsed.
  const tooDeepAt = tooDeep(request.body, MAX_JSON_DEPTH);
  if (tooDeepAt !== undefined)
    return felsvar(400, `Frågan är nästlad djupare än ${MAX_JSON_DEPTH} nivåer (vid ${tooDeepAt}).`, context);
  let body: unknown;
  try {
    body = JSON.parse(request.body);
  } catch {
    return felsvar(400, 'Frågan är inte giltig JSON.', context);
  }
  const checked = validateLefiFraga(body);
  if (!checked.ok) return felsvar(400, `Frågan följer inte specifikationen: ${checked.violations.join('; ')}`, context);
  const fraga = checked.value;
  const personnummer = tolvSiffror(fraga.personnummer, context.today);

  const scenario = context.scenario(personnummer, 'FK');
  const common = await commonScenario(scenario, context, () => svara(fraga, personnummer, context).body);
  if (common) return common;
  const forced = scenarioFelkod(scenario?.scenario);
  if (forced !== undefined) return felsvar(...SCENARIO_SVAR[forced], context);
  // An asker FK does not serve, or an aktör that is not the asker's: the same 403 as an aktör LEFI does not know.
  if (accessRefusal(request, FK_ACCESS_CODES) !== undefined) return felsvar(403, OKAND_ELLER_EJ_FORETRADD, context);

  return svara(fraga, personnummer, context);
}

function svara(fraga: LefiFraga, personnummer: string, context: EmulatorContext): NativeResponse {
  const { from, tom } = fraga.period;
  if (!fragarNagot(fraga))
    return felsvar(400, 'Frågan anger ingen förmånsgrupp eller typ av övrig information.', context);
  if (tom < from) return felsvar(400, 'Periodens tom-datum ligger före dess from-datum.', context);
  if (tom > addMonths(from, 24)) return felsvar(400, 'Den angivna perioden är längre än två år.', context);
  const { identity } = parseIdentity(personnummer);
  if (!identity?.checksumValid)
    return felsvar(400, 'Personnumret är inte ett giltigt person- eller samordningsnummer.', context);
  const person = context.population.personFor(identity, context.today);
  const svar = lefiSvar(fraga, person, context.today);
  return { status: 200, contentType: JSON_CONTENT_TYPE, body: JSON.stringify(svar), json: svar };
}

/** The path segment, percent-decoded, names an aktör LEFI knows (an undecodable segment names none). */
function kandAktor(segment: string, aktorer: FkAktorer): boolean {
  let aktorsId: string;
  try {
    aktorsId = decodeURIComponent(segment);
  } catch {
    return false;
  }
  return aktorer.kand(aktorsId);
}

/** LEFI accepts 10 or 12 digits; ten digits get the century of the most recent birth date they can mean. */
function tolvSiffror(personnummer: string, today: string): string {
  if (personnummer.length === 12) return personnummer;
  const sekel = personnummer.slice(0, 2) > today.slice(2, 4) ? '19' : '20';
  return sekel + personnummer;
}

/**
 * LefiFelsvar. The message never carries personal identity numbers (the OpenAPI description forbids it). The
 * timestamp is the services' "today" at midnight UTC: answers stay deterministic.
 */
export function felsvar(status: number, meddelande: string, context: Pick<EmulatorContext, 'today'>): NativeResponse {
  const body: LefiFelsvar = { meddelande, timestamp: `${context.today}T00:00:00Z` };
  return { status, contentType: JSON_CONTENT_TYPE, body: JSON.stringify(body) };
}
