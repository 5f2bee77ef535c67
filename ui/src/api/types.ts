/** The admin API's answers as the console reads them (the admin OpenAPI document, docs/admin-api.md). */

export const BASE_SERVICES = ['AF', 'CSN', 'FK', 'SKV', 'SO', 'TNS', 'MIV'] as const;
export type BaseServiceId = (typeof BASE_SERVICES)[number];

export interface NativeMessage {
  path?: string;
  status?: number;
  contentType: string;
  body: string;
}

export interface ServiceCall {
  service: BaseServiceId;
  outcome: string;
  durationMs: number;
  startMs?: number;
  request?: NativeMessage & { path: string };
  response?: NativeMessage & { status: number };
}

export interface ExchangeSummary {
  id: string;
  receivedAt: string;
  today: string;
  durationMs: number;
  service: string;
  method: string;
  path: string;
  outcome: 'ok' | 'fault' | 'error';
  status: number;
  operation?: string;
  dialect?: string;
  korrelationsid?: string;
  personidentitet?: string;
  included?: BaseServiceId[];
  felkod?: string | null;
  services?: Omit<ServiceCall, 'request' | 'response'>[];
  answeredFromCache?: boolean;
}

export interface Exchange extends Omit<ExchangeSummary, 'status' | 'services'> {
  request: { headers: Record<string, string>; body: string };
  reply: { status: number; contentType?: string; body: string };
  services?: ServiceCall[];
}

export type Latency =
  | { type: 'fixed'; ms: number }
  | { type: 'uniform'; minMs: number; maxMs: number }
  | { type: 'lognormal'; medianMs: number; sigma: number };

export interface ServiceSettings {
  latency?: Latency;
  timeoutMs?: number;
  errorRate?: number;
  error?: string;
}

export type ScenarioSettings = Partial<Record<BaseServiceId, ServiceSettings>>;

export interface TodayState {
  today: string;
  source: 'admin' | 'config' | 'real';
  configured: string | null;
}

export interface JournalState {
  enabled: boolean;
  capacity: number;
  size: number;
}

export interface PersonCard {
  personidentitet: string;
  kind: 'personnummer' | 'samordningsnummer';
  birthDate: string;
  sex: 'M' | 'K';
  checksumValid: boolean;
  fornamn: string;
  efternamn: string;
  kommun: { kod: string; namn: string; lan: string };
  alder: number;
  sysselsattning: string;
  akassa: string | null;
  antalBarn: number;
  antalFordon: number;
  arsinkomst: number;
  invandring: { hemland: { kod: string; namn: string }; inresedatum: string; tillstand: string; grund: string } | null;
  skydd: string | null;
  aktiehandel: boolean;
  registrering: { status: string; since: string; details: Record<string, unknown> } | null;
  scenario: {
    beskrivning: string;
    tjanster: Partial<Record<BaseServiceId, { scenario?: string; delayMs?: number }>>;
  } | null;
  pu: { reserves: { id: string; kind: string }[]; contactDetails: { email?: string; phone?: string } | null };
}

export interface ServiceAnswer {
  service: BaseServiceId;
  outcome: 'data' | 'error';
  kalla?: string;
  felkod?: string;
  felmeddelande?: string[];
  durationMs: number;
  request?: NativeMessage & { path: string };
  response?: NativeMessage & { status: number };
}

export interface PersonAnswers {
  personidentitet: string;
  period: { from: string; tom: string };
  dialect: 'v10' | 'v11';
  today: string;
  status: number;
  fault: string | null;
  services: ServiceAnswer[];
  reply: string;
}

export interface Catalogue {
  transportErrors: { code: string; text: string }[];
  services: {
    id: BaseServiceId;
    title: string;
    path: string;
    technicalError: string;
    errors: { code: string; type: string; text: string }[];
  }[];
}

export interface MadeBy {
  id: string;
  receivedAt: string;
  method: string;
  path: string;
  status: number;
}

export interface ScbDelivery {
  ticket: string;
  contract: string;
  orgNr: string | null;
  callerOrgNr: string;
  test: boolean;
  state: 'queued' | 'processing' | 'processed';
  result?: Record<string, unknown> & { successfulValidation?: boolean };
  deliveryFormat: string;
  externalVersionId: string;
  fileSize: number;
  receivedAt: string;
  processedAt?: string;
  attempts: number;
  madeBy: MadeBy | null;
}

export interface State {
  scb: ScbDelivery[];
  birthReports: {
    reportId: string;
    receivedAt: string;
    httpStatus: number;
    personalIdentityNumber: string | null;
    request: unknown;
    response: unknown;
    madeBy: MadeBy | null;
  }[];
  renewals: {
    samordningsnummer: string;
    ingivarnamn: string;
    clientId: string;
    klientKorrelationsId: string;
    korrelationsId: string;
    mottagen: string;
    fornyadDatum: string;
    aktivTom: string;
    varVilande: boolean;
    madeBy: MadeBy | null;
  }[];
  puReserves: {
    id: string;
    kind: string;
    format?: string;
    person?: Record<string, string>;
    linkedTo?: string;
    createdAt: string;
    updatedAt: string;
    madeBy: MadeBy | null;
  }[];
  puContacts: {
    personidentitet: string;
    email?: string;
    phone?: string;
    consent: { givenAt: string; sharedWith: string[] };
    updatedAt: string;
    madeBy: MadeBy | null;
  }[];
  registry: { personidentitet: string; status: string; since: string; details: Record<string, unknown> }[];
}

export interface Figures {
  service: string;
  requests: number;
  errors: number;
  p95Ms: number | null;
}

export interface Stats {
  metrics: {
    since: string;
    ssbtek: { requests: number; faults: number; p95Ms: number | null };
    baseServices: { service: string; calls: number; errors: number; p95Ms: number | null }[];
  };
  journal: { enabled: boolean; size: number; from: string | null; to: string | null; services: Figures[] };
}

export interface ValidationResult {
  file: string;
  status: 'valid' | 'invalid' | 'unreadable';
  schema?: string;
  problems: { line: number; col: number; path: string; message: string }[];
}

export interface ReplayCase {
  name: string;
  files: Record<'request.xml' | 'expected.xml' | 'case.json', string>;
}

export interface Health {
  status: string;
  today: string;
  todaySource: string;
  journal: { enabled: boolean; size: number };
  baseServices: { id: string; title: string; path: string; transport: string }[];
}
