import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { csnUppgifter } from '../../../src/bastjanster/csn/uppgifter.js';
import { omstallningsstudiestod } from '../../../src/bastjanster/csn/omstallningsstudiestod.js';
import { studiestartsstod } from '../../../src/bastjanster/csn/studiestartsstod.js';
import { addMonths } from '../../../src/population/dates.js';
import { personForNumber, type Person } from '../../../src/population/person.js';
import { attr, type XElement } from '../../../src/xml/tree.js';
import { TODAY } from '../../support/fraga.js';
import { REFERENCE_ROOT } from '../../support/reference.js';
import { at, text, textAt } from '../../support/xml.js';
import {
  all,
  ask,
  csnFraga,
  csnPerson,
  CSN_PERIOD,
  forteckning,
  iso,
  OMSTALLNINGSSTUDIESTOD,
  STUDIESTARTSSTOD,
} from './csn-support.js';

/** A Belopp as [beloppstyp, belopp, totbelopp]. */
function belopp(parent: XElement | undefined): string[][] {
  return all(parent, 'Belopp').map((b) => ['beloppstyp', 'belopp', 'totbelopp'].map((n) => textAt(b, n) ?? ''));
}

/** Each BeviljadTid as [starttid, sluttid, takt]. */
function beviljadeTider(arende: XElement | undefined): (string | undefined)[][] {
  return all(arende, 'BeviljadTid').map((t) => [textAt(t, 'starttid'), textAt(t, 'sluttid'), textAt(t, 'takt')]);
}

/** Each Utbetalning as [utbetdatum, utbetstatus]. */
function utbetalningar(arende: XElement | undefined): string[][] {
  return all(arende, 'Utbetalning').map((u) => [textAt(u, 'utbetdatum') ?? '', textAt(u, 'utbetstatus') ?? '']);
}

/** The period and day the rules are asked for directly: CSN_PERIOD, today. */
const FRAGA = [CSN_PERIOD.fromDatum, CSN_PERIOD.tomDatum, TODAY] as const;

function generated(number: string, overrides: Partial<Person> = {}): Person {
  return { ...(personForNumber(number, TODAY) as Person), ...overrides };
}

describe('CSN: studiestartsstöd (scenario person 198604092398: job seeker, 40, two children)', () => {
  let p: XElement;
  let arende: XElement | undefined;
  before(async () => {
    p = await csnPerson(STUDIESTARTSSTOD);
    arende = at(p, 'Studiestartsstod', 'Arenden', 'Arende');
  });

  it('lists studiestartsstöd only', () => {
    expect(forteckning(p)).to.deep.equal([
      'studiemedel=0',
      'studiehjalp=0',
      'hemutrustningslan=0',
      'studiestartsstod=1',
      'omstallningsstudiestod=0',
    ]);
  });

  it('has one decided SSSTÖD case, applied for as the school year 2026/27 at full pace without loan', () => {
    expect([
      attr(arende as XElement, 'lopnummer'),
      textAt(arende, 'stodform'),
      textAt(arende, 'klartext'),
      textAt(arende, 'status'),
    ]).to.deep.equal(['1', 'SSSTÖD', 'Studiestartsstöd', 'BESLUTAD']); // klartext as csntyper's stodform names it
    const sokt = at(arende, 'soktaTider', 'soktTid');
    expect(['soktfrom', 'sokttom', 'soktomfattning', 'soktlan'].map((n) => textAt(sokt, n))).to.deep.equal([
      '20260824',
      '20270606',
      '100',
      ' ',
    ]);
  });

  it('decides the autumn and the spring term, each in ISO weeks with its pace', () => {
    expect(beviljadeTider(arende)).to.deep.equal([
      ['202635', '202702', '100'],
      ['202703', '202722', '100'],
    ]);
  });

  it('grants STÖDB 2960 a study week and STÖDT 320 for two children; totals are weeks × belopp', () => {
    const [host, varen] = all(arende, 'BeviljadTid');
    expect(belopp(host)).to.deep.equal([
      ['STÖDB', '2960', String(2960 * 21)],
      ['STÖDT', '320', String(320 * 21)],
    ]);
    expect(belopp(varen)).to.deep.equal([
      ['STÖDB', '2960', String(2960 * 20)],
      ['STÖDT', '320', String(320 * 20)],
    ]);
    expect(textAt(host, 'totbelopp')).to.equal(String((2960 + 320) * 21));
  });

  it('pays on the 25th inside the period for the study weeks starting in the month: paid by today, then planned', () => {
    expect(utbetalningar(arende)).to.deep.equal([
      ['20261025', 'Utbetald'],
      ['20261125', 'Planerad'],
    ]);
    const oktober = all(arende, 'Utbetalning')[0];
    expect(
      ['startvecka', 'slutvecka', 'totbelopp'].map((n) => textAt(oktober, 'Utbetaldatider', 'Utbetaldtid', n)),
    ).to.deep.equal(['202641', '202644', String((2960 + 320) * 4)]);
    expect(textAt(oktober, 'totbelopp')).to.equal(String((2960 + 320) * 4));
  });

  it('is absent for a period inside the summer break, before the school year starts (-2: nothing else)', async () => {
    const { utfall } = await ask(
      csnFraga({ personidentitet: STUDIESTARTSSTOD }, { fromDatum: '2026-06-22', tomDatum: '2026-08-20' }),
      { today: '2026-08-20' },
    );
    expect(utfall).to.include({ kind: 'error', felkod: '-2' });
  });

  it('is decided before the term starts: a period reaching into it shows the case and its first planned payment', async () => {
    const sommar = await csnPerson(
      STUDIESTARTSSTOD,
      { fromDatum: '2026-07-01', tomDatum: '2026-09-15' },
      { today: '2026-08-20' },
    );
    const ar = at(sommar, 'Studiestartsstod', 'Arenden', 'Arende');
    expect(beviljadeTider(ar).map(([start]) => start)).to.deep.equal(['202635', '202703']);
    expect(utbetalningar(ar)).to.deep.equal([['20260825', 'Planerad']]); // week 35 starts on 24 August
    expect(textAt(all(ar, 'Utbetalning')[0], 'Utbetaldatider', 'Utbetaldtid', 'startvecka')).to.equal('202635');
  });

  it('still shows the ended school year in early summer, with the payments inside the period', async () => {
    const juli = await csnPerson(
      STUDIESTARTSSTOD,
      { fromDatum: '2026-05-11', tomDatum: '2026-07-10' },
      { today: '2026-07-10' },
    );
    const ar = at(juli, 'Studiestartsstod', 'Arenden', 'Arende');
    expect(beviljadeTider(ar).map(([start, slut]) => `${start}-${slut}`)).to.deep.equal([
      '202535-202602',
      '202603-202622',
    ]);
    expect(utbetalningar(ar)).to.deep.equal([['20260525', 'Utbetald']]);
  });

  it('is only for job seekers aged 25–56', () => {
    const one = (overrides: Partial<Person>) => studiestartsstod(generated(STUDIESTARTSSTOD, overrides), ...FRAGA);
    expect(one({})).to.have.length(1);
    expect(one({ sysselsattning: 'anstalld' })).to.deep.equal([]);
    expect(one({ alder: 57 })).to.deep.equal([]);
    expect(one({ alder: 24 })).to.deep.equal([]);
  });

  it('scales the grant with the pace, not the tilläggsbidrag (a job seeker at 75 %)', () => {
    // 198601302386: generated job seeker, 40, one child, studying at 75 %
    const [arende75] = studiestartsstod(generated('198601302386'), ...FRAGA);
    const [tid] = arende75?.beviljadeTider ?? [];
    expect([tid?.takt, tid?.beloppen.map((b) => [b.beloppstyp, b.belopp])]).to.deep.equal([
      75,
      [
        ['STÖDB', 2220],
        ['STÖDT', 195],
      ],
    ]);
  });
});

describe('CSN: omställningsstudiestöd (scenario person 198103192392: employee, 45, 523 900 kr a year)', () => {
  let p: XElement;
  let arende: XElement | undefined;
  before(async () => {
    p = await csnPerson(OMSTALLNINGSSTUDIESTOD);
    arende = at(p, 'Omstallningsstudiestod', 'Arenden', 'Arende');
  });

  it('lists omställningsstudiestöd only', () => {
    expect(forteckning(p)).to.deep.equal([
      'studiemedel=0',
      'studiehjalp=0',
      'hemutrustningslan=0',
      'studiestartsstod=0',
      'omstallningsstudiestod=1',
    ]);
  });

  it('has one decided OSS case for the school year 2026/27, applied for at full pace with loan', () => {
    expect([textAt(arende, 'stodform'), textAt(arende, 'klartext'), textAt(arende, 'status')]).to.deep.equal([
      'OSS',
      'Omställningsstudiestöd', // "…för studier i Sverige" would not fit klartext's 40 characters
      'BESLUTAD',
    ]);
    const sokt = at(arende, 'soktaTider', 'soktTid');
    expect(['soktfrom', 'sokttom', 'soktomfattning', 'soktlan'].map((n) => textAt(sokt, n))).to.deep.equal([
      '20260824',
      '20270606',
      '100',
      'J',
    ]);
    expect(beviljadeTider(arende)).to.deep.equal([
      ['202635', '202702', '100'],
      ['202703', '202722', '100'],
    ]);
  });

  it('grants 80 % of the weekly income up to the ceiling (5800) and lends 12.6 % below it plus 63 % above it', () => {
    // 523 900 / 52 = 10 075 a week: bidrag 0.8 × 7 250 = 5 800; lån 0.126 × 7 250 + 0.63 × 2 825 = 2 693
    expect(belopp(all(arende, 'BeviljadTid')[0])).to.deep.equal([
      ['OSSBID', '5800', String(5800 * 21)],
      ['OSSLÅN', '2693', String(2693 * 21)],
    ]);
  });

  it('pays on the 25th inside the period: paid by today, then planned', () => {
    expect(utbetalningar(arende)).to.deep.equal([
      ['20261025', 'Utbetald'],
      ['20261125', 'Planerad'],
    ]);
    for (const [datum] of utbetalningar(arende)) {
      expect(iso(datum ?? '') >= CSN_PERIOD.fromDatum && iso(datum ?? '') <= CSN_PERIOD.tomDatum).to.equal(true);
    }
  });

  it('is absent for a period inside the summer break, before the school year starts', async () => {
    const { utfall } = await ask(
      csnFraga({ personidentitet: OMSTALLNINGSSTUDIESTOD }, { fromDatum: '2026-06-22', tomDatum: '2026-08-20' }),
      { today: '2026-08-20' },
    );
    expect(utfall).to.include({ kind: 'error', felkod: '-2' });
  });

  it('is only for employees aged 27–62, and lends nothing from the year the person turns 60', () => {
    const one = (overrides: Partial<Person>) =>
      omstallningsstudiestod(generated(OMSTALLNINGSSTUDIESTOD, overrides), ...FRAGA);
    expect(one({ sysselsattning: 'arbetssokande' })).to.deep.equal([]);
    expect(one({ alder: 26 })).to.deep.equal([]);
    expect(one({ alder: 63 })).to.deep.equal([]);
    const identity = { ...generated(OMSTALLNINGSSTUDIESTOD).identity, birthDate: '1966-03-19' }; // turns 60 in 2026
    const [sextio] = omstallningsstudiestod(generated(OMSTALLNINGSSTUDIESTOD, { identity, alder: 60 }), ...FRAGA);
    expect(sextio?.beviljadeTider[0]?.beloppen.map((b) => b.beloppstyp)).to.deep.equal(['OSSBID']);
  });

  it('scales grant and loan with the pace (an employee at 50 %, 475 100 kr a year)', () => {
    // 198103162387: 9 136.5 a week: bidrag 5 800 → 2 900; lån 913.5 + 0.63 × 1 886.5 = 2 102 → 1 051
    const [halvtid] = omstallningsstudiestod(generated('198103162387'), ...FRAGA);
    expect(halvtid?.beviljadeTider[0]?.beloppen.map((b) => [b.beloppstyp, b.belopp])).to.deep.equal([
      ['OSSBID', 2900],
      ['OSSLÅN', 1051],
    ]);
    expect(halvtid?.beviljadeTider[0]?.takt).to.equal(50);
  });
});

describe("CSN: the kinds of student aid in the generated population (Skatteverket's test series)", function () {
  const file = path.join(REFERENCE_ROOT, 'skatteverket-testnummer', 'personnummer.txt');
  const counts = { gymnasieelev: 0, studiehjalp: 0, arbetssokande: 0, sss: 0, anstalld: 0, oss: 0, other: 0 };
  before(function () {
    if (!fs.existsSync(file)) {
      console.log(`      (skipped: Skatteverket's test numbers not found at ${file})`);
      this.skip();
    }
    const from = addMonths(TODAY, -2);
    for (const number of fs.readFileSync(file, 'utf8').split(/\r?\n/).filter(Boolean)) {
      const person = personForNumber(number, TODAY);
      if (!person) continue;
      const u = csnUppgifter(person, from, TODAY, TODAY);
      const sss = (u?.studiestartsstod.length ?? 0) > 0;
      const oss = (u?.omstallningsstudiestod.length ?? 0) > 0;
      if (person.sysselsattning === 'gymnasieelev') {
        counts.gymnasieelev++;
        if ((u?.studiehjalp.length ?? 0) > 0) counts.studiehjalp++;
      } else if (person.sysselsattning === 'arbetssokande' && person.alder >= 25 && person.alder <= 56) {
        counts.arbetssokande++;
        if (sss) counts.sss++;
      } else if (person.sysselsattning === 'anstalld' && person.alder >= 27 && person.alder <= 62) {
        counts.anstalld++;
        if (oss) counts.oss++;
      }
      if ((sss && person.sysselsattning !== 'arbetssokande') || (oss && person.sysselsattning !== 'anstalld')) {
        counts.other++;
      }
    }
  });

  it('gives most upper-secondary pupils studiehjälp for the last two months', () => {
    expect(counts.studiehjalp / counts.gymnasieelev).to.be.above(0.8);
  });

  it('gives about one in twenty job seekers aged 25–56 studiestartsstöd', () => {
    expect(counts.sss / counts.arbetssokande).to.be.within(0.03, 0.07);
  });

  it('gives about three in a hundred employees aged 27–62 omställningsstudiestöd', () => {
    expect(counts.oss / counts.anstalld).to.be.within(0.02, 0.04);
  });

  it('gives neither to anyone else', () => {
    expect(counts.other).to.equal(0);
  });
});

describe('CSN: studiestartsstöd and omställningsstudiestöd answers read the same as the others', () => {
  it('are identical for the same person, period and day', async () => {
    expect(await csnPerson(STUDIESTARTSSTOD)).to.deep.equal(await csnPerson(STUDIESTARTSSTOD));
  });

  it('write every date and week as digits only (YYYYMMDD, YYYYWW)', async () => {
    const p = await csnPerson(OMSTALLNINGSSTUDIESTOD);
    for (const name of ['soktfrom', 'sokttom', 'utbetdatum', 'starttid', 'sluttid', 'startvecka', 'slutvecka']) {
      for (const e of all(p, name)) expect(text(e), name).to.match(/^\d{6}(\d{2})?$/);
    }
  });
});
