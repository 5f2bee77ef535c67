import type { NativeRequest, NativeResponse } from '../bastjanster/types.js';
import type { XElement } from '../xml/tree.js';

/** The seven base services, in the contract's order (svarsdata children follow this order). */
export const SERVICE_IDS = ['AF', 'CSN', 'FK', 'SKV', 'SO', 'TNS', 'MIV'] as const;
export type ServiceId = (typeof SERVICE_IDS)[number];

export type DialectId = 'v10' | 'v1';

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

export interface TjanstFraga {
  inkludera: boolean;
  /** The service's own period; replaces the general one when present. */
  tidsperiod?: Tidsperiod;
  fk?: FkParametrar;
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
  | { kind: 'base64'; element: 'svar' | 'lefiJsonSvar'; base64: string };

export type TjanstUtfall = ({ kind: 'data' } & { data: TjanstData }) | TjanstFel;

export interface TjanstResultat {
  service: ServiceId;
  utfall: TjanstUtfall;
  durationMs: number;
  /** The native messages exchanged, as far as the call got (for the request journal). */
  native?: { request?: NativeRequest; response?: NativeResponse };
}

/** What one service call came to, without the data itself: what the journal and the metrics need. */
export interface TjanstAnrop {
  service: ServiceId;
  utfall: { kind: 'data' } | TjanstFel;
  durationMs: number;
  native?: TjanstResultat['native'];
}

/** The period a base service is asked for: its own when given, else the general one. */
export function periodFor(fraga: SsbtekFraga, service: ServiceId): Tidsperiod {
  return fraga.tjanster[service]?.tidsperiod ?? fraga.tidsperiod;
}

export function includedServices(fraga: SsbtekFraga): ServiceId[] {
  return SERVICE_IDS.filter((id) => fraga.tjanster[id]?.inkludera === true);
}
