import { expect } from 'chai';
import { nativeSchema } from '../../../src/bastjanster/common/native-schemas.js';
import { readSoapMessage } from '../../../src/bastjanster/common/xml-message.js';
import { TNS_FELKODER } from '../../../src/bastjanster/tns/felkoder.js';
import { tns } from '../../../src/bastjanster/tns/index.js';
import { NativeProtocolError, type NativeRequest, type NativeResponse } from '../../../src/bastjanster/types.js';
import type { SsbtekFraga } from '../../../src/ssbtek/model.js';
import { readFault } from '../../../src/xml/soap.js';
import { adapterContext, emulatorContext, testPopulation } from '../../support/context.js';
import { sampleFraga, TODAY } from '../../support/fraga.js';
import { at, elements, textAt, tree } from '../../support/xml.js';

/** general.json: a scenario person with antalFordon 2. */
const TVA_FORDON = '197706282394';
/** Generated population: antalFordon 0. */
const UTAN_FORDON = '198807012383';
/** tns.json: scenario 99. */
const FELKOD_99 = '198807022390';
/** tns.json: scenario half. */
const HALVT_SVAR = '198807032399';
/** Generated persons with 0, 1 or 2 vehicles; 198807162386 and 198807212397 each own a motorcycle. */
const URVAL = [
  '198807012383',
  '198807012391',
  '198807022382',
  '198807042380',
  '198807052389',
  '198807062388',
  '198807072395',
  '198807082386',
  '198807102390',
  '198807162386',
  '198807212397',
  '198807152395',
];

const fragaFor = (personidentitet: string): SsbtekFraga =>
  sampleFraga({ personidentitet }, { TNS: { inkludera: true } });

async function ask(personidentitet: string) {
  const fraga = fragaFor(personidentitet);
  const request = tns.adapter.toNative(fraga, adapterContext());
  const response = await tns.emulator.handle(request, emulatorContext());
  return { response, utfall: () => tns.adapter.fromNative(response, fraga, adapterContext()) };
}

function expectValidReply(response: NativeResponse): void {
  const read = readSoapMessage(response.body, nativeSchema('tns'));
  expect(read.ok, read.ok ? '' : read.message).to.equal(true);
}

function fordon(response: NativeResponse) {
  const innehav = at(tree(response.body), 'Body', 'HamtaUppgifterResponse', 'fordonsinnehav');
  expect(innehav, 'fordonsinnehav').to.not.equal(undefined);
  return elements(innehav!).map((f) => ({
    regnr: textAt(f, 'regnr') as string,
    fabrikat: textAt(f, 'fabrikat') as string,
    fordonsar: textAt(f, 'fordonsar') as string,
    fordonsslag: textAt(f, 'fordonsslag') as string,
    handelsbeteckning: textAt(f, 'handelsbeteckning') as string,
  }));
}

/** Send the adapter's request with a change to its text, e.g. without its header. */
async function askEdited(edit: (body: string) => string): Promise<NativeResponse> {
  const request = tns.adapter.toNative(fragaFor(TVA_FORDON), adapterContext());
  return tns.emulator.handle({ ...request, body: edit(request.body) }, emulatorContext());
}

function expectClientFault(response: NativeResponse): void {
  expect(response.status).to.equal(500);
  const fault = readFault(at(tree(response.body), 'Body', 'Fault')!);
  expect(fault?.code).to.equal('soapenv:Client');
  expect(() => tns.adapter.fromNative(response, fragaFor(TVA_FORDON), adapterContext())).to.throw(NativeProtocolError);
}

describe('TNS: emulator – fordonsinnehav consistent with the person', () => {
  it('answers resultat OK with as many fordon as Person.antalFordon (scenario person with two)', async () => {
    const { response } = await ask(TVA_FORDON);
    expect(response.status).to.equal(200);
    expectValidReply(response);
    expect(textAt(tree(response.body), 'Body', 'HamtaUppgifterResponse', 'resultat')).to.equal('OK');
    expect(fordon(response)).to.have.length(2);
  });

  it('answers a person without vehicles with resultat OK and an empty fordonsinnehav', async () => {
    const { response, utfall } = await ask(UTAN_FORDON);
    expectValidReply(response);
    expect(fordon(response)).to.deep.equal([]);
    expect(utfall()).to.deep.include({ kind: 'data' });
  });

  it('answers a number with a wrong check digit (unknown to TS) with OK and no vehicles', async () => {
    const { response } = await ask('197706282395');
    expectValidReply(response);
    expect(fordon(response)).to.deep.equal([]);
  });

  it('gives every person of a sample exactly Person.antalFordon plausible vehicles', async () => {
    const counts = new Set<number>();
    const slag = new Set<string>();
    for (const number of URVAL) {
      const person = testPopulation().person(number, TODAY)!;
      const { response } = await ask(number);
      expectValidReply(response);
      const list = fordon(response);
      expect(list, number).to.have.length(person.antalFordon);
      counts.add(list.length);
      for (const f of list) {
        // Swedish plates: ABC123 or ABC12D; never I, Q, V, Å, Ä, Ö; no O in the last position
        expect(f.regnr, number).to.match(/^[A-HJ-PR-UW-Z]{3}\d{2}[\dA-HJ-NPR-UW-Z]$/);
        expect(Number(f.fordonsar), number).to.be.within(1990, Number(TODAY.slice(0, 4)));
        expect(f.fordonsslag).to.be.oneOf(['PERSONBIL', 'MOTORCYKEL']);
        expect(`${f.fabrikat} ${f.handelsbeteckning}`).to.be.oneOf(
          f.fordonsslag === 'PERSONBIL' ? PERSONBILAR : MOTORCYKLAR,
        );
        slag.add(f.fordonsslag);
      }
      expect(new Set(list.map((f) => f.regnr)).size, `${number}: unique regnr`).to.equal(list.length);
    }
    expect([...counts].sort()).to.deep.equal([0, 1, 2]);
    expect([...slag].sort()).to.deep.equal(['MOTORCYKEL', 'PERSONBIL']);
  });

  it('answers the same vehicles every time (deterministic per person)', async () => {
    const first = fordon((await ask(TVA_FORDON)).response);
    const second = fordon((await ask(TVA_FORDON)).response);
    expect(second).to.deep.equal(first);
  });
});

describe('TNS: error codes (seed §7.3.3 TS table) and native error forms', () => {
  it('answers felkod 99 "Oväntat fel" as resultat FEL with felresultat, mapped to error kalla BT', async () => {
    const { response, utfall } = await ask(FELKOD_99);
    expect(response.status).to.equal(200);
    expectValidReply(response);
    const svar = at(tree(response.body), 'Body', 'HamtaUppgifterResponse');
    expect(textAt(svar, 'resultat')).to.equal('FEL');
    expect(textAt(svar, 'felresultat', 'felkod')).to.equal('99');
    expect(utfall()).to.deep.equal({ kind: 'error', kalla: 'BT', felkod: '99', felmeddelande: [TNS_FELKODER[99][1]] });
    expect(TNS_FELKODER[99][1]).to.equal('Oväntat fel');
  });

  it('answers a request without SOAP header with a Client fault (→ protocol error)', async () => {
    expectClientFault(await askEdited((body) => body.replace(/<soapenv:Header>.*<\/soapenv:Header>/, '')));
  });

  it('answers a header without SSBTEKHeader with a Client fault', async () => {
    expectClientFault(await askEdited((body) => body.replace(/<tsh:SSBTEKHeader>.*<\/tsh:SSBTEKHeader>/, '')));
  });

  it('answers an invalid SSBTEKHeader (organisationsnummer not [0-9]{4}[2-9][0-9]{7}) with a Client fault', async () => {
    expectClientFault(await askEdited((body) => body.replace('162120002411', '16212000241')));
  });

  it('answers an invalid body (sekel 18) with a Client fault', async () => {
    expectClientFault(await askEdited((body) => body.replace('<per:sekel>19<', '<per:sekel>18<')));
  });

  it('answers something that is not XML with a Client fault', async () => {
    const request: NativeRequest = { path: '/hamtauppgifter/v1', contentType: 'text/xml', body: 'hej' };
    expectClientFault(await tns.emulator.handle(request, emulatorContext()));
  });

  it('answers the wrong operation (a HamtaUppgifterResponse sent as request) with a Client fault', async () => {
    expectClientFault(
      await askEdited((body) =>
        body
          .replace(/HamtaUppgifter>/g, 'HamtaUppgifterResponse>')
          .replace(/<tns:identifikation>.*<\/tns:identifikation>/, '<tns:resultat>OK</tns:resultat>'),
      ),
    );
  });

  it('cuts the answer in half for the scenario person "half" (→ protocol error)', async () => {
    const { response, utfall } = await ask(HALVT_SVAR);
    expect(response.status).to.equal(200);
    expect(utfall).to.throw(NativeProtocolError);
  });

  it('answers POST /__test with 200 and an unknown path with HTTP 404', async () => {
    const ping = await tns.emulator.handle({ path: '/__test', contentType: 'text/plain', body: '' }, emulatorContext());
    expect(ping.status).to.equal(200);
    const missing = await tns.emulator.handle(
      { path: '/hamtauppgifter/v2', contentType: 'text/xml', body: '' },
      emulatorContext(),
    );
    expect(missing.status).to.equal(404);
  });
});

const PERSONBILAR = [
  'VOLVO V70',
  'VOLVO V60',
  'VOLVO XC60',
  'VOLVO V90',
  'SAAB 9-3',
  'SAAB 9-5',
  'TOYOTA COROLLA',
  'TOYOTA RAV4',
  'TOYOTA YARIS',
  'VOLKSWAGEN GOLF',
  'VOLKSWAGEN PASSAT',
  'VOLKSWAGEN ID.4',
  'KIA CEED',
  'KIA NIRO',
  'SKODA OCTAVIA',
  'FORD FOCUS',
  'TESLA MODEL 3',
  'TESLA MODEL Y',
];
const MOTORCYKLAR = ['YAMAHA MT-07', 'HONDA CB500F', 'KAWASAKI Z650', 'BMW R 1250 GS', 'SUZUKI SV650'];
