import { expect } from 'chai';
import { af } from '../../../src/bastjanster/af/index.js';
import { fkFormaner } from '../../../src/bastjanster/fk/formaner.js';
import { alderspension } from '../../../src/bastjanster/fk/pension.js';
import type { FkArende, LefiSvar } from '../../../src/bastjanster/fk/lefi/typer.js';
import type { TjanstUtfall } from '../../../src/ssbtek/model.js';
import type { XElement } from '../../../src/xml/tree.js';
import { adapterContext, emulatorContext, testPopulation } from '../../support/context.js';
import { sampleFraga, TODAY } from '../../support/fraga.js';
import { elements, textAt } from '../../support/xml.js';
import { ask, flaggor, lefiFraga, lefiQuestion, lefiSvarIn, PERIOD, PERSONER, v1Fraga } from './support.js';

const person = (nummer: string) => testPopulation().person(nummer, TODAY)!;

/** AF's decisions for the same person and period, as AF's emulator answers them. */
async function afBeslut(
  personnummer: string,
): Promise<{ typ: string; omfattning: string; from: string; tom: string }[]> {
  const fraga = sampleFraga({
    personidentitet: personnummer,
    tidsperiod: { fromDatum: PERIOD.from, tomDatum: PERIOD.tom },
  });
  const response = await af.emulator.handle(af.adapter.toNative(fraga, adapterContext()), emulatorContext());
  const utfall = af.adapter.fromNative(response, fraga, adapterContext());
  if (utfall.kind !== 'data' || utfall.data.kind !== 'xml') throw new Error(JSON.stringify(utfall));
  const beslut = utfall.data.children.flatMap((c) => elements(c)).find((e) => e.name === 'BeslutInfo');
  return (beslut ? elements(elements(beslut)[0] as XElement) : []).map((b) => ({
    typ: textAt(b, 'ErsattningTyp') ?? '',
    omfattning: textAt(b, 'Omfattning') ?? '',
    from: textAt(b, 'BeslutFrom') ?? '',
    tom: textAt(b, 'BeslutTom') ?? '',
  }));
}

async function lefi(personnummer: string, fields: Record<string, unknown>): Promise<LefiSvar> {
  return lefiSvarIn((await ask(lefiFraga(lefiQuestion(personnummer, fields)))).utfall);
}

function v1Formaner(utfall: TjanstUtfall): XElement[] {
  if (utfall.kind !== 'data' || utfall.data.kind !== 'xml') throw new Error(JSON.stringify(utfall));
  return utfall.data.children.filter((c) => c.name === 'forman');
}

describe('FK: aktivitetsstöd agrees with AF for the same person and period', () => {
  it("pays aktivitetsstöd inside the period of AF's AKTIVITETSSTOD decision, at its omfattning", async () => {
    const [afs] = (await afBeslut(PERSONER.arbetssokande)).filter((b) => b.typ === 'AKTIVITETSSTOD');
    expect(afs, 'AF has an AKTIVITETSSTOD decision').not.to.equal(undefined);
    const [arende] = ((await lefi(PERSONER.arbetssokande, { formansinformation: ['FK:AS'] })).formansinformation
      ?.aktivitetsstodsarende ?? []) as FkArende[];
    expect(arende?.beslut.length).to.be.greaterThan(0);
    for (const b of arende?.beslut ?? []) {
      expect(
        b.period.fran >= (afs?.from ?? '') && (b.period.till ?? '') <= (afs?.tom ?? ''),
        JSON.stringify(b),
      ).to.equal(true);
    }
    const [forman] = v1Formaner(
      (await ask(v1Fraga({ personidentitet: PERSONER.arbetssokande }, flaggor(['aktivitetsstod'])))).utfall,
    );
    const omfattningar = elements(forman as XElement)
      .filter((e) => e.name === 'beslut')
      .map((b) => textAt(b, 'omfattning'));
    expect(new Set(omfattningar)).to.deep.equal(new Set([`${afs?.omfattning}%`]));
  });

  it('has no aktivitetsstöd when AF has no decision', async () => {
    expect(await afBeslut(PERSONER.arbetssokandeUtanBeslut)).to.deep.equal([]);
    const svar = await lefi(PERSONER.arbetssokandeUtanBeslut, { formansinformation: ['FK:AS'] });
    expect(svar.formansinformation?.aktivitetsstodsarende).to.deep.equal([]);
  });

  it('starts paying where the asked period starts when AF decided earlier (cut to the asked period)', async () => {
    const [afs] = await afBeslut(PERSONER.arbetssokande);
    const model = fkFormaner(person(PERSONER.arbetssokande), PERIOD, TODAY);
    expect(afs && afs.from < PERIOD.from).to.equal(true);
    expect(model.arenden.find((a) => a.forman === 'AS')?.beslut[0]?.period.from).to.equal(PERIOD.from);
  });
});

describe('FK: both interfaces tell the same story (one benefits model)', () => {
  it('föräldrapenning: the same decisions and payments over LEFI and hamtaformansinformation', async () => {
    const svar = await lefi(PERSONER.foraldraledig, { formansinformation: ['FK:FP'], utbetalningar: ['FK:FP'] });
    const lefiBeslut = (svar.formansinformation?.foraldrapenningarende ?? []).flatMap((a) => a.beslut);
    const lefiUtbetalningar = svar.formansinformation?.utbetalningsuppgift ?? [];
    const [forman] = v1Formaner(
      (await ask(v1Fraga({ personidentitet: PERSONER.foraldraledig }, flaggor(['foraldrapenning', 'utbetalning']))))
        .utfall,
    );
    const v1 = elements(forman as XElement);
    expect(lefiBeslut.length).to.be.greaterThan(0);
    const v1Beslut = v1.filter((e) => e.name === 'beslut');
    expect(
      v1Beslut.map((b) => [textAt(b, 'beslutsdatum'), textAt(b, 'fromDatum'), textAt(b, 'tomDatum')]),
    ).to.deep.equal(lefiBeslut.map((b) => [b.fattades, b.period.fran, b.period.till]));
    expect(v1Beslut.map((b) => textAt(b, 'omfattning'))).to.deep.equal(
      lefiBeslut.map((b) => `${((b.omfattning?.taljare ?? 0) * 100) / (b.omfattning?.namnare ?? 1)}%`),
    );
    expect(
      v1
        .filter((e) => e.name === 'utbetalning')
        .map((u) => [textAt(u, 'utbetalningsdatum'), Number(textAt(u, 'bruttobelopp'))]),
    ).to.deep.equal(lefiUtbetalningar.map((u) => [u.datum, u.bruttobelopp.summa]));
  });

  it('allmän pension: the same payments over LEFI (PM) and hamtaformansinformation', async () => {
    const svar = await lefi(PERSONER.pensionar, { utbetalningar: ['PM:AP'] });
    const [forman] = v1Formaner(
      (await ask(v1Fraga({ personidentitet: PERSONER.pensionar }, flaggor(['alderspension', 'utbetalning'])))).utfall,
    );
    const v1 = elements(forman as XElement).filter((e) => e.name === 'utbetalning');
    expect(
      v1.map((u) => [
        textAt(u, 'utbetalningsdatum'),
        Number(textAt(u, 'bruttobelopp')),
        Number(textAt(u, 'nettobelopp')),
      ]),
    ).to.deep.equal((svar.utbetalningar ?? []).map((u) => [u.utbetalningsdatum, u.bruttobelopp, u.nettobelopp]));
  });
});

describe('FK: the benefits model', () => {
  it('is deterministic: the same person and period give the same benefits', () => {
    const a = fkFormaner(person(PERSONER.sjukskrivenMedBarn), PERIOD, TODAY);
    const b = fkFormaner(person(PERSONER.sjukskrivenMedBarn), PERIOD, TODAY);
    expect(a).to.deep.equal(b);
    expect(a.arenden.map((x) => x.forman)).to.deep.equal(['SJP', 'ABB', 'ABB', 'BOB']);
  });

  it('reports nothing for a period that lies wholly in the future', () => {
    const framtid = { from: '2027-02-01', tom: '2027-03-31' };
    const model = fkFormaner(person(PERSONER.sjukskriven), framtid, TODAY);
    expect(model.utbetalningar).to.deep.equal([]);
    expect(model.arenden.flatMap((a) => a.beslut)).to.deep.equal([]);
  });

  it('pays only effectuated payments: none after today', () => {
    const model = fkFormaner(person(PERSONER.studentMedBarn), { from: '2026-06-01', tom: '2027-05-31' }, TODAY);
    expect(model.utbetalningar.length).to.be.greaterThan(0);
    expect(model.utbetalningar.every((u) => u.datum <= TODAY)).to.equal(true);
  });

  it('keeps barnbidrag tax free and taxes sjukpenning', () => {
    const model = fkFormaner(person(PERSONER.sjukskrivenMedBarn), { from: '2026-09-01', tom: '2026-11-24' }, TODAY);
    expect(model.utbetalningar.filter((u) => u.forman === 'ABB').every((u) => u.skatt === 0)).to.equal(true);
    const sjp = fkFormaner(person(PERSONER.sjukskriven), PERIOD, TODAY).utbetalningar.filter((u) => u.forman === 'SJP');
    expect(sjp.length).to.be.greaterThan(0);
    expect(sjp.every((u) => u.skatt > 0 && u.netto === u.brutto - u.skatt)).to.equal(true);
  });

  it('gives allmän pension to pensioners only', () => {
    expect(alderspension(person(PERSONER.pensionar), PERIOD, TODAY)?.utbetalningar).to.have.length(3);
    expect(alderspension(person(PERSONER.sjukersattning), PERIOD, TODAY)).to.equal(undefined);
  });
});
