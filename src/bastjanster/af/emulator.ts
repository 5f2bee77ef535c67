import { isValidOrganisationsnummer, parseIdentity } from '../../population/identity.js';
import { addMonths } from '../../population/dates.js';
import { NS } from '../../xml/namespaces.js';
import { child, childText, el, elements, leaf, type XElement } from '../../xml/tree.js';
import { serialize } from '../../xml/write.js';
import { nativeSchema } from '../common/native-schemas.js';
import { commonScenario, XML_CONTENT_TYPE } from '../common/scenario.js';
import { readXmlDocument } from '../common/xml-message.js';
import { builtXml } from '../common/built.js';
import type { BaseServiceEmulator, EmulatorContext, NativeRequest, NativeResponse } from '../types.js';
import { afUppgifter } from './data.js';
import { AF_PATH } from './request-mapping.js';
import { accessRefusal } from '../common/access.js';
import { AF_ACCESS_CODES, AF_STATUS, isAfStatusCode, type AfStatusCode } from './status-codes.js';

const AF = NS.af;
const SCHEMAVERSION = '2.0';

/** Arbetsförmedlingen's ersättningsstöd v2, emulated: POST FragaMeddelande → SvarMeddelande with a status code. */
export class AfEmulator implements BaseServiceEmulator {
  readonly id = 'AF' as const;
  readonly title = 'Arbetsförmedlingen – arbetssökande/ersättningsstöd v2';

  async handle(request: NativeRequest, context: EmulatorContext): Promise<NativeResponse> {
    if (request.path === '/__test') return { status: 200, contentType: 'text/plain', body: 'OK' };
    if (request.path !== AF_PATH) return problem(404, `No resource at ${request.path}; AF answers POST ${AF_PATH}`);
    const read = readXmlDocument(request.body, nativeSchema('af'), request);
    if (!read.ok) {
      const code = read.problem === 'invalid' ? validationCode(read.message) : 110;
      return problem(400, read.message, code);
    }
    const fragaMeddelande = read.root;
    if (fragaMeddelande.name !== 'FragaMeddelande') return problem(400, 'Expected FragaMeddelande', 200);
    const fraga = child(fragaMeddelande, AF, 'Fraga') as XElement;
    const personnummer = childText(fraga, AF, 'IdentitetsbeteckningFysiskPerson') ?? '';
    const scenario = context.scenario(personnummer, 'AF');
    const common = await commonScenario(scenario, context, () => serialize(svar(fraga, 0, context)));
    if (common) return common;
    const forced = scenario?.scenario !== undefined ? Number(scenario.scenario) : NaN;
    // A scenario's code first (Testmiljö), then AF's register of askers (ATKOMSTNEKAD), then its rules.
    const refused = Number(accessRefusal(request, AF_ACCESS_CODES));
    const code: AfStatusCode = isAfStatusCode(forced)
      ? forced
      : isAfStatusCode(refused)
        ? refused
        : rules(fraga, context);
    return {
      status: 200,
      contentType: XML_CONTENT_TYPE,
      ...builtXml(svar(fraga, code, context), { declaration: true }),
    };
  }
}

/** AF's own rules, in the order AF applies them; returns the status code of the answer. */
function rules(fraga: XElement, context: EmulatorContext): AfStatusCode {
  const value = (name: string): string => (childText(fraga, AF, name) ?? '').trim();
  for (const name of ['NamnPaIngivare', 'KontonamnForHandlaggare', 'Referensnummer', 'SyfteMedFraga', 'LagParagraf']) {
    if (value(name) === '') return 200;
  }
  if (!/^\d{10,12}$/.test(value('OrganisationsnummerForIngivare'))) return 110;
  const { identity } = parseIdentity(value('IdentitetsbeteckningFysiskPerson'));
  if (!identity || !identity.checksumValid) return 120;
  if (!/socialtjänstlag|2001:453|2025:400/i.test(value('LagParagraf'))) return 210;
  if (!/bistånd|försörjningsstöd/i.test(value('SyfteMedFraga'))) return 220;
  const from = value('From').slice(0, 10);
  const tom = value('Tom').slice(0, 10);
  if (from > context.today) return 300;
  if (tom > context.today) return 301;
  if (from > tom) return 302;
  if (tom > addMonths(from, 3)) return 303;
  if (!isValidOrganisationsnummer(value('OrganisationsnummerForIngivare'))) return 400;
  const ombud = value('OrganisationsnummerForPersonuppgiftsbitrade');
  if (ombud !== '' && !isValidOrganisationsnummer(ombud)) return 401;
  const person = context.population.personFor(identity, context.today);
  if (person.skyddadIdentitet) return 410;
  if (!afUppgifter(person, from, tom, context.today)) return 500;
  return 0;
}

/** Which code a schema violation means for AF: a date field 111, a digit field 110, anything missing 200. */
function validationCode(message: string): AfStatusCode {
  if (/xs:date/.test(message)) return 111;
  if (/pattern|length/.test(message)) return 110;
  return 200;
}

/** The SvarMeddelande for a query: the query echoed, then Svar with data (codes 0 and 10) and the status. */
function svar(fraga: XElement, code: AfStatusCode, context: EmulatorContext): XElement {
  const value = (name: string): string => childText(fraga, AF, name) ?? '';
  const personnummer = value('IdentitetsbeteckningFysiskPerson');
  const withData = code === 0 || code === 10;
  const person = withData ? context.population.person(personnummer, context.today) : undefined;
  const uppgifter = person && afUppgifter(person, value('From').slice(0, 10), value('Tom').slice(0, 10), context.today);
  const [, text] = AF_STATUS[code];
  const kodText = code === 110 || code === 111 ? `${text}; "IdentitetsbeteckningFysiskPerson:${personnummer}"` : text;
  return el(AF, 'SvarMeddelande', [
    el(AF, 'Fraga', elements(fraga)),
    el(AF, 'Svar', [
      leaf(AF, 'Schemaversion', SCHEMAVERSION),
      leaf(AF, 'Referensnummer', value('Referensnummer')),
      leaf(AF, 'LagParagraf', value('LagParagraf')),
      leaf(AF, 'IdentitetsbeteckningFysiskPerson', personnummer),
      person && leaf(AF, 'Fornamn', person.fornamn),
      person && leaf(AF, 'Efternamn', person.efternamn),
      code === 410 ? leaf(AF, 'Sekretessmarkering', 'true') : person && leaf(AF, 'Sekretessmarkering', 'false'),
      uppgifter &&
        el(AF, 'ArbetssokandeInfo', [
          leaf(AF, 'Arbetssokande', 'true'),
          leaf(AF, 'ArbetssokandeSKAT', uppgifter.skat),
          leaf(AF, 'ArbetssokandeRegistrerad', uppgifter.registrerad),
          leaf(AF, 'ArbetssokandeOmfattning', uppgifter.omfattning),
          el(AF, 'AktivetetsRapportDatum', [
            leaf(
              AF,
              'AktivitetsRapportMeddelande',
              uppgifter.senasteAktivitetsrapport ? 'Aktivitetsrapport inlämnad' : 'Aktivitetsrapport saknas',
            ),
            leaf(AF, 'SenasteAktivitetsRapportDatum', uppgifter.senasteAktivitetsrapport),
          ]),
        ]),
      uppgifter &&
        el(AF, 'BeslutInfo', [
          el(
            AF,
            'EkonomiskaBeslut',
            uppgifter.beslut.map((b) =>
              el(AF, 'Beslut', [
                leaf(AF, 'ErsattningTyp', b.ersattningTyp),
                leaf(AF, 'Omfattning', b.omfattning),
                leaf(AF, 'BeslutFrom', b.from),
                leaf(AF, 'BeslutTom', b.tom),
              ]),
            ),
          ),
        ]),
      person?.akassa && uppgifter && leaf(AF, 'Akassetillhorighet', person.akassa),
      leaf(AF, 'StatusSokandeinformationKod', code),
      leaf(AF, 'StatusSokandeinformationKodText', kodText),
    ]),
  ]);
}

/** AF's answer to a request it cannot take: HTTP status with a problem document carrying AF's status code. */
function problem(status: number, detail: string, code?: AfStatusCode): NativeResponse {
  return {
    status,
    contentType: 'application/problem+json',
    body: JSON.stringify({
      type: 'about:blank',
      title: status === 404 ? 'Not Found' : 'Bad Request',
      status,
      detail,
      ...(code !== undefined && {
        statusSokandeinformationKod: code,
        statusSokandeinformationKodText: AF_STATUS[code][1],
      }),
    }),
  };
}
