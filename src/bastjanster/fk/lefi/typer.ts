/**
 * LEFI v9 JSON as the emulator reads and writes it: the question, the answer's subset it fills, the error answer.
 * Mirrors the project's schemas next to this file (which mirror the published OpenAPI description).
 */

export type PmGruppKod = 'PM:AP' | 'PM:BTI' | 'PM:EF';

export interface LefiPeriod {
  from: string;
  tom: string;
}

export interface LefiFraga {
  personnummer: string;
  period: LefiPeriod;
  formansinformation?: string[];
  ansprak?: string[];
  beslut?: string[];
  preliminaraUtbetalningar?: string[];
  utbetalningar?: string[];
  ovrigInformation?: string[];
}

export interface LefiFelsvar {
  meddelande?: string;
  timestamp?: string;
}

export interface Sifferkod {
  id: number;
  beskrivning: string;
}

export interface Bokstavskod {
  id: string;
  beskrivning: string;
}

export interface Kodtext<K extends string = string> {
  kod: K;
  beskrivning: string;
}

export interface Belopp {
  summa: number;
  valuta: 'SEK';
}

export interface Omfattning {
  taljare: number;
  namnare: number;
}

export interface FranTill {
  fran: string;
  till?: string;
}

export interface LefiPerson {
  personnummer?: string;
  foddes?: string;
  namn?: string;
  skyddad?: boolean;
}

export interface Land {
  kod: string;
  namn: string;
}

export interface Personinformation {
  personnummer: string;
  foddes: string;
  namn: string;
  skyddad: boolean;
  adress?: { roller: Sifferkod[]; utdelningadress: string[]; postnummer: string; postort: string; land: Land }[];
  barn?: LefiPerson[];
  civilstand: Sifferkod;
  folkbokford?: { lan: string; kommun: string }[];
  medborgarskap: { datum?: string; land: Land }[];
}

/** The fields every FK decision type shares (not all types have all of them). */
export interface FkBeslut {
  fattades: string;
  definitivt: boolean;
  forman: Bokstavskod;
  delforman?: Bokstavskod;
  periodicitet?: Sifferkod;
  period: FranTill;
  beslutatBruttobelopp?: Belopp;
  omfattning?: Omfattning;
  dagar?: number;
  karens?: boolean;
  ersattning?: Sifferkod;
  beslutsutfall?: string;
  beslutstyp?: string;
  underlag?: Record<string, unknown>;
}

export interface FkArende {
  startades?: string;
  aktivt?: boolean;
  avslaget?: boolean;
  grunduppgifter?: Record<string, unknown>;
  medsokande?: LefiPerson[];
  beslut: FkBeslut[];
}

export interface UtbetalningUppgift {
  typ: Sifferkod;
  foretag: Sifferkod;
  formansfamilj: Bokstavskod;
  datum: string;
  period: FranTill;
  bruttobelopp: Belopp;
  skattebelopp: Belopp;
  avdragsbelopp: Belopp;
  nettobelopp: Belopp;
  utbetalningsdetalj: {
    forman: Bokstavskod;
    period: FranTill;
    beloppstyp: Bokstavskod;
    dagar?: number;
    bruttobelopp?: Belopp;
    skattebelopp?: Belopp;
  }[];
}

/** Days used in the jobb- och utvecklingsgaranti (LefiProgramjobdagar). */
export interface Programjobdagar {
  antalForbrukade: number;
  harForbrukatMaxAntal: boolean;
}

/** The keys of FK's formansinformation the emulator writes. */
export interface Formansinformation {
  generellPersoninformation?: Personinformation[];
  aktivitetsstodsarende?: FkArende[];
  barnbidragsarende?: FkArende[];
  bostadsbidragsarende?: FkArende[];
  foraldrapenningarende?: FkArende[];
  sjukOchAktivitetsersattningsarende?: FkArende[];
  sjukpenningarende?: FkArende[];
  preliminarautbetalningar?: UtbetalningUppgift[];
  programjobdagar?: Programjobdagar[];
  utbetalningsuppgift?: UtbetalningUppgift[];
}

export interface PmAnsprak {
  ansprakid: string;
  ankomstdatum: string;
  formansgrupp: Kodtext<PmGruppKod>;
  yrkadPeriod: { from: string; tom?: string };
}

export interface PmBeslut {
  beslutsid: string;
  beslutsdatum: string;
  formansgrupp: Kodtext<PmGruppKod>;
  beslutsstatus: Kodtext;
  beslutsutfall: Kodtext;
  beslutadErsattning: {
    beslutatBelopp: { belopp: number; beloppsfrekvens: Kodtext };
    period: { from: string; tom?: string };
    ersattningstyp: Kodtext;
  }[];
}

export interface PmUtbetalning {
  utbetalningsdatum: string;
  utbetalningsperiod: LefiPeriod;
  bruttobelopp: number;
  nettobelopp: number;
  avdrag: { belopp: number; avdragstyp: Kodtext }[];
  utbetalningsrader: {
    formansgrupp: Kodtext<PmGruppKod>;
    belopp: number;
    utbetalningsforman: Kodtext;
    beloppstyp: Kodtext;
  }[];
}

export interface Avvikelse {
  avvikelse: { kod: 'INTERNT_FEL' | 'OBEHORIG'; beskrivning: string };
}

export type GruppAvvikelse = Avvikelse & { formansgrupp: Kodtext };
export type OvrigAvvikelse = Avvikelse & { ovrigInformationstyp: Kodtext };

export interface Avvikelser {
  formansinformation?: GruppAvvikelse[];
  ansprak?: GruppAvvikelse[];
  beslut?: GruppAvvikelse[];
  preliminaraUtbetalningar?: GruppAvvikelse[];
  utbetalningar?: GruppAvvikelse[];
  ovrigInformation?: OvrigAvvikelse[];
}

export interface UtlamnareTillstand {
  utlamnare: { kod: 'FK' | 'PM'; namn: string };
  tillstand: { kod: 'OK' | 'FELANDE' | 'OTILLGANGLIG'; beskrivning: string };
}

export interface LefiSvar {
  utlamnare: UtlamnareTillstand[];
  avvikelser: Avvikelser;
  formansinformation?: Formansinformation;
  ansprak?: PmAnsprak[];
  beslut?: PmBeslut[];
  preliminaraUtbetalningar?: PmUtbetalning[];
  utbetalningar?: PmUtbetalning[];
}
