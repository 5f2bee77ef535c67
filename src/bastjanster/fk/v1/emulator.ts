import { addMonths } from '../../../population/dates.js';
import { parseIdentity } from '../../../population/identity.js';
import { NS } from '../../../xml/namespaces.js';
import { MAX_MESSAGE_NODES, parseXml, XmlInputError } from '../../../xml/parse.js';
import { readEnvelope, readFault, renderEnvelope, renderFault, SoapEnvelopeError } from '../../../xml/soap.js';
import { child, childText, el, elements, leaf, text, type XElement } from '../../../xml/tree.js';
import { nativeSchema } from '../../common/native-schemas.js';
import { commonScenario, XML_CONTENT_TYPE } from '../../common/scenario.js';
import { readSoapMessage } from '../../common/xml-message.js';
import type { EmulatorContext, NativeRequest, NativeResponse } from '../../types.js';
import { accessRefusal } from '../../common/access.js';
import { FK_ACCESS_CODES, FK_FELKODER, scenarioFelkod, type FkFelkod } from '../felkoder.js';
import { svarspost } from './svarspost.js';

const FK = NS.fkV1;

/**
 * FK's legacy hamtaformansinformation/1, emulated (SOAP 1.1). Answers fkExaLefiSvar echoing the meddelandehuvud,
 * with either svarspost or fel. FK's rules, in order: a message that breaks the schema, no benefit flag true,
 * tom before from, a period over two years, or a personnummer that is not a valid identity → fel 1001; 1000 and
 * 1002 by scenario. A message that is not even a readable SOAP question gets a SOAP Fault (Client).
 */
export async function handleV1(request: NativeRequest, context: EmulatorContext): Promise<NativeResponse> {
  const read = readSoapMessage(request.body, nativeSchema('fkV1'), undefined, request);
  if (!read.ok)
    return read.problem === 'invalid' ? ogiltigFraga(request.body, read.message) : clientFault(read.message);
  const fraga = read.payload;
  if (readFault(fraga) || fraga.ns !== FK || fraga.name !== 'fkExaLefiFraga') {
    return clientFault(`Expected fkExaLefiFraga in ${FK}, got ${fraga.name}`);
  }
  const huvud = child(fraga, FK, 'meddelandehuvud') as XElement;
  const formansfraga = child(fraga, FK, 'formansfraga') as XElement;
  const personnummer = childText(formansfraga, FK, 'personnummer') ?? '';

  const scenario = context.scenario(personnummer, 'FK');
  const common = await commonScenario(scenario, context, () => svar(huvud, besvara(formansfraga, context)));
  if (common) return common;
  // A scenario's code first (Testmiljö), then an asker FK may not serve (fel 1001), then FK's rules.
  const forced = scenarioFelkod(scenario?.scenario) ?? scenarioFelkod(accessRefusal(request, FK_ACCESS_CODES));
  return ok(svar(huvud, forced !== undefined ? fel(forced) : besvara(formansfraga, context)));
}

/** FK's rules on a schema-valid question; the fragasvar content (svarspost or fel). */
function besvara(formansfraga: XElement, context: EmulatorContext): XElement {
  const value = (name: string): string => childText(formansfraga, FK, name) ?? '';
  const lista = child(formansfraga, FK, 'formansforteckning') as XElement;
  const flaggor = new Set(
    elements(lista)
      .filter((f) => ['true', '1'].includes(text(f).trim()))
      .map((f) => f.name),
  );
  const [from, tom] = [value('from').slice(0, 10), value('tom').slice(0, 10)]; // xs:date may carry a time zone
  if (flaggor.size === 0) return fel(1001);
  if (tom < from || tom > addMonths(from, 24)) return fel(1001);
  const { identity } = parseIdentity(value('personnummer'));
  if (!identity?.checksumValid) return fel(1001);
  const person = context.population.personFor(identity, context.today);
  return el(FK, 'svarspost', svarspost(identity.number, flaggor, person, { from, tom }, context.today));
}

function fel(kod: FkFelkod): XElement {
  return el(FK, 'fel', [leaf(FK, 'kod', kod), leaf(FK, 'beskrivning', FK_FELKODER[kod])]);
}

function svar(huvud: XElement, fragasvar: XElement): string {
  return renderEnvelope([
    el(FK, 'fkExaLefiSvar', [el(FK, 'meddelandehuvud', elements(huvud)), el(FK, 'fragasvar', [fragasvar])]),
  ]);
}

/**
 * A question that breaks the schema: fel 1001 when its meddelandehuvud can be echoed (the answer must itself be
 * valid), otherwise a SOAP Fault, since there is no header to answer under.
 */
function ogiltigFraga(body: string, problem: string): NativeResponse {
  let huvud: XElement | undefined;
  try {
    const parsed = parseXml(Buffer.from(body, 'utf8'), { maxNodes: MAX_MESSAGE_NODES });
    try {
      const { payload } = readEnvelope(parsed.root);
      huvud =
        payload.ns === FK && payload.name === 'fkExaLefiFraga' ? child(payload, FK, 'meddelandehuvud') : undefined;
    } finally {
      parsed.dispose();
    }
  } catch (error) {
    if (!(error instanceof XmlInputError || error instanceof SoapEnvelopeError)) throw error;
  }
  if (huvud) {
    const reply = svar(huvud, fel(1001));
    if (readSoapMessage(reply, nativeSchema('fkV1')).ok) return ok(reply);
  }
  return clientFault(problem);
}

function ok(body: string): NativeResponse {
  return { status: 200, contentType: XML_CONTENT_TYPE, body };
}

function clientFault(message: string): NativeResponse {
  return { status: 500, contentType: XML_CONTENT_TYPE, body: renderFault({ code: 'Client', message }) };
}
