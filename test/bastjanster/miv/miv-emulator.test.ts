import { expect } from 'chai';
import { nativeSchema } from '../../../src/bastjanster/common/native-schemas.js';
import { readSoapMessage, readXmlDocument } from '../../../src/bastjanster/common/xml-message.js';
import { MIV_STATUS, type MivFelkod } from '../../../src/bastjanster/miv/felkoder.js';
import { miv } from '../../../src/bastjanster/miv/index.js';
import { NativeProtocolError, type AdapterContext, type NativeResponse } from '../../../src/bastjanster/types.js';
import type { SsbtekFraga } from '../../../src/ssbtek/model.js';
import { readFault } from '../../../src/xml/soap.js';
import type { XElement } from '../../../src/xml/tree.js';
import { serialize } from '../../../src/xml/write.js';
import { adapterContext, emulatorContext, testPopulation } from '../../support/context.js';
import { sampleFraga, TODAY } from '../../support/fraga.js';
import { at, elements, textAt, tree } from '../../support/xml.js';

/** Generated population: no immigration. */
const UTAN_INVANDRING = '198807012383';
/** miv.json: came from Syria 2015 as an asylum seeker, permanent permit (Person.invandring overridden). */
const SYRIEN_PERMANENT = '198807062396';
/** miv.json: scenario 500-100 and 500-104. */
const FEL_500_100 = '199100912386';
const FEL_500_104 = '199105732383';
/** general.json: MIV answers garbage. */
const SKRAP = '198305032396';
/** Generated persons with immigration and a personnummer: permanent and time-limited permits, every ground. */
const PERSONNUMMER_INVANDRADE = [
  '199001152397',
  '199001172395',
  '199001222398',
  '199001232397',
  '199003072387',
  '199003152395',
];
/** Generated persons with a samordningsnummer (all immigrated, time-limited or pending). */
const SAMORDNINGSNUMMER = [
  '199000702390',
  '199000742396',
  '199001792382',
  '199002622398',
  '199003912384',
  '199004772381',
  '199005792388',
  '199007782395',
  '199008602394',
  '199010852383',
  '199012652385',
  '199101722396',
  '199102822393',
];

const fragaFor = (personidentitet: string, overrides: Partial<SsbtekFraga> = {}): SsbtekFraga =>
  sampleFraga({ personidentitet, ...overrides }, { MIV: { inkludera: true } });

async function ask(fraga: SsbtekFraga, context: AdapterContext = adapterContext(), edit = (body: string) => body) {
  const request = miv.adapter.toNative(fraga, context);
  const response = await miv.emulator.handle({ ...request, body: edit(request.body) }, emulatorContext());
  return { response, utfall: () => miv.adapter.fromNative(response, fraga, context) };
}

/** The `response` element of a 200 answer, after checking the answer is valid against the MIV schema. */
function responseOf(reply: NativeResponse): XElement {
  expect(reply.status).to.equal(200);
  const read = readSoapMessage(reply.body, nativeSchema('miv'));
  expect(read.ok, read.ok ? '' : read.message).to.equal(true);
  const response = at(tree(reply.body), 'Body', 'findByPersonnummerResponse', 'response');
  expect(response?.ns).to.equal('');
  return response!;
}

interface Svar {
  anledning?: string;
  ansokningsdatum?: string;
  beslutsdatum?: string;
  fromDatum?: string;
  giltighetstid?: string;
  tomDatum?: string;
}

function svarOf(response: XElement): Svar[] {
  return elements(at(response, 'svarCollection')!).map((s) => ({
    anledning: textAt(s, 'anledning'),
    ansokningsdatum: textAt(s, 'ansokningsdatum'),
    beslutsdatum: textAt(s, 'beslutsdatum'),
    fromDatum: textAt(s, 'fromDatum'),
    giltighetstid: textAt(s, 'giltighetstid'),
    tomDatum: textAt(s, 'tomDatum'),
  }));
}

/** The permit rules every history must keep: dates in order, nothing decided after today, tomDatum iff TIDBEGRANSAT. */
function expectPlausibleHistory(number: string, svar: Svar[]): void {
  expect(svar.length, `${number}: cases`).to.be.above(0);
  let previous = '';
  for (const s of svar) {
    expect(s.ansokningsdatum! > previous, `${number}: applied after the previous decision`).to.equal(true);
    expect(s.ansokningsdatum! <= TODAY, `${number}: applied by today`).to.equal(true);
    if (!s.beslutsdatum) {
      expect(s, `${number}: only the last case can be pending`).to.equal(svar.at(-1));
      continue;
    }
    expect(s.ansokningsdatum! < s.beslutsdatum, `${number}: ansokningsdatum < beslutsdatum`).to.equal(true);
    expect(s.beslutsdatum <= s.fromDatum!, `${number}: beslutsdatum ≤ fromDatum`).to.equal(true);
    expect(s.beslutsdatum <= TODAY, `${number}: decided by today`).to.equal(true);
    if (s.giltighetstid === 'TIDBEGRANSAT') expect(s.tomDatum! > s.fromDatum!, `${number}: tomDatum`).to.equal(true);
    else expect([s.giltighetstid, s.tomDatum], number).to.deep.equal(['PERMANENT', undefined]);
    previous = s.beslutsdatum;
  }
}

const ANLEDNING_FOR_GRUND = { ASYL: 'SKYDD', ARBETE: 'ARB', ANKNYTNING: 'ANK', STUDIER: 'STU' } as const;

describe('MIV: emulator – residence permits consistent with the person (200 Ok)', () => {
  it('answers a person without immigration with personnummer, names and an empty svarCollection', async () => {
    const person = testPopulation().person(UTAN_INVANDRING, TODAY)!;
    expect(person.invandring).to.equal(undefined);
    const response = responseOf((await ask(fragaFor(UTAN_INVANDRING))).response);
    expect(textAt(response, 'personnummer')).to.equal(UTAN_INVANDRING);
    expect([textAt(response, 'fornamn'), textAt(response, 'efternamn')]).to.deep.equal([
      person.fornamn,
      person.efternamn,
    ]);
    expect([at(response, 'hemland'), at(response, 'inresedatum')]).to.deep.equal([undefined, undefined]);
    expect(elements(at(response, 'svarCollection')!)).to.deep.equal([]);
  });

  it("echoes the query's korrelationsid and the header's correlationId as correlationid", async () => {
    const fraga = fragaFor(UTAN_INVANDRING, { korrelationsid: 'FRAGANS-ID' });
    const response = responseOf((await ask(fraga, adapterContext({ korrelationsid: 'FRAGANS-ID' }))).response);
    expect([textAt(response, 'korrelationsid'), textAt(response, 'correlationid')]).to.deep.equal([
      'FRAGANS-ID',
      'FRAGANS-ID',
    ]);
    const generated = responseOf(
      (await ask(fragaFor(UTAN_INVANDRING, { korrelationsid: undefined }), adapterContext({ korrelationsid: 'GEN-1' })))
        .response,
    );
    expect([at(generated, 'korrelationsid'), textAt(generated, 'correlationid')]).to.deep.equal([undefined, 'GEN-1']);
  });

  it('answers the Syrian scenario person with hemland, inresedatum and a permanent permit on grounds of protection', async () => {
    const response = responseOf((await ask(fragaFor(SYRIEN_PERMANENT))).response);
    expect([textAt(response, 'hemland'), textAt(response, 'inresedatum')]).to.deep.equal(['Syrien', '2015-10-20']);
    const svar = svarOf(response);
    expectPlausibleHistory(SYRIEN_PERMANENT, svar);
    expect(svar.at(-1)?.giltighetstid).to.equal('PERMANENT');
    expect((svar[0]?.ansokningsdatum ?? '') >= '2015-10-20', 'asylum is applied for on arrival').to.equal(true);
    expect(new Set(svar.map((s) => s.anledning))).to.deep.equal(new Set(['SKYDD']));
  });

  it('gives immigrated persons with a personnummer a granted permit matching Invandring (grund, tillstand, hemland)', async () => {
    const grunder = new Set<string>();
    const tillstand = new Set<string>();
    for (const number of PERSONNUMMER_INVANDRADE) {
      const { invandring } = testPopulation().person(number, TODAY)!;
      const response = responseOf((await ask(fragaFor(number))).response);
      expect([textAt(response, 'hemland'), textAt(response, 'inresedatum')], number).to.deep.equal([
        invandring!.hemland.namn,
        invandring!.inresedatum,
      ]);
      const svar = svarOf(response);
      expectPlausibleHistory(number, svar);
      const granted = svar.filter((s) => s.beslutsdatum);
      expect(granted.at(-1)?.giltighetstid, `${number}: latest permit`).to.equal(invandring!.tillstand);
      expect(new Set(svar.map((s) => s.anledning)), number).to.deep.equal(
        new Set([ANLEDNING_FOR_GRUND[invandring!.grund]]),
      );
      grunder.add(invandring!.grund);
      tillstand.add(invandring!.tillstand);
    }
    expect([...grunder].sort()).to.deep.equal(['ANKNYTNING', 'ARBETE', 'ASYL', 'STUDIER']);
    expect([...tillstand].sort()).to.deep.equal(['PERMANENT', 'TIDBEGRANSAT']);
  });

  it('gives samordningsnummer persons a recent time-limited permit or a pending case, never a permanent one', async () => {
    let pending = 0;
    let recent = 0;
    for (const number of SAMORDNINGSNUMMER) {
      const response = responseOf((await ask(fragaFor(number))).response);
      const svar = svarOf(response);
      expectPlausibleHistory(number, svar);
      expect(
        svar.filter((s) => s.giltighetstid === 'PERMANENT'),
        number,
      ).to.deep.equal([]);
      if (!svar.at(-1)?.beslutsdatum) pending++;
      if (svar.some((s) => s.giltighetstid === 'TIDBEGRANSAT' && s.fromDatum! >= '2023-11-24')) recent++;
      else expect(svar.at(-1)?.beslutsdatum, `${number}: neither a recent permit nor pending`).to.equal(undefined);
    }
    expect(pending, 'some cases are pending').to.be.above(0);
    expect(recent, 'some have a recent permit').to.be.above(0);
  });

  it('answers the same cases every time (deterministic per person)', async () => {
    const first = svarOf(responseOf((await ask(fragaFor(PERSONNUMMER_INVANDRADE[0]!))).response));
    const second = svarOf(responseOf((await ask(fragaFor(PERSONNUMMER_INVANDRADE[0]!))).response));
    expect(second).to.deep.equal(first);
  });

  it('maps a 200 answer to data: the unqualified response element under data', async () => {
    const utfall = (await ask(fragaFor(SYRIEN_PERMANENT))).utfall();
    if (utfall.kind !== 'data' || utfall.data.kind !== 'xml') throw new Error('expected xml data');
    expect(utfall.data.children.map((c) => [c.ns, c.name])).to.deep.equal([['', 'response']]);
  });
});

describe('MIV: error codes (seed §7.3.3 MIV table) as SOAP Faults with SSBTEKSoapException', () => {
  /** Checks the native Fault (SOAP 1.1, detail valid against MIV's schema) and its mapping to a BT error. */
  async function expectFault(result: Awaited<ReturnType<typeof ask>>, code: MivFelkod, faultcode: 'Client' | 'Server') {
    const { response, utfall } = result;
    expect(response.status).to.equal(500);
    const fault = readFault(at(tree(response.body), 'Body', 'Fault')!);
    expect(fault?.code).to.equal(`soapenv:${faultcode}`);
    const exception = elements(fault!.detail!)[0]!;
    const read = readXmlDocument(serialize(exception), nativeSchema('miv'));
    expect(read.ok, read.ok ? '' : read.message).to.equal(true);
    expect([textAt(exception, 'faultCode'), at(exception, 'faultCode')?.ns]).to.deep.equal([code, '']);
    const text = MIV_STATUS[code][1] || MIV_STATUS[code][0];
    expect(utfall()).to.deep.equal({ kind: 'error', kalla: 'BT', felkod: code, felmeddelande: [text] });
  }

  const fraga = fragaFor(PERSONNUMMER_INVANDRADE[0]!);

  it('500-100 "Oväntat fel" for the scenario person', async () => {
    await expectFault(await ask(fragaFor(FEL_500_100)), '500-100', 'Server');
    expect(MIV_STATUS['500-100'][1]).to.equal('Oväntat fel');
  });

  it('500-101 "Felaktigt correlation_id" for an empty correlationId', async () => {
    await expectFault(await ask(fraga, adapterContext({ korrelationsid: '' })), '500-101', 'Client');
    expect(MIV_STATUS['500-101'][0]).to.equal('Felaktigt correlation_id');
  });

  it('500-101 for a correlationId over 100 characters (100 are accepted)', async () => {
    await expectFault(await ask(fraga, adapterContext({ korrelationsid: 'k'.repeat(101) })), '500-101', 'Client');
    expect((await ask(fraga, adapterContext({ korrelationsid: 'k'.repeat(100) }))).response.status).to.equal(200);
  });

  it('500-101 for a request without SOAP header, or without SSBTEKHeader in it', async () => {
    await expectFault(
      await ask(fraga, adapterContext(), (b) => b.replace(/<soapenv:Header>.*<\/soapenv:Header>/, '')),
      '500-101',
      'Client',
    );
    await expectFault(
      await ask(fraga, adapterContext(), (b) => b.replace(/<mivh:SSBTEKHeader>.*<\/mivh:SSBTEKHeader>/, '')),
      '500-101',
      'Client',
    );
  });

  it('500-101 for an SSBTEKHeader that is otherwise invalid against the header schema', async () => {
    const extra = (b: string) => b.replace('</mivh:anvandarId>', '</mivh:anvandarId><mivh:extra>x</mivh:extra>');
    await expectFault(await ask(fraga, adapterContext(), extra), '500-101', 'Client');
  });

  it('500-102 "Felaktigt användar_id" for an empty anvandarId', async () => {
    const utanHandlaggare = fragaFor(PERSONNUMMER_INVANDRADE[0]!, {
      ingivare: { organisationsnummer: '162120002411', namn: 'Kommun A', handlaggare: ' ' },
    });
    await expectFault(await ask(utanHandlaggare), '500-102', 'Client');
    expect(MIV_STATUS['500-102'][0]).to.equal('Felaktigt användar_id');
  });

  const ogiltiga: [string, string][] = [
    ['a wrong check digit', '199001172396'],
    ['an impossible date', '199013172395'],
    ['ten digits', '9001172395'],
    ['a hyphen', '19900117-2395'],
  ];
  for (const [what, personnummer] of ogiltiga) {
    it(`500-103 "Felaktigt personnummer" for ${what}`, async () => {
      await expectFault(await ask(fragaFor(personnummer)), '500-103', 'Client');
      expect(MIV_STATUS['500-103'][0]).to.equal('Felaktigt personnummer');
    });
  }

  it('500-104 "Serverfel" for the scenario person', async () => {
    await expectFault(await ask(fragaFor(FEL_500_104)), '500-104', 'Server');
    expect(MIV_STATUS['500-104'][0]).to.equal('Serverfel');
  });

  it('answers a body the SOAP stack cannot unmarshal with a Client fault without detail (→ protocol error)', async () => {
    const { response, utfall } = await ask(fraga, adapterContext(), (b) =>
      b.replace(/<personnummer>\d+<\/personnummer>/, ''),
    );
    expect(response.status).to.equal(500);
    expect(readFault(at(tree(response.body), 'Body', 'Fault')!)?.detail).to.equal(undefined);
    expect(utfall).to.throw(NativeProtocolError);
  });

  it('answers garbage for the scenario person "garbage" (→ protocol error)', async () => {
    const { response, utfall } = await ask(fragaFor(SKRAP));
    expect(response.status).to.equal(200);
    expect(utfall).to.throw(NativeProtocolError);
  });

  it('answers POST /__test with 200 and an unknown path with HTTP 404', async () => {
    expect(
      (await miv.emulator.handle({ path: '/__test', contentType: 'text/plain', body: '' }, emulatorContext())).status,
    ).to.equal(200);
    expect(
      (await miv.emulator.handle({ path: '/ssbtek/v2', contentType: 'text/xml', body: '' }, emulatorContext())).status,
    ).to.equal(404);
  });
});
