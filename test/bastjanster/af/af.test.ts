import { expect } from 'chai';
import { af } from '../../../src/bastjanster/af/index.js';
import { AF_STATUS } from '../../../src/bastjanster/af/status-codes.js';
import { nativeSchema } from '../../../src/bastjanster/common/native-schemas.js';
import { readXmlDocument } from '../../../src/bastjanster/common/xml-message.js';
import { NativeProtocolError } from '../../../src/bastjanster/types.js';
import type { SsbtekFraga } from '../../../src/ssbtek/model.js';
import { adapterContext, emulatorContext } from '../../support/context.js';
import { sampleFraga } from '../../support/fraga.js';
import { at, textAt, tree } from '../../support/xml.js';

/** A job seeker in Skatteverket's test series (generated population: sysselsättning arbetssökande). */
const ARBETSSOKANDE = '196211262834';
/** Not registered at AF (generated population: employed). */
const EJ_ARBETSSOKANDE = '198112182384';

async function ask(fraga: SsbtekFraga) {
  const request = af.adapter.toNative(fraga, adapterContext());
  const response = await af.emulator.handle(request, emulatorContext());
  return { request, response, utfall: af.adapter.fromNative(response, fraga, adapterContext()) };
}

describe('AF: request mapping (seed §6.1)', () => {
  const fraga = sampleFraga({ personidentitet: ARBETSSOKANDE });
  const request = tree(af.adapter.toNative(fraga, adapterContext()).body);
  const rows: [string, string][] = [
    ['OrganisationsnummerForIngivare', fraga.ingivare.organisationsnummer],
    ['NamnPaIngivare', fraga.ingivare.namn],
    ['KontonamnForHandlaggare', fraga.ingivare.handlaggare],
    ['IdentitetsbeteckningFysiskPerson', fraga.personidentitet],
    ['Referensnummer', fraga.arendeidentitet],
    ['From', fraga.tidsperiod.fromDatum],
    ['Tom', fraga.tidsperiod.tomDatum],
    ['OrganisationsnummerForPersonuppgiftsbitrade', '162021005521'],
    ['NamnPaPersonuppgiftsbitrade', 'Försäkringskassan'],
    ['SyfteMedFraga', fraga.syfte],
    ['LagParagraf', fraga.lagtext],
    ['Test', '1'],
  ];
  for (const [element, expected] of rows) {
    it(`maps ${element}`, () => expect(textAt(request, 'Fraga', element)).to.equal(expected));
  }

  it('sets the Inkludera attributes ArbetssokandeInfo, AkasseInfo and BeslutInfo to 1', () => {
    const attrs = at(request, 'Inkludera')?.attrs.map((a) => `${a.name}=${a.value}`);
    expect(attrs).to.deep.equal(['ArbetssokandeInfo=1', 'AkasseInfo=1', 'BeslutInfo=1']);
  });

  it('omits Test outside a test environment', () => {
    const prod = adapterContext({ settings: { testmiljo: false, systemId: 'X' } });
    expect(at(tree(af.adapter.toNative(fraga, prod).body), 'Fraga', 'Test')).to.equal(undefined);
  });

  it("uses AF's own tidsperiod when given", () => {
    const own = sampleFraga(
      {},
      { AF: { inkludera: true, tidsperiod: { fromDatum: '2026-10-01', tomDatum: '2026-10-31' } } },
    );
    const mapped = tree(af.adapter.toNative(own, adapterContext()).body);
    expect(textAt(mapped, 'Fraga', 'From')).to.equal('2026-10-01');
    expect(textAt(mapped, 'Fraga', 'Tom')).to.equal('2026-10-31');
  });

  it('produces a FragaMeddelande valid against the AF schema', () => {
    const result = readXmlDocument(af.adapter.toNative(fraga, adapterContext()).body, nativeSchema('af'));
    expect(result.ok, result.ok ? '' : result.message).to.equal(true);
  });
});

describe('AF: emulator rules and answer mapping (seed §6.8, §7.3.2, §7.3.3)', () => {
  it('answers a job seeker with data: SvarMeddelande content under data, status 0', async () => {
    const { response, utfall } = await ask(sampleFraga({ personidentitet: ARBETSSOKANDE }));
    expect(readXmlDocument(response.body, nativeSchema('af')).ok).to.equal(true);
    expect(utfall.kind).to.equal('data');
    if (utfall.kind !== 'data' || utfall.data.kind !== 'xml') throw new Error('expected xml data');
    expect(utfall.data.children.map((c) => c.name)).to.deep.equal(['Fraga', 'Svar']);
    const svar = utfall.data.children[1];
    expect(textAt(svar, 'StatusSokandeinformationKod')).to.equal('0');
    expect(textAt(svar, 'ArbetssokandeInfo', 'Arbetssokande')).to.equal('true');
  });

  const cases: [string, Partial<SsbtekFraga>, number][] = [
    ['a person unknown to AF', { personidentitet: EJ_ARBETSSOKANDE }, 500],
    ['a wrong check digit', { personidentitet: '196211262835' }, 120],
    ['an empty syfte', { syfte: ' ' }, 200],
    ['a lagtext without socialtjänstlagen', { lagtext: '5 § förordning (2008:975)' }, 210],
    ['a syfte without ekonomiskt bistånd', { syfte: 'Kontroll' }, 220],
    ['a fromdatum in the future', { tidsperiod: { fromDatum: '2026-12-01', tomDatum: '2026-12-31' } }, 300],
    ['a tomdatum in the future', { tidsperiod: { fromDatum: '2026-10-01', tomDatum: '2026-12-31' } }, 301],
    ['fromdatum after tomdatum', { tidsperiod: { fromDatum: '2026-11-01', tomDatum: '2026-10-01' } }, 302],
    ['a period longer than three months', { tidsperiod: { fromDatum: '2026-07-01', tomDatum: '2026-11-20' } }, 303],
    [
      'an organisationsnummer with a wrong check digit',
      { ingivare: { organisationsnummer: '162120002412', namn: 'K', handlaggare: 'H' } },
      400,
    ],
  ];
  for (const [what, overrides, code] of cases) {
    it(`answers ${code} for ${what}, mapped to error kalla BT`, async () => {
      const { response, utfall } = await ask(sampleFraga({ personidentitet: ARBETSSOKANDE, ...overrides }));
      expect(readXmlDocument(response.body, nativeSchema('af')).ok).to.equal(true);
      expect(utfall).to.deep.equal({
        kind: 'error',
        kalla: 'BT',
        felkod: String(code),
        felmeddelande: [AF_STATUS[code as keyof typeof AF_STATUS][1]],
      });
    });
  }

  it('accepts a period of exactly three months (the seed example: 2013-11-01 to 2014-01-31)', async () => {
    const { utfall } = await ask(
      sampleFraga({ personidentitet: ARBETSSOKANDE, tidsperiod: { fromDatum: '2026-06-01', tomDatum: '2026-08-31' } }),
    );
    expect(utfall.kind).to.equal('data');
  });

  it('refuses an unreadable request with HTTP 400 carrying code 110/111/200, mapped to a BT error', async () => {
    const response = await af.emulator.handle(
      { path: '/arbetssokande/ersattningsstod/v2/fraga', contentType: 'application/xml', body: '<x' },
      emulatorContext(),
    );
    expect(response.status).to.equal(400);
    const utfall = af.adapter.fromNative(response, sampleFraga(), adapterContext());
    expect(utfall).to.include({ kind: 'error', felkod: '110' });
  });

  it('treats a non-XML answer as a protocol error (→ 2001)', () => {
    expect(() =>
      af.adapter.fromNative({ status: 200, contentType: 'text/xml', body: 'oops' }, sampleFraga(), adapterContext()),
    ).to.throw(NativeProtocolError);
    expect(() =>
      af.adapter.fromNative({ status: 503, contentType: 'text/html', body: '' }, sampleFraga(), adapterContext()),
    ).to.throw(NativeProtocolError);
  });
});
