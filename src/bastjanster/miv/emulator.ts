import { parseIdentity } from '../../population/identity.js';
import type { Person } from '../../population/person.js';
import { NS } from '../../xml/namespaces.js';
import { renderFault } from '../../xml/soap.js';
import { child, childText, el, leaf, type XElement } from '../../xml/tree.js';
import { nativeSchema } from '../common/native-schemas.js';
import { commonScenario, XML_CONTENT_TYPE } from '../common/scenario.js';
import { builtEnvelope, type BuiltDocuments } from '../common/built.js';
import { readSoapMessage } from '../common/xml-message.js';
import type { BaseServiceEmulator, EmulatorContext, NativeRequest, NativeResponse } from '../types.js';
import { mivUppgifter, type MivSvar } from './data.js';
import { accessRefusal } from '../common/access.js';
import { isMivFelkod, MIV_ACCESS_CODES, mivFaultCode, mivFaultString, type MivFelkod } from './felkoder.js';
import { MIV_PATH } from './request-mapping.js';

const MIV = NS.miv;
const MIVH = NS.mivHeader;
/** Local elements of MIV's schema are unqualified (no elementFormDefault). */
const L = '';
/** The longest correlation id MIV accepts. */
const MAX_CORRELATION_ID = 100;

/**
 * Migrationsverket's SSBTEK web service (SOAP 1.1), emulated: correlation and user id in mivh:SSBTEKHeader, the
 * query in findByPersonnummer; answers the person's residence-permit cases, or a Fault with SSBTEKSoapException.
 */
export class MivEmulator implements BaseServiceEmulator {
  readonly id = 'MIV' as const;
  readonly title = 'Migrationsverket – uppehållstillstånd (findByPersonnummer v1)';

  async handle(request: NativeRequest, context: EmulatorContext): Promise<NativeResponse> {
    if (request.path === '/__test') return { status: 200, contentType: 'text/plain', body: 'OK' };
    if (request.path !== MIV_PATH) return notFound(request.path);
    const read = readSoapMessage(
      request.body,
      nativeSchema('miv'),
      { ns: MIVH, name: 'SSBTEKHeader', schema: nativeSchema('mivHeader') },
      request,
    );
    // A message the SOAP stack cannot unmarshal never reaches MIV's own checks: a plain Client fault.
    if (!read.ok) return fault('Client', read.message);
    const { payload } = read;
    if (payload.ns !== MIV || payload.name !== 'findByPersonnummer') {
      return fault(
        'Client',
        `Unexpected operation {${payload.ns}}${payload.name}; expected {${MIV}}findByPersonnummer`,
      );
    }
    const query = child(payload, L, 'query') as XElement;
    const personnummer = childText(query, L, 'personnummer') ?? '';
    const block = read.headerBlock;
    const correlationId = block ? (childText(block, MIVH, 'correlationId') ?? '') : '';
    const scenario = context.scenario(personnummer, 'MIV');
    const reply = (): { body: string; built: BuiltDocuments } => {
      const person = context.population.person(personnummer, context.today);
      return builtEnvelope([response(query, correlationId, person, context.today)]);
    };
    const common = await commonScenario(scenario, context, () => reply().body);
    if (common) return common;
    const refused = accessRefusal(request, MIV_ACCESS_CODES);
    const felkod =
      rules(block, read.headerProblem !== undefined, personnummer) ??
      (isMivFelkod(scenario?.scenario) ? scenario.scenario : undefined) ??
      (isMivFelkod(refused) ? refused : undefined);
    if (felkod) return mivFault(felkod);
    return { status: 200, contentType: XML_CONTENT_TYPE, ...reply() };
  }
}

/**
 * MIV's own checks, in order (seed §7.3.3): the header's correlationId (500-101), its anvandarId (500-102), the
 * personnummer (500-103). A missing header, or one that is otherwise invalid, leaves no usable correlation id.
 */
function rules(block: XElement | undefined, headerInvalid: boolean, personnummer: string): MivFelkod | undefined {
  if (!block) return '500-101';
  const correlationId = childText(block, MIVH, 'correlationId') ?? '';
  if (correlationId.trim() === '' || correlationId.length > MAX_CORRELATION_ID) return '500-101';
  if ((childText(block, MIVH, 'anvandarId') ?? '').trim() === '') return '500-102';
  if (headerInvalid) return '500-101';
  const { identity } = parseIdentity(personnummer);
  if (!identity || !identity.checksumValid) return '500-103';
  return undefined;
}

/** The normal answer (200 Ok): the person, and their cases in svarCollection (empty when MIV has none). */
function response(query: XElement, correlationId: string, person: Person | undefined, today: string): XElement {
  const uppgifter = person && mivUppgifter(person, today);
  return el(MIV, 'findByPersonnummerResponse', [
    el(L, 'response', [
      leaf(L, 'korrelationsid', childText(query, L, 'korrelationsid')), // echoed when the query had one
      leaf(L, 'correlationid', correlationId),
      leaf(L, 'efternamn', person?.efternamn),
      leaf(L, 'fornamn', person?.fornamn),
      leaf(L, 'hemland', uppgifter?.hemland),
      leaf(L, 'inresedatum', uppgifter?.inresedatum),
      leaf(L, 'personnummer', childText(query, L, 'personnummer')),
      el(L, 'svarCollection', (uppgifter?.svar ?? []).map(svarElement)),
    ]),
  ]);
}

function svarElement(svar: MivSvar): XElement {
  const beslut = svar.beslut;
  return el(L, 'svar', [
    leaf(L, 'anledning', svar.anledning),
    leaf(L, 'anledningNamn', svar.anledningNamn),
    leaf(L, 'ansokningsdatum', svar.ansokningsdatum),
    leaf(L, 'arendeTyp', svar.arendeTyp),
    leaf(L, 'arendeTypNamn', svar.arendeTypNamn),
    leaf(L, 'beslutsKod', beslut?.beslutsKod),
    leaf(L, 'beslutsKodNamn', beslut?.beslutsKodNamn),
    leaf(L, 'beslutsTyp', beslut?.beslutsTyp),
    leaf(L, 'beslutsTypNamn', beslut?.beslutsTypNamn),
    leaf(L, 'beslutsdatum', beslut?.beslutsdatum),
    leaf(L, 'fromDatum', beslut?.fromDatum),
    leaf(L, 'giltighetstid', beslut?.giltighetstid),
    leaf(L, 'tomDatum', beslut?.tomDatum),
  ]);
}

/** MIV's error form: a SOAP 1.1 Fault whose detail carries miv:SSBTEKSoapException{faultCode, faultString}. */
function mivFault(felkod: MivFelkod): NativeResponse {
  const exception = el(MIV, 'SSBTEKSoapException', [
    leaf(L, 'faultCode', felkod),
    leaf(L, 'faultString', mivFaultString(felkod)),
  ]);
  return fault(mivFaultCode(felkod), mivFaultString(felkod), [exception]);
}

function fault(code: 'Client' | 'Server', message: string, detail?: XElement[]): NativeResponse {
  return { status: 500, contentType: XML_CONTENT_TYPE, body: renderFault({ code, message, detail }) };
}

function notFound(path: string): NativeResponse {
  return {
    status: 404,
    contentType: 'text/html',
    body: `<html><body><h1>404 Not Found</h1><p>No service at ${path}; MIV answers POST ${MIV_PATH}</p></body></html>`,
  };
}
