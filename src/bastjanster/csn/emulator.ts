import { NS } from '../../xml/namespaces.js';
import { readFault, renderFault } from '../../xml/soap.js';
import { el, type XElement } from '../../xml/tree.js';
import { builtDocument, builtEnvelope, builtXml } from '../common/built.js';
import { nativeSchema } from '../common/native-schemas.js';
import { commonScenario, XML_CONTENT_TYPE } from '../common/scenario.js';
import { readSoapMessage } from '../common/xml-message.js';
import type { BaseServiceEmulator, EmulatorContext, NativeRequest, NativeResponse } from '../types.js';
import { csnSvar } from './csn-svar.js';
import { begaranFalt, kontrollera } from './kontroller.js';
import { CSN_PATH } from './request-mapping.js';
import { accessRefusal } from '../common/access.js';
import { CSN_ACCESS_CODES, isCsnResultatKod, resultatText, type CsnResultatKod } from './resultatkoder.js';
import { csnUppgifter } from './uppgifter.js';
import { escapeHtml } from '../common/html.js';

/**
 * CSN's kommunfråga v4, emulated: SOAP 1.1, SBNUppgEkBistandBegar in, KommunfragaSvar out with the CSNSvar
 * document base64-encoded in `svar`. Every answer CSN can give (also its error codes) is a CSNSvar; only a
 * request that cannot be read at all gets a SOAP Fault, since there is no question to echo.
 */
export class CsnEmulator implements BaseServiceEmulator {
  readonly id = 'CSN' as const;
  readonly title = 'CSN – kommunfråga v4 (studiestöd)';

  async handle(request: NativeRequest, context: EmulatorContext): Promise<NativeResponse> {
    if (request.path === '/__test') return { status: 200, contentType: 'text/plain', body: 'OK' };
    if (request.path !== CSN_PATH) return notFound(request.path);
    const read = readSoapMessage(request.body, nativeSchema('csnKommunfraga'), undefined, request);
    if (!read.ok) return fault('Client', `The request could not be read (${read.problem}): ${read.message}`);
    const begaran = read.payload;
    if (readFault(begaran) || begaran.ns !== NS.csnKommunfraga || begaran.name !== 'SBNUppgEkBistandBegar') {
      return fault(
        'Client',
        `Expected {${NS.csnKommunfraga}}SBNUppgEkBistandBegar, got {${begaran.ns}}${begaran.name}`,
      );
    }
    const scenario = context.scenario(begaranFalt(begaran).hushallsId, 'CSN');
    const common = await commonScenario(scenario, context, () => reply(svarFor(begaran, undefined, context)).body);
    if (common) return common;
    const forced = scenario?.scenario !== undefined ? Number(scenario.scenario) : NaN;
    const refused = accessRefusal(request, CSN_ACCESS_CODES);
    const refusedKod = refused === undefined ? undefined : (Number(refused) as CsnResultatKod);
    return reply(svarFor(begaran, isCsnResultatKod(forced) ? forced : undefined, context, refusedKod));
  }
}

/**
 * The CSNSvar for a request: CSN's own checks first (a technical failure of its systems is only met after the
 * request has been accepted), then a forced code from the scenario person, then an asker CSN does not serve
 * (`refused`, -1005), then the person's cases or -2.
 */
function svarFor(
  begaran: XElement,
  forced: number | undefined,
  context: EmulatorContext,
  refused?: CsnResultatKod,
): XElement {
  const kontroll = kontrollera(begaran, context.today);
  if (kontroll.kod === -1006) return csnSvar(begaran, { kod: -1006, text: resultatText(-1006, kontroll.datumFel) });
  if (kontroll.kod !== 0) return csnSvar(begaran, { kod: kontroll.kod, text: resultatText(kontroll.kod) });
  if (forced !== undefined && isCsnResultatKod(forced) && forced !== 0) {
    return csnSvar(begaran, { kod: forced, text: resultatText(forced) });
  }
  if (refused !== undefined) return csnSvar(begaran, { kod: refused, text: resultatText(refused) });
  const person = context.population.personFor(kontroll.identity, context.today);
  const uppgifter = csnUppgifter(person, kontroll.fromDatum, kontroll.tomDatum, context.today);
  if (!uppgifter) return csnSvar(begaran, { kod: -2, text: resultatText(-2) });
  return csnSvar(begaran, { kod: 0, text: resultatText(0) }, { person, uppgifter });
}

/**
 * CSNSvar → KommunfragaSvar/svar (base64 of the UTF-8 document). Not validated again at run time, like every
 * emulator's answer: the tests prove each kind valid against CSN's schema (built-documents.test.ts).
 */
function reply(svar: XElement): NativeResponse {
  const document = builtXml(svar, { declaration: true });
  const base64 = Buffer.from(document.body, 'utf8').toString('base64');
  return {
    status: 200,
    contentType: XML_CONTENT_TYPE,
    ...builtEnvelope(
      [el(NS.csnWs, 'KommunfragaSvar', [el(NS.csnWs, 'svar', base64)])],
      undefined,
      builtDocument(base64, svar),
    ),
  };
}

/** A SOAP 1.1 Fault travels with HTTP 500 (SOAP 1.1 §6.2). */
function fault(code: 'Client' | 'Server', message: string): NativeResponse {
  return { status: 500, contentType: XML_CONTENT_TYPE, body: renderFault({ code, message }) };
}

/** What CSN's web server answers for a path it does not serve. */
function notFound(path: string): NativeResponse {
  return {
    status: 404,
    contentType: 'text/html; charset=utf-8',
    body: `<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1><p>No service at ${escapeHtml(path)}; CSN kommunfråga answers POST ${CSN_PATH}.</p></body></html>`,
  };
}
