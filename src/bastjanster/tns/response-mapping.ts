import { NS } from '../../xml/namespaces.js';
import { readFault } from '../../xml/soap.js';
import { childrenNamed, childText, elements } from '../../xml/tree.js';
import type { TjanstUtfall } from '../../ssbtek/model.js';
import { nativeSchema } from '../common/native-schemas.js';
import { answerSource, expectValid, readSoapMessage } from '../common/xml-message.js';
import { NativeProtocolError, type NativeResponse } from '../types.js';

const TNS = NS.tns;

/**
 * TNS HamtaUppgifterResponse → SSBTEK. "SSBTEK plockar ut allt under den komplexa typen HamtaUppgifterResponse"
 * (seed §6.13): resultat OK puts its children under `data`; resultat FEL is TS's error form (felresultat, seed
 * §7.3.3) and becomes an `error` with the first felkod and every feltext. A SOAP Fault has no TS error code:
 * like anything unreadable it is a protocol error (→ 2001).
 */
export function fromTnsResponse(response: NativeResponse): TjanstUtfall {
  if (response.status !== 200 && response.status !== 500)
    throw new NativeProtocolError(`TNS answered HTTP ${response.status}`);
  const { payload } = expectValid(
    readSoapMessage(response.body, nativeSchema('tns'), undefined, answerSource(response)),
    'TNS',
  );
  const fault = readFault(payload);
  if (fault) throw new NativeProtocolError(`TNS answered a SOAP Fault (${fault.code}): ${fault.message}`);
  if (response.status !== 200) throw new NativeProtocolError(`TNS answered HTTP ${response.status} without a Fault`);
  if (payload.ns !== TNS || payload.name !== 'HamtaUppgifterResponse') {
    throw new NativeProtocolError(`TNS answered {${payload.ns}}${payload.name}`);
  }
  if (childText(payload, TNS, 'resultat') === 'OK')
    return { kind: 'data', data: { kind: 'xml', children: elements(payload) } };
  const felresultat = childrenNamed(payload, TNS, 'felresultat');
  const first = felresultat[0];
  if (!first) throw new NativeProtocolError('TNS answered resultat FEL without felresultat');
  return {
    kind: 'error',
    kalla: 'BT',
    felkod: (childText(first, TNS, 'felkod') ?? '').trim(),
    felmeddelande: felresultat.map((f) => childText(f, TNS, 'feltext') ?? ''),
  };
}
