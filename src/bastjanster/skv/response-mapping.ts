import type { SsbtekFraga, TjanstUtfall } from '../../ssbtek/model.js';
import { NS } from '../../xml/namespaces.js';
import { readFault } from '../../xml/soap.js';
import { child, childText, el, text, type XElement } from '../../xml/tree.js';
import { serialize } from '../../xml/write.js';
import { nativeSchema } from '../common/native-schemas.js';
import { answerSource, expectValid, readSoapMessage, readXmlDocument } from '../common/xml-message.js';
import { NativeProtocolError, type NativeResponse } from '../types.js';
import { fromDelarResponse } from './delar/response-mapping.js';
import { httpFel } from './meddelandekoder.js';
import { SVAR_ROOT } from './svar-dokument.js';

/** SKV's native answer → data or a BT error, read as the interface the query was sent to (v11: per part). */
export function fromSkvResponse(response: NativeResponse, fraga: SsbtekFraga): TjanstUtfall {
  return fraga.dialect === 'v11' ? fromDelarResponse(response, fraga) : fromBeskattningwsResponse(response);
}

/**
 * BeskattningWS's answer → SSBTEK. The unqualified `svar` element, its escaped XML kept as text, goes under `data`
 * (seed §6.11; v10 types data as skv:BeskattningsuppgifterResponseTYPE), once its document has been checked
 * against Skatteverket's schema. A SOAP Fault with skv:Exception becomes an error with MeddelandeKod and
 * MeddelandeText (seed §7.3.2). The gateway's HTTP-level errors of the §7.3.3 table (404 and 403 as HTML pages,
 * 500 as a Fault without Exception) become errors with the table's code and text.
 */
function fromBeskattningwsResponse(response: NativeResponse): TjanstUtfall {
  if (response.status === 404 || response.status === 403) return httpFel(response.status);
  const { payload } = expectValid(
    readSoapMessage(response.body, nativeSchema('skv'), undefined, answerSource(response)),
    'SKV',
  );
  const fault = readFault(payload);
  if (fault) return fromFault(fault.detail, response.status);
  if (response.status !== 200) throw new NativeProtocolError(`SKV answered HTTP ${response.status}`);
  if (payload.ns !== NS.skv || payload.name !== 'BeskattningsuppgifterResponse') {
    throw new NativeProtocolError(`SKV answered ${payload.name}`);
  }
  const svar = text(child(payload, '', 'svar'));
  const inner = expectValid(readXmlDocument(svar, nativeSchema('skvSvar'), answerSource(response)), 'SKV (svar)');
  if (inner.root.ns !== NS.skvStandardiseradInformation || inner.root.name !== SVAR_ROOT) {
    throw new NativeProtocolError(`SKV answered svar with ${inner.root.name}`);
  }
  return { kind: 'data', data: { kind: 'xml', children: [el('', 'svar', svar)] } };
}

function fromFault(detail: XElement | undefined, status: number): TjanstUtfall {
  const exception = detail && child(detail, NS.skv, 'Exception');
  if (!exception) {
    if (status === 500) return httpFel(500);
    throw new NativeProtocolError(`SKV answered a SOAP Fault without skv:Exception (HTTP ${status})`);
  }
  // The Exception is checked against SKV's FaultTYPE like any other part of the answer.
  expectValid(readXmlDocument(serialize(exception), nativeSchema('skv')), 'SKV (Exception)');
  const kod = childText(exception, '', 'MeddelandeKod');
  if (!kod) throw new NativeProtocolError('SKV answered an Exception without MeddelandeKod');
  return {
    kind: 'error',
    kalla: 'BT',
    felkod: kod.trim(),
    felmeddelande: [childText(exception, '', 'MeddelandeText') ?? ''],
  };
}
