import { PENSIONSDEL_NAMN, type Alderspension, type PensionsDel, type PensionsUtbetalning } from '../pension.js';
import type { Kodtext, PmAnsprak, PmBeslut, PmGruppKod, PmUtbetalning } from './typer.js';

/**
 * Pensionsmyndigheten's allmän pension → LEFI v9's PM information model (ansprak, beslut, utbetalningar,
 * preliminaraUtbetalningar).
 */

const ALLMAN_PENSION: Kodtext<PmGruppKod> = { kod: 'PM:AP', beskrivning: 'Allmän pension' };

export function pmAnsprak(pension: Alderspension): PmAnsprak[] {
  const { id, ankomstdatum, from } = pension.ansprak;
  return [{ ansprakid: id, ankomstdatum, formansgrupp: ALLMAN_PENSION, yrkadPeriod: { from } }];
}

export function pmBeslut(pension: Alderspension): PmBeslut[] {
  return pension.beslut.map((b) => ({
    beslutsid: b.id,
    beslutsdatum: b.beslutsdatum,
    formansgrupp: ALLMAN_PENSION,
    beslutsstatus: { kod: 'SLUTLIGT', beskrivning: 'Slutligt' },
    beslutsutfall: { kod: 'BIFALL', beskrivning: 'Bifall' },
    beslutadErsattning: b.delar.map((d) => ({
      beslutatBelopp: { belopp: d.belopp, beloppsfrekvens: { kod: 'MANAD', beskrivning: 'Månad' } },
      period: { from: b.period.from, tom: b.period.tom },
      ersattningstyp: ersattningstyp(d),
    })),
  }));
}

/** Payments, effectuated or preliminary: the same LefiPmFormanUtbetalning for both. */
export function pmUtbetalningar(utbetalningar: PensionsUtbetalning[]): PmUtbetalning[] {
  return utbetalningar.map((u) => ({
    utbetalningsdatum: u.datum,
    utbetalningsperiod: { from: u.avser.from, tom: u.avser.tom },
    bruttobelopp: u.brutto,
    nettobelopp: u.netto,
    avdrag: [{ belopp: u.skatt, avdragstyp: { kod: 'PM:PS', beskrivning: 'Preliminär skatt' } }],
    utbetalningsrader: u.delar.map((d) => ({
      formansgrupp: ALLMAN_PENSION,
      belopp: d.belopp,
      utbetalningsforman: { kod: 'PM:AL', beskrivning: 'Ålderspension' },
      beloppstyp: ersattningstyp(d),
    })),
  }));
}

function ersattningstyp(d: PensionsDel): Kodtext {
  return { kod: `PM:${d.typ}`, beskrivning: PENSIONSDEL_NAMN[d.typ] };
}
