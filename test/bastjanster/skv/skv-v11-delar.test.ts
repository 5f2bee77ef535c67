import { expect } from 'chai';
import { beskattningsar } from '../../../src/bastjanster/skv/data.js';
import { KOSTNADSRANTA } from '../../../src/bastjanster/skv/delar/skattekonto.js';
import type {
  Beskattningsbilagor,
  Individuppgifter,
  Skattekonto,
  Skatteuppgifter,
} from '../../../src/bastjanster/skv/delar/typer.js';
import { isValidOrganisationsnummer } from '../../../src/population/identity.js';
import { NS } from '../../../src/xml/namespaces.js';
import { childrenNamed, childText, type XElement } from '../../../src/xml/tree.js';
import { testPopulation } from '../../support/context.js';
import { TODAY } from '../../support/fraga.js';
import {
  ANSTALLD,
  ARBETSSOKANDE,
  ask,
  BARN,
  delarOf,
  delData,
  FORETAGARE,
  PENSIONAR,
  personuppgift,
  skvFraga,
  v11Fraga,
} from './skv-support.js';

const SI = NS.skvStandardiseradInformation;
const BESKO = NS.skvBeskattning;
const PERSONS = [ANSTALLD, ARBETSSOKANDE, FORETAGARE, PENSIONAR];

/** The v10 document's group for an income year (Taxeringsar = income year + 1). */
async function v10Group(personnummer: string, name: string, inkomstar: number): Promise<XElement | undefined> {
  const person = personuppgift((await ask(skvFraga({ personidentitet: personnummer }))).utfall);
  return childrenNamed(person, SI, name).find((g) => childText(g, BESKO, 'Taxeringsar') === String(inkomstar + 1));
}
const v10 = (group: XElement | undefined, name: string): string | undefined => group && childText(group, BESKO, name);

async function part<T>(personnummer: string, del: Parameters<typeof delData>[1], ar = [2024, 2025], today?: string) {
  const { utfall } = await ask(
    v11Fraga({ personidentitet: personnummer }, { ar, delar: [del] }),
    today ? { today } : {},
  );
  return { utfall, data: () => delData<T>(utfall, del) };
}

describe('SKV v11 parts: consistent with the v10 document for the same person and year', () => {
  it('skatteuppgifter: the decided years asked, oldest first, with v10’s figures', async () => {
    for (const pnr of PERSONS) {
      const { data } = await part<Skatteuppgifter>(pnr, 'skatteuppgifter');
      for (const beslut of data().beslutadeSkatteuppgifter) {
        const year = beslut.beskattningsar;
        const slutlig = await v10Group(pnr, 'SlutligSkattuppgift', year);
        const kapital = await v10Group(pnr, 'Kapitaluppgift', year);
        const naring = await v10Group(pnr, 'Naringsuppgift', year);
        expect(beslut.beskattningsperiod).to.equal(`${year}P4`);
        expect(beslut.datumFaststalld).to.equal(v10(slutlig, 'Beslutsdatum'));
        expect(beslut.uppgifter).to.deep.equal({
          inkomstar: String(year),
          overskottAvTjanst: v10(await v10Group(pnr, 'Tjansteuppgift', year), 'OverskottAvTjanst'),
          ...(naring && { overskottAvNaringsverksamhet: v10(naring, 'OverskottAvNaringsverksamhet') }),
          sumKapital: String(
            Number(v10(kapital, 'OverskottPaKapital') ?? 0) - Number(v10(kapital, 'UnderskottPaKapital') ?? 0),
          ),
          fastStalldinkomst: v10(slutlig, 'FaststalldForvarvsinkomst'),
          summaSlutligSkatt: v10(slutlig, 'SlutligSkatt'),
        });
      }
      const years = data().beslutadeSkatteuppgifter.map((b) => b.beskattningsar);
      expect(years).to.deep.equal([...years].sort());
    }
  });

  it('skatteuppgifter: 404 for years without a decision on "today" or outside the three latest', async () => {
    expect(delarOf((await part(ANSTALLD, 'skatteuppgifter', [2026])).utfall).skatteuppgifter?.kind).to.equal('error');
    expect(delarOf((await part(ANSTALLD, 'skatteuppgifter', [2020])).utfall).skatteuppgifter?.kind).to.equal('error');
    expect(delarOf((await part(ANSTALLD, 'skatteuppgifter', [2023])).utfall).skatteuppgifter?.kind).to.equal('data');
  });

  it('individuppgifter: a decided year’s months add up to v10’s OverskottAvTjanst, tax withheld about 30 %', async () => {
    for (const pnr of PERSONS) {
      const { data } = await part<Individuppgifter>(pnr, 'individuppgifter');
      for (const year of [2024, 2025]) {
        const manader = data().individuppgifter.filter((m) => m.inkomstar === year);
        const tjanst = v10(await v10Group(pnr, 'Tjansteuppgift', year), 'OverskottAvTjanst');
        // Not decided yet (the pensioner's 2025): declared month by month all the same.
        if (tjanst === undefined) continue;
        const sum = manader.reduce((s, m) => s + Number(m.uppgifter.kontantErsattning), 0);
        expect(sum, `${pnr} ${year}`).to.equal(Number(tjanst));
        const skatt = manader.reduce((s, m) => s + Number(m.uppgifter.avdragenSkatt), 0);
        expect(skatt / sum).to.be.within(0.279, 0.331);
      }
    }
  });

  it('individuppgifter: no month before the person came to Sweden', async () => {
    const { data } = await part<Individuppgifter>(ARBETSSOKANDE, 'individuppgifter');
    expect(data().individuppgifter[0]?.redovisningsperiod).to.equal('202412'); // came 2024-12-24
  });

  it('individuppgifter: one payer with a valid organisationsnummer; Försäkringskassan or the a-kassa as the person has it', async () => {
    for (const pnr of PERSONS) {
      const { data } = await part<Individuppgifter>(pnr, 'individuppgifter');
      const payers = new Set(data().individuppgifter.map((m) => m.utbetalare));
      expect(payers.size).to.equal(1);
      for (const payer of payers) expect(isValidOrganisationsnummer(payer), payer).to.equal(true);
    }
    const { data } = await part<Individuppgifter>(ARBETSSOKANDE, 'individuppgifter');
    expect(data().individuppgifter[0]?.utbetalare).to.match(/^16559900/);
  });

  it('individuppgifter: this year’s months once declared (due the 12th of the next month); 404 before any', async () => {
    const { data } = await part<Individuppgifter>(ANSTALLD, 'individuppgifter', [2026]);
    expect(data().individuppgifter.map((m) => m.redovisningsperiod)).to.deep.equal(
      ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10'].map((m) => `2026${m}`),
    );
    const early = await part(ANSTALLD, 'individuppgifter', [2026], '2026-02-11');
    expect(delarOf(early.utfall).individuppgifter?.kind).to.equal('error');
    expect(delarOf((await part(ANSTALLD, 'individuppgifter', [2022])).utfall).individuppgifter?.kind).to.equal('error');
    expect(delarOf((await part(BARN, 'individuppgifter')).utfall).individuppgifter?.kind).to.equal('error');
  });

  it('skattekonto: the latest decision against the tax withheld that year (the monthly declarations)', async () => {
    const seen = { utbetalt: 0, kvarskatt: 0 };
    for (const pnr of [...PERSONS, '196809139295', '197604219423', '194001042383']) {
      const generated = testPopulation().person(pnr, TODAY);
      const [senaste] = generated ? beskattningsar(generated, TODAY) : [];
      if (!senaste) throw new Error(pnr);
      const konto = (await part<Skattekonto>(pnr, 'skattekonto')).data();
      const manader = (await part<Individuppgifter>(pnr, 'individuppgifter', [senaste.inkomstar])).data();
      const prel = manader.individuppgifter.reduce((s, m) => s + Number(m.uppgifter.avdragenSkatt), 0);
      const diff = prel - senaste.slutligSkatt;
      expect(konto.kontohavare).to.equal(pnr);
      if (konto.utbetaltBelopp > 0) {
        seen.utbetalt++;
        expect(konto.utbetaltBelopp, pnr).to.equal(diff);
        expect(konto.bokforingsdag > senaste.beslutsdatum && konto.bokforingsdag <= TODAY).to.equal(true);
      } else if (konto.saldo < 0) {
        seen.kvarskatt++;
        expect(konto.saldo, pnr).to.equal(diff);
        const dagar = (Date.parse(TODAY) - Date.parse(`${senaste.inkomstar + 1}-02-13`)) / 86_400_000;
        expect(konto.preliminarRanta).to.equal(-Math.round((-diff * KOSTNADSRANTA * dagar) / 365));
      }
      expect(konto.senastUppdaterad.slice(0, 10)).to.equal(TODAY);
    }
    expect(seen.utbetalt).to.be.greaterThan(0);
    expect(seen.kvarskatt).to.be.greaterThan(0);
  });

  it('foretagsinformation: registered (F-skatt) exactly when the latest decided year has business income', async () => {
    for (const pnr of [...PERSONS, '197503309176']) {
      const generated = testPopulation().person(pnr, TODAY);
      const [senaste] = generated ? beskattningsar(generated, TODAY) : [];
      const naring = (await v10Group(pnr, 'Naringsuppgift', senaste?.inkomstar ?? 0)) !== undefined;
      const { data } = await part<{ foretag: { godkandFskatt: boolean; momsregistrerad: boolean } }>(
        pnr,
        'foretagsinformation',
      );
      expect(data().foretag.godkandFskatt, pnr).to.equal(naring);
      if (!naring) expect(data().foretag.momsregistrerad).to.equal(false);
    }
  });

  it('beskattningsbilagor: NE with v10’s business figures, K4 with a gain within the capital income', async () => {
    for (const pnr of [FORETAGARE, '196809139295', ANSTALLD]) {
      const { data } = await part<Beskattningsbilagor>(pnr, 'beskattningsbilagor');
      for (const year of data().beskattningsbilagor) {
        expect(year.datumInkommen >= `${year.beskattningsar + 1}-03-16`).to.equal(true);
        expect(year.datumInkommen <= `${year.beskattningsar + 1}-05-04`).to.equal(true);
        for (const bilaga of year.bilagor) {
          if (bilaga.blankett === 'NE') {
            const naring = await v10Group(pnr, 'Naringsuppgift', year.beskattningsar);
            expect(bilaga.uppgifter.overskottAvNaringsverksamhet).to.equal(v10(naring, 'OverskottAvNaringsverksamhet'));
          } else {
            const kapital = await v10Group(pnr, 'Kapitaluppgift', year.beskattningsar);
            const { forsaljningspris, omkostnadsbelopp, vinst } = bilaga.uppgifter;
            expect(Number(forsaljningspris) - Number(omkostnadsbelopp)).to.equal(Number(vinst));
            expect(Number(vinst)).to.be.at.most(Number(v10(kapital, 'SummaIntakterPaKapital')));
          }
        }
      }
    }
  });
});
