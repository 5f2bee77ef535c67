import { parseIdentity } from '../../population/identity.js';
import { NS } from '../../xml/namespaces.js';
import { renderFault } from '../../xml/soap.js';
import { childText, el, elements, leaf, type XElement } from '../../xml/tree.js';
import { nativeSchema } from '../common/native-schemas.js';
import { commonScenario, XML_CONTENT_TYPE } from '../common/scenario.js';
import { builtEnvelope, type BuiltDocuments } from '../common/built.js';
import { readSoapMessage } from '../common/xml-message.js';
import type { BaseServiceEmulator, EmulatorContext, NativeRequest, NativeResponse } from '../types.js';
import { kassornasUppgifter, type KassansUppgifter } from './data.js';
import { accessRefusal } from '../common/access.js';
import { isSoFelkod, SO_ACCESS_CODES, SO_FELKODER, SO_STATUS_OK, type SoFelkod } from './felkoder.js';
import { SO_PATH } from './request-mapping.js';

const SO = NS.so;

/** Sveriges a-kassor's UBPService (INT014), emulated: SOAP 1.1, the a-kassor's payments to a person. */
export class SoEmulator implements BaseServiceEmulator {
  readonly id = 'SO' as const;
  readonly title = 'Sveriges a-kassor – UnemploymentBenefitPayment (INT014)';

  async handle(request: NativeRequest, context: EmulatorContext): Promise<NativeResponse> {
    if (request.path === '/__test') return { status: 200, contentType: 'text/plain', body: 'OK' };
    if (request.path !== SO_PATH) return notFound();
    const read = readSoapMessage(request.body, nativeSchema('so'), undefined, request);
    // A request SO cannot read or that breaks its contract is "något fel i tjänsten": 201.
    if (!read.ok) return fault(201);
    const fraga = read.payload;
    if (fraga.ns !== SO || fraga.name !== 'GetUnemploymentBenefitPaymentRequest') return fault(201);
    const personnummer = childText(fraga, SO, 'IdentificationNumber') ?? '';
    const scenario = context.scenario(personnummer, 'SO');
    const common = await commonScenario(scenario, context, () => answer(fraga, context).body);
    if (common) return common;
    const forced = Number(scenario?.scenario);
    if (isSoFelkod(forced)) return fault(forced);
    const refused = Number(accessRefusal(request, SO_ACCESS_CODES));
    if (isSoFelkod(refused)) return fault(refused);
    return { status: 200, contentType: XML_CONTENT_TYPE, ...answer(fraga, context) };
  }
}

/** GetUnemploymentBenefitPaymentResponse: the request's fields echoed, then one entry per a-kassa that knows the person. */
function answer(fraga: XElement, context: EmulatorContext): { body: string; built: BuiltDocuments } {
  const value = (name: string): string => childText(fraga, SO, name) ?? '';
  const { identity } = parseIdentity(value('IdentificationNumber'));
  // A number with a wrong check digit is nobody any a-kassa knows.
  const person = identity?.checksumValid ? context.population.personFor(identity, context.today) : undefined;
  const kassor = person ? kassornasUppgifter(person, value('From'), value('Tom'), context.today) : [];
  const response = el(SO, 'GetUnemploymentBenefitPaymentResponse', [
    ...elements(fraga).map((e) => el(SO, e.name, e.children)),
    el(SO, 'ArbetsloshetsersattningLista', kassor.map(arbetsloshetsersattning)),
  ]);
  return builtEnvelope([response]);
}

function arbetsloshetsersattning(kassa: KassansUppgifter): XElement {
  return el(SO, 'Arbetsloshetsersattning', [
    leaf(SO, 'SvarandeOrganisation', kassa.kassa),
    leaf(SO, 'StatusSvarandeOrganisation', SO_STATUS_OK),
    ...kassa.utbetalningar.map((u) =>
      el(SO, 'Utbetalningar', [
        leaf(SO, 'Utbetalningsdatum', u.utbetalningsdatum),
        leaf(SO, 'NettoEfterSkatt', u.nettoEfterSkatt.toFixed(2)),
        leaf(SO, 'NettoEfterAvdrag', u.nettoEfterAvdrag.toFixed(2)),
        leaf(SO, 'Ersattningsdagar', u.ersattningsdagar),
        leaf(SO, 'AvserFrom', u.avserFrom),
        leaf(SO, 'AvserTom', u.avserTom),
      ]),
    ),
    ...kassa.avstangningar.map((a) =>
      el(SO, 'Avstangningar', [leaf(SO, 'AvstangdFrom', a.from), leaf(SO, 'AvstangdTom', a.tom)]),
    ),
    el(SO, 'AnsoktOmErsattning', [
      kassa.beslutOmRattTillErsattning
        ? leaf(SO, 'BeslutOmRattTillErsattning', kassa.beslutOmRattTillErsattning)
        : nil(SO, 'BeslutOmRattTillErsattning'),
      leaf(SO, 'AnsokanOmUtbetalningInlamnad', kassa.ansokanOmUtbetalningInlamnad),
    ]),
  ]);
}

/** An element the schema declares nillable, sent empty with xsi:nil (a member who never applied has no decision). */
function nil(ns: string, name: string): XElement {
  return { ns, name, attrs: [{ ns: NS.xsi, name: 'nil', value: 'true' }], children: [] };
}

/** SO's error: a SOAP Fault (HTTP 500) whose faultcode is the bare code of the §7.3.3 table. */
function fault(code: SoFelkod): NativeResponse {
  return {
    status: 500,
    contentType: XML_CONTENT_TYPE,
    body: renderFault({ code: String(code), message: SO_FELKODER[code].felmeddelande }),
  };
}

/** IIS's answer for a path the service does not have. */
function notFound(): NativeResponse {
  return {
    status: 404,
    contentType: 'text/html',
    body: '<!DOCTYPE html><html><head><title>404 - File or directory not found.</title></head><body><h2>404 - File or directory not found.</h2><h3>The resource you are looking for might have been removed, had its name changed, or is temporarily unavailable.</h3></body></html>',
  };
}
