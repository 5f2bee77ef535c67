import { expect } from 'chai';
import { CSN_RESULTAT, DATUMINTERVALL_FEL } from '../../../src/bastjanster/csn/resultatkoder.js';
import { csn } from '../../../src/bastjanster/csn/index.js';
import type { SsbtekFraga, Tidsperiod } from '../../../src/ssbtek/model.js';
import { adapterContext } from '../../support/context.js';
import { textAt } from '../../support/xml.js';
import {
  answerProblems,
  ARBETSSOKANDE,
  ask,
  csnFraga,
  decodedSvar,
  FYLLDE_16_I_OKTOBER,
  SAMORDNINGSNUMMER,
  send,
  STUDENT,
  STUDENT_OVER_60,
  tamperedRequest,
} from './csn-support.js';

/** The BT error SSBTEK must make of a CSN code (seed §7.3.2: ResultatKod → felkod, ResultatText → felmeddelande). */
function btError(felkod: string, felmeddelande: string) {
  return { kind: 'error', kalla: 'BT', felkod, felmeddelande: [felmeddelande] };
}

describe('CSN: error codes (seed §7.3.3) and their mapping (seed §7.3.2)', () => {
  describe('-1005 Inparametrar bryter mot specifikation/kontrakt', () => {
    const text = 'Inparametrar bryter mot specifikation/kontrakt, typ formatfel';
    const cases: [string, string | RegExp, string][] = [
      ['a SchemaVersion other than 1.0', '<sam:SchemaVersion>1.0<', '<sam:SchemaVersion>2.0<'],
      ['a Kommun without the hyphen', '<sam:Kommun>212000-2411<', '<sam:Kommun>2120002411<'],
      ['a Kommun with a letter', '<sam:Kommun>212000-2411<', '<sam:Kommun>21200A-2411<'],
      ['an empty AppNamn', '<sam:AppNamn>SSBTEK<', '<sam:AppNamn><'],
      ['an empty HandlaggareId', '<sam:HandlaggareId>HL123456<', '<sam:HandlaggareId> <'],
    ];
    for (const [what, from, to] of cases) {
      it(`is answered for ${what}`, async () => {
        const response = await send(tamperedRequest(csnFraga(), from, to));
        expect(csn.adapter.fromNative(response, csnFraga(), adapterContext())).to.deep.equal(btError('-1005', text));
      });
    }
  });

  describe("-1005 for a field longer than CSN's contract allows (ArendId, HandlaggareId: at most 31 characters)", () => {
    const text = 'Inparametrar bryter mot specifikation/kontrakt, typ formatfel';
    const UUID = '3f2b8c1e-9a4d-4e7b-8c21-5d6f0a9b1c2e'; // what a client's UUID.randomUUID() gives: 36 characters

    it('answers an ArendId of 31 characters with the data', async () => {
      const { request, utfall } = await ask(csnFraga({ arendeidentitet: 'A'.repeat(31) }));
      expect(utfall.kind).to.equal('data');
      expect(request.body).to.contain(`<sam:ArendId>${'A'.repeat(31)}</sam:ArendId>`);
    });

    for (const [what, arendeidentitet] of [
      ['32 characters', 'A'.repeat(32)],
      ['36 characters (a UUID, passed on unchanged)', UUID],
    ] as const) {
      it(`answers an ArendId of ${what} with -1005`, async () => {
        const { request, utfall } = await ask(csnFraga({ arendeidentitet }));
        expect(request.body).to.contain(`<sam:ArendId>${arendeidentitet}</sam:ArendId>`);
        expect(utfall).to.deep.equal(btError('-1005', text));
      });
    }

    it('counts characters, not bytes: 31 letters å are allowed', async () => {
      expect((await ask(csnFraga({ arendeidentitet: 'å'.repeat(31) }))).utfall.kind).to.equal('data');
    });

    it('answers a HandlaggareId of 32 characters with -1005 (the same limit in the contract)', async () => {
      const fraga = csnFraga({
        ingivare: { organisationsnummer: '162120002411', namn: 'Kommun A', handlaggare: 'H'.repeat(32) },
      });
      expect((await ask(fraga)).utfall).to.deep.equal(btError('-1005', text));
    });

    const before: [string, SsbtekFraga][] = [
      ['an invalid personnummer (-1004)', csnFraga({ arendeidentitet: UUID, personidentitet: '198112052398' })],
      [
        'a period too far back (-1006)',
        csnFraga({ arendeidentitet: UUID }, { fromDatum: '2026-01-01', tomDatum: '2026-01-31' }),
      ],
      [
        'a scenario person whose systems are down (-1103)',
        csnFraga({ arendeidentitet: UUID, personidentitet: '198112192391' }),
      ],
    ];
    for (const [what, fraga] of before) {
      it(`is checked before ${what}: a contract error is found first`, async () => {
        expect((await ask(fraga)).utfall).to.deep.equal(btError('-1005', text));
      });
    }
  });

  describe('-1004 Felaktigt format på personnummer', () => {
    const text = 'Ej giltigt personnummer';
    const byFraga: [string, string][] = [
      ['a wrong check digit', '198112052398'],
      ['an impossible date', '198113052397'],
      ['a samordningsnummer (CSN: day 01–31 only)', SAMORDNINGSNUMMER],
    ];
    for (const [what, personidentitet] of byFraga) {
      it(`is answered for ${what}`, async () => {
        expect((await ask(csnFraga({ personidentitet }))).utfall).to.deep.equal(btError('-1004', text));
      });
    }
    const byRequest: [string, string | RegExp, string][] = [
      ['a HushallsMedlemsId of nine digits', '>8112052397<', '>811205239<'],
      [
        'a HushallsId that is not sekel + HushallsMedlemsId',
        '<sam:HushallsId>198112052397<',
        '<sam:HushallsId>198112182392<',
      ],
      ['a sekel outside 18–20', '<sam:HushallsMedlemsIdSekel>19<', '<sam:HushallsMedlemsIdSekel>17<'],
    ];
    for (const [what, from, to] of byRequest) {
      it(`is answered for ${what}`, async () => {
        const response = await send(tamperedRequest(csnFraga(), from, to));
        expect(csn.adapter.fromNative(response, csnFraga(), adapterContext())).to.deep.equal(btError('-1004', text));
      });
    }
  });

  describe('-1006 Felaktigt datumintervall (today 2026-11-24)', () => {
    const cases: [string, Tidsperiod, string][] = [
      [
        'an impossible FromDatum',
        { fromDatum: '2026-02-30', tomDatum: '2026-11-30' },
        DATUMINTERVALL_FEL.ogiltigtFromdatum,
      ],
      [
        'a TomDatum that is no date',
        { fromDatum: '2026-10-01', tomDatum: '20261130' },
        DATUMINTERVALL_FEL.ogiltigtTomdatum,
      ],
      ['TomDatum before FromDatum', { fromDatum: '2026-11-10', tomDatum: '2026-11-09' }, 'Tomdatum före Fromdatum'],
      [
        'FromDatum more than 2 months before today',
        { fromDatum: '2026-09-23', tomDatum: '2026-11-20' },
        'Fromdatum mer än 2 månader innan dagens datum',
      ],
      [
        'TomDatum more than 1 month after today',
        { fromDatum: '2026-11-01', tomDatum: '2026-12-25' },
        'Tomdatum mer än 1 månad efter dagens datum',
      ],
    ];
    for (const [what, period, text] of cases) {
      it(`is answered for ${what}: "${text}"`, async () => {
        expect((await ask(csnFraga({}, period))).utfall).to.deep.equal(btError('-1006', text));
      });
    }

    it('accepts the limits themselves: FromDatum exactly 2 months back, TomDatum exactly 1 month ahead', async () => {
      const { utfall } = await ask(csnFraga({}, { fromDatum: '2026-09-24', tomDatum: '2026-12-24' }));
      expect(utfall.kind).to.equal('data');
    });

    it('answers -1006 to a query with only the general period of three months (CSN looks back 2 months)', async () => {
      const fraga = { ...csnFraga(), tjanster: { CSN: { inkludera: true } } } as SsbtekFraga;
      expect((await ask(fraga)).utfall).to.include({ felkod: '-1006' });
    });
  });

  describe('-2 Posten finns inte', () => {
    const text = 'Posten finns inte, sökidentiteten finns inte i systemet';
    const cases: [string, string][] = [
      ['a job seeker with no student aid', ARBETSSOKANDE],
      ['a student over 60 (no studiemedel)', STUDENT_OVER_60],
      ['a pupil who turned 16 this quarter (studiebidrag starts next quarter)', FYLLDE_16_I_OKTOBER],
    ];
    for (const [what, personidentitet] of cases) {
      it(`is answered for ${what}`, async () => {
        expect((await ask(csnFraga({ personidentitet }))).utfall).to.deep.equal(btError('-2', text));
      });
    }
  });

  describe('-1101, -1102, -1103 technical errors, by scenario person (fixtures/…/csn.json)', () => {
    const cases: [string, number][] = [
      ['198112092393', -1101],
      ['198112112399', -1102],
      ['198112192391', -1103],
    ];
    for (const [personidentitet, kod] of cases) {
      it(`answers ${kod} for ${personidentitet} with the seed's Felmeddelande`, async () => {
        const { utfall } = await ask(csnFraga({ personidentitet }));
        expect(utfall).to.deep.equal(btError(String(kod), CSN_RESULTAT[kod as keyof typeof CSN_RESULTAT][1]));
      });
    }

    it('still checks the request first: a scenario person with a bad period gets -1006', async () => {
      const { utfall } = await ask(
        csnFraga({ personidentitet: '198112092393' }, { fromDatum: '2026-01-01', tomDatum: '2026-01-31' }),
      );
      expect(utfall).to.include({ felkod: '-1006' });
    });
  });

  it('uses the seed texts verbatim for -1101/-1102/-1103', () => {
    expect([CSN_RESULTAT[-1101][1], CSN_RESULTAT[-1102][1], CSN_RESULTAT[-1103][1]]).to.deep.equal([
      'Tekniskt fel systemet för studiemedel och studiehjälp ej tillgängliga',
      'SM eller SH svarar inte',
      'Inget av HUT, SM eller SH svarar',
    ]);
  });

  describe('every error answer is a CSNSvar: Resultat, the question echoed, no Person', () => {
    const fragor: [string, SsbtekFraga][] = [
      ['-2', csnFraga({ personidentitet: ARBETSSOKANDE })],
      ['-1004', csnFraga({ personidentitet: '198112052398' })],
      ['-1006', csnFraga({}, { fromDatum: '2026-01-01', tomDatum: '2026-01-31' })],
      ['-1103', csnFraga({ personidentitet: '198112192391' })],
    ];
    for (const [kod, fraga] of fragor) {
      it(`${kod}: valid against the schemas, HTTP 200, ResultatKod ${kod}, echo and empty Personer`, async () => {
        const { request, response } = await ask(fraga);
        expect(response.status).to.equal(200);
        expect(answerProblems(response)).to.deep.equal([]);
        const svar = decodedSvar(response);
        expect(textAt(svar, 'GemensamtSvarEkbistand', 'Resultat', 'ResultatKod')).to.equal(kod);
        expect(textAt(svar, 'GemensamtFragaEkbistand', 'HushallsId')).to.equal(fraga.personidentitet);
        expect(textAt(svar, 'GemensamtFragaEkbistand', 'ArendId')).to.equal(fraga.arendeidentitet);
        expect(textAt(svar, 'Personer')).to.equal('');
        expect(request.body).to.contain(fraga.arendeidentitet);
      });
    }
  });

  it('answers -1005 with the tampered question echoed as it came', async () => {
    const response = await send(tamperedRequest(csnFraga(), '<sam:SchemaVersion>1.0<', '<sam:SchemaVersion>0.9<'));
    expect(answerProblems(response)).to.deep.equal([]);
    expect(textAt(decodedSvar(response), 'GemensamtFragaEkbistand', 'SchemaVersion')).to.equal('0.9');
  });

  it('maps ResultatKod 0 to data, not error (a student in the period)', async () => {
    expect((await ask(csnFraga({ personidentitet: STUDENT }))).utfall.kind).to.equal('data');
  });
});
