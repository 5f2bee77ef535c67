import { isValidOrganisationsnummer } from '../../population/identity.js';
import { NS } from '../../xml/namespaces.js';
import { renderFault } from '../../xml/soap.js';
import { child, childText, el, leaf, text, type XElement } from '../../xml/tree.js';
import { builtEnvelope, builtXml, type BuiltDocuments } from '../common/built.js';
import { nativeSchema } from '../common/native-schemas.js';
import { commonScenario, XML_CONTENT_TYPE } from '../common/scenario.js';
import { readSoapMessage, readXmlDocument } from '../common/xml-message.js';
import type { EmulatorContext, NativeRequest, NativeResponse } from '../types.js';
import { accessRefusal } from '../common/access.js';
import {
  SKV_ACCESS_CODES,
  SKV_HTTP_FEL,
  SKV_MEDDELANDEN,
  SKV_SYSTEMVERSION,
  type SkvMeddelandeKod,
} from './meddelandekoder.js';
import { skvScenarioFel } from './scenario.js';
import { svarDokument } from './svar-dokument.js';
import { tomcatPage } from './tomcat-pages.js';

const BU = NS.skvInner;

/**
 * BeskattningWS (behind SSBTEK v1 and v10): SOAP 1.1, the question as an escaped Forfragan document in
 * `forfragan`, the answer as Skatteverket's escaped SvarBeskattningsuppgifterEnligtSFS2008-975 in `svar`.
 * A part error of a scenario (`skattekonto.503`) means nothing here: this service has no parts.
 */
export async function handleBeskattningws(request: NativeRequest, context: EmulatorContext): Promise<NativeResponse> {
  const fraga = readForfragan(request);
  if (!fraga) return exception(9071007);
  const personnummer = childText(fraga, BU, 'IdentitetsbeteckningFysiskPerson') ?? '';
  const scenario = context.scenario(personnummer, 'SKV');
  const common = await commonScenario(scenario, context, () => answer(personnummer, context));
  if (common) return common;
  const forced = skvScenarioFel(scenario);
  if (forced?.kind === 'http') return forced.status === 500 ? gatewayFault() : tomcatPage(forced.status, request.path);
  if (forced?.kind === 'meddelande') return exception(forced.kod);
  // SKV's Behörighetskontrollsystem: the asker as the composite found it (caller identity and agreements).
  const refused = accessRefusal(request, SKV_ACCESS_CODES);
  if (refused) return exception(Number(refused) as SkvMeddelandeKod);
  // Stand-in for SKV's certificate check when nobody is identified: an organisationsnummer that cannot be anybody's
  // (wrong check digit) is the one that "does not match the certificate".
  const ingivare = childText(fraga, BU, 'OrganisationsnummerForIngivare') ?? '';
  if (!isValidOrganisationsnummer(ingivare)) return exception(9071006);
  return { status: 200, contentType: XML_CONTENT_TYPE, ...builtAnswer(personnummer, context) };
}

/**
 * The Forfragan document from the request, or undefined when the envelope, the outer request or the escaped
 * inner document is not well-formed or not valid (all of which SKV calls "fel vid xml-validering", 9071007).
 */
function readForfragan(message: NativeRequest): XElement | undefined {
  const outer = readSoapMessage(message.body, nativeSchema('skv'), undefined, message);
  if (!outer.ok) return undefined;
  const request = outer.payload;
  if (request.ns !== NS.skv || request.name !== 'BeskattningsuppgifterRequest') return undefined;
  const forfragan = child(request, '', 'forfragan');
  if (!forfragan) return undefined;
  const inner = readXmlDocument(text(forfragan), nativeSchema('skvInner'), message);
  if (!inner.ok || inner.root.ns !== BU || inner.root.name !== 'Forfragan') return undefined;
  return inner.root;
}

/** BeskattningsuppgifterResponse: Skatteverket's document, escaped, in the unqualified `svar`. */
function answer(personnummer: string, context: EmulatorContext): string {
  return builtAnswer(personnummer, context).body;
}

function builtAnswer(personnummer: string, context: EmulatorContext): { body: string; built: BuiltDocuments } {
  const svar = builtXml(svarDokument(personnummer, context), { declaration: true });
  return builtEnvelope(
    [el(NS.skv, 'BeskattningsuppgifterResponse', [el('', 'svar', svar.body)])],
    undefined,
    svar.built,
  );
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
