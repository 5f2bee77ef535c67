import { expect } from 'chai';
import { nativeSchema } from '../../../src/bastjanster/common/native-schemas.js';
import { readSoapMessage } from '../../../src/bastjanster/common/xml-message.js';
import { MAX_DAGPENNING } from '../../../src/bastjanster/so/data.js';
import { daysBetween } from '../../../src/population/dates.js';
import { NS } from '../../../src/xml/namespaces.js';
import { attr, childrenNamed, type XElement } from '../../../src/xml/tree.js';
import { testPopulation } from '../../support/context.js';
import { TODAY } from '../../support/fraga.js';
import { at, elements, textAt, tree } from '../../support/xml.js';
import { ssbtekViolations } from '../skv/ssbtek-fit.js';
import {
  ANSTALLD_MED_KASSA,
  ARBETSSOKANDE_MED_KASSA,
  ask,
  dataOf,
  MED_AVSTANGNING,
  soFraga,
  UTAN_KASSA,
} from './so-support.js';

const SO = NS.so;
const lista = (data: XElement[]): XElement[] => {
  const list = data.find((e) => e.name === 'ArbetsloshetsersattningLista');
  if (!list) throw new Error('no ArbetsloshetsersattningLista');
  return childrenNamed(list, SO, 'Arbetsloshetsersattning');
};
const utbetalningar = async (overrides: Parameters<typeof soFraga>[0] = {}) =>
  childrenNamed(lista(dataOf((await ask(soFraga(overrides))).utfall))[0]!, SO, 'Utbetalningar');
const dates = (elements: XElement[], name: string) => elements.map((e) => textAt(e, name) ?? '');

describe('SO: answer and its mapping (seed §6.12)', () => {
  it('answers HTTP 200 with a response valid against the SO schema', async () => {
    const { response } = await ask(soFraga());
    expect(response.status).to.equal(200);
    const result = readSoapMessage(response.body, nativeSchema('so'));
    expect(result.ok, result.ok ? '' : result.message).to.equal(true);
  });

  it('maps every child of GetUnemploymentBenefitPaymentResponse to data, in order', async () => {
    const { response, utfall } = await ask(soFraga());
    const native = at(tree(response.body), 'Body', 'GetUnemploymentBenefitPaymentResponse');
    expect(dataOf(utfall).map((e) => [e.ns, e.name])).to.deep.equal(elements(native!).map((e) => [e.ns, e.name]));
    expect(dataOf(utfall).at(-1)?.name).to.equal('ArbetsloshetsersattningLista');
  });

  it('echoes every field of the request before the list', async () => {
    const { request, utfall } = await ask(soFraga());
    const sent = elements(at(tree(request.body), 'Body', 'GetUnemploymentBenefitPaymentRequest')!);
    const echoed = dataOf(utfall).slice(0, -1);
    expect(echoed.map((e) => [e.name, textAt(e)])).to.deep.equal(sent.map((e) => [e.name, textAt(e)]));
  });

  it('gives data that fits so:GetUnemploymentBenefitPaymentResponseType in the v10 and v1 answers', async () => {
    for (const pnr of [ARBETSSOKANDE_MED_KASSA, ANSTALLD_MED_KASSA, UTAN_KASSA]) {
      const { utfall } = await ask(soFraga({ personidentitet: pnr }));
      expect(ssbtekViolations('SO', utfall), pnr).to.deep.equal([]);
    }
  });
});

describe('SO: a-kassa data consistent with the person', () => {
  it('has one Arbetsloshetsersattning from the person’s own a-kassa, status OK', async () => {
    const entries = lista(dataOf((await ask(soFraga())).utfall));
    expect(entries).to.have.length(1);
    expect(textAt(entries[0], 'SvarandeOrganisation')).to.equal(
      testPopulation().person(ARBETSSOKANDE_MED_KASSA, TODAY)?.akassa,
    );
    expect(textAt(entries[0], 'StatusSvarandeOrganisation')).to.equal('OK');
  });

  it('pays a job seeker every second week, each payment for the two weeks Monday–Sunday just passed', async () => {
    const paid = await utbetalningar();
    expect(paid.length).to.be.within(5, 7);
    const paydays = dates(paid, 'Utbetalningsdatum');
    for (let i = 1; i < paydays.length; i++) expect(daysBetween(paydays[i - 1]!, paydays[i]!)).to.equal(14);
    for (const u of paid) {
      const from = textAt(u, 'AvserFrom') ?? '';
      expect(new Date(`${from}T00:00:00Z`).getUTCDay()).to.equal(1);
      expect(daysBetween(from, textAt(u, 'AvserTom') ?? '')).to.equal(13);
      expect(textAt(u, 'Utbetalningsdatum')! > textAt(u, 'AvserTom')!).to.equal(true);
    }
  });

  it('lists only payments dated inside the asked period', async () => {
    const paid = await utbetalningar({ tidsperiod: { fromDatum: '2026-10-01', tomDatum: '2026-10-20' } });
    expect(paid.length).to.be.within(1, 2);
    for (const day of dates(paid, 'Utbetalningsdatum'))
      expect(day >= '2026-10-01' && day <= '2026-10-20', day).to.equal(true);
  });

  it('lists no payment after "today" even when the period reaches into the future', async () => {
    const paid = await utbetalningar({ tidsperiod: { fromDatum: '2026-11-01', tomDatum: '2026-12-31' } });
    for (const day of dates(paid, 'Utbetalningsdatum')) expect(day <= TODAY, day).to.equal(true);
  });

  it('lists no payments for a period before the member started claiming, but still names the kassa', async () => {
    const entries = lista(
      dataOf((await ask(soFraga({ tidsperiod: { fromDatum: '2020-01-01', tomDatum: '2020-03-31' } }))).utfall),
    );
    expect(entries).to.have.length(1);
    expect(childrenNamed(entries[0]!, SO, 'Utbetalningar')).to.deep.equal([]);
  });

  it('keeps the daily allowance at most 1200 kr before tax, and NettoEfterAvdrag at most NettoEfterSkatt', async () => {
    for (const u of [...(await utbetalningar()), ...(await utbetalningar({ personidentitet: MED_AVSTANGNING }))]) {
      const dagar = Number(textAt(u, 'Ersattningsdagar'));
      const netto = Number(textAt(u, 'NettoEfterSkatt'));
      expect(dagar).to.be.within(1, 10);
      expect(netto / 0.7 / dagar).to.be.within(510, MAX_DAGPENNING + 0.01);
      expect(Number(textAt(u, 'NettoEfterAvdrag'))).to.be.at.most(netto);
      expect(textAt(u, 'NettoEfterSkatt')).to.match(/^\d+\.\d{2}$/);
    }
  });

  it('reports an avstängning (Monday–Friday) and pays at most five days for that period', async () => {
    const entry = lista(dataOf((await ask(soFraga({ personidentitet: MED_AVSTANGNING }))).utfall))[0]!;
    const avstangningar = childrenNamed(entry, SO, 'Avstangningar');
    expect(avstangningar).to.have.length(1);
    const from = textAt(avstangningar[0], 'AvstangdFrom') ?? '';
    expect(daysBetween(from, textAt(avstangningar[0], 'AvstangdTom') ?? '')).to.equal(4);
    const covering = childrenNamed(entry, SO, 'Utbetalningar').find(
      (u) => textAt(u, 'AvserFrom')! <= from && from <= textAt(u, 'AvserTom')!,
    );
    expect(Number(textAt(covering, 'Ersattningsdagar'))).to.be.at.most(5);
  });

  it('shows deductions as NettoEfterAvdrag below NettoEfterSkatt for some payments', async () => {
    const paid = await utbetalningar({ personidentitet: MED_AVSTANGNING });
    expect(paid.some((u) => Number(textAt(u, 'NettoEfterAvdrag')) < Number(textAt(u, 'NettoEfterSkatt')))).to.equal(
      true,
    );
  });

  it('tells that a job seeker applied: a decision before the first period, AnsokanOmUtbetalningInlamnad true', async () => {
    const entry = lista(dataOf((await ask(soFraga())).utfall))[0]!;
    const first = dates(childrenNamed(entry, SO, 'Utbetalningar'), 'AvserFrom')[0]!;
    expect(textAt(entry, 'AnsoktOmErsattning', 'BeslutOmRattTillErsattning')! < first).to.equal(true);
    expect(textAt(entry, 'AnsoktOmErsattning', 'AnsokanOmUtbetalningInlamnad')).to.equal('true');
  });

  it('knows an employed member who never applied: no payments, decision nil, no application', async () => {
    const entries = lista(dataOf((await ask(soFraga({ personidentitet: ANSTALLD_MED_KASSA }))).utfall));
    expect(entries).to.have.length(1);
    expect(childrenNamed(entries[0]!, SO, 'Utbetalningar')).to.deep.equal([]);
    const beslut = at(entries[0], 'AnsoktOmErsattning', 'BeslutOmRattTillErsattning');
    expect(beslut && attr(beslut, 'nil', NS.xsi)).to.equal('true');
    expect(textAt(entries[0], 'AnsoktOmErsattning', 'AnsokanOmUtbetalningInlamnad')).to.equal('false');
  });

  it('answers a person without a-kassa with an empty list: data, not an error', async () => {
    const { utfall } = await ask(soFraga({ personidentitet: UTAN_KASSA }));
    expect(utfall.kind).to.equal('data');
    expect(lista(dataOf(utfall))).to.deep.equal([]);
  });

  it('answers a number with a wrong check digit with an empty list (nobody a kassa knows)', async () => {
    const { utfall } = await ask(soFraga({ personidentitet: '198801062393' }));
    expect(lista(dataOf(utfall))).to.deep.equal([]);
  });
});
