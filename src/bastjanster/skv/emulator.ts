import { isValidOrganisationsnummer, parseIdentity } from '../../population/identity.js';
import { NS } from '../../xml/namespaces.js';
import { renderEnvelope, renderFault } from '../../xml/soap.js';
import { child, childText, el, leaf, text, type XElement } from '../../xml/tree.js';
import { serialize } from '../../xml/write.js';
import { nativeSchema } from '../common/native-schemas.js';
import { commonScenario, XML_CONTENT_TYPE } from '../common/scenario.js';
import { readSoapMessage, readXmlDocument } from '../common/xml-message.js';
import type { BaseServiceEmulator, EmulatorContext, NativeRequest, NativeResponse } from '../types.js';
import { beskattningsar } from './data.js';
import {
  isSkvMeddelandeKod,
  SKV_HTTP_FEL,
  SKV_MEDDELANDEN,
  SKV_SYSTEMVERSION,
  type SkvMeddelandeKod,
} from './meddelandekoder.js';
import { SKV_PATH } from './request-mapping.js';
import { tomcatPage } from './tomcat-pages.js';

const BU = NS.skvInner;

/** Skatteverket's beskattningsuppgifter web service, emulated: SOAP 1.1 with escaped XML inside and out. */
export class SkvEmulator implements BaseServiceEmulator {
  readonly id = 'SKV' as const;
  readonly title = 'Skatteverket – beskattningsuppgifter (BeskattningWS)';

  async handle(request: NativeRequest, context: EmulatorContext): Promise<NativeResponse> {
    if (request.path === '/__test') return { status: 200, contentType: 'text/plain', body: 'OK' };
    if (request.path !== SKV_PATH) return tomcatPage(404, request.path);
    const fraga = readForfragan(request.body);
    if (!fraga) return exception(9071007);
    const personnummer = childText(fraga, BU, 'IdentitetsbeteckningFysiskPerson') ?? '';
    const scenario = context.scenario(personnummer, 'SKV');
    const common = await commonScenario(scenario, context.signal, () => answer(fraga, context));
    if (common) return common;
    const forced = Number(scenario?.scenario);
    if (forced === 403 || forced === 404) return tomcatPage(forced, request.path);
    if (forced === 500) return gatewayFault();
    if (isSkvMeddelandeKod(forced)) return exception(forced);
    // Stand-in for SKV's certificate check: without client certificates, an organisationsnummer that cannot be
    // anybody's (wrong check digit) is the one that "does not match the certificate".
    const ingivare = childText(fraga, BU, 'OrganisationsnummerForIngivare') ?? '';
    if (!isValidOrganisationsnummer(ingivare)) return exception(9071006);
    return { status: 200, contentType: XML_CONTENT_TYPE, body: answer(fraga, context) };
  }
}

/**
 * The Forfragan document from the request, or undefined when the envelope, the outer request or the escaped
 * inner document is not well-formed or not valid (all of which SKV calls "fel vid xml-validering", 9071007).
 */
function readForfragan(body: string): XElement | undefined {
  const outer = readSoapMessage(body, nativeSchema('skv'));
  if (!outer.ok) return undefined;
  const request = outer.payload;
  if (request.ns !== NS.skv || request.name !== 'BeskattningsuppgifterRequest') return undefined;
  const forfragan = child(request, '', 'forfragan');
  if (!forfragan) return undefined;
  const inner = readXmlDocument(text(forfragan), nativeSchema('skvInner'));
  if (!inner.ok || inner.root.ns !== BU || inner.root.name !== 'Forfragan') return undefined;
  return inner.root;
}

/** BeskattningsuppgifterResponse: the Beskattningsuppgifter document, escaped, in the unqualified `svar`. */
function answer(fraga: XElement, context: EmulatorContext): string {
  const svar = serialize(beskattningsuppgifter(fraga, context), { declaration: true });
  return renderEnvelope([el(NS.skv, 'BeskattningsuppgifterResponse', [el('', 'svar', svar)])]);
}

/**
 * The person's final tax figures. A number that is no valid identity (wrong check digit) is nobody SKV knows:
 * the answer then has no Beskattningsar. Skyddad identitet does not stop the answer: it protects the address,
 * and SKV gives tax figures to an authority with a legal right to them.
 */
function beskattningsuppgifter(fraga: XElement, context: EmulatorContext): XElement {
  const personnummer = childText(fraga, BU, 'IdentitetsbeteckningFysiskPerson') ?? '';
  const { identity } = parseIdentity(personnummer);
  const person = identity?.checksumValid ? context.population.personFor(identity, context.today) : undefined;
  return el(BU, 'Beskattningsuppgifter', [
    leaf(BU, 'IdentitetsbeteckningFysiskPerson', personnummer),
    leaf(BU, 'Referensnummer', childText(fraga, BU, 'Referensnummer') ?? ''),
    ...(person ? beskattningsar(person, context.today) : []).map((ar) =>
      el(BU, 'Beskattningsar', [
        leaf(BU, 'Inkomstar', ar.inkomstar),
        leaf(BU, 'Beslutsdatum', ar.beslutsdatum),
        leaf(BU, 'TaxeradForvarvsinkomst', ar.taxeradForvarvsinkomst),
        leaf(BU, 'TaxeradInkomstAvNaringsverksamhet', ar.taxeradInkomstAvNaringsverksamhet),
        leaf(BU, 'InkomstAvKapital', ar.inkomstAvKapital),
        leaf(BU, 'UnderskottAvKapital', ar.underskottAvKapital),
        leaf(BU, 'SlutligSkatt', ar.slutligSkatt),
        leaf(BU, 'SkattepliktigaPensioner', ar.skattepliktigaPensioner),
        leaf(BU, 'AllmannaAvdrag', ar.allmannaAvdrag),
      ]),
    ),
  ]);
}

/** SKV's own error: a SOAP Fault (HTTP 500) whose detail is skv:Exception with the code and its text. */
function exception(kod: SkvMeddelandeKod): NativeResponse {
  const { felmeddelande, faultcode } = SKV_MEDDELANDEN[kod];
  const detail = el(NS.skv, 'Exception', [
    leaf('', 'MeddelandeKod', kod),
    leaf('', 'MeddelandeText', felmeddelande),
    leaf('', 'Systemversion', SKV_SYSTEMVERSION),
  ]);
  return {
    status: 500,
    contentType: XML_CONTENT_TYPE,
    body: renderFault({ code: faultcode, message: felmeddelande, detail: [detail] }),
  };
}

/** The gateway's own 500 (backend down): a SOAP Fault without skv:Exception. */
function gatewayFault(): NativeResponse {
  return {
    status: 500,
    contentType: XML_CONTENT_TYPE,
    body: renderFault({ code: 'Server', message: SKV_HTTP_FEL[500].felmeddelande }),
  };
}
