import { SKV_DELAR, type SkvDel } from '../../ssbtek/model.js';
import type { TjanstScenario } from '../../population/scenarios.js';
import { errorTextsOf, type ErrorText } from '../types.js';
import { DEL_FEL, isDelFelStatus, type DelFelStatus } from './delar/del-fel.js';
import {
  isSkvHttpFel,
  isSkvMeddelandeKod,
  SKV_HTTP_FEL,
  SKV_MEDDELANDEN,
  type SkvHttpFel,
  type SkvMeddelandeKod,
} from './meddelandekoder.js';

/**
 * What a scenario asks SKV to answer instead (beyond the common delay/timeout/garbage/half/http-500): one of its
 * own codes for the whole request (9071000–9071010), the gateway's 403/404/500, or, behind SSBTEK v11 only, an
 * error in one part of the answer: `<del>.<status>`, e.g. `skattekonto.503` or `individuppgifter.404`.
 */
export type SkvScenarioFel =
  | { kind: 'meddelande'; kod: SkvMeddelandeKod }
  | { kind: 'http'; status: SkvHttpFel }
  | { kind: 'del'; del: SkvDel; status: DelFelStatus };

export function skvScenarioFel(scenario: TjanstScenario | undefined): SkvScenarioFel | undefined {
  const token = scenario?.scenario;
  if (token === undefined) return undefined;
  const part = /^([a-z]+)\.(\d{3})$/.exec(token);
  if (part) {
    const del = SKV_DELAR.find((d) => d === part[1]);
    const status = Number(part[2]);
    return del && isDelFelStatus(status) ? { kind: 'del', del, status } : undefined;
  }
  const code = /^\d+$/.test(token) ? Number(token) : NaN;
  if (isSkvMeddelandeKod(code)) return { kind: 'meddelande', kod: code };
  if (isSkvHttpFel(code)) return { kind: 'http', status: code };
  return undefined;
}

/** Every code scenario control may ask SKV for (checked by src/scenario against this list). */
export const SKV_SCENARIO_KODER: readonly string[] = [
  ...Object.keys(SKV_MEDDELANDEN),
  ...Object.keys(SKV_HTTP_FEL),
  ...SKV_DELAR.flatMap((del) => Object.keys(DEL_FEL).map((status) => `${del}.${status}`)),
];

/** Each of those codes in the words of SKV's table: the status type and message, or the part's own status text. */
export const SKV_SCENARIO_TEXTER: Readonly<Record<string, ErrorText>> = errorTextsOf(SKV_SCENARIO_KODER, (code) => {
  const fel = skvScenarioFel({ scenario: code });
  if (fel?.kind === 'meddelande') {
    const { statustyp, felmeddelande } = SKV_MEDDELANDEN[fel.kod];
    return { type: statustyp, text: felmeddelande };
  }
  if (fel?.kind === 'http') {
    const { statustyp, felmeddelande } = SKV_HTTP_FEL[fel.status];
    return { type: statustyp, text: felmeddelande };
  }
  if (fel?.kind === 'del') return { type: `SSBTEK v11 only: the part ${fel.del}`, text: DEL_FEL[fel.status] };
  throw new Error(`SKV scenario code ${code} has no text`);
});
