import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { fk } from '../../../src/bastjanster/fk/index.js';
import { lefiSvar } from '../../../src/bastjanster/fk/lefi/svar.js';
import { validateLefiSvar } from '../../../src/bastjanster/fk/lefi/schemas.js';
import type { FkArende, LefiFraga, LefiSvar } from '../../../src/bastjanster/fk/lefi/typer.js';
import { MAX_PROGRAMJOBBDAGAR } from '../../../src/bastjanster/fk/programjobbdagar.js';
import { parseIdentity } from '../../../src/population/identity.js';
import { adapterContext, emulatorContext, testPopulation } from '../../support/context.js';
import { TODAY } from '../../support/fraga.js';
import { REFERENCE_ROOT, referencePresent } from '../../support/reference.js';
import { LEFI_OPENAPI } from './openapi.js';
import { referenceValidator } from './openapi-schema.js';
import { inside, lefiFraga, lefiQuestion, lefiSvarIn, PERIOD, PERSONER } from './support.js';

/** Scenario persons (fixtures/population/scenario-persons/fk.json) that show LEFI's payment and JOB groups. */
const SCENARIO = {
  pensionar: '194501202388',
  sjukskriven: '196501133372',
  sjukersattning: '196501253063',
  jobbgaranti: '196512123339',
  jobbgarantiAllaDagar: '196901119286',
} as const;

const FK_GRUPPER = ['FK:ABB', 'FK:AS', 'FK:BOB', 'FK:FP', 'FK:SA', 'FK:SJP'];
/** Every group this file is about, asked at once. */
const ALLT = {
  formansinformation: [...FK_GRUPPER, 'FK:PJOB'],
  ansprak: ['PM:AP'],
  beslut: ['PM:AP'],
  preliminaraUtbetalningar: [...FK_GRUPPER, 'PM:AP'],
  utbetalningar: [...FK_GRUPPER, 'PM:AP'],
  ovrigInformation: ['FK:GEPI'],
};

/** The LEFI answer for `personnummer` (adapter → emulator → adapter), on `today`, for PERIOD unless given. */
async function svar(personnummer: string, fields: Record<string, unknown>, today = TODAY): Promise<LefiSvar> {
  const fraga = lefiFraga(lefiQuestion(personnummer, fields));
  const response = await fk.emulator.handle(fk.adapter.toNative(fraga, adapterContext()), emulatorContext({ today }));
  expect(response.status, response.body).to.equal(200);
  const answer = lefiSvarIn(fk.adapter.fromNative(response, fraga, adapterContext()));
  expect(validateLefiSvar(answer).ok, "valid against the project's schema").to.equal(true);
  return answer;
}

const arenden = (answer: LefiSvar, nyckel: string): FkArende[] =>
  (answer.formansinformation as Record<string, FkArende[]> | undefined)?.[nyckel] ?? [];

describe("FK LEFI: PM's payments at the top level (utbetalningar, preliminaraUtbetalningar)", () => {
  it('lists the pension paid on the 18th of each month in the asked period under utbetalningar', async () => {
    const answer = await svar(SCENARIO.pensionar, { utbetalningar: ['PM:AP'] });
    expect(answer.utbetalningar?.map((u) => u.utbetalningsdatum)).to.deep.equal([
      '2026-09-18',
      '2026-10-18',
      '2026-11-18',
    ]);
    for (const u of answer.utbetalningar ?? []) {
      expect(u.bruttobelopp - u.avdrag.reduce((sum, a) => sum + a.belopp, 0)).to.equal(u.nettobelopp);
      expect(u.utbetalningsrader.reduce((sum, r) => sum + r.belopp, 0)).to.equal(u.bruttobelopp);
    }
    expect(answer).not.to.have.property('preliminaraUtbetalningar');
  });

  it("lists the next month's payment, decided when the last one was paid, under preliminaraUtbetalningar", async () => {
    const answer = await svar(SCENARIO.pensionar, { preliminaraUtbetalningar: ['PM:AP'], utbetalningar: ['PM:AP'] });
    const [nasta, ...andra] = answer.preliminaraUtbetalningar ?? [];
    expect(andra).to.deep.equal([]);
    expect(nasta?.utbetalningsdatum).to.equal('2026-12-18');
    expect(nasta?.utbetalningsperiod).to.deep.equal({ from: '2026-12-01', tom: '2026-12-31' });
    // the same decision (the 2026 one) as November's payment, so the same amounts
    const november = answer.utbetalningar?.at(-1);
    expect([nasta?.bruttobelopp, nasta?.nettobelopp]).to.deep.equal([november?.bruttobelopp, november?.nettobelopp]);
    expect(answer.utlamnare.map((u) => u.utlamnare.kod)).to.deep.equal(['PM']);
  });

  it('reports no preliminary payment when the asked period ends before the day it was decided', async () => {
    const period = { from: '2026-09-01', tom: '2026-11-17' }; // November's payment (18th) decided December's
    const answer = await svar(SCENARIO.pensionar, { period, preliminaraUtbetalningar: ['PM:AP'] });
    expect(answer.preliminaraUtbetalningar).to.deep.equal([]);
  });

  it('answers an empty list for a person without allmän pension', async () => {
    const answer = await svar(PERSONER.anstalld, { preliminaraUtbetalningar: ['PM:AP'], utbetalningar: ['PM:AP'] });
    expect([answer.preliminaraUtbetalningar, answer.utbetalningar]).to.deep.equal([[], []]);
  });
});

describe("FK LEFI: FK's preliminary payments (formansinformation.preliminarautbetalningar)", () => {
  it("lists next month's sjukersättning (paid on the 25th) as a presumptive payment", async () => {
    const answer = await svar(SCENARIO.sjukersattning, { preliminaraUtbetalningar: ['FK:SA'] });
    const [nasta, ...andra] = answer.formansinformation?.preliminarautbetalningar ?? [];
    expect(andra).to.deep.equal([]);
    expect(nasta).to.deep.include({
      typ: { id: 4, beskrivning: 'Presumtiv' },
      foretag: { id: 1001, beskrivning: 'Försäkringskassan' },
      datum: '2026-11-25',
      period: { fran: '2026-11-01', till: '2026-11-30' },
    });
    expect(nasta?.formansfamilj.id).to.equal('SA');
    expect(nasta?.bruttobelopp.summa).to.equal((nasta?.nettobelopp.summa ?? 0) + (nasta?.skattebelopp.summa ?? 0));
    expect(answer.formansinformation).not.to.have.property('utbetalningsuppgift');
  });

  it("lists last month's sjukpenning, decided on the 20th and paid on the 25th, with its days", async () => {
    const answer = await svar(SCENARIO.sjukskriven, {
      formansinformation: ['FK:SJP'],
      preliminaraUtbetalningar: ['FK:SJP'],
    });
    const [preliminar, ...andra] = answer.formansinformation?.preliminarautbetalningar ?? [];
    expect(andra).to.deep.equal([]);
    expect(preliminar).to.deep.include({ datum: '2026-11-25', period: { fran: '2026-10-01', till: '2026-10-31' } });
    const oktober = arenden(answer, 'sjukpenningarende')[0]?.beslut.find((b) => b.period.fran === '2026-10-01');
    expect(oktober?.fattades).to.equal('2026-11-20');
    expect(preliminar?.utbetalningsdetalj[0]).to.deep.include({ dagar: oktober?.dagar });
    expect(preliminar?.bruttobelopp.summa).to.equal(
      (preliminar?.nettobelopp.summa ?? 0) + (preliminar?.skattebelopp.summa ?? 0),
    );
  });

  it('has no preliminary daily benefit outside the 20th–24th, but still the monthly ones', async () => {
    for (const today of ['2026-11-19', '2026-11-25']) {
      const fields = { preliminaraUtbetalningar: ['FK:SJP', 'FK:SA'], period: { from: '2026-09-01', tom: today } };
      expect(
        (await svar(SCENARIO.sjukskriven, fields, today)).formansinformation?.preliminarautbetalningar,
      ).to.deep.equal([]);
      const sa = (await svar(SCENARIO.sjukersattning, fields, today)).formansinformation?.preliminarautbetalningar;
      expect(sa?.map((u) => u.datum)).to.deep.equal([today < '2026-11-25' ? '2026-11-25' : '2026-12-25']);
    }
  });

  it("reports only the asked groups' preliminary payments, and none when not asked", async () => {
    const answer = await svar(PERSONER.studentMedBarn, { preliminaraUtbetalningar: ['FK:ABB'] });
    expect(answer.formansinformation?.preliminarautbetalningar?.map((u) => u.formansfamilj.id)).to.deep.equal(['ABB']);
    const utan = await svar(PERSONER.studentMedBarn, { formansinformation: ['FK:ABB'], utbetalningar: ['FK:ABB'] });
    expect(utan.formansinformation).not.to.have.property('preliminarautbetalningar');
    expect(utan).not.to.have.property('preliminaraUtbetalningar');
  });
});

describe('FK LEFI: utbetalningsdetalj.dagar (days a daily benefit is paid for)', () => {
  it("gives each sjukpenning payment's benefit line the days of its month's decision", async () => {
    const answer = await svar(SCENARIO.sjukskriven, { formansinformation: ['FK:SJP'], utbetalningar: ['FK:SJP'] });
    const beslut = arenden(answer, 'sjukpenningarende')[0]?.beslut ?? [];
    const utbetalningar = answer.formansinformation?.utbetalningsuppgift ?? [];
    expect(utbetalningar.map((u) => [u.datum, u.utbetalningsdetalj[0]?.dagar])).to.deep.equal([['2026-10-25', 30]]);
    for (const u of utbetalningar) {
      const manadens = beslut.find((b) => b.period.fran === u.period.fran);
      expect(u.utbetalningsdetalj[0]?.dagar).to.equal(manadens?.dagar);
      expect(inside(u.datum)).to.equal(true);
    }
  });

  it('leaves dagar out for a monthly benefit', async () => {
    const answer = await svar(SCENARIO.sjukersattning, { utbetalningar: ['FK:SA'] });
    const detaljer = (answer.formansinformation?.utbetalningsuppgift ?? []).flatMap((u) => u.utbetalningsdetalj);
    expect(detaljer.length).to.be.greaterThan(0);
    for (const d of detaljer) expect(d).not.to.have.property('dagar');
  });
});

describe('FK LEFI: programjobdagar (FK:PJOB, days used in the jobb- och utvecklingsgaranti)', () => {
  it('counts the weekdays a participant has used, up to the end of the asked period', async () => {
    const answer = await svar(SCENARIO.jobbgaranti, { formansinformation: ['FK:PJOB', 'FK:AS'] });
    expect(answer.formansinformation?.programjobdagar).to.deep.equal([
      { antalForbrukade: 171, harForbrukatMaxAntal: false },
    ]);
    expect(arenden(answer, 'aktivitetsstodsarende')[0]?.grunduppgifter).to.deep.equal({
      atgardstyp: { id: 53, beskrivning: 'Jobb och utvecklingsgaranti, fas 1 och 2' },
    });
    // ending the period on 31 October leaves out November's 15 weekdays up to the 20th
    const oktober = await svar(SCENARIO.jobbgaranti, {
      formansinformation: ['FK:PJOB'],
      period: { from: PERIOD.from, tom: '2026-10-31' },
    });
    expect(oktober.formansinformation?.programjobdagar?.[0]?.antalForbrukade).to.equal(171 - 15);
  });

  it(`says so when all ${MAX_PROGRAMJOBBDAGAR} days are used`, async () => {
    const answer = await svar(SCENARIO.jobbgarantiAllaDagar, { formansinformation: ['FK:PJOB'] });
    expect(answer.formansinformation?.programjobdagar).to.deep.equal([
      { antalForbrukade: MAX_PROGRAMJOBBDAGAR, harForbrukatMaxAntal: true },
    ]);
  });

  it('answers an empty list for a job seeker whose aktivitetsstöd is for another programme', async () => {
    const answer = await svar(PERSONER.arbetssokande, { formansinformation: ['FK:PJOB', 'FK:AS'] });
    expect(arenden(answer, 'aktivitetsstodsarende')).to.have.length(1);
    expect(answer.formansinformation?.programjobdagar).to.deep.equal([]);
  });

  it('leaves programjobdagar out when FK:PJOB is not asked', async () => {
    const answer = await svar(SCENARIO.jobbgaranti, { formansinformation: ['FK:AS'] });
    expect(answer.formansinformation).not.to.have.property('programjobdagar');
  });
});

describe('FK LEFI: the payment and JOB groups against the published OpenAPI description', () => {
  let validate: (value: unknown) => string[];
  before(function () {
    if (!referencePresent(LEFI_OPENAPI)) {
      console.log(`      (skipped: OpenAPI description not found at ${LEFI_OPENAPI})`);
      this.skip();
    }
    validate = referenceValidator('LefiExternFormansinformationSvar', { closed: true });
  });

  it('the validator itself refuses what the reference forbids (an unknown key, a wrong type)', () => {
    expect(validate({ utlamnare: [], avvikelser: {}, formansinformation: { programjobdagar: [{}] } })).to.deep.equal(
      [],
    );
    expect(
      validate({ utlamnare: [], formansinformation: { programjobdagar: [{ antalForbrukade: '3', dagar: 1 }] } }),
    ).to.have.length(2);
  });

  const visar: [string, string, (answer: LefiSvar) => unknown[] | undefined][] = [
    ['utbetalningar (PM)', SCENARIO.pensionar, (a) => a.utbetalningar],
    ['preliminaraUtbetalningar (PM)', SCENARIO.pensionar, (a) => a.preliminaraUtbetalningar],
    [
      'formansinformation.preliminarautbetalningar',
      SCENARIO.sjukersattning,
      (a) => a.formansinformation?.preliminarautbetalningar,
    ],
    ['formansinformation.programjobdagar', SCENARIO.jobbgaranti, (a) => a.formansinformation?.programjobdagar],
    [
      'formansinformation.programjobdagar (all used)',
      SCENARIO.jobbgarantiAllaDagar,
      (a) => a.formansinformation?.programjobdagar,
    ],
    [
      'utbetalningsdetalj.dagar',
      SCENARIO.sjukskriven,
      (a) => a.formansinformation?.utbetalningsuppgift?.flatMap((u) => u.utbetalningsdetalj.filter((d) => d.dagar)),
    ],
  ];
  for (const [grupp, personnummer, del] of visar) {
    it(`${grupp} for ${personnummer}: present when asked, valid against LefiExternFormansinformationSvar`, async () => {
      const answer = await svar(personnummer, ALLT);
      expect(del(answer)?.length, grupp).to.be.greaterThan(0);
      expect(validate(answer)).to.deep.equal([]);
    });
  }
});

describe('FK LEFI: the payment and JOB groups in the generated population', () => {
  const FILE = path.join(REFERENCE_ROOT, 'skatteverket-testnummer', 'personnummer.txt');
  before(function () {
    if (!fs.existsSync(FILE)) {
      console.log(`      (skipped: Skatteverket's test numbers not found at ${FILE})`);
      this.skip();
    }
  });

  it('shows each group for generated persons (every 40th of the test numbers, scenario persons left out)', () => {
    const population = testPopulation();
    const scenario = new Set(population.scenarioPersons().map((p) => p.personidentitet));
    const numbers = fs
      .readFileSync(FILE, 'utf8')
      .trim()
      .split('\n')
      .filter((n, i) => i % 40 === 0 && !scenario.has(n));
    const seen = new Map<string, number>();
    const count = (grupp: string, present: boolean | undefined): void => {
      if (present) seen.set(grupp, (seen.get(grupp) ?? 0) + 1);
    };
    for (const number of numbers) {
      const { identity } = parseIdentity(number);
      if (!identity) continue;
      const answer = lefiSvar(
        lefiQuestion(number, ALLT) as unknown as LefiFraga,
        population.personFor(identity, TODAY),
        TODAY,
      );
      const fi = answer.formansinformation;
      count('utbetalningar', (answer.utbetalningar?.length ?? 0) > 0);
      count('preliminaraUtbetalningar', (answer.preliminaraUtbetalningar?.length ?? 0) > 0);
      count('preliminarautbetalningar', (fi?.preliminarautbetalningar?.length ?? 0) > 0);
      count('programjobdagar', (fi?.programjobdagar?.length ?? 0) > 0);
      count('harForbrukatMaxAntal', fi?.programjobdagar?.[0]?.harForbrukatMaxAntal);
      count(
        'utbetalningsdetalj.dagar',
        fi?.utbetalningsuppgift?.some((u) => u.utbetalningsdetalj.some((d) => d.dagar)),
      );
    }
    expect([...seen.keys()].sort()).to.deep.equal([
      'harForbrukatMaxAntal',
      'preliminaraUtbetalningar',
      'preliminarautbetalningar',
      'programjobdagar',
      'utbetalningar',
      'utbetalningsdetalj.dagar',
    ]);
  });
});
