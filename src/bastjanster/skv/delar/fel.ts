import type { NativeResponse } from '../../types.js';
import { SKV_HTTP_FEL, SKV_MEDDELANDEN, SKV_SYSTEMVERSION, type SkvMeddelandeKod } from '../meddelandekoder.js';
import type { SkvFel } from './typer.js';

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/**
 * The HTTP status each of SKV's codes comes with on the JSON interface: the question's own fault 400, no right to
 * the service (or an organisationsnummer that is not the certificate's) 403, too many at once 429, the old version
 * 410, SKV's own timeout 504, its technical errors 500.
 */
export const HTTP_STATUS: Record<SkvMeddelandeKod, number> = {
  9071000: 500,
  9071001: 500,
  9071002: 504,
  9071003: 429,
  9071004: 403,
  9071005: 403,
  9071006: 403,
  9071007: 400,
  9071008: 500,
  9071009: 500,
  9071010: 410,
};

/** SKV's error for the whole question: its code and text (seed §7.3.3), and what was wrong with the question. */
export function skvFel(kod: SkvMeddelandeKod, detaljer?: string[]): NativeResponse {
  const fel: SkvFel = {
    meddelandeKod: kod,
    meddelandeText: SKV_MEDDELANDEN[kod].felmeddelande,
    systemversion: SKV_SYSTEMVERSION,
    ...(detaljer && detaljer.length > 0 && { detaljer }),
  };
  return { status: HTTP_STATUS[kod], contentType: JSON_CONTENT_TYPE, body: JSON.stringify(fel) };
}

/** The gateway's own 500 (the backend is down): the same form without a code, as v10's Fault without Exception. */
export function gatewayFel(): NativeResponse {
  const fel: SkvFel = { meddelandeText: SKV_HTTP_FEL[500].felmeddelande };
  return { status: 500, contentType: JSON_CONTENT_TYPE, body: JSON.stringify(fel) };
}
