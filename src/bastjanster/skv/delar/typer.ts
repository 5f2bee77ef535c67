import type { SkvDel } from '../../../ssbtek/model.js';
import type { DelFelStatus } from './del-fel.js';

/**
 * SKV's v11 native interface (the emulator's own design; nothing of it is public): one JSON question per SSBTEK
 * query, one JSON answer with an entry per part asked. The JSON Schemas beside this file are the contract.
 */
export interface SkvFraga {
  ingivare: { organisationsnummer: string; namn: string; kontonamnForHandlaggare: string };
  /** Always Försäkringskassan (seed §6.4). */
  personuppgiftsbitrade: { organisationsnummer: string; namn: string };
  identitet: string;
  referensnummer: string;
  /** The income years asked for (drive skatteuppgifter, individuppgifter and beskattningsbilagor). */
  ar: number[];
  delar: SkvDel[];
}

export type DelSvar = { status: 200; data: DelData } | { status: DelFelStatus; meddelande: string };

export interface SkvSvar {
  identitet: string;
  referensnummer: string;
  /** One entry per part asked, in the contract's order. */
  delar: Partial<Record<SkvDel, DelSvar>>;
}

/**
 * SKV's own error for the whole question (HTTP 4xx/5xx). Without `meddelandeKod` it is the gateway's 500
 * (the backend is down), as v10's SOAP Fault without skv:Exception.
 */
export interface SkvFel {
  meddelandeKod?: number;
  meddelandeText: string;
  systemversion?: string;
  /** What was wrong with the question (9071007): a path and a message per violation, never a value. */
  detaljer?: string[];
}

export type DelData = Foretagsinformation | Skattekonto | Skatteuppgifter | Individuppgifter | Beskattningsbilagor;

/** Amounts inside `uppgifter` are strings of whole kronor, as in SKV's own skatteuppgifter. */
export type Belopp = string;

export interface Foretagsinformation {
  foretag: {
    foretagId: string;
    arbetsgivarregistrerad: boolean;
    momsregistrerad: boolean;
    godkandFskatt: boolean;
  };
}

export interface Skattekonto {
  kontohavare: string;
  utbetaltBelopp: number;
  bokforingsdag: string;
  saldo: number;
  preliminarRanta: number;
  utbetalningskonto: string;
  senastUppdaterad: string;
}

export interface Skatteuppgifter {
  identitet: string;
  beslutadeSkatteuppgifter: {
    beskattningsar: number;
    beskattningsperiod: string;
    datumFaststalld: string;
    uppgifter: {
      inkomstar: string;
      overskottAvTjanst: Belopp;
      overskottAvNaringsverksamhet?: Belopp;
      sumKapital: Belopp;
      fastStalldinkomst: Belopp;
      summaSlutligSkatt: Belopp;
    };
  }[];
}

export interface Individuppgifter {
  betalningsmottagare: string;
  individuppgifter: {
    inkomstar: number;
    redovisningsperiod: string;
    utbetalare: string;
    uppgifter: { kontantErsattning: Belopp; avdragenSkatt: Belopp };
  }[];
}

export interface Beskattningsbilagor {
  identitet: string;
  beskattningsbilagor: {
    beskattningsar: number;
    datumInkommen: string;
    bilagor: ({ blankett: 'NE'; uppgifter: NeUppgifter } | { blankett: 'K4'; uppgifter: K4Uppgifter })[];
  }[];
}

export interface NeUppgifter {
  overskottAvNaringsverksamhet: Belopp;
  avdragForEgenavgifter: Belopp;
}

export interface K4Uppgifter {
  forsaljningspris: Belopp;
  omkostnadsbelopp: Belopp;
  vinst: Belopp;
}
