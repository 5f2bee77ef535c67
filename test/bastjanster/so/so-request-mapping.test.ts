import { expect } from 'chai';
import { nativeSchema } from '../../../src/bastjanster/common/native-schemas.js';
import { readSoapMessage } from '../../../src/bastjanster/common/xml-message.js';
import { NS } from '../../../src/xml/namespaces.js';
import { adapterContext } from '../../support/context.js';
import { at, elements, textAt, tree } from '../../support/xml.js';
import { so, soFraga } from './so-support.js';

describe('SO: request mapping (seed §6.5)', () => {
  const fraga = soFraga();
  const request = so.adapter.toNative(fraga, adapterContext());
  const payload = at(tree(request.body), 'Body', 'GetUnemploymentBenefitPaymentRequest');

  const rows: [string, string][] = [
    ['OrganisationsnummerIngivare', fraga.ingivare.organisationsnummer],
    ['NamnIngivare', fraga.ingivare.namn],
    ['KontonamnHandlaggare', fraga.ingivare.handlaggare],
    ['IdentificationNumber', fraga.personidentitet],
    ['Referensnummer', fraga.arendeidentitet],
    ['From', fraga.tidsperiod.fromDatum],
    ['Tom', fraga.tidsperiod.tomDatum],
    ['OrganisationsnummerPersonuppgiftsbitrade', '162021005521'],
    ['NamnPersonuppgiftsbitrade', 'Försäkringskassan'],
    ['Syfte', fraga.syfte],
    ['Paragraf', fraga.lagtext],
  ];
  for (const [element, expected] of rows) {
    it(`maps ${element}`, () => expect(textAt(payload, element)).to.equal(expected));
  }

  it("uses SO's own tidsperiod when given", () => {
    const own = soFraga({
      tjanster: { SO: { inkludera: true, tidsperiod: { fromDatum: '2026-10-01', tomDatum: '2026-10-31' } } },
    });
    const mapped = at(
      tree(so.adapter.toNative(own, adapterContext()).body),
      'Body',
      'GetUnemploymentBenefitPaymentRequest',
    );
    expect([textAt(mapped, 'From'), textAt(mapped, 'Tom')]).to.deep.equal(['2026-10-01', '2026-10-31']);
  });

  it('ignores the query’s own personuppgiftsbiträde: SO always gets Försäkringskassan', () => {
    const own = soFraga({ personuppgiftsbitraden: [{ organisationsnummer: '162120002411', namn: 'Kommun A' }] });
    const mapped = at(
      tree(so.adapter.toNative(own, adapterContext()).body),
      'Body',
      'GetUnemploymentBenefitPaymentRequest',
    );
    expect(textAt(mapped, 'OrganisationsnummerPersonuppgiftsbitrade')).to.equal('162021005521');
  });

  it('writes every element qualified in the INT014 namespace, in the schema’s order', () => {
    expect(payload?.ns).to.equal(NS.so);
    expect(elements(payload!).every((e) => e.ns === NS.so)).to.equal(true);
    expect(elements(payload!).map((e) => e.name)).to.deep.equal([
      'OrganisationsnummerIngivare',
      'NamnIngivare',
      'KontonamnHandlaggare',
      'Referensnummer',
      'From',
      'Tom',
      'Syfte',
      'Paragraf',
      'OrganisationsnummerPersonuppgiftsbitrade',
      'NamnPersonuppgiftsbitrade',
      'IdentificationNumber',
    ]);
  });

  it('posts SOAP 1.1 to /ubpservice as text/xml', () => {
    expect(request.path).to.equal('/ubpservice');
    expect(request.contentType).to.match(/^text\/xml/);
    expect(at(tree(request.body), 'Body')?.ns).to.equal(NS.soapEnv);
  });

  it('produces a request valid against the SO schema', () => {
    const result = readSoapMessage(request.body, nativeSchema('so'));
    expect(result.ok, result.ok ? '' : result.message).to.equal(true);
  });
});
