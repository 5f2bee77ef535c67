import { expect } from 'chai';
import { nativeSchema } from '../../../src/bastjanster/common/native-schemas.js';
import { readSoapMessage } from '../../../src/bastjanster/common/xml-message.js';
import { FK_FELKODER } from '../../../src/bastjanster/fk/felkoder.js';
import { fk } from '../../../src/bastjanster/fk/index.js';
import { NativeProtocolError, type NativeResponse } from '../../../src/bastjanster/types.js';
import type { SsbtekFraga, TjanstUtfall } from '../../../src/ssbtek/model.js';
import { adapterContext, emulatorContext } from '../../support/context.js';
import type { XElement } from '../../../src/xml/tree.js';
import { at, elements, text, textAt, tree } from '../../support/xml.js';
import { ask, FLAGGOR, flaggor, inside, PERIOD, PERSONER, v1Fraga } from './support.js';

const V1_PATH = '/hamtaformansinformation/v1';

function requestTree(fraga: SsbtekFraga, context = adapterContext()): XElement {
  const request = fk.adapter.toNative(fraga, context);
  return at(tree(request.body), 'Body', 'fkExaLefiFraga') as XElement;
}

function expectValidReply(response: NativeResponse): void {
  const read = readSoapMessage(response.body, nativeSchema('fkV1'));
  expect(read.ok, read.ok ? '' : read.message).to.equal(true);
}

function dataChildren(utfall: TjanstUtfall): XElement[] {
  if (utfall.kind !== 'data' || utfall.data.kind !== 'xml')
    throw new Error(`expected xml data: ${JSON.stringify(utfall)}`);
  return utfall.data.children;
}

const fel = (kod: keyof typeof FK_FELKODER): TjanstUtfall => ({
  kind: 'error',
  kalla: 'BT',
  felkod: String(kod),
  felmeddelande: [FK_FELKODER[kod]],
});

describe('FK v1: request mapping, hamtaformansinformation/1 (seed §6.3)', () => {
  const fraga = v1Fraga({ personidentitet: PERSONER.foraldraledig, korrelationsid: 'KORR-FRAN-FRAGAN' });
  const context = adapterContext({
    settings: { testmiljo: true, systemId: 'WESB-SYSTEM-42' },
    korrelationsid: 'ANNAT',
  });
  const mapped = requestTree(fraga, context);
  const body = fk.adapter.toNative(fraga, context).body;

  it("sets meddelandehuvud.metadata.anvandareId to WESB's systemID (the adapter setting)", () => {
    expect(textAt(mapped, 'meddelandehuvud', 'metadata', 'anvandareId')).to.equal('WESB-SYSTEM-42');
  });
  it('maps frageTidpunkt to skapades', () => {
    expect(textAt(mapped, 'meddelandehuvud', 'skapades')).to.equal(fraga.frageTidpunkt);
  });
  it('leaves skapades out when the query has no frageTidpunkt', () => {
    expect(at(requestTree(v1Fraga({ frageTidpunkt: undefined })), 'meddelandehuvud', 'skapades')).to.equal(undefined);
  });
  it('maps korrelationsid to korrelationsid', () => {
    expect(textAt(mapped, 'meddelandehuvud', 'korrelationsid')).to.equal('KORR-FRAN-FRAGAN');
  });
  it('uses the generated correlation id when the query has none', () => {
    const none = requestTree(v1Fraga({ korrelationsid: undefined }), context);
    expect(textAt(none, 'meddelandehuvud', 'korrelationsid')).to.equal('ANNAT');
  });
  it('maps ingivare.organisationsnummer to organisationsnummer as ten digits (the 16 prefix dropped)', () => {
    expect(textAt(mapped, 'meddelandehuvud', 'organisationsnummer')).to.equal('2120002411');
  });
  it('maps personidentitet to formansfraga.personnummer', () => {
    expect(textAt(mapped, 'formansfraga', 'personnummer')).to.equal(PERSONER.foraldraledig);
  });
  it('maps tidsperiod.fromDatum to formansfraga.from', () => {
    expect(textAt(mapped, 'formansfraga', 'from')).to.equal(PERIOD.from);
  });
  it('maps tidsperiod.tomDatum to formansfraga.tom', () => {
    expect(textAt(mapped, 'formansfraga', 'tom')).to.equal(PERIOD.tom);
  });
  it("uses FK's own tidsperiod when given", () => {
    const own = requestTree(v1Fraga({}, flaggor('alla'), { fromDatum: '2026-03-01', tomDatum: '2026-04-30' }));
    expect([textAt(own, 'formansfraga', 'from'), textAt(own, 'formansfraga', 'tom')]).to.deep.equal([
      '2026-03-01',
      '2026-04-30',
    ]);
  });
  for (const [rad, varde] of [
    ['ingivare.namn', fraga.ingivare.namn],
    ['ingivare.handlaggare', fraga.ingivare.handlaggare],
    ['arendeidentitet', fraga.arendeidentitet],
    ['syfte', fraga.syfte],
    ['lagtext', fraga.lagtext],
  ]) {
    it(`does not send ${rad}`, () => expect(body).not.to.contain(varde));
  }
  it('does not send personuppgiftsbiträde (organisationsnummer, namn)', () => {
    const medOmbud = v1Fraga({ personuppgiftsbitraden: [{ organisationsnummer: '165560000009', namn: 'Ombudet AB' }] });
    const sent = fk.adapter.toNative(medOmbud, adapterContext()).body;
    expect(sent).not.to.contain('5560000009');
    expect(sent).not.to.contain('Ombudet AB');
  });
  it('maps formansforteckning flag by flag, in the same order and with the same values', () => {
    const lista = flaggor(['sjukpenning', 'barnbidrag', 'utbetalning']);
    const sent = at(requestTree(v1Fraga({}, lista)), 'formansfraga', 'formansforteckning') as XElement;
    expect(elements(sent).map((e) => [e.name, text(e)])).to.deep.equal(lista.map((f) => [f.namn, String(f.varde)]));
  });
  for (const stavning of ['arbetsskadelivranta', 'arbetskadeliivranta']) {
    it(`keeps the spelling ${stavning} of the arbetsskadelivränta flag`, () => {
      const sent = at(
        requestTree(v1Fraga({}, flaggor('alla', stavning))),
        'formansfraga',
        'formansforteckning',
      ) as XElement;
      expect(elements(sent)[1]?.name).to.equal(stavning);
    });
  }
  it('sends a SOAP 1.1 message to /hamtaformansinformation/v1 that is valid against the FK schema', () => {
    const request = fk.adapter.toNative(fraga, context);
    expect(request.path).to.equal(V1_PATH);
    const read = readSoapMessage(request.body, nativeSchema('fkV1'));
    expect(read.ok, read.ok ? '' : read.message).to.equal(true);
  });
});

describe('FK v1: emulator and answer mapping (seed §6.10, §7.3.2, §7.3.3)', () => {
  it('answers svarspost: its children go under data, one forman per flagged benefit the person has', async () => {
    const { response, utfall } = await ask(v1Fraga({ personidentitet: PERSONER.foraldraledig }));
    expectValidReply(response);
    const children = dataChildren(utfall);
    expect(text(children[0])).to.equal(PERSONER.foraldraledig);
    expect(children.slice(1).map((f) => textAt(f, 'formanstyp'))).to.deep.equal(['foraldrapenning', 'barnbidrag']);
  });

  it('answers only the benefits that are flagged', async () => {
    const { utfall } = await ask(v1Fraga({ personidentitet: PERSONER.foraldraledig }, flaggor(['barnbidrag'])));
    expect(
      dataChildren(utfall)
        .slice(1)
        .map((f) => textAt(f, 'formanstyp')),
    ).to.deep.equal(['barnbidrag']);
  });

  it('puts every beslut period and every utbetalning inside the asked period', async () => {
    const { utfall } = await ask(v1Fraga({ personidentitet: PERSONER.sjukskriven }));
    const formaner = dataChildren(utfall).slice(1);
    const beslut = formaner.flatMap((f) => elements(f).filter((e) => e.name === 'beslut'));
    const utbetalningar = formaner.flatMap((f) => elements(f).filter((e) => e.name === 'utbetalning'));
    expect(beslut.length).to.be.greaterThan(0);
    expect(utbetalningar.length).to.be.greaterThan(0);
    for (const b of beslut)
      expect([inside(textAt(b, 'fromDatum')), inside(textAt(b, 'tomDatum'))]).to.deep.equal([true, true]);
    for (const u of utbetalningar) {
      expect(['utbetalningsdatum', 'avserFrom', 'avserTom'].map((n) => inside(textAt(u, n)))).to.deep.equal([
        true,
        true,
        true,
      ]);
    }
  });

  it('leaves utbetalning out when the utbetalning flag is false', async () => {
    const utan = flaggor(FLAGGOR.filter((f) => f !== 'utbetalning'));
    const { utfall } = await ask(v1Fraga({ personidentitet: PERSONER.sjukskriven }, utan));
    const formaner = dataChildren(utfall).slice(1);
    expect(formaner.length).to.be.greaterThan(0);
    expect(formaner.flatMap((f) => elements(f)).filter((e) => e.name === 'utbetalning')).to.deep.equal([]);
  });

  it("answers alderspension with PM's yearly decisions and monthly payments for a pensioner", async () => {
    const { utfall } = await ask(
      v1Fraga({ personidentitet: PERSONER.pensionar }, flaggor(['alderspension', 'utbetalning'])),
    );
    const [forman] = dataChildren(utfall).slice(1);
    expect(textAt(forman, 'formanstyp')).to.equal('alderspension');
    expect(
      elements(forman as XElement)
        .filter((e) => e.name === 'utbetalning')
        .map((u) => textAt(u, 'utbetalningsdatum')),
    ).to.deep.equal(['2026-09-18', '2026-10-18', '2026-11-18']);
  });

  it('answers a person without benefits with svarspost holding only the personnummer', async () => {
    const { utfall } = await ask(v1Fraga({ personidentitet: PERSONER.anstalld }));
    expect(dataChildren(utfall).map((c) => c.name)).to.deep.equal(['personnummer']);
  });

  for (const stavning of ['arbetsskadelivranta', 'arbetskadeliivranta']) {
    it(`takes ${stavning} as a true flag (a question with only that flag is valid)`, async () => {
      const { response, utfall } = await ask(
        v1Fraga({ personidentitet: PERSONER.anstalld }, flaggor([stavning], stavning)),
      );
      expectValidReply(response);
      expect(utfall.kind).to.equal('data');
    });
  }

  const regler: [string, SsbtekFraga][] = [
    ['no flag is true', v1Fraga({ personidentitet: PERSONER.foraldraledig }, flaggor([]))],
    ['tom is before from', v1Fraga({ tidsperiod: { fromDatum: '2026-11-01', tomDatum: '2026-10-01' } })],
    [
      'the period is longer than two years',
      v1Fraga({ tidsperiod: { fromDatum: '2024-09-01', tomDatum: '2026-09-02' } }),
    ],
    ['the personnummer has a wrong check digit', v1Fraga({ personidentitet: '197101152391' })],
  ];
  for (const [what, fraga] of regler) {
    it(`answers fel 1001 when ${what}, mapped to BT 1001 with FK's text`, async () => {
      const { response, utfall } = await ask(fraga);
      expectValidReply(response);
      expect(utfall).to.deep.equal(fel(1001));
    });
  }

  it('accepts a period of exactly two years', async () => {
    const { utfall } = await ask(v1Fraga({ tidsperiod: { fromDatum: '2024-09-01', tomDatum: '2026-09-01' } }));
    expect(utfall.kind).to.equal('data');
  });

  it('answers fel 1000 for the timeout scenario person (FK\'s own text, "Förtfrågan")', async () => {
    const { response, utfall } = await ask(v1Fraga({ personidentitet: PERSONER.timeout }));
    expectValidReply(response);
    expect(utfall).to.deep.equal(fel(1000));
    expect(FK_FELKODER[1000]).to.match(/^Förtfrågan tog för lång tid/);
  });

  it('answers fel 1002 for the internal-error scenario person', async () => {
    const { response, utfall } = await ask(v1Fraga({ personidentitet: PERSONER.interntFel }));
    expectValidReply(response);
    expect(utfall).to.deep.equal(fel(1002));
  });

  it('echoes meddelandehuvud in the answer', async () => {
    const { request, response } = await ask(v1Fraga());
    const sent = at(tree(request.body), 'Body', 'fkExaLefiFraga', 'meddelandehuvud');
    expect(stripLines(at(tree(response.body), 'Body', 'fkExaLefiSvar', 'meddelandehuvud'))).to.deep.equal(
      stripLines(sent),
    );
  });
});

describe('FK v1: what the emulator refuses, and unreadable answers', () => {
  const handle = (body: string) =>
    fk.emulator.handle({ path: V1_PATH, contentType: 'text/xml', body }, emulatorContext());
  const valid = fk.adapter.toNative(v1Fraga(), adapterContext()).body;

  it('answers fel 1001 to a question that breaks the schema but can be answered (a flag missing)', async () => {
    const response = await handle(valid.replace(/<fk:prognos>[^<]*<\/fk:prognos>/, ''));
    expectValidReply(response);
    expect(fk.adapter.fromNative(response, v1Fraga(), adapterContext())).to.deep.equal(fel(1001));
  });

  it('answers a SOAP Fault (Client) when not even the meddelandehuvud is valid', async () => {
    const response = await handle(
      valid.replace('>2120002411<', '>162120002411<').replace(/<fk:prognos>[^<]*<\/fk:prognos>/, ''),
    );
    expect(response.status).to.equal(500);
    expect(textAt(tree(response.body), 'Body', 'Fault', 'faultcode')).to.equal('soapenv:Client');
  });

  it('answers a SOAP Fault (Client) to something that is not XML, which the adapter treats as a protocol error', async () => {
    const response = await handle('not xml at all');
    expect(response.status).to.equal(500);
    expect(textAt(tree(response.body), 'Body', 'Fault', 'faultcode')).to.equal('soapenv:Client');
    expect(() => fk.adapter.fromNative(response, v1Fraga(), adapterContext())).to.throw(NativeProtocolError);
  });

  it('answers __test with 200 and an unknown path with 404', async () => {
    expect(
      (await fk.emulator.handle({ path: '/__test', contentType: 'text/plain', body: '' }, emulatorContext())).status,
    ).to.equal(200);
    expect(
      (
        await fk.emulator.handle(
          { path: '/hamtaformansinformation/v2', contentType: 'text/xml', body: valid },
          emulatorContext(),
        )
      ).status,
    ).to.equal(404);
  });

  const unreadable: [string, NativeResponse][] = [
    ['not XML', { status: 200, contentType: 'text/xml', body: 'Service Temporarily Unavailable <<<' }],
    ['a truncated answer', { status: 200, contentType: 'text/xml', body: valid.slice(0, 200) }],
    ['HTTP 503', { status: 503, contentType: 'text/html', body: '<html/>' }],
    [
      'an answer that breaks the schema',
      {
        status: 200,
        contentType: 'text/xml',
        body: valid.replace('fkExaLefiFraga', 'fkExaLefiSvar').replace('fkExaLefiFraga', 'fkExaLefiSvar'),
      },
    ],
    ['the question instead of an answer', { status: 200, contentType: 'text/xml', body: valid }],
  ];
  for (const [what, response] of unreadable) {
    it(`treats ${what} as a protocol error (→ 2001)`, () => {
      expect(() => fk.adapter.fromNative(response, v1Fraga(), adapterContext())).to.throw(NativeProtocolError);
    });
  }
});

/** Parsed elements carry their source line; compare structure only. */
function stripLines(element: XElement | undefined): XElement | undefined {
  if (!element) return undefined;
  return {
    ns: element.ns,
    name: element.name,
    attrs: element.attrs,
    children: element.children.map((c) => (typeof c === 'string' ? c : (stripLines(c) as XElement))),
  };
}
