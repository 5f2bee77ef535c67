import type { TjanstUtfall } from '../../../ssbtek/model.js';
import { NativeProtocolError, type NativeResponse } from '../../types.js';
import { FK_FELKODER, type FkFelkod } from '../felkoder.js';
import { validateLefiFelsvar, validateLefiSvar } from './schemas.js';

/** LEFI's HTTP status → FK's code (seed §7.3.3): refused question 1001, internal error 1002, timeout 1000. */
const FELKOD_FOR_STATUS: Partial<Record<number, FkFelkod>> = {
  400: 1001,
  403: 1001, // an aktör LEFI does not know is a fault in the question as well
  500: 1002,
  504: 1000,
};

/**
 * LEFI answer → v10 SSBTEK. A valid 200 answer goes, byte for byte and base64-encoded, into data/lefiJsonSvar; an
 * error answer becomes a BT error with FK's code and text, then LEFI's own message. Anything else, or an answer
 * that is not JSON or breaks the schema, is a protocol error (→ 2001). An answer this process's emulator made
 * (`json` at hand) is not parsed or checked again: the tests prove every kind valid (lefi-grupper.test.ts).
 */
export function fromLefiResponse(response: NativeResponse): TjanstUtfall {
  if (response.status === 200) {
    if (response.json === undefined) {
      const checked = validateLefiSvar(parseJson(response));
      if (!checked.ok)
        throw new NativeProtocolError(`FK (LEFI) answered outside its schema: ${checked.violations.join('; ')}`);
    }
    const base64 = Buffer.from(response.body, 'utf8').toString('base64');
    return { kind: 'data', data: { kind: 'base64', element: 'lefiJsonSvar', base64 } };
  }
  const felkod = FELKOD_FOR_STATUS[response.status];
  if (felkod === undefined) throw new NativeProtocolError(`FK (LEFI) answered HTTP ${response.status}`);
  const checked = validateLefiFelsvar(parseJson(response));
  if (!checked.ok) throw new NativeProtocolError(`FK (LEFI) answered HTTP ${response.status} without a LefiFelsvar`);
  const meddelande = checked.value.meddelande;
  return {
    kind: 'error',
    kalla: 'BT',
    felkod: String(felkod),
    felmeddelande: [FK_FELKODER[felkod], ...(meddelande ? [meddelande] : [])],
  };
}

function parseJson(response: NativeResponse): unknown {
  try {
    return JSON.parse(response.body);
  } catch {
    throw new NativeProtocolError(`FK (LEFI) answered HTTP ${response.status} with a body that is not JSON`);
  }
}
