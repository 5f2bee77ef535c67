import { expect } from 'chai';
import { nativeSchema } from '../../../src/bastjanster/common/native-schemas.js';
import { readSoapMessage, readXmlDocument } from '../../../src/bastjanster/common/xml-message.js';
import { beslutsdatum } from '../../../src/bastjanster/skv/data.js';
import { NS } from '../../../src/xml/namespaces.js';
import { testPopulation } from '../../support/context.js';
import { TODAY } from '../../support/fraga.js';
import { childrenNamed, type XElement } from '../../../src/xml/tree.js';
import { at, elements, text, textAt, tree } from '../../support/xml.js';
import {
  ANSTALLD,
  ask,
  BARN,
  beskattningsuppgifter,
  INVANDRAD_2025,
  PENSIONAR,
  SKYDDAD,
  skvFraga,
} from './skv-support.js';
import { ssbtekViolations } from './ssbtek-fit.js';

const BU = NS.skvInner;
const years = (uppgifter: XElement): XElement[] => childrenNamed(uppgifter, BU, 'Beskattningsar');
const amount = (ar: XElement | undefined, name: string): number => Number(textAt(ar, name));

describe('SKV: answer and its mapping (seed §6.11)', () => {
  it('answers HTTP 200 with a response valid against the SKV schema, outside and inside', async () => {
    const { response } = await ask(skvFraga());
    expect(response.status).to.equal(200);
    const outer = readSoapMessage(response.body, nativeSchema('skv'));
    expect(outer.ok, outer.ok ? '' : outer.message).to.equal(true);
    const svar = text(at(tree(response.body), 'Body', 'BeskattningsuppgifterResponse', 'svar'));
    const inner = readXmlDocument(svar, nativeSchema('skvInner'));
    expect(inner.ok, inner.ok ? '' : inner.message).to.equal(true);
  });

  it('writes svar unqualified with the escaped document as its only content', async () => {
    const { response } = await ask(skvFraga());
    const svar = at(tree(response.body), 'Body', 'BeskattningsuppgifterResponse', 'svar');
    expect(svar?.ns).to.equal('');
    expect(svar && elements(svar)).to.deep.equal([]);
    expect(response.body).to.include('<svar>&lt;?xml');
  });

  it('maps the answer to data holding exactly the unqualified svar element, its text unchanged', async () => {
    const { response, utfall } = await ask(skvFraga());
    if (utfall.kind !== 'data' || utfall.data.kind !== 'xml') throw new Error('expected xml data');
    expect(utfall.data.children.map((c) => [c.ns, c.name])).to.deep.equal([['', 'svar']]);
    expect(text(utfall.data.children[0])).to.equal(
      text(at(tree(response.body), 'Body', 'BeskattningsuppgifterResponse', 'svar')),
    );
  });

  it('gives data that fits skv:BeskattningsuppgifterResponseTYPE in the v10 and v1 answers', async () => {
    const { utfall } = await ask(skvFraga());
    expect(ssbtekViolations('SKV', utfall)).to.deep.equal([]);
  });

  it('echoes IdentitetsbeteckningFysiskPerson and Referensnummer', async () => {
    const uppgifter = beskattningsuppgifter((await ask(skvFraga({ arendeidentitet: 'REF-77' }))).utfall);
    expect(textAt(uppgifter, 'IdentitetsbeteckningFysiskPerson')).to.equal(ANSTALLD);
    expect(textAt(uppgifter, 'Referensnummer')).to.equal('REF-77');
  });
});

describe('SKV: beskattningsuppgifter consistent with the person', () => {
  it('gives the three last decided income years, newest first, each decided in August–December of the next year', async () => {
    const ar = years(beskattningsuppgifter((await ask(skvFraga())).utfall));
    expect(ar.map((a) => Number(textAt(a, 'Inkomstar')))).to.deep.equal([2025, 2024, 2023]);
    for (const a of ar) {
      const year = Number(textAt(a, 'Inkomstar'));
      const beslut = textAt(a, 'Beslutsdatum') ?? '';
      expect(beslut >= `${year + 1}-08-01` && beslut <= `${year + 1}-12-31` && beslut <= TODAY, beslut).to.equal(true);
    }
  });

  it('leaves out an income year whose final decision is not yet made on "today"', async () => {
    const decided = beslutsdatum(ANSTALLD, 2025);
    const dayBefore = new Date(Date.parse(`${decided}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const before = years(beskattningsuppgifter((await ask(skvFraga(), { today: dayBefore })).utfall));
    const on = years(beskattningsuppgifter((await ask(skvFraga(), { today: decided })).utfall));
    expect(before.map((a) => textAt(a, 'Inkomstar'))).to.deep.equal(['2024', '2023', '2022']);
    expect(on.map((a) => textAt(a, 'Inkomstar'))).to.deep.equal(['2025', '2024', '2023']);
  });

  it('keeps a year’s decision date whatever "today" is', async () => {
    const now = years(beskattningsuppgifter((await ask(skvFraga())).utfall))[1];
    const later = years(beskattningsuppgifter((await ask(skvFraga(), { today: '2027-12-31' })).utfall));
    expect(textAt(now, 'Inkomstar')).to.equal('2024');
    expect(
      textAt(
        later.find((a) => textAt(a, 'Inkomstar') === '2024'),
        'Beslutsdatum',
      ),
    ).to.equal(textAt(now, 'Beslutsdatum'));
  });

  it('reports an employee’s income as TaxeradForvarvsinkomst near arsinkomst, in whole hundreds, without pension', async () => {
    const person = testPopulation().person(ANSTALLD, TODAY);
    const latest = years(beskattningsuppgifter((await ask(skvFraga())).utfall))[0];
    const forvarv = amount(latest, 'TaxeradForvarvsinkomst');
    expect(forvarv % 100).to.equal(0);
    expect(forvarv / (person?.arsinkomst ?? 1)).to.be.within(0.9, 1.1);
    expect(at(latest, 'SkattepliktigaPensioner')).to.equal(undefined);
  });

  it('sets SlutligSkatt at about 30 % of taxed income', async () => {
    for (const a of years(beskattningsuppgifter((await ask(skvFraga())).utfall))) {
      const kapital = (amount(a, 'InkomstAvKapital') || 0) - (amount(a, 'UnderskottAvKapital') || 0);
      expect(amount(a, 'SlutligSkatt') / (amount(a, 'TaxeradForvarvsinkomst') + kapital)).to.be.within(0.27, 0.33);
    }
  });

  it('reports a pensioner’s pension as SkattepliktigaPensioner', async () => {
    const ar = years(beskattningsuppgifter((await ask(skvFraga({ personidentitet: PENSIONAR }))).utfall));
    expect(ar).to.have.length(3);
    for (const a of ar) expect(amount(a, 'SkattepliktigaPensioner')).to.be.greaterThan(100_000);
  });

  it('has capital income for some years and persons', async () => {
    const all: XElement[] = [];
    for (const pnr of [ANSTALLD, PENSIONAR])
      all.push(...years(beskattningsuppgifter((await ask(skvFraga({ personidentitet: pnr }))).utfall)));
    expect(all.some((a) => at(a, 'InkomstAvKapital') !== undefined)).to.equal(true);
  });

  it('has no Beskattningsar for a child without income', async () => {
    const uppgifter = beskattningsuppgifter((await ask(skvFraga({ personidentitet: BARN }))).utfall);
    expect(years(uppgifter)).to.deep.equal([]);
    expect(textAt(uppgifter, 'IdentitetsbeteckningFysiskPerson')).to.equal(BARN);
  });

  it('has no income years from before the person came to Sweden', async () => {
    const ar = years(beskattningsuppgifter((await ask(skvFraga({ personidentitet: INVANDRAD_2025 }))).utfall));
    expect(ar.map((a) => textAt(a, 'Inkomstar'))).to.deep.equal(['2025']);
  });

  it('has no Beskattningsar for a number with a wrong check digit (nobody SKV knows)', async () => {
    const { utfall } = await ask(skvFraga({ personidentitet: '197601042399' }));
    expect(years(beskattningsuppgifter(utfall))).to.deep.equal([]);
  });

  it('answers normally for a person with skyddad identitet (tax figures to an authority)', async () => {
    expect(testPopulation().person(SKYDDAD, TODAY)?.skyddadIdentitet).to.equal(true);
    const { utfall } = await ask(skvFraga({ personidentitet: SKYDDAD }));
    expect(years(beskattningsuppgifter(utfall))).to.have.length(3);
  });
});
