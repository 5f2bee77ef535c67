import { expect } from 'chai';
import { nativeSchema } from '../../../src/bastjanster/common/native-schemas.js';
import { readSoapMessage, readXmlDocument } from '../../../src/bastjanster/common/xml-message.js';
import { beslutsdatum } from '../../../src/bastjanster/skv/data.js';
import { NS } from '../../../src/xml/namespaces.js';
import { childrenNamed, childText, type XElement } from '../../../src/xml/tree.js';
import { testPopulation } from '../../support/context.js';
import { TODAY } from '../../support/fraga.js';
import { at, elements, text, tree } from '../../support/xml.js';
import {
  ANSTALLD,
  ask,
  BARN,
  FORETAGARE,
  INVANDRAD_2025,
  PENSIONAR,
  personuppgift,
  SKYDDAD,
  skvFraga,
} from './skv-support.js';
import { ssbtekViolations } from './ssbtek-fit.js';

const SI = NS.skvStandardiseradInformation;
const BESKO = NS.skvBeskattning;
const FOLKO = NS.skvFolkbokforing;

const groups = (person: XElement, name: string): XElement[] => childrenNamed(person, SI, name);
const figure = (group: XElement | undefined, name: string): number | undefined => {
  const value = group && childText(group, BESKO, name);
  return value === undefined ? undefined : Number(value);
};
const forYear = (person: XElement, name: string, taxeringsar: number): XElement | undefined =>
  groups(person, name).find((g) => figure(g, 'Taxeringsar') === taxeringsar);
const inkomstar = (person: XElement): number[] =>
  groups(person, 'SlutligSkattuppgift').map((g) => figure(g, 'Inkomstar') ?? 0);
const personFor = async (personnummer: string, today?: string): Promise<XElement> =>
  personuppgift((await ask(skvFraga({ personidentitet: personnummer }), today ? { today } : {})).utfall);

describe('SKV v10: answer and its mapping (seed §6.11)', () => {
  it('answers HTTP 200 with a response valid against the SKV schema, outside and inside', async () => {
    const { response } = await ask(skvFraga());
    expect(response.status).to.equal(200);
    const outer = readSoapMessage(response.body, nativeSchema('skv'));
    expect(outer.ok, outer.ok ? '' : outer.message).to.equal(true);
    const svar = text(at(tree(response.body), 'Body', 'BeskattningsuppgifterResponse', 'svar'));
    const inner = readXmlDocument(svar, nativeSchema('skvSvar'));
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

  it('is Skatteverket’s document: SvarBeskattningsuppgifterEnligtSFS2008-975 with folko and besko', async () => {
    const { response } = await ask(skvFraga());
    const svar = text(at(tree(response.body), 'Body', 'BeskattningsuppgifterResponse', 'svar'));
    const root = tree(svar);
    expect([root.ns, root.name]).to.deep.equal([SI, 'SvarBeskattningsuppgifterEnligtSFS2008-975']);
    expect(svar).to.include(`xmlns:folko="${FOLKO}"`).and.include(`xmlns:besko="${BESKO}"`);
  });

  it('names the person asked for, with status 999', async () => {
    const person = await personFor(ANSTALLD);
    const generated = testPopulation().person(ANSTALLD, TODAY);
    expect(childText(person, FOLKO, 'IdentitetsbeteckningFysiskPerson')).to.equal(ANSTALLD);
    expect(childText(person, FOLKO, 'Fornamn')).to.equal(generated?.fornamn);
    expect(childText(person, FOLKO, 'Efternamn')).to.equal(generated?.efternamn);
    expect(childText(person, SI, 'StatusPersonuppgiftKod')).to.equal('999');
  });
});

describe('SKV v10: beskattningsuppgifter consistent with the person', () => {
  it('gives the three last decided income years, newest first, each decided in August–December of the next year', async () => {
    const person = await personFor(ANSTALLD);
    expect(inkomstar(person)).to.deep.equal([2025, 2024, 2023]);
    for (const g of groups(person, 'SlutligSkattuppgift')) {
      const year = figure(g, 'Inkomstar') ?? 0;
      const beslut = childText(g, BESKO, 'Beslutsdatum') ?? '';
      expect(beslut >= `${year + 1}-08-01` && beslut <= `${year + 1}-12-31` && beslut <= TODAY, beslut).to.equal(true);
    }
  });

  it('gives Taxeringsar as the year of the decision (income year + 1) in every group', async () => {
    const person = await personFor(FORETAGARE);
    for (const g of groups(person, 'SlutligSkattuppgift')) {
      expect(figure(g, 'Taxeringsar')).to.equal((figure(g, 'Inkomstar') ?? 0) + 1);
      expect(childText(g, BESKO, 'Beslutsdatum')?.slice(0, 4)).to.equal(String(figure(g, 'Taxeringsar')));
    }
    const years = groups(person, 'SlutligSkattuppgift').map((g) => figure(g, 'Taxeringsar'));
    for (const name of ['Tjansteuppgift', 'Naringsuppgift', 'Kapitaluppgift']) {
      for (const g of groups(person, name)) expect(years).to.include(figure(g, 'Taxeringsar'));
    }
  });

  it('leaves out an income year whose final decision is not yet made on "today"', async () => {
    const decided = beslutsdatum(ANSTALLD, 2025);
    const dayBefore = new Date(Date.parse(`${decided}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    expect(inkomstar(await personFor(ANSTALLD, dayBefore))).to.deep.equal([2024, 2023, 2022]);
    expect(inkomstar(await personFor(ANSTALLD, decided))).to.deep.equal([2025, 2024, 2023]);
  });

  it('keeps a year’s decision date whatever "today" is', async () => {
    const now = forYear(await personFor(ANSTALLD), 'SlutligSkattuppgift', 2025);
    const later = forYear(await personFor(ANSTALLD, '2027-12-31'), 'SlutligSkattuppgift', 2025);
    expect(now && childText(now, BESKO, 'Beslutsdatum')).to.equal(later && childText(later, BESKO, 'Beslutsdatum'));
  });

  it('reports an employee’s income near arsinkomst, FaststalldForvarvsinkomst in whole hundreds, no pension', async () => {
    const generated = testPopulation().person(ANSTALLD, TODAY);
    const person = await personFor(ANSTALLD);
    const fastststalld = figure(forYear(person, 'SlutligSkattuppgift', 2026), 'FaststalldForvarvsinkomst') ?? 0;
    expect(fastststalld % 100).to.equal(0);
    expect(fastststalld / (generated?.arsinkomst ?? 1)).to.be.within(0.9, 1.1);
    for (const g of groups(person, 'Tjansteuppgift')) {
      expect(figure(g, 'SkattepliktigPension')).to.equal(undefined);
      expect(figure(g, 'OverskottAvTjanst')).to.equal(figure(g, 'SummaInkomsterAvTjanst'));
    }
  });

  it('fixes FaststalldForvarvsinkomst as tjänst + näring − allmänna avdrag, rounded down to hundreds', async () => {
    for (const pnr of [ANSTALLD, FORETAGARE, PENSIONAR]) {
      const person = await personFor(pnr);
      for (const beslut of groups(person, 'SlutligSkattuppgift')) {
        const year = figure(beslut, 'Taxeringsar') ?? 0;
        const tjanst = figure(forYear(person, 'Tjansteuppgift', year), 'OverskottAvTjanst') ?? 0;
        const naring = figure(forYear(person, 'Naringsuppgift', year), 'OverskottAvNaringsverksamhet') ?? 0;
        const avdrag = figure(beslut, 'AllmannaAvdrag') ?? 0;
        expect(figure(beslut, 'FaststalldForvarvsinkomst'), `${pnr} ${year}`).to.equal(
          Math.floor((tjanst + naring - avdrag) / 100) * 100,
        );
      }
    }
  });

  it('sets SlutligSkatt at about 30 % of taxed income', async () => {
    for (const pnr of [ANSTALLD, FORETAGARE, PENSIONAR]) {
      const person = await personFor(pnr);
      for (const beslut of groups(person, 'SlutligSkattuppgift')) {
        const kapital = forYear(person, 'Kapitaluppgift', figure(beslut, 'Taxeringsar') ?? 0);
        const netto = (figure(kapital, 'OverskottPaKapital') ?? 0) - (figure(kapital, 'UnderskottPaKapital') ?? 0);
        const skatt = figure(beslut, 'SlutligSkatt') ?? 0;
        expect(skatt / ((figure(beslut, 'FaststalldForvarvsinkomst') ?? 1) + netto)).to.be.within(0.27, 0.33);
      }
    }
  });

  it('reports a pensioner’s pension as SkattepliktigPension, all of the employment income', async () => {
    const tjanst = groups(await personFor(PENSIONAR), 'Tjansteuppgift');
    expect(tjanst).to.have.length(3);
    for (const g of tjanst) {
      expect(figure(g, 'SkattepliktigPension')).to.be.greaterThan(100_000);
      expect(figure(g, 'SkattepliktigPension')).to.equal(figure(g, 'SummaInkomsterAvTjanst'));
    }
  });

  it('gives capital as income less expenses: a surplus or a deficit, never both', async () => {
    const all: XElement[] = [];
    for (const pnr of [ANSTALLD, PENSIONAR, FORETAGARE]) all.push(...groups(await personFor(pnr), 'Kapitaluppgift'));
    expect(all.some((g) => figure(g, 'OverskottPaKapital') !== undefined)).to.equal(true);
    expect(all.some((g) => figure(g, 'UnderskottPaKapital') !== undefined)).to.equal(true);
    for (const g of all) {
      const netto = (figure(g, 'SummaIntakterPaKapital') ?? 0) - (figure(g, 'SummaUtgifterPaKapital') ?? 0);
      if (netto >= 0) expect(figure(g, 'OverskottPaKapital')).to.equal(netto);
      else expect(figure(g, 'UnderskottPaKapital')).to.equal(-netto);
    }
  });

  it('gives a Naringsuppgift for a year with business income, its egenavgifter as AllmannaAvdrag', async () => {
    const person = await personFor(FORETAGARE);
    const naring = forYear(person, 'Naringsuppgift', 2026);
    expect(figure(naring, 'OverskottAvNaringsverksamhet')).to.be.greaterThan(0);
    expect(figure(forYear(person, 'SlutligSkattuppgift', 2026), 'AllmannaAvdrag')).to.equal(
      Math.round((figure(naring, 'OverskottAvNaringsverksamhet') ?? 0) * 0.25),
    );
    expect(forYear(person, 'Naringsuppgift', 2025)).to.equal(undefined);
  });

  it('gives a child without income status 002, the names and no figures', async () => {
    const person = await personFor(BARN);
    expect(childText(person, SI, 'StatusPersonuppgiftKod')).to.equal('002');
    expect(childText(person, FOLKO, 'Fornamn')).to.equal(testPopulation().person(BARN, TODAY)?.fornamn);
    expect(elements(person).map((e) => e.name)).to.deep.equal([
      'IdentitetsbeteckningFysiskPerson',
      'Fornamn',
      'Efternamn',
      'StatusPersonuppgiftKod',
    ]);
  });

  it('has no income years from before the person came to Sweden', async () => {
    expect(inkomstar(await personFor(INVANDRAD_2025))).to.deep.equal([2025]);
  });

  it('gives a number with a wrong check digit (nobody SKV knows) status 003, without names or figures', async () => {
    const person = await personFor('197601042399');
    expect(childText(person, FOLKO, 'IdentitetsbeteckningFysiskPerson')).to.equal('197601042399');
    expect(childText(person, SI, 'StatusPersonuppgiftKod')).to.equal('003');
    expect(elements(person)).to.have.length(2);
  });

  it('answers a person with skyddad identitet (tax figures to an authority), marked with status 001', async () => {
    expect(testPopulation().person(SKYDDAD, TODAY)?.skyddadIdentitet).to.equal(true);
    const person = await personFor(SKYDDAD);
    expect(childText(person, SI, 'StatusPersonuppgiftKod')).to.equal('001');
    expect(groups(person, 'SlutligSkattuppgift')).to.have.length(3);
  });
});
