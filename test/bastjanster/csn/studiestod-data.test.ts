import { expect } from 'chai';
import { Population } from '../../../src/population/population.js';
import { attr, type XElement } from '../../../src/xml/tree.js';
import { emulatorContext } from '../../support/context.js';
import { TODAY } from '../../support/fraga.js';
import { at, elements, text, textAt } from '../../support/xml.js';
import {
  answerProblems,
  ask,
  csnFraga,
  CSN_PERIOD,
  decodedSvar,
  FYLLDE_16_I_JULI,
  GYMNASIEELEV,
  NYANLAND_ARBETSSOKANDE,
  STUDENT,
} from './csn-support.js';

function all(parent: XElement | undefined, name: string): XElement[] {
  const found: XElement[] = [];
  const visit = (e: XElement): void => {
    for (const c of elements(e)) {
      if (c.name === name) found.push(c);
      visit(c);
    }
  };
  if (parent) visit(parent);
  return found;
}

async function person(personidentitet: string, period = CSN_PERIOD, context = {}) {
  const { response } = await ask(csnFraga({ personidentitet }, period), context);
  expect(answerProblems(response)).to.deep.equal([]);
  const svar = decodedSvar(response);
  expect(textAt(svar, 'GemensamtSvarEkbistand', 'Resultat', 'ResultatKod')).to.equal('0');
  expect(textAt(svar, 'GemensamtSvarEkbistand', 'Resultat', 'ResultatText')).to.equal('Allt OK, inget att rapportera.');
  const p = at(svar, 'Personer', 'Person');
  if (!p) throw new Error('no Person');
  return p;
}

function forteckning(p: XElement): string[] {
  return elements(at(p, 'Studiestodstypforteckning') as XElement).map((e) => `${e.name}=${text(e)}`);
}

const iso = (yyyymmdd: string): string => `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;

describe('CSN: answer data (deterministic, inside the period, consistent with the person)', () => {
  describe('a student: studiemedel', () => {
    let p: XElement;
    before(async () => (p = await person(STUDENT)));

    it('gives Person personnummer (10 digits) and sekel, no sekretess', () => {
      expect([attr(p, 'personnummer'), attr(p, 'sekel'), attr(p, 'sekretess')]).to.deep.equal([
        '8112052397',
        '19',
        undefined,
      ]);
    });

    it('lists studiemedel as the only kind of student aid (J/N)', () => {
      expect(forteckning(p)).to.deep.equal([
        'studiemedel=J',
        'studiehjalp=N',
        'hemutrustningslan=N',
        'studiestartsstod=N',
        'omstallningsstudiestod=N',
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
      expect(forteckning(p)).to.include.members(['studiemedel=N', 'studiehjalp=J', 'hemutrustningslan=N']);
    });

    it('has an SH case with studiebidrag (SB) of 1250 per month, paid on the 25th inside the period', () => {
      const arende = at(p, 'Studiehjalp', 'Arenden', 'Arende');
      expect(textAt(arende, 'stodform')).to.equal('SH');
      const utbetalningar = all(arende, 'Utbetalning');
      expect(utbetalningar.map((u) => textAt(u, 'utbetdatum'))).to.deep.equal(['20261025', '20261125']);
      for (const u of utbetalningar) {
        expect([
          textAt(u, 'Utbetaldatider', 'Utbetaldtid', 'Beloppen', 'Belopp', 'beloppstyp'),
          textAt(u, 'totbelopp'),
        ]).to.deep.equal(['SB', '1250']);
      }
    });

    it('pays no studiebidrag in July and August (seen from a summer "today")', async () => {
      // 25 July and 25 August lie inside the period, 25 September too
      const sommar = await person(
        GYMNASIEELEV,
        { fromDatum: '2026-06-26', tomDatum: '2026-09-26' },
        { today: '2026-08-26' },
      );
      expect(all(sommar, 'utbetdatum').map(text)).to.deep.equal(['20260925']);
    });

    it('starts studiebidrag in the quarter after the 16th birthday', async () => {
      const ny = await person(FYLLDE_16_I_JULI, { fromDatum: '2026-09-24', tomDatum: '2026-11-30' });
      expect(all(ny, 'utbetdatum').map(text)).to.deep.equal(['20261025', '20261125']);
    });
  });

  describe('a newly arrived refugee seeking work: hemutrustningslån', () => {
    let p: XElement;
    before(async () => (p = await person(NYANLAND_ARBETSSOKANDE)));

    it('lists hemutrustningslån only, one HUT case paid once inside the period', () => {
      expect(forteckning(p)).to.include.members(['studiemedel=N', 'studiehjalp=N', 'hemutrustningslan=J']);
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

  it("marks a protected identity with sekretess 'J'", async () => {
    const population = new Population([
      { personidentitet: STUDENT, beskrivning: 'skyddad', person: { skyddadIdentitet: true } },
    ]);
    const p = await person(STUDENT, CSN_PERIOD, { population });
    expect(attr(p, 'sekretess')).to.equal('J');
  });

  it('uses the services\' "today" from the context, not the clock', async () => {
    const p = await person(STUDENT, CSN_PERIOD, emulatorContext({ today: '2026-11-26' }));
    expect(all(p, 'utbetstatus').map(text)).to.deep.equal(['Utbetald', 'Utbetald']);
  });
});
