import { addYears } from '../perioder.js';
import type { Barn } from '../barn.js';
import { FK_FORMAN_NAMN, type Arende, type Beslut, type Utbetalning } from '../formaner.js';
import type { Person } from '../../../population/person.js';
import { lefiBarn } from './personinformation.js';
import type { Belopp, FkArende, FkBeslut, FranTill, Omfattning, Sifferkod, UtbetalningUppgift } from './typer.js';

/** FK's benefits model → LEFI v9's FK information model (one builder per benefit group). */

const MANADSVIS: Sifferkod = { id: 1, beskrivning: 'Månadsvis' };
/** LefiUtbetalningUppgift.typ, how a payment is (to be) made: effectuated ones monthly, preliminary presumptive. */
export const UTBETALNING_MANAD: Sifferkod = { id: 1, beskrivning: 'Månad' };
export const UTBETALNING_PRESUMTIV: Sifferkod = { id: 4, beskrivning: 'Presumtiv' };
const INGEN_PERIODICITET: Sifferkod = { id: 0, beskrivning: 'Ingen' };

export function fkArende(arende: Arende, person: Person, barn: Barn[]): FkArende {
  const status = { startades: arende.startades, aktivt: arende.aktivt };
  const beslut = arende.beslut;
  switch (arende.forman) {
    case 'FP':
      return {
        ...status,
        avslaget: false,
        ...(arende.barn && { grunduppgifter: { barn: lefiBarn(arende.barn) } }),
        beslut: beslut.map((b) => ({
          ...grund(b, 'FP', 'Föräldrapenning'),
          omfattning: omfattning(b),
          dagar: b.dagar,
          ersattning: { id: 3, beskrivning: 'Vanliga dagar' },
        })),
      };
    case 'SJP':
      return {
        ...status,
        beslut: beslut.map((b) => ({
          ...grund(b, 'SJP', 'Sjukpenning'),
          omfattning: omfattning(b),
          dagar: b.dagar,
          karens: b.karens ?? false,
          beslutsutfall: 'BEVILJAN', // sic: the value the OpenAPI description names
          beslutstyp: 'SLUTLIGT',
        })),
      };
    case 'AS':
      return {
        ...status,
        avslaget: false,
        ...(arende.atgard && { grunduppgifter: { atgardstyp: arende.atgard } }),
        beslut: beslut.map((b) => ({
          ...grund(b, 'AKS', 'Aktivitetsstöd'),
          periodicitet: INGEN_PERIODICITET,
          beslutatBruttobelopp: sek(b.belopp),
          dagar: b.dagar,
          karens: false,
          ersattning: { id: 1, beskrivning: 'Aktivitetsstöd' },
        })),
      };
    case 'SA':
      return {
        ...status,
        avslaget: false,
        grunduppgifter: { forsakringstid: [{ taljare: person.invandring ? 25 : 40, namnare: 40 }] },
        beslut: beslut.map((b) => ({
          ...manadsbeslut(b, 'SA', 'Sjukersättning'),
          omfattning: omfattning(b),
        })),
      };
    case 'ABB':
      return {
        ...(arende.barn && { grunduppgifter: { barn: lefiBarn(arende.barn) } }),
        beslut: beslut.map((b) => ({
          ...manadsbeslut(b, 'ABB', 'Barnbidrag'),
          underlag: {
            skolgang: arende.barn !== undefined && addYears(arende.barn.fodd, 6) <= b.period.from,
            myndighetsplacering: false,
          },
        })),
      };
    case 'BOB':
      return {
        ...status,
        avslaget: false,
        beslut: beslut.map((b) => ({
          ...manadsbeslut(b, 'BOB', 'Bostadsbidrag'),
          underlag: {
            totalBostadskostnad: sek(Math.round((b.belopp * 2 + 5000) / 100) * 100),
            inkomster: [sek(person.arsinkomst)],
            hemmavarandeBarn: barn.filter((c) => c.fodd <= b.period.tom).map(lefiBarn),
          },
        })),
      };
  }
}

/**
 * An FK payment as utbetalningsuppgift (effectuated, or preliminary with `typ` Presumtiv): the benefit line, with
 * its days for a daily benefit, then the tax withheld (beloppstyp PS).
 */
export function utbetalningsuppgift(u: Utbetalning, typ: Sifferkod = UTBETALNING_MANAD): UtbetalningUppgift {
  const forman = { id: u.forman, beskrivning: FK_FORMAN_NAMN[u.forman as keyof typeof FK_FORMAN_NAMN] ?? u.forman };
  const period = franTill(u.avser);
  return {
    typ,
    foretag: { id: 1001, beskrivning: 'Försäkringskassan' },
    formansfamilj: forman,
    datum: u.datum,
    period,
    bruttobelopp: sek(u.brutto),
    skattebelopp: sek(u.skatt),
    avdragsbelopp: sek(u.skatt), // tax counts as a deduction too
    nettobelopp: sek(u.netto),
    utbetalningsdetalj: [
      {
        forman,
        period,
        beloppstyp: forman,
        ...(u.dagar !== undefined && { dagar: u.dagar }),
        bruttobelopp: sek(u.brutto),
      },
      ...(u.skatt > 0
        ? [{ forman, period, beloppstyp: { id: 'PS', beskrivning: 'Preliminär skatt' }, skattebelopp: sek(u.skatt) }]
        : []),
    ],
  };
}

function grund(b: Beslut, id: string, beskrivning: string): FkBeslut {
  return { fattades: b.fattades, definitivt: b.definitivt, forman: { id, beskrivning }, period: franTill(b.period) };
}

function manadsbeslut(b: Beslut, id: string, beskrivning: string): FkBeslut {
  return {
    ...grund(b, id, beskrivning),
    ...(b.delforman && { delforman: b.delforman }),
    periodicitet: MANADSVIS,
    beslutatBruttobelopp: sek(b.belopp),
  };
}

/** Percent as a reduced fraction, as LEFI writes shares (1/1, 3/4, 1/2, 1/4). */
function omfattning(b: Beslut): Omfattning {
  const procent = b.omfattning ?? 100;
  const gcd = (a: number, c: number): number => (c === 0 ? a : gcd(c, a % c));
  const d = gcd(procent, 100);
  return { taljare: procent / d, namnare: 100 / d };
}

export function franTill(period: { from: string; tom: string }): FranTill {
  return { fran: period.from, till: period.tom };
}

export function sek(summa: number): Belopp {
  return { summa, valuta: 'SEK' };
}
