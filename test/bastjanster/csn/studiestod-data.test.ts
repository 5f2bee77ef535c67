import { expect } from 'chai';
import { Population } from '../../../src/population/population.js';
import { attr, type XElement } from '../../../src/xml/tree.js';
import { emulatorContext } from '../../support/context.js';
import { TODAY } from '../../support/fraga.js';
import { at, text, textAt } from '../../support/xml.js';
import {
  all,
  csnPerson as person,
  CSN_PERIOD,
  forteckning,
  FYLLDE_16_I_JULI,
  FYLLER_20_I_ARET,
  GYMNASIEELEV,
  iso,
  NYANLAND_ARBETSSOKANDE,
  STUDENT,
} from './csn-support.js';

describe('CSN: answer data (deterministic, inside the period, consistent with the person)', () => {
  describe('a student: studiemedel', () => {
    let p: XElement;
    before(async () => (p = await person(STUDENT)));

    it('gives Person personnummer (10 digits), Status found (ten blanks), sekretess blank (two) and sekel', () => {
      expect(['personnummer', 'Status', 'sekretess', 'sekel'].map((name) => attr(p, name))).to.deep.equal([
        '8112052397',
        '          ',
        '  ',
        '19',
      ]);
    });

    it("lists studiemedel as the only kind of student aid (1/0, as CSN's schema description says)", () => {
      expect(forteckning(p)).to.deep.equal([
        'studiemedel=1',
        'studiehjalp=0',
        'hemutrustningslan=0',
        'studiestartsstod=0',
        'omstallningsstudiestod=0',
      ]);
    });

    it('has one decided GRUND case with its klartext', () => {
      const arende = at(p, 'Studiemedel', 'Arenden', 'Arende');
      expect([
        attr(arende as XElement, 'lopnummer'),
        textAt(arende, 'stodform'),
        textAt(arende, 'klartext'),
        textAt(arende, 'status'),
      ]).to.deep.equal(['1', 'GRUND', 'Studiemedel för studier i Sverige', 'BESLUTAD']);
    });

    it('grants the autumn term 2026 in ISO weeks (YYYYWW), applied for with the same dates', () => {
      const tid = at(p, 'Studiemedel', 'Arenden', 'Arende', 'BeviljadeTider', 'BeviljadTid');
      expect([textAt(tid, 'starttid'), textAt(tid, 'sluttid')]).to.deep.equal(['202635', '202702']);
      const sokt = at(p, 'Studiemedel', 'Arenden', 'Arende', 'soktaTider', 'soktTid');
      expect([textAt(sokt, 'soktfrom'), textAt(sokt, 'sokttom')]).to.deep.equal(['20260824', '20270117']);
    });

    it('grants GRUNDB (bidrag) and GRUNDL (lån) whose totals add up', () => {
      const tid = at(p, 'Studiemedel', 'Arenden', 'Arende', 'BeviljadeTider', 'BeviljadTid') as XElement;
      const belopp = all(tid, 'Belopp');
      expect(belopp.map((b) => textAt(b, 'beloppstyp'))).to.deep.equal(['GRUNDB', 'GRUNDL']);
      const weeks = 21; // 2026 has 53 weeks: weeks 35–53 and 1–2
      for (const b of belopp) expect(Number(textAt(b, 'totbelopp'))).to.equal(Number(textAt(b, 'belopp')) * weeks);
      const sum = belopp.reduce((s, b) => s + Number(textAt(b, 'totbelopp')), 0);
      expect(Number(textAt(tid, 'totbelopp'))).to.equal(sum);
    });

    it('pays on the 25th of each month inside the period: paid before today, planned after', () => {
      const utbetalningar = all(p, 'Utbetalning').map((u) => [textAt(u, 'utbetdatum'), textAt(u, 'utbetstatus')]);
      expect(utbetalningar).to.deep.equal([
        ['20261025', 'Utbetald'],
        ['20261125', 'Planerad'],
      ]);
      for (const [datum] of utbetalningar) {
        expect(iso(datum as string) >= CSN_PERIOD.fromDatum && iso(datum as string) <= CSN_PERIOD.tomDatum).to.equal(
          true,
        );
      }
    });

    it("pays for the month's study weeks, totals consistent", () => {
      const oktober = all(p, 'Utbetalning')[0] as XElement;
      const tid = at(oktober, 'Utbetaldatider', 'Utbetaldtid');
      expect([textAt(tid, 'startvecka'), textAt(tid, 'slutvecka')]).to.deep.equal(['202641', '202644']);
      const sum = all(tid, 'Belopp').reduce((s, b) => s + Number(textAt(b, 'totbelopp')), 0);
      expect([Number(textAt(tid, 'totbelopp')), Number(textAt(oktober, 'totbelopp'))]).to.deep.equal([sum, sum]);
    });

    it('answers the same person and period identically', async () => {
      const again = await person(STUDENT);
      expect(again).to.deep.equal(p);
    });
  });

  describe('an upper-secondary pupil: studiehjälp', () => {
    let p: XElement;
    before(async () => (p = await person(GYMNASIEELEV)));

    it('lists studiehjälp only', () => {
      expect(forteckning(p)).to.deep.equal([
        'studiemedel=0',
        'studiehjalp=1',
        'hemutrustningslan=0',
        'studiestartsstod=0',
        'omstallningsstudiestod=0',
      ]);
    });

    it("has one SH case for the school year, named as CSN names it, numbered from the pupil's first", () => {
      const arende = at(p, 'Studiehjalp', 'Arenden', 'Arende') as XElement;
      expect([attr(arende, 'lopnummer'), textAt(arende, 'stodform'), textAt(arende, 'klartext')]).to.deep.equal([
        '3', // studiebidrag since April 2025, in the school year 2024/25: 2026/27 is the pupil's third
        'SH',
        '2026/27 Studiehjälp Sverige',
      ]);
    });

    it('decides the ten paid months September–June, without a pace, as STUDB (studiebidrag) 1250 a month', () => {
      const tid = at(p, 'Studiehjalp', 'Arenden', 'Arende', 'BeviljadeTider', 'BeviljadTid');
      expect([textAt(tid, 'starttid'), textAt(tid, 'sluttid'), textAt(tid, 'takt')]).to.deep.equal([
        '202636', // 1 September 2026
        '202726', // 30 June 2027
        undefined,
      ]);
      expect(
        ['beloppstyp', 'klartext', 'belopp', 'totbelopp'].map((name) => textAt(tid, 'Beloppen', 'Belopp', name)),
      ).to.deep.equal(['STUDB', 'Studiebidrag', '1250', '12500']);
    });

    it('pays 1250 on the 25th of each month inside the period, paid or planned by today', () => {
      const utbetalningar = all(at(p, 'Studiehjalp'), 'Utbetalning');
      expect(
        utbetalningar.map((u) => [
          textAt(u, 'utbetdatum'),
          textAt(u, 'utbetstatus'),
          textAt(u, 'Utbetaldatider', 'Utbetaldtid', 'Beloppen', 'Belopp', 'beloppstyp'),
          textAt(u, 'totbelopp'),
        ]),
      ).to.deep.equal([
        ['20261025', 'Utbetald', 'STUDB', '1250'],
        ['20261125', 'Planerad', 'STUDB', '1250'],
      ]);
    });

    it('pays no studiebidrag in July and August; a summer period shows both school years (seen from August)', async () => {
      const sommar = await person(
        GYMNASIEELEV,
        { fromDatum: '2026-06-26', tomDatum: '2026-09-26' },
        { today: '2026-08-26' },
      );
      expect(all(sommar, 'klartext').map(text)).to.include.members([
        '2025/26 Studiehjälp Sverige',
        '2026/27 Studiehjälp Sverige',
      ]);
      expect(all(sommar, 'utbetdatum').map(text)).to.deep.equal(['20260925']);
    });

    it('starts studiebidrag in the quarter after the 16th birthday', async () => {
      const ny = await person(FYLLDE_16_I_JULI, { fromDatum: '2026-09-24', tomDatum: '2026-11-30' });
      expect(all(ny, 'utbetdatum').map(text)).to.deep.equal(['20261025', '20261125']);
      const tid = at(ny, 'Studiehjalp', 'Arenden', 'Arende', 'BeviljadeTider', 'BeviljadTid');
      expect([textAt(tid, 'starttid'), textAt(tid, 'Beloppen', 'Belopp', 'totbelopp')]).to.deep.equal([
        '202640', // 1 October 2026
        '11250', // October–June: nine months
      ]);
      expect(attr(at(ny, 'Studiehjalp', 'Arenden', 'Arende') as XElement, 'lopnummer')).to.equal('1');
    });

    it('ends with the spring term of the year the pupil turns 20; that autumn CSN pays studiemedel instead', async () => {
      const p20 = await person(FYLLER_20_I_ARET);
      expect(forteckning(p20).slice(0, 2)).to.deep.equal(['studiemedel=1', 'studiehjalp=0']);
      expect(textAt(p20, 'Studiemedel', 'Arenden', 'Arende', 'BeviljadeTider', 'BeviljadTid', 'starttid')).to.equal(
        '202635',
      );
      const varen = await person(
        FYLLER_20_I_ARET,
        { fromDatum: '2026-04-20', tomDatum: '2026-06-15' },
        { today: '2026-06-15' },
      );
      expect(forteckning(varen).slice(0, 2)).to.deep.equal(['studiemedel=0', 'studiehjalp=1']);
      expect(textAt(varen, 'Studiehjalp', 'Arenden', 'Arende', 'klartext')).to.equal('2025/26 Studiehjälp Sverige');
    });
  });

  describe('a newly arrived refugee seeking work: hemutrustningslån', () => {
    let p: XElement;
    before(async () => (p = await person(NYANLAND_ARBETSSOKANDE)));

    it('lists hemutrustningslån only, one HUT case paid once inside the period', () => {
      expect(forteckning(p)).to.include.members(['studiemedel=0', 'studiehjalp=0', 'hemutrustningslan=1']);
      const arende = at(p, 'HemutrustningsLan', 'Arenden', 'Arende');
      expect(textAt(arende, 'stodform')).to.equal('HUT');
      const utbetalningar = all(arende, 'Utbetalning');
      expect(utbetalningar).to.have.length(1);
      const datum = iso(textAt(utbetalningar[0], 'utbetdatum') ?? '');
      expect(datum >= CSN_PERIOD.fromDatum && datum <= CSN_PERIOD.tomDatum).to.equal(true);
      expect(textAt(utbetalningar[0], 'utbetstatus')).to.equal(datum <= TODAY ? 'Utbetald' : 'Planerad');
    });

    it('lends 20 000 plus 5 000 per child (one child here)', () => {
      expect(
        textAt(at(p, 'HemutrustningsLan', 'Arenden', 'Arende'), 'UtbetalningsPlan', 'Utbetalning', 'totbelopp'),
      ).to.equal('25000');
    });
  });

  it("marks a protected identity with sekretess 'Ja', Status still found", async () => {
    const population = new Population([
      { personidentitet: STUDENT, beskrivning: 'skyddad', person: { skyddadIdentitet: true } },
    ]);
    const p = await person(STUDENT, CSN_PERIOD, { population });
    expect([attr(p, 'sekretess'), attr(p, 'Status')]).to.deep.equal(['Ja', '          ']);
  });

  it('uses the services\' "today" from the context, not the clock', async () => {
    const p = await person(STUDENT, CSN_PERIOD, emulatorContext({ today: '2026-11-26' }));
    expect(all(p, 'utbetstatus').map(text)).to.deep.equal(['Utbetald', 'Utbetald']);
  });
});
