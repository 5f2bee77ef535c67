import type { TjanstUtfall } from '../../ssbtek/model.js';
import { NS } from '../../xml/namespaces.js';
import { readFault } from '../../xml/soap.js';
import { elements } from '../../xml/tree.js';
import { nativeSchema } from '../common/native-schemas.js';
import { answerSource, expectValid, readSoapMessage } from '../common/xml-message.js';
import { NativeProtocolError, type NativeResponse } from '../types.js';

/**
 * SO's answer → SSBTEK. Everything under GetUnemploymentBenefitPaymentResponse goes under `data` (seed §6.12);
 * a SOAP Fault becomes an error with faultcode and faultstring as felkod and felmeddelande (seed §7.3.2).
 */
export function fromSoResponse(response: NativeResponse): TjanstUtfall {
  const { payload } = expectValid(
    readSoapMessage(response.body, nativeSchema('so'), undefined, answerSource(response)),
    'SO',
  );
  const fault = readFault(payload);
  if (fault) {
    if (!fault.code) throw new NativeProtocolError('SO answered a SOAP Fault without faultcode');
    return { kind: 'error', kalla: 'BT', felkod: fault.code, felmeddelande: [fault.message] };
  }
  if (response.status !== 200) throw new NativeProtocolError(`SO answered HTTP ${response.status}`);
  if (payload.ns !== NS.so || payload.name !== 'GetUnemploymentBenefitPaymentResponse') {
    throw new NativeProtocolError(`SO answered ${payload.name}`);
  }
  return { kind: 'data', data: { kind: 'xml', children: elements(payload) } };
}
