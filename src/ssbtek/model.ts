import type { NativeRequest, NativeResponse } from '../bastjanster/types.js';
import type { XElement } from '../xml/tree.js';

/** The seven base services, in the contract's order (svarsdata children follow this order). */
export const SERVICE_IDS = ['AF', 'CSN', 'FK', 'SKV', 'SO', 'TNS', 'MIV'] as const;
export type ServiceId = (typeof SERVICE_IDS)[number];

export type DialectId = 'v10' | 'v11' | 'v1';

export interface Tidsperiod {
  fromDatum: string;
  tomDatum: string;
}

export interface Ingivare {
  organisationsnummer: string;
  namn: string;
  handlaggare: string;
}

export interface Personuppgiftsbitrade {
  ordningsnummer?: string;
  organisationsnummer: string;
  namn: string;
}

/** FK's specific parameters: v10 carries a LEFI JSON question, v1 a list of benefit flags. */
export type FkParametrar =
  | { kind: 'lefiJson'; version?: string; aktorsid: string; lefiJsonFraga: string }
  | { kind: 'formansforteckning'; flaggor: { namn: string; varde: boolean }[] };

/** The parts of Skatteverket's answer a v11 query can ask for (SkatteverketFraga), in the contract's order. */
export const SKV_DELAR = [
  'foretagsinformation',
  'individuppgifter',
  'skattekonto',
  'skatteuppgifter',
  'beskattningsbilagor',
] as const;
export type SkvDel = (typeof SKV_DELAR)[number];

/** SKV's specific parameters (v11 only): the income years asked for, and the parts asked for (those set true). */
export interface SkvParametrar {
  ar: number[];
  delar: SkvDel[];
}

export interface TjanstFraga {
  inkludera: boolean;
  /** The service's own period; replaces the general one when present. */
  tidsperiod?: Tidsperiod;
  fk?: FkParametrar;
  /** v11: SKV's `fraga` (absent in v1 and v10, and in a v11 query that left it out). */
  skv?: SkvParametrar;
}

/** The internal model of one hamtaBastjanstInformation query, independent of dialect. */
export interface SsbtekFraga {
  dialect: DialectId;
  /** The namespace the query was asked in; the answer uses the same. */
  namespace: string;
  frageTidpunkt?: string;
  korrelationsid?: string;
  fraganSkallInkluderasISvaret: boolean;
  ingivare: Ingivare;
  personidentitet: string;
  arendeidentitet: string;
  tidsperiod: Tidsperiod;
  personuppgiftsbitraden: Personuppgiftsbitrade[];
  syfte: string;
  lagtext: string;
  tjanster: Partial<Record<ServiceId, TjanstFraga>>;
  /** The query's own elements, echoed as `fraga` when asked for. */
  original: XElement;
}

/** Where an error comes from (§7.2): the base service, or the composite service itself. */
export type Kalla = 'BT' | 'SSBT';

export interface TjanstFel {
  kind: 'error';
  kalla: Kalla;
  felkod: string;
  felmeddelande: string[];
}

/** A base service's answer, as it goes into `data`. */
export type TjanstData =
  /** Elements placed as children of `data` (the native answer's content). */
  | { kind: 'xml'; children: XElement[] }
  /** A base64 payload placed in a dialect element under `data` (CSN `svar`, FK v10 `lefiJsonSvar`). */
  | { kind: 'base64'; element: 'svar' | 'lefiJsonSvar'; base64: string }
  /** v11 SKV: one answer per part asked for, each base64 JSON data or its own error (SkatteverketDelSvar). */
  | { kind: 'skvDelar'; delar: Partial<Record<SkvDel, SkvDelUtfall>> };

/** One SKV part's answer in v11: base64 of the part's JSON document, or the part's own error. */
export type SkvDelUtfall = { kind: 'data'; base64: string } | TjanstFel;

export type TjanstUtfall = ({ kind: 'data' } & { data: TjanstData }) | TjanstFel;

export interface TjanstResultat {
  service: ServiceId;
  utfall: TjanstUtfall;
  durationMs: number;
  /** performance.now() when the call started (the journal places it on the exchange's timeline). */
  startedAt?: number;
  /** The native messages exchanged, as far as the call got (for the request journal). */
  native?: { request?: NativeRequest; response?: NativeResponse };
}

/** What one service call came to, without the data itself: what the journal and the metrics need. */
export interface TjanstAnrop {
  service: ServiceId;
  utfall: { kind: 'data' } | TjanstFel;
  durationMs: number;
  startedAt?: number;
  native?: TjanstResultat['native'];
}

/** The period a base service is asked for: its own when given, else the general one. */
export function periodFor(fraga: SsbtekFraga, service: ServiceId): Tidsperiod {
  return fraga.tjanster[service]?.tidsperiod ?? fraga.tidsperiod;
}

export function includedServices(fraga: SsbtekFraga): ServiceId[] {
  return SERVICE_IDS.filter((id) => fraga.tjanster[id]?.inkludera === true);
}
