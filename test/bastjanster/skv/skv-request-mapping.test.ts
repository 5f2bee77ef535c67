import { expect } from 'chai';
import { nativeSchema } from '../../../src/bastjanster/common/native-schemas.js';
import { readSoapMessage, readXmlDocument } from '../../../src/bastjanster/common/xml-message.js';
import { NS } from '../../../src/xml/namespaces.js';
import { adapterContext } from '../../support/context.js';
import { at, elements, text, textAt, tree } from '../../support/xml.js';
import { validateSkvFraga } from '../../../src/bastjanster/skv/delar/schemas.js';
import { QueryRefusedError } from '../../../src/bastjanster/types.js';
import { childText } from '../../../src/xml/tree.js';
import { ANSTALLD, ask, innerOf, personuppgift, skv, skvFraga, v11Fraga } from './skv-support.js';

describe('SKV v10: request mapping (seed §6.4)', () => {
  const fraga = skvFraga();
  const request = skv.adapter.toNative(fraga, adapterContext());
  const forfragan = innerOf(request.body, 'forfragan');

  const rows: [string, string][] = [
    ['OrganisationsnummerForIngivare', fraga.ingivare.organisationsnummer],
    ['NamnPaIngivare', fraga.ingivare.namn],
    ['KontonamnForHandlaggare', fraga.ingivare.handlaggare],
    ['IdentitetsbeteckningFysiskPerson', fraga.personidentitet],
    ['Referensnummer', fraga.arendeidentitet],
    ['OrganisationsnummerForPersonuppgiftsbitrade', '162021005521'],
    ['NamnPaPersonuppgiftsbitrade', 'Försäkringskassan'],
  ];
  for (const [element, expected] of rows) {
    it(`maps ${element}`, () => expect(textAt(forfragan, element)).to.equal(expected));
  }

  it('sets the constants even when the query names its own personuppgiftsbiträde', () => {
    const own = skvFraga({ personuppgiftsbitraden: [{ organisationsnummer: '162120002411', namn: 'Kommun A' }] });
    const inner = innerOf(skv.adapter.toNative(own, adapterContext()).body, 'forfragan');
    expect(textAt(inner, 'OrganisationsnummerForPersonuppgiftsbitrade')).to.equal('162021005521');
  });

  it('does not send tidsperiod: no period element and neither date appears', () => {
    const names = elements(forfragan).map((e) => e.name);
    for (const name of ['From', 'Tom', 'Tidsperiod', 'FromDatum', 'TomDatum']) expect(names).to.not.include(name);
    expect(request.body).to.not.include(fraga.tidsperiod.fromDatum).and.not.include(fraga.tidsperiod.tomDatum);
  });

  it('does not send syfte or lagtext', () => {
    expect(request.body).to.not.include('försörjningsstöd').and.not.include('socialtjänstlagen');
  });

  it('sends exactly the seven elements of Forfragan, in the inner namespace', () => {
    expect(forfragan.ns).to.equal(NS.skvInner);
    expect(forfragan.name).to.equal('Forfragan');
    expect(elements(forfragan)).to.have.length(7);
    expect(elements(forfragan).every((e) => e.ns === NS.skvInner)).to.equal(true);
  });

  it('posts SOAP 1.1 to /beskattningws as text/xml', () => {
    expect(request.path).to.equal('/beskattningws');
    expect(request.contentType).to.match(/^text\/xml/);
    expect(at(tree(request.body), 'Body')?.ns).to.equal(NS.soapEnv);
  });

  it('writes forfragan unqualified (no prefix, no default namespace) under skv:BeskattningsuppgifterRequest', () => {
    const payload = at(tree(request.body), 'Body', 'BeskattningsuppgifterRequest');
    expect(payload?.ns).to.equal(NS.skv);
    expect(at(payload, 'forfragan')?.ns).to.equal('');
    expect(request.body).to.include('<forfragan>&lt;?xml').and.not.include('xmlns="');
  });

  it('carries Forfragan as escaped text, not as child elements', () => {
    const element = at(tree(request.body), 'Body', 'BeskattningsuppgifterRequest', 'forfragan');
    expect(element && elements(element)).to.deep.equal([]);
    expect(text(element)).to.match(/^<\?xml[^>]*\?><bu:Forfragan /);
  });

  it('produces an outer request valid against the SKV schema', () => {
    const result = readSoapMessage(request.body, nativeSchema('skv'));
    expect(result.ok, result.ok ? '' : result.message).to.equal(true);
  });

  it('produces an inner Forfragan valid against the inner schema', () => {
    const element = at(tree(request.body), 'Body', 'BeskattningsuppgifterRequest', 'forfragan');
    const result = readXmlDocument(text(element), nativeSchema('skvInner'));
    expect(result.ok, result.ok ? '' : result.message).to.equal(true);
  });
});

describe('SKV: escaped XML inside XML round-trips', () => {
  const namn = 'Kommun <Öst> & Väst "å/ä/ö"';
  const arende = 'Ärende <1> & 2 – åäö';

  it('escapes twice on the wire: once for the inner document, once for forfragan', () => {
    const request = skv.adapter.toNative(
      skvFraga({ ingivare: { organisationsnummer: '162120002411', namn, handlaggare: 'H' } }),
      adapterContext(),
    );
    expect(request.body).to.include('Kommun &amp;lt;Öst&amp;gt; &amp;amp; Väst "å/ä/ö"');
  });

  it('gives back the exact text after two parses of the request', () => {
    const request = skv.adapter.toNative(
      skvFraga({ ingivare: { organisationsnummer: '162120002411', namn, handlaggare: 'H' } }),
      adapterContext(),
    );
    expect(textAt(innerOf(request.body, 'forfragan'), 'NamnPaIngivare')).to.equal(namn);
  });

  it('gives back the identity and names through emulator, svar and adapter unchanged', async () => {
    const { response, utfall } = await ask(skvFraga({ arendeidentitet: arende }));
    const sent = innerOf(response.body, 'svar');
    const person = personuppgift(utfall);
    expect(childText(person, NS.skvFolkbokforing, 'IdentitetsbeteckningFysiskPerson')).to.equal(ANSTALLD);
    expect(childText(person, NS.skvFolkbokforing, 'Efternamn')).to.equal(
      textAt(sent, 'PersonuppgiftLista', 'Personuppgift', 'Efternamn'),
    );
  });
});

describe('SKV v11: request mapping (the JSON question of ekonomiskt-bistand v1)', () => {
  const fraga = v11Fraga({}, { ar: [2025, 2023], delar: ['skattekonto', 'foretagsinformation'] });
  const request = skv.adapter.toNative(fraga, adapterContext());
  const body = JSON.parse(request.body) as Record<string, unknown>;

  it('posts JSON to /ekonomiskt-bistand/v1/fraga', () => {
    expect(request.path).to.equal('/ekonomiskt-bistand/v1/fraga');
    expect(request.contentType).to.match(/^application\/json/);
  });

  it('sends §6.4’s fields, the constant personuppgiftsbiträde and SKV’s fraga (years as asked, parts set true)', () => {
    expect(body).to.deep.equal({
      ingivare: { organisationsnummer: '162120002411', namn: 'Kommun A', kontonamnForHandlaggare: 'HL123456' },
      personuppgiftsbitrade: { organisationsnummer: '162021005521', namn: 'Försäkringskassan' },
      identitet: ANSTALLD,
      referensnummer: 'AID12341234',
      ar: [2025, 2023],
      delar: ['skattekonto', 'foretagsinformation'],
    });
  });

  it('sends a question valid against its own schema', () => {
    const checked = validateSkvFraga(body);
    expect(checked.ok, checked.ok ? '' : checked.violations.join('; ')).to.equal(true);
  });

  it('does not send tidsperiod, syfte or lagtext', () => {
    expect(request.body).to.not.include(fraga.tidsperiod.fromDatum).and.not.include('socialtjänstlagen');
  });

  it('refuses (→ 2001 with a reason) a v11 query whose SKV part has no fraga', () => {
    const without = v11Fraga();
    without.tjanster = { SKV: { inkludera: true } };
    expect(() => skv.adapter.toNative(without, adapterContext())).to.throw(QueryRefusedError, /saknar/);
  });

  it('still calls BeskattningWS (SOAP) for v10 and v1 queries', () => {
    expect(skv.adapter.toNative(skvFraga(), adapterContext()).path).to.equal('/beskattningws');
    expect(skv.adapter.toNative(skvFraga({ dialect: 'v1' }), adapterContext()).path).to.equal('/beskattningws');
  });
});
