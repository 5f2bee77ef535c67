import type { Population } from '../population/population.js';
import type { TjanstScenario } from '../population/scenarios.js';
import type { ServiceId, SsbtekFraga, TjanstUtfall } from '../ssbtek/model.js';
import type { AccessCodes } from './common/access.js';
import type { BuiltDocuments } from './common/built.js';

/** A serialized native message on its way to a base service (in-process or over HTTP: always bytes on a wire). */
export interface NativeRequest {
  /** Path below the service's mount point, starting with '/'. */
  path: string;
  contentType: string;
  headers?: Record<string, string>;
  body: string;
  /** In-process only: the trees `body` (and documents inside it) were serialized from (common/built.ts). */
  built?: BuiltDocuments;
}

export interface NativeResponse {
  status: number;
  contentType: string;
  body: string;
  /** In-process only: the trees `body` (and documents inside it) were serialized from (common/built.ts). */
  built?: BuiltDocuments;
  /**
   * In-process only: the value a JSON `body` was written from by this process's own emulator (LEFI), which the
   * tests prove valid against its schema; a reader takes it as read and checked.
   */
  json?: unknown;
  /** Set in this process when a scenario (settings or the scenario person's own) shaped the answer. */
  shapedByScenario?: boolean;
}

/** Settings that shape how the adapters talk to the base services. */
export interface AdapterSettings {
  /** AF's `Test` element is set to 1 when calling a test environment with test data (seed §6.1). */
  testmiljo: boolean;
  /** FK's meddelandehuvud.metadata.anvandareId: the composite service's own system id (seed §6.3). */
  systemId: string;
}

export interface AdapterContext {
  settings: AdapterSettings;
  /** Correlation id used towards base services that need one (the query's korrelationsid, else generated). */
  korrelationsid: string;
  /** HTTP headers passed on with every native request (the request's X-SSBTEK-Scenario and X-SSBTEK-Today). */
  forwardHeaders?: Record<string, string>;
}

/** The SSBTEK side of a base service: query → native request, native answer → data or error. */
export interface BaseServiceAdapter {
  id: ServiceId;
  /** Maps the query to the service's native request (seed §6.1–6.7). */
  toNative(fraga: SsbtekFraga, context: AdapterContext): NativeRequest;
  /**
   * Maps the native answer to `data` or a BT `error` (seed §6.8–6.14, §7.3.2). Throws NativeProtocolError when
   * the answer cannot be understood (→ 2001).
   */
  fromNative(response: NativeResponse, fraga: SsbtekFraga, context: AdapterContext): TjanstUtfall;
}

export interface EmulatorContext {
  population: Population;
  /** The services' "today", YYYY-MM-DD (Europe/Stockholm), used for period rules and generated data. */
  today: string;
  signal: AbortSignal;
  /**
   * What this call should do for this person: scenario control (request header, admin API, config file) layered
   * over the scenario person's own scenario (fixtures/population/scenario-persons).
   */
  scenario(number: string, service: ServiceId): TjanstScenario | undefined;
}

/** The base service itself, emulated: validates its native request, applies its rules, answers natively. */
export interface BaseServiceEmulator {
  id: ServiceId;
  /** A short name for logs and the index page, e.g. "Arbetsförmedlingen ersättningsstöd v2". */
  title: string;
  handle(request: NativeRequest, context: EmulatorContext): Promise<NativeResponse>;
}

export interface BaseService {
  id: ServiceId;
  /** Where the emulator is served on its own, e.g. /bastjanster/af. */
  mountPath: string;
  /**
   * The native operations' paths below `mountPath` (POST; `{name}` marks a path parameter), besides `/__test`:
   * what the index page lists and a wrong path is compared with.
   */
  nativePaths: readonly string[];
  adapter: BaseServiceAdapter;
  emulator: BaseServiceEmulator;
  /** The service's own error codes (seed §7.3.3) that scenario control may ask it to answer with. */
  errorCodes: readonly string[];
  /** Each of `errorCodes` in the words of the service's own catalogue (what the console offers to choose from). */
  errorTexts: Readonly<Record<string, ErrorText>>;
  /** Its own technical error, used for an error rate without a named error. */
  technicalError: string;
  /**
   * Its own code for each access verdict it acts on (common/access.ts): what it answers an asker its register does
   * not approve. The composite sends a service the first verdict it has a code for.
   */
  accessCodes: AccessCodes;
}

/** One error code as the service's catalogue describes it: the kind of error (its status type) and its message. */
export interface ErrorText {
  type: string;
  text: string;
}

/** `errorTexts` for a catalogue: each code with what `describe` reads from the service's own table. */
export function errorTextsOf(
  codes: readonly string[],
  describe: (code: string) => ErrorText,
): Readonly<Record<string, ErrorText>> {
  return Object.fromEntries(codes.map((code) => [code, describe(code)]));
}

/** The native answer could not be understood (bad XML, wrong status, schema violation): §7.3.1 code 2001. */
export class NativeProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NativeProtocolError';
  }
}

/**
 * The query could not be turned into this service's request (e.g. an unimplemented LEFI version, a LEFI question
 * that is not base64 JSON). Still 2001, but the message says why, as a second felmeddelande for the client.
 */
export class QueryRefusedError extends NativeProtocolError {
  constructor(message: string) {
    super(message);
    this.name = 'QueryRefusedError';
  }
}
