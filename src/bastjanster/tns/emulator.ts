import { NS } from '../../xml/namespaces.js';
import { renderFault } from '../../xml/soap.js';
import { child, childText, el, leaf, type XElement } from '../../xml/tree.js';
import type { Person } from '../../population/person.js';
import { nativeSchema } from '../common/native-schemas.js';
import { commonScenario, XML_CONTENT_TYPE } from '../common/scenario.js';
import { builtEnvelope } from '../common/built.js';
import { readSoapMessage } from '../common/xml-message.js';
import type { BaseServiceEmulator, EmulatorContext, NativeRequest, NativeResponse } from '../types.js';
import { fordonFor } from './data.js';
import { accessRefusal } from '../common/access.js';
import { isTnsFelkod, TNS_ACCESS_CODES, TNS_FELKODER, type TnsFelkod } from './felkoder.js';
import { TNS_PATH } from './request-mapping.js';

const TNS = NS.tns;
const FRDN = NS.tnsFordon;

/**
 * Transportstyrelsen's HamtaUppgifter (SOAP 1.1), emulated: the caller's identity in tsh:SSBTEKHeader, the person
 * in the body; answers the person's fordonsinnehav (resultat OK) or felresultat (resultat FEL).
 */
export class TnsEmulator implements BaseServiceEmulator {
  readonly id = 'TNS' as const;
  readonly title = 'Transportstyrelsen – fordonsinnehav (HamtaUppgifter v1)';

  async handle(request: NativeRequest, context: EmulatorContext): Promise<NativeResponse> {
    if (request.path === '/__test') return { status: 200, contentType: 'text/plain', body: 'OK' };
    if (request.path !== TNS_PATH) return notFound(request.path);
    // Other header blocks (e.g. WS-Security) are ignored, as a real endpoint's handler chain would.
    const read = readSoapMessage(
      request.body,
      nativeSchema('tns'),
      { ns: NS.tnsHeader, name: 'SSBTEKHeader', schema: nativeSchema('tnsHeader') },
      request,
    );
    if (!read.ok) return clientFault(read.message);
    const { payload } = read;
    if (payload.ns !== TNS || payload.name !== 'HamtaUppgifter') {
      return clientFault(`Unexpected operation {${payload.ns}}${payload.name}; expected {${TNS}}HamtaUppgifter`);
    }
    if (read.headerProblem) return clientFault(read.headerProblem);
    const identifikation = child(payload, TNS, 'identifikation');
    const personidentitet = `${childText(identifikation, NS.tnsPerson, 'sekel')}${childText(identifikation, NS.tnsPerson, 'personnummer')}`;
    const person = context.population.person(personidentitet, context.today);
    const scenario = context.scenario(personidentitet, 'TNS');
    const common = await commonScenario(scenario, context, () => ok(svarOk(person, context.today)).body);
    if (common) return common;
    const forced = Number(scenario?.scenario);
    if (isTnsFelkod(forced)) return ok(svarFel(forced));
    const refused = Number(accessRefusal(request, TNS_ACCESS_CODES));
    if (isTnsFelkod(refused)) return ok(svarFel(refused));
    return ok(svarOk(person, context.today));
  }
}

/**
 * resultat OK with the person's vehicles. A number TS does not know (not a valid identity) owns nothing: OK
 * with an empty fordonsinnehav, as for a person without vehicles.
 */
function svarOk(person: Person | undefined, today: string): XElement {
  const fordon = person && person.identity.checksumValid ? fordonFor(person, today) : [];
  return el(TNS, 'HamtaUppgifterResponse', [
    leaf(TNS, 'resultat', 'OK'),
    el(
      TNS,
      'fordonsinnehav',
      fordon.map((f) =>
        el(FRDN, 'fordon', [
          leaf(FRDN, 'regnr', f.regnr),
          leaf(FRDN, 'fabrikat', f.fabrikat),
          leaf(FRDN, 'fordonsar', f.fordonsar),
          leaf(FRDN, 'fordonsslag', f.fordonsslag),
          leaf(FRDN, 'handelsbeteckning', f.handelsbeteckning),
        ]),
      ),
    ),
  ]);
}

/** resultat FEL with the code's felresultat (seed §7.3.3). */
function svarFel(felkod: TnsFelkod): XElement {
  return el(TNS, 'HamtaUppgifterResponse', [
    leaf(TNS, 'resultat', 'FEL'),
    el(TNS, 'felresultat', [leaf(TNS, 'felkod', felkod), leaf(TNS, 'feltext', TNS_FELKODER[felkod][1])]),
  ]);
}

function ok(payload: XElement): NativeResponse {
  return { status: 200, contentType: XML_CONTENT_TYPE, ...builtEnvelope([payload]) };
}

/** A request TS cannot take (not SOAP, schema violation, header missing): SOAP 1.1 Client fault, HTTP 500. */
function clientFault(message: string): NativeResponse {
  return { status: 500, contentType: XML_CONTENT_TYPE, body: renderFault({ code: 'Client', message }) };
}

function notFound(path: string): NativeResponse {
  return {
    status: 404,
    contentType: 'text/html',
    body: `<html><body><h1>404 Not Found</h1><p>No service at ${path}; TNS answers POST ${TNS_PATH}</p></body></html>`,
  };
}
