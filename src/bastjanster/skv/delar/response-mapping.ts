import { SKV_DELAR, type SkvDelUtfall, type SsbtekFraga, type TjanstUtfall } from '../../../ssbtek/model.js';
import { NativeProtocolError, type NativeResponse } from '../../types.js';
import { httpFel, isSkvMeddelandeKod } from '../meddelandekoder.js';
import { skvFraga } from '../request-mapping.js';
import { validateSkvFel, validateSkvSvar } from './schemas.js';
import type { DelSvar } from './typer.js';

/**
 * SKV's v11 answer → SSBTEK v11. 200: each part asked becomes a SkatteverketDelSvar, `data` = base64 of the part's
 * JSON document, or its own error (kalla BT, felkod the part's status, felmeddelande its message: `404`,
 * `Not found`). An error for the whole question becomes SKV's error: felkod the meddelandeKod, felmeddelande its
 * text then what was wrong; without a code at 500 it is the gateway's 500, and the gateway's HTML 403/404 pages
 * are its 403/404, all with the §7.3.3 table's text. Anything else, an answer outside the schema, or one that
 * does not answer exactly the parts asked, is a protocol error (→ 2001).
 */
export function fromDelarResponse(response: NativeResponse, fraga: SsbtekFraga): TjanstUtfall {
  if (response.status === 200) return fromSvar(response, fraga);
  const fel = validateSkvFel(tryJson(response.body));
  if (fel.ok) {
    const { meddelandeKod, meddelandeText, detaljer = [] } = fel.value;
    if (meddelandeKod !== undefined && isSkvMeddelandeKod(meddelandeKod)) {
      return {
        kind: 'error',
        kalla: 'BT',
        felkod: String(meddelandeKod),
        felmeddelande: [meddelandeText, ...detaljer],
      };
    }
    if (meddelandeKod === undefined && response.status === 500) return httpFel(500);
    throw new NativeProtocolError(`SKV answered HTTP ${response.status} with an unknown code ${meddelandeKod}`);
  }
  if (response.status === 403 || response.status === 404) return httpFel(response.status);
  throw new NativeProtocolError(`SKV answered HTTP ${response.status} without SKV's error form`);
}

function fromSvar(response: NativeResponse, fraga: SsbtekFraga): TjanstUtfall {
  const json = tryJson(response.body);
  if (json === undefined) throw new NativeProtocolError('SKV answered HTTP 200 with a body that is not JSON');
  const checked = validateSkvSvar(json);
  if (!checked.ok) throw new NativeProtocolError(`SKV answered outside its schema: ${checked.violations.join('; ')}`);
  const asked = skvFraga(fraga).delar;
  const answered = SKV_DELAR.filter((del) => checked.value.delar[del] !== undefined);
  if (answered.length !== asked.length || answered.some((del) => !asked.includes(del))) {
    throw new NativeProtocolError(
      `SKV answered the parts ${answered.join(', ')} to a question for ${asked.join(', ')}`,
    );
  }
  const delar: Partial<Record<(typeof SKV_DELAR)[number], SkvDelUtfall>> = {};
  for (const del of answered) delar[del] = delUtfall(checked.value.delar[del] as DelSvar);
  return { kind: 'data', data: { kind: 'skvDelar', delar } };
}

function delUtfall(svar: DelSvar): SkvDelUtfall {
  if (svar.status === 200) {
    return { kind: 'data', base64: Buffer.from(JSON.stringify(svar.data), 'utf8').toString('base64') };
  }
  return { kind: 'error', kalla: 'BT', felkod: String(svar.status), felmeddelande: [svar.meddelande] };
}

function tryJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}
