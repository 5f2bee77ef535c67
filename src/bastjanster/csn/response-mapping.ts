import { NS } from '../../xml/namespaces.js';
import { readFault } from '../../xml/soap.js';
import { child, childText, text } from '../../xml/tree.js';
import type { TjanstUtfall } from '../../ssbtek/model.js';
import { nativeSchema } from '../common/native-schemas.js';
import { answerSource, expectValid, readSoapMessage, readXmlDocument } from '../common/xml-message.js';
import { NativeProtocolError, type NativeResponse } from '../types.js';

const CSN = NS.csnKommunfraga;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
/** Stands for the decoded bytes of a svar read from its tree (readXmlDocument reads the tree, not these). */
const NOT_DECODED = new Uint8Array(0);

/**
 * CSN KommunfragaSvar → SSBTEK (seed §6.9, §7.3.2): base64-decode `svar`; a ResultatKod other than 0 becomes an
 * `error` with ResultatKod and ResultatText, else the base64 message goes into `svar` as CSN sent it.
 */
export function fromCsnResponse(response: NativeResponse): TjanstUtfall {
  if (response.status !== 200) throw new NativeProtocolError(`CSN answered HTTP ${response.status}`);
  const { payload } = expectValid(
    readSoapMessage(response.body, nativeSchema('csnWs'), undefined, answerSource(response)),
    'CSN',
  );
  const fault = readFault(payload);
  if (fault) throw new NativeProtocolError(`CSN answered a SOAP Fault: ${fault.code} ${fault.message}`);
  if (payload.ns !== NS.csnWs || payload.name !== 'KommunfragaSvar') {
    throw new NativeProtocolError(`CSN answered {${payload.ns}}${payload.name}`);
  }
  const base64 = text(child(payload, NS.csnWs, 'svar')).replace(/\s+/g, '');
  // This process's own emulator's CSNSvar is read from its tree (valid by the tests, as its envelope is), so its
  // base64 is neither checked nor decoded; an answer from elsewhere is.
  const own = response.built?.has(base64) === true;
  if (!own && (base64 === '' || !BASE64.test(base64)))
    throw new NativeProtocolError('CSN answered a svar that is not base64');

  // Gör Base64decode på meddelandet: the CSNSvar document, checked against CSN's schema
  const document = own ? NOT_DECODED : Buffer.from(base64, 'base64');
  const { root } = expectValid(
    readXmlDocument(document, nativeSchema('csnKommunfraga'), answerSource(response, base64)),
    'CSN (decoded svar)',
  );
  if (root.ns !== CSN || root.name !== 'CSNSvar')
    throw new NativeProtocolError(`CSN's svar holds ${root.name}, not CSNSvar`);

  // CSNSvar.GemensamtSvarEkbistand.Resultat.ResultatKod skilt från 0 → felkod and felmeddelande
  const resultat = child(child(root, CSN, 'GemensamtSvarEkbistand') ?? root, CSN, 'Resultat');
  const kod = (childText(resultat, CSN, 'ResultatKod') ?? '').trim();
  if (kod === '') throw new NativeProtocolError('CSN answered a CSNSvar without ResultatKod');
  if (Number(kod) !== 0) {
    return { kind: 'error', kalla: 'BT', felkod: kod, felmeddelande: [childText(resultat, CSN, 'ResultatText') ?? ''] };
  }
  // Det base64-encodade meddelandet i svaret från CSN läggs i elementet svar
  return { kind: 'data', data: { kind: 'base64', element: 'svar', base64 } };
}
