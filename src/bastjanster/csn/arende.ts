/**
 * What CSN knows about a person, as the kommunfråga answer shows it: one case (ärende) per decision, with its
 * applied and decided times and its payments. Amounts in SEK, dates YYYY-MM-DD, weeks YYYYWW.
 */
export interface Belopp {
  beloppstyp: string;
  klartext: string;
  belopp: number;
  totbelopp: number;
}

export interface Utbetaldtid {
  startvecka?: string;
  slutvecka?: string;
  beloppen: Belopp[];
}

export interface Utbetalning {
  utbetdatum: string;
  utbetstatus: 'Utbetald' | 'Planerad';
  tider: Utbetaldtid[];
}

export interface SoktTid {
  soktfrom: string;
  sokttom: string;
  omfattning: number;
  lan: boolean;
}

export interface BeviljadTid {
  starttid: string;
  sluttid: string;
  /** Study pace in percent; CSN leaves it out for studiehjälp (a school year has no pace). */
  takt?: number;
  beloppen: Belopp[];
}

export interface Arende {
  lopnummer: string;
  stodform: string;
  klartext: string;
  status: 'BESLUTAD';
  soktaTider: SoktTid[];
  beviljadeTider: BeviljadTid[];
  utbetalningar: Utbetalning[];
}

/** A payment on or before CSN's today has been made; a later one is planned. */
export function utbetstatus(utbetdatum: string, today: string): Utbetalning['utbetstatus'] {
  return utbetdatum <= today ? 'Utbetald' : 'Planerad';
}

/** The sum of a list of amounts (each Beloppen's and each Utbetalning's totbelopp). */
export function summa(list: Belopp[]): number {
  return list.reduce((sum, b) => sum + b.totbelopp, 0);
}
