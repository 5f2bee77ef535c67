import type { TjanstUtfall } from '../../../ssbtek/model.js';
import { NS } from '../../../xml/namespaces.js';
import { readFault } from '../../../xml/soap.js';
import { child, childText, elements } from '../../../xml/tree.js';
import { nativeSchema } from '../../common/native-schemas.js';
import { answerSource, expectValid, readSoapMessage } from '../../common/xml-message.js';
import { NativeProtocolError, type NativeResponse } from '../../types.js';

const FK = NS.fkV1;

/**
 * fkExaLefiSvar → SSBTEK v1. Everything under Svarspost goes under data (seed §6.10); fragasvar.fel becomes a BT
 * error with kod → felkod and beskrivning → felmeddelande (seed §7.3.2). A SOAP Fault, another status, or an answer
 * that breaks the schema is a protocol error (→ 2001).
 */
export function fromV1Response(response: NativeResponse): TjanstUtfall {
  if (response.status !== 200 && response.status !== 500)
    throw new NativeProtocolError(`FK answered HTTP ${response.status}`);
  const { payload } = expectValid(
    readSoapMessage(response.body, nativeSchema('fkV1'), undefined, answerSource(response)),
    'FK',
  );
  const fault = readFault(payload);
  if (fault) throw new NativeProtocolError(`FK answered a SOAP Fault: ${fault.code} ${fault.message}`);
  if (payload.ns !== FK || payload.name !== 'fkExaLefiSvar')
    throw new NativeProtocolError(`FK answered ${payload.name}`);
  if (response.status !== 200) throw new NativeProtocolError(`FK answered HTTP ${response.status} without a Fault`);
  const fragasvar = child(payload, FK, 'fragasvar');
  const svarspost = fragasvar && child(fragasvar, FK, 'svarspost');
  if (svarspost) return { kind: 'data', data: { kind: 'xml', children: elements(svarspost) } };
  const fel = fragasvar && child(fragasvar, FK, 'fel');
  return {
    kind: 'error',
    kalla: 'BT',
    felkod: childText(fel, FK, 'kod') ?? '',
    felmeddelande: [childText(fel, FK, 'beskrivning') ?? ''],
  };
}
