import { NS } from '../../xml/namespaces.js';
import { child, childText, elements } from '../../xml/tree.js';
import type { TjanstUtfall } from '../../ssbtek/model.js';
import { nativeSchema } from '../common/native-schemas.js';
import { answerSource, expectValid, readXmlDocument } from '../common/xml-message.js';
import { NativeProtocolError, type NativeResponse } from '../types.js';

/**
 * AF SvarMeddelande → SSBTEK. All data in SvarMeddelande goes into `data` (seed §6.8); a
 * StatusSokandeinformationKod above 99 becomes an `error` with its code and text (seed §7.3.2).
 */
export function fromAfResponse(response: NativeResponse): TjanstUtfall {
  if (response.status === 400) return fromProblem(response);
  if (response.status !== 200) throw new NativeProtocolError(`AF answered HTTP ${response.status}`);
  const { root } = expectValid(readXmlDocument(response.body, nativeSchema('af'), answerSource(response)), 'AF');
  if (root.name !== 'SvarMeddelande' || root.ns !== NS.af) throw new NativeProtocolError(`AF answered ${root.name}`);
  const svar = child(root, NS.af, 'Svar');
  const kod = Number(childText(svar, NS.af, 'StatusSokandeinformationKod'));
  if (Number.isNaN(kod)) throw new NativeProtocolError('AF answered without a numeric StatusSokandeinformationKod');
  if (kod > 99) {
    return {
      kind: 'error',
      kalla: 'BT',
      felkod: String(kod),
      felmeddelande: [childText(svar, NS.af, 'StatusSokandeinformationKodText') ?? ''],
    };
  }
  return { kind: 'data', data: { kind: 'xml', children: elements(root) } };
}

/** AF refuses a request it cannot read with HTTP 400 and a problem document that still carries its status code. */
function fromProblem(response: NativeResponse): TjanstUtfall {
  let problem: { statusSokandeinformationKod?: unknown; statusSokandeinformationKodText?: unknown };
  try {
    problem = JSON.parse(response.body) as typeof problem;
  } catch {
    throw new NativeProtocolError('AF answered HTTP 400 without a readable problem document');
  }
  if (typeof problem.statusSokandeinformationKod !== 'number') throw new NativeProtocolError('AF answered HTTP 400');
  return {
    kind: 'error',
    kalla: 'BT',
    felkod: String(problem.statusSokandeinformationKod),
    felmeddelande: [String(problem.statusSokandeinformationKodText ?? '')],
  };
}
