import { expect } from 'chai';
import { FK_FELKODER } from '../../../src/bastjanster/fk/felkoder.js';
import { fk } from '../../../src/bastjanster/fk/index.js';
import { OKAND_AKTOR } from '../../../src/bastjanster/fk/lefi/aktorer.js';
import { FkIntegrationError } from '../../../src/bastjanster/fk/lefi/request-mapping.js';
import { validateLefiFelsvar, validateLefiSvar } from '../../../src/bastjanster/fk/lefi/schemas.js';
import type { FkArende, LefiSvar } from '../../../src/bastjanster/fk/lefi/typer.js';
import { InProcessTransport } from '../../../src/bastjanster/transport.js';
import { NativeProtocolError, type NativeResponse } from '../../../src/bastjanster/types.js';
import { fanOut } from '../../../src/ssbtek/fan-out.js';
import { adapterContext, testPopulation } from '../../support/context.js';
import { TODAY } from '../../support/fraga.js';
import { AKTOR, ask, inside, lefiFraga, lefiQuestion, lefiSvarIn, PERSONER, postLefi } from './support.js';

const ALLA_FK = ['FK:ABB', 'FK:AS', 'FK:BOB', 'FK:FP', 'FK:SA', 'FK:SJP'];

async function svarFor(personnummer: string, fields: Record<string, unknown> = {}): Promise<LefiSvar> {
  const { response, utfall } = await ask(lefiFraga(lefiQuestion(personnummer, fields)));
  expect(response.status, response.body).to.equal(200);
  return lefiSvarIn(utfall);
}

const arenden = (svar: LefiSvar, nyckel: string): FkArende[] =>
  (svar.formansinformation as Record<string, FkArende[]> | undefined)?.[nyckel] ?? [];

describe('FK LEFI: request mapping (v10 FK fraga → LEFI v9)', () => {
  const question = lefiQuestion(PERSONER.foraldraledig, { formansinformation: ['FK:FP'] });

  it('posts to v9 when no version is given, with the aktör in the path', () => {
    const request = fk.adapter.toNative(lefiFraga(question), adapterContext());
    expect(request.path).to.equal(`/lefi-extern-formansinformation/v9/aktorer/${AKTOR}/formansinformation/fraga`);
    expect(request.contentType).to.match(/^application\/json/);
  });

  it('posts to the version asked for when it is v9', () => {
    expect(fk.adapter.toNative(lefiFraga(question, { version: 'v9' }), adapterContext()).path).to.contain('/v9/');
  });

  it('URL-encodes the aktorsid', () => {
    const request = fk.adapter.toNative(lefiFraga(question, { aktorsid: 'kommun a/b' }), adapterContext());
    expect(request.path).to.contain('/aktorer/kommun%20a%2Fb/formansinformation');
  });

  it('sends the base64-decoded question as the body, unchanged', () => {
    const raw =
      '{ "personnummer": "197101152390",\n  "period": {"from": "2026-09-01", "tom": "2026-11-20"}, "formansinformation": ["FK:FP"] }';
    expect(fk.adapter.toNative(lefiFraga(raw), adapterContext()).body).to.equal(raw);
  });

  const refused: [string, Parameters<typeof lefiFraga>[1], RegExp][] = [
    ['a version other than v9', { version: 'v10' }, /version v10 är inte implementerad/],
    ['lefiJsonFraga that is not base64', { base64: 'inte*base64' }, /inte giltig base64/],
    ['lefiJsonFraga that is not UTF-8', { base64: Buffer.from([0xff, 0xfe, 0x7b]).toString('base64') }, /inte UTF-8/],
    ['lefiJsonFraga that is not JSON', { base64: Buffer.from('<fraga/>').toString('base64') }, /innehåller inte JSON/],
  ];
  for (const [what, options, message] of refused) {
    it(`refuses ${what} before calling LEFI (FkIntegrationError, a protocol error)`, () => {
      const call = () => fk.adapter.toNative(lefiFraga(question, options), adapterContext());
      expect(call).to.throw(FkIntegrationError, message);
      expect(call).to.throw(NativeProtocolError);
    });
  }

  it('makes the composite service answer kalla SSBT felkod 2001 for an unimplemented version', async () => {
    const population = testPopulation();
    const transport = new InProcessTransport(new Map([['FK', fk.emulator]]), { population, today: () => TODAY });
    const [result] = await fanOut(
      lefiFraga(question, { version: 'v10' }),
      ['FK'],
      adapterContext(),
      { services: new Map([['FK', fk]]), transport, timeoutMs: () => 5000 },
      new AbortController().signal,
    );
    expect(result?.utfall).to.include({ kind: 'error', kalla: 'SSBT', felkod: '2001' });
  });
});

describe('FK LEFI: emulator rules (OpenAPI: 400, 403) and answer mapping (BT 1001)', () => {
  const giltig = JSON.stringify(lefiQuestion(PERSONER.foraldraledig, { formansinformation: ['FK:FP'] }));

  async function expectFelsvar(response: NativeResponse, status: number): Promise<string> {
    expect(response.status, response.body).to.equal(status);
    const checked = validateLefiFelsvar(JSON.parse(response.body));
    expect(checked.ok).to.equal(true);
    const felsvar = JSON.parse(response.body) as { meddelande: string; timestamp: string };
    expect(felsvar.timestamp).to.equal(`${TODAY}T00:00:00Z`);
    return felsvar.meddelande;
  }

  const badRequests: [string, string, RegExp][] = [
    ['a body that is not JSON', '{"personnummer": ', /inte giltig JSON/],
    [
      'a question without period',
      JSON.stringify({ personnummer: PERSONER.foraldraledig, formansinformation: ['FK:FP'] }),
      /period/,
    ],
    [
      'a personnummer that is not 10 or 12 digits',
      JSON.stringify(lefiQuestion('19710115-2390', { formansinformation: ['FK:FP'] })),
      /personnummer/,
    ],
    [
      'an unknown group code',
      JSON.stringify(lefiQuestion(PERSONER.foraldraledig, { formansinformation: ['FK:XYZ'] })),
      /formansinformation\/0/,
    ],
    [
      'a group asked twice',
      JSON.stringify(lefiQuestion(PERSONER.foraldraledig, { formansinformation: ['FK:FP', 'FK:FP'] })),
      /duplicate/,
    ],
    [
      'a date that is not a date',
      JSON.stringify(
        lefiQuestion(PERSONER.foraldraledig, {
          period: { from: '2026-02-30', tom: '2026-03-01' },
          formansinformation: ['FK:FP'],
        }),
      ),
      /period\/from/,
    ],
    [
      'no group or kind of information',
      JSON.stringify(lefiQuestion(PERSONER.foraldraledig, { formansinformation: [] })),
      /ingen förmånsgrupp/,
    ],
    [
      'a period ending before it starts',
      JSON.stringify({ ...JSON.parse(giltig), period: { from: '2026-11-01', tom: '2026-10-01' } }),
      /före/,
    ],
    [
      'a period longer than two years',
      JSON.stringify({ ...JSON.parse(giltig), period: { from: '2024-09-01', tom: '2026-09-02' } }),
      /längre än två år/,
    ],
    [
      'a personnummer with a wrong check digit',
      JSON.stringify(lefiQuestion('197101152391', { formansinformation: ['FK:FP'] })),
      /inte ett giltigt/,
    ],
  ];
  for (const [what, body, message] of badRequests) {
    it(`answers 400 LefiFelsvar for ${what}`, async () => {
      const meddelande = await expectFelsvar(await postLefi(body), 400);
      expect(meddelande).to.match(message);
      expect(meddelande).not.to.contain('197101152');
    });
  }

  it('accepts a period of exactly two years', async () => {
    expect(
      (await postLefi(JSON.stringify({ ...JSON.parse(giltig), period: { from: '2024-09-01', tom: '2026-09-01' } })))
        .status,
    ).to.equal(200);
  });

  it('accepts a ten-digit personnummer', async () => {
    const response = await postLefi(
      JSON.stringify(lefiQuestion(PERSONER.foraldraledig.slice(2), { ovrigInformation: ['FK:GEPI'] })),
    );
    expect(response.status).to.equal(200);
    expect(
      (JSON.parse(response.body) as LefiSvar).formansinformation?.generellPersoninformation?.[0]?.personnummer,
    ).to.equal(PERSONER.foraldraledig);
  });

  for (const aktor of ['kommun%20a', OKAND_AKTOR]) {
    it(`answers 403 LefiFelsvar for the aktör ${aktor} (not one FK knows)`, async () => {
      await expectFelsvar(await postLefi(giltig, aktor), 403);
    });
  }

  it('answers 404 LefiFelsvar for another LEFI version', async () => {
    await expectFelsvar(await postLefi(giltig, AKTOR, 'v8'), 404);
  });

  it("maps a 400 to BT 1001 with FK's text and LEFI's message", async () => {
    const { utfall } = await ask(lefiFraga(lefiQuestion(PERSONER.foraldraledig, { formansinformation: [] })));
    expect(utfall).to.deep.equal({
      kind: 'error',
      kalla: 'BT',
      felkod: '1001',
      felmeddelande: [FK_FELKODER[1001], 'Frågan anger ingen förmånsgrupp eller typ av övrig information.'],
    });
  });

  it('maps a 403 to BT 1001', async () => {
    const { response, utfall } = await ask(lefiFraga(JSON.parse(giltig) as object, { aktorsid: OKAND_AKTOR }));
    expect(response.status).to.equal(403);
    expect(utfall).to.include({ kind: 'error', kalla: 'BT', felkod: '1001' });
  });

  it("maps the timeout scenario (HTTP 504) to BT 1000 with FK's own text", async () => {
    const { response, utfall } = await ask(
      lefiFraga(lefiQuestion(PERSONER.timeout, { formansinformation: ['FK:SJP'] })),
    );
    expect(response.status).to.equal(504);
    expect(utfall).to.deep.include({ kind: 'error', kalla: 'BT', felkod: '1000' });
    expect(utfall.kind === 'error' && utfall.felmeddelande[0]).to.equal(
      'Förtfrågan tog för lång tid. Timeout har uppstått.',
    );
  });

  it('maps the internal-error scenario (HTTP 500) to BT 1002', async () => {
    const { response, utfall } = await ask(
      lefiFraga(lefiQuestion(PERSONER.interntFel, { formansinformation: ['FK:ABB'] })),
    );
    expect(response.status).to.equal(500);
    expect(utfall).to.deep.include({ kind: 'error', kalla: 'BT', felkod: '1002' });
    expect(utfall.kind === 'error' && utfall.felmeddelande[0]).to.equal(FK_FELKODER[1002]);
  });
});

describe('FK LEFI: the 200 answer (OpenAPI LefiExternFormansinformationSvar)', () => {
  it('puts the answer, byte for byte and base64-encoded, in data/lefiJsonSvar', async () => {
    const { response, utfall } = await ask(
      lefiFraga(lefiQuestion(PERSONER.foraldraledig, { formansinformation: ['FK:FP'] })),
    );
    expect(utfall.kind === 'data' && utfall.data).to.deep.equal({
      kind: 'base64',
      element: 'lefiJsonSvar',
      base64: Buffer.from(response.body, 'utf8').toString('base64'),
    });
  });

  it('answers only the asked groups, each valid against the schema', async () => {
    const svar = await svarFor(PERSONER.sjukskriven, { formansinformation: ['FK:SJP'] });
    expect(validateLefiSvar(svar).ok).to.equal(true);
    expect(Object.keys(svar.formansinformation ?? {})).to.deep.equal(['sjukpenningarende']);
  });

  const profiler: [string, string, string, number][] = [
    ['föräldrapenning for a parent on leave', PERSONER.foraldraledig, 'foraldrapenningarende', 1],
    ['sjukpenning for a person on sick leave', PERSONER.sjukskriven, 'sjukpenningarende', 1],
    ['sjukersättning', PERSONER.sjukersattning, 'sjukOchAktivitetsersattningsarende', 1],
    ['one barnbidrag ärende per child', PERSONER.sjukskrivenMedBarn, 'barnbidragsarende', 2],
    ['bostadsbidrag for a low income with children', PERSONER.studentMedBarn, 'bostadsbidragsarende', 1],
    ["aktivitetsstöd for a job seeker with AF's decision", PERSONER.arbetssokande, 'aktivitetsstodsarende', 1],
    ['nothing for an employed person without children', PERSONER.anstalld, 'barnbidragsarende', 0],
    ['no bostadsbidrag for a good income', PERSONER.foraldraledig, 'bostadsbidragsarende', 0],
    ["no aktivitetsstöd without AF's decision", PERSONER.arbetssokandeUtanBeslut, 'aktivitetsstodsarende', 0],
  ];
  for (const [what, personnummer, nyckel, antal] of profiler) {
    it(`answers ${what}`, async () => {
      const svar = await svarFor(personnummer, { formansinformation: ALLA_FK });
      expect(validateLefiSvar(svar).ok).to.equal(true);
      expect(arenden(svar, nyckel)).to.have.length(antal);
    });
  }

  it('keeps every decision period and payment inside the asked period', async () => {
    for (const personnummer of [
      PERSONER.foraldraledig,
      PERSONER.sjukskriven,
      PERSONER.arbetssokande,
      PERSONER.studentMedBarn,
    ]) {
      const svar = await svarFor(personnummer, { formansinformation: ALLA_FK, utbetalningar: ALLA_FK });
      const beslut = Object.values(svar.formansinformation ?? {})
        .flat()
        .flatMap((a) => ('beslut' in a ? (a as FkArende).beslut : []));
      expect(beslut.length).to.be.greaterThan(0);
      for (const b of beslut)
        expect([inside(b.period.fran), inside(b.period.till)], JSON.stringify(b)).to.deep.equal([true, true]);
      const utbetalningar = svar.formansinformation?.utbetalningsuppgift ?? [];
      expect(utbetalningar.length).to.be.greaterThan(0);
      for (const u of utbetalningar)
        expect([inside(u.datum), inside(u.period.fran), inside(u.period.till)]).to.deep.equal([true, true, true]);
    }
  });

  it('lists FK payments under formansinformation.utbetalningsuppgift only when asked in utbetalningar', async () => {
    const utan = await svarFor(PERSONER.sjukskriven, { formansinformation: ['FK:SJP'] });
    const med = await svarFor(PERSONER.sjukskriven, { formansinformation: ['FK:SJP'], utbetalningar: ['FK:SJP'] });
    expect(utan.formansinformation?.utbetalningsuppgift).to.equal(undefined);
    expect(med.formansinformation?.utbetalningsuppgift?.map((u) => u.formansfamilj.id)).to.deep.equal(['SJP']);
  });

  it("answers PM's ansprak, beslut and utbetalningar for allmän pension, with PM among the utlämnare", async () => {
    const svar = await svarFor(PERSONER.pensionar, { ansprak: ['PM:AP'], beslut: ['PM:AP'], utbetalningar: ['PM:AP'] });
    expect(validateLefiSvar(svar).ok).to.equal(true);
    expect(svar.utlamnare.map((u) => u.utlamnare.kod)).to.deep.equal(['PM']);
    expect(svar.ansprak?.map((a) => a.formansgrupp.kod)).to.deep.equal(['PM:AP']);
    expect(svar.beslut?.flatMap((b) => b.beslutadErsattning.map((e) => e.ersattningstyp.kod))).to.deep.equal([
      'PM:IP',
      'PM:GARP',
    ]);
    expect(svar.utbetalningar?.map((u) => u.utbetalningsdatum)).to.deep.equal([
      '2026-09-18',
      '2026-10-18',
      '2026-11-18',
    ]);
  });

  it('lists utlämnare FK alone when only FK information is asked, FK and PM when both are', async () => {
    const fkOnly = await svarFor(PERSONER.pensionar, { formansinformation: ['FK:SA'] });
    const both = await svarFor(PERSONER.pensionar, { formansinformation: ['FK:SA'], beslut: ['PM:AP'] });
    expect(fkOnly.utlamnare.map((u) => [u.utlamnare.kod, u.tillstand.kod])).to.deep.equal([['FK', 'OK']]);
    expect(both.utlamnare.map((u) => [u.utlamnare.kod, u.tillstand.kod])).to.deep.equal([
      ['FK', 'OK'],
      ['PM', 'OK'],
    ]);
  });

  it('lists groups it does not model as avvikelser (OBEHORIG) instead of failing', async () => {
    const svar = await svarFor(PERSONER.foraldraledig, {
      formansinformation: ['FK:FP', 'FK:YL'],
      beslut: ['PM:EF'],
      preliminaraUtbetalningar: ['FK:FP', 'FK:TFP'],
      ovrigInformation: ['PM:PU'],
    });
    expect(validateLefiSvar(svar).ok).to.equal(true);
    expect(arenden(svar, 'foraldrapenningarende')).to.have.length(1);
    expect(svar.avvikelser).to.deep.equal({
      formansinformation: [avvikelse('formansgrupp', 'FK:YL', 'Yrkesskadelivränta')],
      beslut: [avvikelse('formansgrupp', 'PM:EF', 'Efterlevandeförmåner')],
      preliminaraUtbetalningar: [avvikelse('formansgrupp', 'FK:TFP', 'Tillfällig föräldrapenning')],
      ovrigInformation: [avvikelse('ovrigInformationstyp', 'PM:PU', 'Pensionsunderlag')],
    });
  });

  it('answers generell personinformation with address and folkbokföring', async () => {
    const [gepi] =
      (await svarFor(PERSONER.foraldraledig, { ovrigInformation: ['FK:GEPI'] })).formansinformation
        ?.generellPersoninformation ?? [];
    expect(gepi).to.include({ personnummer: PERSONER.foraldraledig, foddes: '1971-01-15', skyddad: false });
    expect(gepi?.adress).to.have.length(1);
    expect(gepi?.folkbokford).to.have.length(1);
    expect(gepi?.barn).to.have.length(2);
  });

  it('marks a person with skyddad identitet skyddad and gives no address', async () => {
    const [gepi] =
      (await svarFor(PERSONER.skyddad, { ovrigInformation: ['FK:GEPI'] })).formansinformation
        ?.generellPersoninformation ?? [];
    expect(gepi?.skyddad).to.equal(true);
    expect(gepi).not.to.have.property('adress');
    expect(gepi).not.to.have.property('folkbokford');
  });
});

describe('FK LEFI: unreadable answers', () => {
  const fraga = lefiFraga(lefiQuestion(PERSONER.foraldraledig, { formansinformation: ['FK:FP'] }));
  const unreadable: [string, NativeResponse][] = [
    ['a 200 that is not JSON', { status: 200, contentType: 'text/xml', body: 'Service Temporarily Unavailable <<<' }],
    ['a 200 cut in half', { status: 200, contentType: 'application/json', body: '{"utlamnare": [' }],
    ['a 200 that breaks the schema', { status: 200, contentType: 'application/json', body: '{"utlamnare": "FK"}' }],
    [
      'a 200 with a wrong code',
      { status: 200, contentType: 'application/json', body: '{"utlamnare": [{"utlamnare": {"kod": "CSN"}}]}' },
    ],
    ['a 500 without LefiFelsvar', { status: 500, contentType: 'text/html', body: '<html><body>500</body></html>' }],
    ['a 400 whose body is not an object', { status: 400, contentType: 'application/json', body: '"fel"' }],
    ['HTTP 502', { status: 502, contentType: 'application/json', body: '{"meddelande": "Bad gateway"}' }],
  ];
  for (const [what, response] of unreadable) {
    it(`treats ${what} as a protocol error (→ 2001)`, () => {
      expect(() => fk.adapter.fromNative(response, fraga, adapterContext())).to.throw(NativeProtocolError);
    });
  }
});

function avvikelse(falt: string, kod: string, beskrivning: string): object {
  return {
    avvikelse: {
      kod: 'OBEHORIG',
      beskrivning: 'Frågeställaren är inte behörig att ta del av den efterfrågade informationstypen.',
    },
    [falt]: { kod, beskrivning },
  };
}
