import { randomUUID } from 'node:crypto';
import type { Transport } from '../bastjanster/transport.js';
import type { AdapterSettings, BaseService } from '../bastjanster/types.js';
import { MAX_MESSAGE_NODES, parseBuiltXml, readXml, XmlInputError, type ParsedXml } from '../xml/parse.js';
import { serialize } from '../xml/write.js';
import { envelope, readEnvelope, renderFault, SoapEnvelopeError } from '../xml/soap.js';
import { el, type XElement } from '../xml/tree.js';
import type { ScenarioControl } from '../scenario/control.js';
import { parseScenarioHeader, SCENARIO_HEADER } from '../scenario/header.js';
import { ScenarioSettingsError, type ScenarioSettings } from '../scenario/settings.js';
import { parseTodayHeader, TODAY_HEADER, TodayError } from '../scenario/today.js';
import type { DialectBinding } from './dialects.js';
import { SSBTEK_FAULTS, SsbtekFault } from './errors.js';
import { fanOut } from './fan-out.js';
import { KeptAnswers, type AnswerCacheSetup } from './kept-answers.js';
import { includedServices, type ServiceId, type SsbtekFraga, type TjanstAnrop, type TjanstResultat } from './model.js';
import { readFraga } from './read-fraga.js';
import { renderSvar, renderTestSvar } from './render-svar.js';
import { checkFraga } from './semantics.js';
import { testaBastjanster } from './testa.js';
import { judgeAccess } from './callers/access.js';
import type { Anslutningsregister } from './callers/anslutningar.js';
import { readIipHeader } from './callers/iip.js';

export interface PipelineOptions {
  dialects: ReadonlyMap<string, DialectBinding>;
  services: ReadonlyMap<ServiceId, BaseService>;
  transport: Transport;
  settings: AdapterSettings;
  /**
   * Per-service deadline (→ 2000), given the request's own scenario settings (X-SSBTEK-Scenario), and the
   * overall deadline (→ Fault 1000), in milliseconds.
   */
  serviceTimeoutMs: (service: ServiceId, request?: ScenarioSettings) => number;
  /** Scenario control, to check a request's scenario header against the services' own error codes. */
  scenarios: ScenarioControl;
  /** The emulator's "today" (YYYY-MM-DD) for a request that names none in X-SSBTEK-Today. */
  today: () => string;
  overallTimeoutMs: number;
  /** Validate every reply against the dialect's schema before sending it (a violation is Fault 1002). */
  validateReplies: boolean;
  onServiceFailure?: (service: ServiceId, error: unknown) => void;
  onInternalError?: (error: unknown) => void;
  /** Reuse of answers for identical queries (see AnswerCache); absent = every query is computed. */
  cache?: AnswerCacheSetup;
  /** The connection agreements an identified caller is judged by (callers/); absent = nobody is checked. */
  agreements?: Anslutningsregister;
}

/** What one exchange came to: the HTTP status and SOAP body, a summary for the log line, and what each service did. */
export interface PipelineResult {
  status: number;
  body: string;
  /** `body` already encoded as UTF-8, when the pipeline has it: sent as is. */
  bodyBytes?: Buffer;
  /** A kept answer's request as the journal keeps it (shared by every exchange it answers). */
  requestText?: string;
  summary: ExchangeSummary;
  /** Each called base service's outcome with its native request and answer (for the journal). */
  results?: TjanstAnrop[];
  /** The day the request was answered for: its X-SSBTEK-Today, else the emulator's today when it arrived. */
  today: string;
}

/** What the HTTP edge knows of a request besides its body. */
export interface ExchangeOptions {
  /** Fires when the client goes away: the work for it stops. */
  signal?: AbortSignal;
  /** The X-SSBTEK-Scenario header, checked here and passed on to the base services. */
  scenarioHeader?: string;
  /** The X-SSBTEK-Today header, checked here and passed on to the base services. */
  todayHeader?: string;
  /**
   * The caller's organisationsnummer, from its client certificate or the stand-in header (callers/identity.ts);
   * absent when nobody is named (permissive mode): then nothing is checked.
   */
  caller?: string;
}

export interface ExchangeSummary {
  /** The identified caller (certificate or stand-in header), and the customer it asked for as an ombud. */
  caller?: string;
  onBehalfOf?: string;
  operation?: string;
  dialect?: string;
  korrelationsid?: string;
  personidentitet?: string;
  outcome: 'ok' | 'fault';
  felkod?: string;
  faultstring?: string;
  services?: Partial<Record<ServiceId, { outcome: string; ms: number }>>;
  /** Set when the answer was a kept one: the services' figures are those of the exchange that made it. */
  cache?: 'hit';
}

const OPERATIONS = ['hamtaBastjanstInformation', 'testaBastjanstInformation'] as const;
type Operation = (typeof OPERATIONS)[number];

class OverallTimeout extends Error {}

interface RequestScenario {
  header: string;
  settings: ScenarioSettings;
}

/** What a request's own headers ask of the base services: a scenario and/or a day. */
interface RequestControl {
  scenario?: RequestScenario;
  /** The request's X-SSBTEK-Today, checked. */
  today?: string;
}

/** The SSBTEK pipeline: parse → envelope → dispatch → validate → model → fan out → translate → render → check. */
export class SsbtekPipeline {
  private readonly kept: KeptAnswers | undefined;

  constructor(private readonly options: PipelineOptions) {
    this.kept = options.cache && new KeptAnswers(options.cache, options.scenarios);
  }

  async handle(bytes: Uint8Array, exchange: ExchangeOptions = {}): Promise<PipelineResult> {
    let parsed: ParsedXml | undefined;
    const summary: ExchangeSummary = { outcome: 'ok', ...(exchange.caller && { caller: exchange.caller }) };
    let control: RequestControl;
    try {
      control = this.requestControl(exchange);
    } catch (error) {
      // Both name their header: "Invalid X-SSBTEK-Scenario: …", "Invalid X-SSBTEK-Today header: …".
      if (error instanceof ScenarioSettingsError || error instanceof TodayError)
        return soapFault('Client', `Invalid ${error.message}`, summary, this.options.today());
      throw error;
    }
    const { scenario } = control;
    const today = control.today ?? this.options.today();
    // The day is part of what a kept answer is for: a request naming its day gets answers made for that day. Exactly
    // these bytes were parsed, validated and answered earlier this day with nothing changed since: no parse again.
    const cache = scenario ? undefined : this.kept?.forRequest(bytes, control.today, exchange.caller);
    if (cache?.hit) {
      const { body, bodyBytes, summary: keptSummary, results, requestText } = cache.hit;
      return { status: 200, body, bodyBytes, summary: keptSummary, results, today, requestText };
    }
    // Read only past a kept answer: a getter may make the signal then (ssbtek/http.ts), which a kept answer never needs.
    const clientSignal = exchange.signal;
    try {
      // Read by saxes where it can be; libxml2 parses the bytes only if the tree is not shown valid below.
      parsed = readXml(bytes, { lazy: true, maxNodes: MAX_MESSAGE_NODES });
      const { payload, header } = readEnvelope(parsed.root);
      const binding = this.options.dialects.get(payload.ns);
      const operation = OPERATIONS.find((op) => op === payload.name);
      if (!binding || !operation) return soapFault('Client', unknownOperation(payload), summary, today);
      summary.operation = operation;
      summary.dialect = binding.dialect;
      try {
        const violations = binding.schema.shownValid(payload, parsed.root)
          ? []
          : binding.schema.validate(parsed, payload);
        if (violations.length > 0) {
          throw new SsbtekFault(
            'validation',
            violations.map((v) => `Rad ${v.line}: ${v.path}: ${v.message}`),
          );
        }
        // Seed §8.4: an ombud names its customer in the iip header; a header that names nobody cannot be read.
        const iip = readIipHeader(header);
        if (iip.problems.length > 0) throw new SsbtekFault('validation', iip.problems);
        if (operation === 'testaBastjanstInformation') {
          const reply = await this.testa(binding, summary, clientSignal);
          return { status: 200, ...this.checkedReply(reply, binding), summary, today };
        }
        const caller = exchange.caller === undefined ? undefined : { anropare: exchange.caller, iipFrom: iip.from };
        const { reply, results } = await this.hamta(payload, binding, summary, control, caller, clientSignal);
        const { body, bodyBytes } = this.checkedReply(reply, binding);
        if (cache) this.kept?.keep(cache, { body, bodyBytes, summary, results });
        return { status: 200, body, bodyBytes, summary, results, today };
      } catch (error) {
        if (error instanceof SsbtekFault) return ssbtekFault(error, operation, binding, summary, today);
        // A client that went away mid-fan-out is not an internal error (nobody reads this answer).
        if (!clientSignal?.aborted) this.options.onInternalError?.(error);
        return ssbtekFault(new SsbtekFault('internal'), operation, binding, summary, today);
      }
    } catch (error) {
      if (error instanceof XmlInputError || error instanceof SoapEnvelopeError) {
        return soapFault(
          error instanceof SoapEnvelopeError ? error.faultCode : 'Client',
          error.message,
          summary,
          today,
        );
      }
      this.options.onInternalError?.(error);
      return soapFault('Server', SSBTEK_FAULTS.internal.felmeddelande, summary, today);
    } finally {
      parsed?.dispose();
    }
  }

  /** The request's scenario settings and day, checked (a bad header is the client's error: Fault before anything runs). */
  private requestControl(exchange: ExchangeOptions): RequestControl {
    const header = exchange.scenarioHeader;
    let scenario: RequestScenario | undefined;
    if (header !== undefined && header.trim() !== '') {
      const settings = parseScenarioHeader(header);
      this.options.scenarios.check(settings);
      scenario = { header, settings };
    }
    return { scenario, today: parseTodayHeader(exchange.todayHeader) };
  }

  private async hamta(
    payload: XElement,
    binding: DialectBinding,
    summary: ExchangeSummary,
    { scenario, today }: RequestControl,
    caller: { anropare: string; iipFrom?: string } | undefined,
    clientSignal?: AbortSignal,
  ): Promise<{ reply: XElement; results: TjanstResultat[] }> {
    const fraga = readFraga(payload, binding.dialect);
    summary.korrelationsid = fraga.korrelationsid;
    summary.personidentitet = fraga.personidentitet;
    const problems = checkFraga(fraga);
    if (problems.length > 0) throw new SsbtekFault('validation', problems);
    const { agreements, services } = this.options;
    // Who may ask: each base service learns what its register of askers would say (seed §7.3.3, §8).
    const access =
      caller && agreements
        ? judgeAccess(fraga, includedServices(fraga), caller, agreements, (id) => services.get(id)?.accessCodes)
        : undefined;
    if (access?.asker.ombud) summary.onBehalfOf = access.asker.fragande;
    const results = await this.withOverallDeadline(
      (signal) =>
        fanOut(
          fraga,
          includedServices(fraga),
          {
            settings: this.options.settings,
            korrelationsid: fraga.korrelationsid || randomUUID(),
            forwardHeaders: forwardedHeaders(scenario, today),
          },
          {
            services: this.options.services,
            transport: this.options.transport,
            timeoutMs: (service) => this.options.serviceTimeoutMs(service, scenario?.settings),
            onServiceFailure: this.options.onServiceFailure,
            // A scenario header shapes the answers: none is used or kept. A day is part of each kept answer's key.
            kept: scenario ? undefined : this.kept,
            access: access?.verdicts,
          },
          signal,
        ),
      clientSignal,
    );
    summary.services = summarize(results);
    return { reply: renderSvar(fraga, results, binding), results };
  }

  /** testaBastjanstInformation: each base service's test endpoint, through the configured transport. */
  private async testa(
    binding: DialectBinding,
    summary: ExchangeSummary,
    clientSignal?: AbortSignal,
  ): Promise<XElement> {
    const results = await this.withOverallDeadline(
      (signal) => testaBastjanster(this.options.transport, (service) => this.options.serviceTimeoutMs(service), signal),
      clientSignal,
    );
    summary.services = summarize(results);
    return renderTestSvar(results, binding);
  }

  /** Runs `work` under the overall deadline (Fault 1000); also stops when the client goes away. */
  private async withOverallDeadline<T>(
    work: (signal: AbortSignal) => Promise<T>,
    clientSignal?: AbortSignal,
  ): Promise<T> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new OverallTimeout()), this.options.overallTimeoutMs);
    const onClientAbort = (): void => controller.abort(clientSignal?.reason);
    clientSignal?.addEventListener('abort', onClientAbort, { once: true });
    try {
      return await work(controller.signal);
    } catch (error) {
      if (controller.signal.reason instanceof OverallTimeout) throw new SsbtekFault('timeout');
      throw error;
    } finally {
      clearTimeout(timer);
      clientSignal?.removeEventListener('abort', onClientAbort);
    }
  }

  /**
   * Serializes the reply (encoded once: the bytes validated are the bytes sent); with reply validation on, a reply
   * that breaks the contract becomes Fault 1002.
   */
  private checkedReply(payload: XElement, binding: DialectBinding): { body: string; bodyBytes: Buffer } {
    const reply = envelope([payload]);
    const body = serialize(reply, { declaration: true });
    const bodyBytes = Buffer.from(body, 'utf8');
    if (!this.options.validateReplies) return { body, bodyBytes };
    // Shown valid on the tree the bytes were written from (CompiledSchema.shownValid), or else libxml2 reads the
    // bytes just written and validates their Body child: its verdict and messages decide.
    if (binding.schema.shownValid(payload, reply)) return { body, bodyBytes };
    const reparsed = parseBuiltXml(bodyBytes, reply);
    try {
      const violations = binding.schema.validate(reparsed, payload);
      if (violations.length > 0) {
        throw new Error(
          `Reply violates ${binding.namespace}: ${violations.map((v) => `${v.path}: ${v.message}`).join('; ')}`,
        );
      }
    } finally {
      reparsed.dispose();
    }
    return { body, bodyBytes };
  }
}

/** The request's own headers for the base services (X-SSBTEK-Scenario, X-SSBTEK-Today), as it sent them. */
function forwardedHeaders(
  scenario: RequestScenario | undefined,
  today: string | undefined,
): Record<string, string> | undefined {
  if (!scenario && !today) return undefined;
  return { ...(scenario && { [SCENARIO_HEADER]: scenario.header }), ...(today && { [TODAY_HEADER]: today }) };
}

function summarize(results: TjanstResultat[]): ExchangeSummary['services'] {
  const out: ExchangeSummary['services'] = {};
  for (const r of results) {
    out[r.service] = {
      outcome: r.utfall.kind === 'data' ? 'data' : `error:${r.utfall.kalla}:${r.utfall.felkod}`,
      ms: Math.round(r.durationMs * 10) / 10,
    };
  }
  return out;
}

function unknownOperation(payload: XElement): string {
  return (
    `Unknown operation {${payload.ns}}${payload.name}. This endpoint serves hamtaBastjanstInformation and ` +
    'testaBastjanstInformation in the namespaces http://schema.forsakringskassan.se/integration/ssbt/10, ' +
    '.../integration/ssbt/11, .../integration/ssbt/1 and .../integration/SSBTEK/1.'
  );
}

function soapFault(code: string, message: string, summary: ExchangeSummary, today: string): PipelineResult {
  summary.outcome = 'fault';
  summary.faultstring = message;
  return { status: 500, body: renderFault({ code, message }), summary, today };
}

/** §7.1: a Fault whose detail is hamtaBastjanstInformationFault (or testa…) with felkod and felmeddelande. */
function ssbtekFault(
  fault: SsbtekFault,
  operation: Operation,
  binding: DialectBinding,
  summary: ExchangeSummary,
  today: string,
): PipelineResult {
  const spec = SSBTEK_FAULTS[fault.kind];
  const ns = binding.namespace;
  summary.outcome = 'fault';
  summary.felkod = spec.felkod;
  summary.faultstring = spec.felmeddelande;
  const detail = el(ns, `${operation}Fault`, [
    el(ns, 'felkod', spec.felkod),
    el(ns, 'felmeddelande', spec.felmeddelande),
    ...fault.details.map((d) => el(ns, 'felmeddelande', d)),
  ]);
  return {
    status: 500,
    body: renderFault({ code: spec.soapCode, message: spec.felmeddelande, detail: [detail] }),
    summary,
    today,
  };
}

export type { SsbtekFraga, AnswerCacheSetup };
