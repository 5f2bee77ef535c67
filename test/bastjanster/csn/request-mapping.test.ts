import { expect } from 'chai';
import { csn } from '../../../src/bastjanster/csn/index.js';
import { nativeSchema } from '../../../src/bastjanster/common/native-schemas.js';
import { readSoapMessage } from '../../../src/bastjanster/common/xml-message.js';
import { NS } from '../../../src/xml/namespaces.js';
import { adapterContext } from '../../support/context.js';
import { sampleFraga } from '../../support/fraga.js';
import { at, elements, textAt, tree } from '../../support/xml.js';
import { csnFraga, STUDENT } from './csn-support.js';

describe('CSN: request mapping (seed §6.2)', () => {
  const fraga = csnFraga({ personidentitet: STUDENT }, { fromDatum: '2026-10-05', tomDatum: '2026-12-18' });
  const request = csn.adapter.toNative(fraga, adapterContext());
  const begaran = at(tree(request.body), 'Body', 'SBNUppgEkBistandBegar');

  const rows: [string, string[], string][] = [
    ['ingivare.organisationsnummer → BegarData.Kommun as NNNNNN-NNNN', ['BegarData', 'Kommun'], '212000-2411'],
    ['ingivare.handlaggare → HandlaggareId', ['BegarData', 'HandlaggareId'], 'HL123456'],
    ['personidentitet → HushallsId (YYYYMMDDNNNN)', ['HushallsId'], '198112052397'],
    [
      'personidentitet → HushallsMedlemsIdSekel (the first two digits)',
      ['HushallsMedlem', 'HushallsMedlemsIdSekel'],
      '19',
    ],
    [
      'personidentitet → HushallsMedlemsId (the last ten digits)',
      ['HushallsMedlem', 'HushallsMedlemsId'],
      '8112052397',
    ],
    ['arendeidentitet → ArendId', ['ArendId'], 'AID12341234'],
    ["CSN's tidsperiod.fromDatum → FromDatum", ['FromDatum'], '2026-10-05'],
    ["CSN's tidsperiod.tomDatum → TomDatum", ['TomDatum'], '2026-12-18'],
    ['SchemaVersion is set to "1.0"', ['SchemaVersion'], '1.0'],
    ['BegarData.AppNamn is set to "SSBTEK"', ['BegarData', 'AppNamn'], 'SSBTEK'],
    ['BegarData.AppVersion is set to "1.0"', ['BegarData', 'AppVersion'], '1.0'],
  ];
  for (const [row, path, expected] of rows) {
    it(`maps ${row}`, () => expect(textAt(begaran, ...path)).to.equal(expected));
  }

  for (const omitted of ['SubOrgKod', 'MaxAntalSvar', 'AnropsId', 'LastDataVersion']) {
    it(`omits BegarData.${omitted}`, () => expect(at(begaran, 'BegarData', omitted)).to.equal(undefined));
  }

  it('sends neither ingivare.namn, personuppgiftsbiträde, syfte nor lagtext', () => {
    const withBitrade = csnFraga({
      personuppgiftsbitraden: [{ organisationsnummer: '162021005521', namn: 'Bolaget AB' }],
    });
    const body = csn.adapter.toNative(withBitrade, adapterContext()).body;
    for (const value of [
      withBitrade.ingivare.namn,
      'Bolaget AB',
      '162021005521',
      withBitrade.syfte,
      withBitrade.lagtext,
    ]) {
      expect(body).not.to.contain(value);
    }
  });

  it('uses the general tidsperiod when CSN has none of its own', () => {
    const general = sampleFraga(
      { tidsperiod: { fromDatum: '2026-10-02', tomDatum: '2026-11-02' } },
      { CSN: { inkludera: true } },
    );
    const mapped = at(tree(csn.adapter.toNative(general, adapterContext()).body), 'Body', 'SBNUppgEkBistandBegar');
    expect([textAt(mapped, 'FromDatum'), textAt(mapped, 'TomDatum')]).to.deep.equal(['2026-10-02', '2026-11-02']);
  });

  it('writes the fields in the contract order, Sambruk fields in the Sambruk namespace', () => {
    expect(
      elements(begaran ?? tree('<x/>')).map((e) => `${e.ns === NS.sambruk ? 'sam' : e.ns}:${e.name}`),
    ).to.deep.equal(
      ['SchemaVersion', 'BegarData', 'ArendId', 'HushallsId', 'HushallsMedlem', 'FromDatum', 'TomDatum'].map(
        (n) => `sam:${n}`,
      ),
    );
  });

  it('posts a SOAP 1.1 envelope with {kommunfraga}SBNUppgEkBistandBegar to /kommunfraga/v4 as text/xml', () => {
    const root = tree(request.body);
    expect([root.ns, root.name]).to.deep.equal([NS.soapEnv, 'Envelope']);
    expect([begaran?.ns, begaran?.name]).to.deep.equal([NS.csnKommunfraga, 'SBNUppgEkBistandBegar']);
    expect([request.path, request.contentType]).to.deep.equal(['/kommunfraga/v4', 'text/xml; charset=utf-8']);
  });

  it("produces a request valid against CSN's kommunfråga schema", () => {
    const result = readSoapMessage(request.body, nativeSchema('csnKommunfraga'));
    expect(result.ok, result.ok ? '' : result.message).to.equal(true);
  });
});
