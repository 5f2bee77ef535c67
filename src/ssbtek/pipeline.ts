import { randomUUID } from 'node:crypto';
import type { Transport } from '../bastjanster/transport.js';
import type { AdapterSettings, BaseService } from '../bastjanster/types.js';
import { MAX_MESSAGE_NODES, parseXml, XmlInputError, type ParsedXml } from '../xml/parse.js';
import { readEnvelope, renderEnvelope, renderFault, SoapEnvelopeError } from '../xml/soap.js';
import { el, type XElement } from '../xml/tree.js';
import type { ScenarioControl } from '../scenario/control.js';
import { parseScenarioHeader, SCENARIO_HEADER } from '../scenario/header.js';
import { ScenarioSettingsError, type ScenarioSettings } from '../scenario/settings.js';
import type { DialectBinding } from './dialects.js';
import { SSBTEK_FAULTS, SsbtekFault } from './errors.js';
import { fanOut } from './fan-out.js';
import { KeptAnswers, type AnswerCacheSetup } from './kept-answers.js';
import { includedServices, type ServiceId, type SsbtekFraga, type TjanstAnrop, type TjanstResultat } from './model.js';
import { readFraga } from './read-fraga.js';
import { renderSvar, renderTestSvar } from './render-svar.js';
import { checkFraga } from './semantics.js';
import { testaBastjanster } from './testa.js';

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
  overallTimeoutMs: number;
  /** Validate every reply against the dialect's schema before sending it (a violation is Fault 1002). */
  validateReplies: boolean;
  onServiceFailure?: (service: ServiceId, error: unknown) => void;
  onInternalError?: (error: unknown) => void;
  /** Reuse of answers for identical queries (see AnswerCache); absent = every query is computed. */
  cache?: AnswerCacheSetup;
}

/** What one exchange came to: the HTTP status and SOAP body, a summary for the log line, and what each service did. */
export interface PipelineResult {
  status: number;
  body: string;
  /** `body` already encoded as UTF-8, when the pipeline has it (a kept answer): sent as is. */
  bodyBytes?: Buffer;
  summary: ExchangeSummary;
  /** Each called base service's outcome with its native request and answer (for the journal). */
  results?: TjanstAnrop[];
}

/** What the HTTP edge knows of a request besides its body. */
export interface ExchangeOptions {
  /** Fires when the client goes away: the work for it stops. */
  signal?: AbortSignal;
  /** The X-SSBTEK-Scenario header, checked here and passed on to the base services. */
  scenarioHeader?: string;
}

export interface ExchangeSummary {
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

/** The SSBTEK pipeline: parse → envelope → dispatch → validate → model → fan out → translate → render → check. */
export class SsbtekPipeline {
  private readonly kept: KeptAnswers | undefined;

  constructor(private readonly options: PipelineOptions) {
    this.kept = options.cache && new KeptAnswers(options.cache, options.scenarios);
  }

  async handle(bytes: Uint8Array, exchange: ExchangeOptions = {}): Promise<PipelineResult> {
    let parsed: ParsedXml | undefined;
    const summary: ExchangeSummary = { outcome: 'ok' };
    const clientSignal = exchange.signal;
    let scenario: RequestScenario | undefined;
    try {
      scenario = this.requestScenario(exchange.scenarioHeader);
    } catch (error) {
      if (error instanceof ScenarioSettingsError) return soapFault('Client', `Invalid ${error.message}`, summary);
      throw error;
    }
    try {
      parsed = parseXml(bytes, { lazy: true, maxNodes: MAX_MESSAGE_NODES });
      const { payload } = readEnvelope(parsed.root);
      const binding = this.options.dialects.get(payload.ns);
      const operation = OPERATIONS.find((op) => op === payload.name);
      if (!binding || !operation) return soapFault('Client', unknownOperation(payload), summary);
      summary.operation = operation;
      summary.dialect = binding.dialect;
      try {
        const violations = binding.schema.validate(parsed, payload);
        if (violations.length > 0) {
          throw new SsbtekFault(
            'validation',
            violations.map((v) => `Rad ${v.line}: ${v.path}: ${v.message}`),
          );
        }
        if (operation === 'testaBastjanstInformation') {
          const reply = await this.testa(binding, summary, clientSignal);
          return { status: 200, body: this.checkedReply(reply, binding), summary };
        }
        const cache = scenario ? undefined : this.kept?.forRequest(bytes);
        if (cache?.hit) {
          const { body, bodyBytes, summary: keptSummary, results } = cache.hit;
          return { status: 200, body, bodyBytes, summary: keptSummary, results };
        }
        const { reply, results } = await this.hamta(payload, binding, summary, scenario, clientSignal);
        const body = this.checkedReply(reply, binding);
        if (cache) this.kept?.keep(cache, { body, summary, results });
        return { status: 200, body, summary, results };
      } catch (error) {
        if (error instanceof SsbtekFault) return ssbtekFault(error, operation, binding, summary);
        // A client that went away mid-fan-out is not an internal error (nobody reads this answer).
        if (!clientSignal?.aborted) this.options.onInternalError?.(error);
        return ssbtekFault(new SsbtekFault('internal'), operation, binding, summary);
      }
    } catch (error) {
      if (error instanceof XmlInputError || error instanceof SoapEnvelopeError) {
        return soapFault(error instanceof SoapEnvelopeError ? error.faultCode : 'Client', error.message, summary);
      }
      this.options.onInternalError?.(error);
      return soapFault('Server', SSBTEK_FAULTS.internal.felmeddelande, summary);
    } finally {
      parsed?.dispose();
    }
  }

  /** The request's scenario settings, checked (a bad header is the client's error: Fault before anything runs). */
  private requestScenario(header: string | undefined): RequestScenario | undefined {
    if (header === undefined || header.trim() === '') return undefined;
    const settings = parseScenarioHeader(header);
    this.options.scenarios.check(settings);
    return { header, settings };
  }

  private async hamta(
    payload: XElement,
    binding: DialectBinding,
    summary: ExchangeSummary,
    scenario: RequestScenario | undefined,
    clientSignal?: AbortSignal,
  ): Promise<{ reply: XElement; results: TjanstResultat[] }> {
    const fraga = readFraga(payload, binding.dialect);
    summary.korrelationsid = fraga.korrelationsid;
    summary.personidentitet = fraga.personidentitet;
    const problems = checkFraga(fraga);
    if (problems.length > 0) throw new SsbtekFault('validation', problems);
    const results = await this.withOverallDeadline(
      (signal) =>
        fanOut(
          fraga,
          includedServices(fraga),
          {
            settings: this.options.settings,
            korrelationsid: fraga.korrelationsid || randomUUID(),
            forwardHeaders: scenario && { [SCENARIO_HEADER]: scenario.header },
          },
          {
            services: this.options.services,
            transport: this.options.transport,
            timeoutMs: (service) => this.options.serviceTimeoutMs(service, scenario?.settings),
            onServiceFailure: this.options.onServiceFailure,
            kept: this.kept,
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

  /** Serializes the reply; with reply validation on, a reply that breaks the contract becomes Fault 1002. */
  private checkedReply(payload: XElement, binding: DialectBinding): string {
    const body = renderEnvelope([payload]);
    if (!this.options.validateReplies) return body;
    // The envelope just written is parsed back once; its Body child is what the client receives and is validated.
    const reparsed = parseXml(Buffer.from(body, 'utf8'), { lazy: true });
    try {
      const violations = binding.schema.validate(reparsed, readEnvelope(reparsed.root).payload);
      if (violations.length > 0) {
        throw new Error(
          `Reply violates ${binding.namespace}: ${violations.map((v) => `${v.path}: ${v.message}`).join('; ')}`,
        );
      }
    } finally {
      reparsed.dispose();
    }
    return body;
  }
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

function soapFault(code: string, message: string, summary: ExchangeSummary): PipelineResult {
  summary.outcome = 'fault';
  summary.faultstring = message;
  return { status: 500, body: renderFault({ code, message }), summary };
}

/** §7.1: a Fault whose detail is hamtaBastjanstInformationFault (or testa…) with felkod and felmeddelande. */
function ssbtekFault(
  fault: SsbtekFault,
  operation: Operation,
  binding: DialectBinding,
  summary: ExchangeSummary,
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
  };
}

export type { SsbtekFraga, AnswerCacheSetup };
