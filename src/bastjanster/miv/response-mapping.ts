import { NS } from '../../xml/namespaces.js';
import { readFault } from '../../xml/soap.js';
import { childText, elements, type XElement } from '../../xml/tree.js';
import { serialize } from '../../xml/write.js';
import type { TjanstUtfall } from '../../ssbtek/model.js';
import { nativeSchema } from '../common/native-schemas.js';
import { answerSource, expectValid, readSoapMessage, readXmlDocument } from '../common/xml-message.js';
import { NativeProtocolError, type NativeResponse } from '../types.js';

const MIV = NS.miv;

/**
 * MIV findByPersonnummerResponse → SSBTEK. "SSBTEK plockar ut allt under den komplexa typen
 * findByPersonnummerResponse" (seed §6.14): its children (the unqualified `response`) go under `data`. MIV's
 * error form is a SOAP Fault with miv:SSBTEKSoapException: its faultCode and faultString become the `error`.
 * A Fault without that detail, or anything unreadable, is a protocol error (→ 2001).
 */
export function fromMivResponse(response: NativeResponse): TjanstUtfall {
  if (response.status !== 200 && response.status !== 500)
    throw new NativeProtocolError(`MIV answered HTTP ${response.status}`);
  const { payload } = expectValid(
    readSoapMessage(response.body, nativeSchema('miv'), undefined, answerSource(response)),
    'MIV',
  );
  const fault = readFault(payload);
  if (fault) return fromFault(fault.detail, fault.message);
  if (response.status !== 200) throw new NativeProtocolError(`MIV answered HTTP ${response.status} without a Fault`);
  if (payload.ns !== MIV || payload.name !== 'findByPersonnummerResponse') {
    throw new NativeProtocolError(`MIV answered {${payload.ns}}${payload.name}`);
  }
  return { kind: 'data', data: { kind: 'xml', children: elements(payload) } };
}

function fromFault(detail: XElement | undefined, message: string): TjanstUtfall {
  const exception = detail && elements(detail).find((e) => e.ns === MIV && e.name === 'SSBTEKSoapException');
  if (!exception) throw new NativeProtocolError(`MIV answered a SOAP Fault without SSBTEKSoapException: ${message}`);
  // The detail is MIV's own element: validated against MIV's schema like any other answer.
  const { root } = expectValid(readXmlDocument(serialize(exception), nativeSchema('miv')), 'MIV (SSBTEKSoapException)');
  const faultCode = (childText(root, '', 'faultCode') ?? '').trim();
  if (faultCode === '') throw new NativeProtocolError('MIV answered an SSBTEKSoapException without faultCode');
  return { kind: 'error', kalla: 'BT', felkod: faultCode, felmeddelande: [childText(root, '', 'faultString') ?? ''] };
}
