import type { Population } from '../../population/population.js';
import { NS } from '../../xml/namespaces.js';
import { MAX_MESSAGE_NODES, parseBuiltXml, parseXml, XmlInputError, type ParsedXml } from '../../xml/parse.js';
import { ListDocumentWriter, serialize } from '../../xml/write.js';
import { CompiledSchema } from '../../xml/schema.js';
import { envelope, readEnvelope, renderFault, SoapEnvelopeError } from '../../xml/soap.js';
import { child, childrenNamed, childText, el, qualifiedName, text, type XElement } from '../../xml/tree.js';
import { effectiveContract, type PuConsumer } from '../consumers.js';
import { PROFILES, type Profile } from '../profiles/person-record.js';
import type { PuRegistry } from '../registry.js';
import type { Ii } from '../profiles/identities.js';
import { requestedPersonRecord, type RecordContext } from './records.js';

export const RESPONDER_XSD = 'pu/interactions/GetPersonsForProfileInteraction/GetPersonsForProfileResponder_5.0.xsd';
/** The service contract's namespace, as the platform names it in its faults. */
export const SERVICE_CONTRACT = NS.puGetPersons;
/** At most this many personId per request. */
export const MAX_PERSON_IDS = 500;

let compiled: CompiledSchema | undefined;

/** The responder schema (request and response elements), compiled once. */
export function responderSchema(): CompiledSchema {
  compiled ??= CompiledSchema.compile('GetPersonsForProfileResponder_5.0', RESPONDER_XSD);
  return compiled;
}

export interface PuSoapOptions {
  population: Population;
  registry: PuRegistry;
  consumers: ReadonlyMap<string, PuConsumer>;
  today: () => string;
  /** Validate every answer against the responder schema before sending it (a violation is a Server Fault). */
  validateReplies?: boolean;
  onInternalError?: (error: unknown) => void;
}

export interface PuSoapResult {
  status: number;
  body: string;
  summary: { outcome: 'ok' | 'fault'; consumer?: string; profile?: string; count?: number; faultstring?: string };
}

/** A Fault decided while handling a request (RIV-TA: a technical error is a SOAP Fault, HTTP 500). */
class PuFault extends Error {
  constructor(
    readonly faultCode: 'Client' | 'Server',
    message: string,
  ) {
    super(message);
  }
}

/**
 * GetPersonsForProfile 5.0 (RIV-TA BP 2.1): parse → envelope → dispatch by qualified name → LogicalAddress →
 * consumer → validate → limits → one requestedPersonRecord per personId, in order → validate the answer.
 */
export class PuSoapService {
  constructor(private readonly options: PuSoapOptions) {
    responderSchema();
  }

  /** `today`: the caller's own day (X-SSBTEK-Today, checked), else the emulator's. */
  handle(bytes: Uint8Array, consumerId: string | undefined, today?: string): PuSoapResult {
    let parsed: ParsedXml | undefined;
    try {
      parsed = parseXml(bytes, { maxNodes: MAX_MESSAGE_NODES });
      return this.answer(parsed, consumerId?.trim() || undefined, today ?? this.options.today());
    } catch (error) {
      if (error instanceof PuFault || error instanceof SoapEnvelopeError) return fault(error.faultCode, error);
      if (error instanceof XmlInputError) return fault('Client', error);
      this.options.onInternalError?.(error);
      return fault('Server', new Error('Internt tekniskt fel i tjänsteproducenten.'));
    } finally {
      parsed?.dispose();
    }
  }

  private answer(parsed: ParsedXml, consumerId: string | undefined, today: string): PuSoapResult {
    const message = readEnvelope(parsed.root);
    const { payload } = message;
    if (payload.ns !== NS.puGetPersons || payload.name !== 'GetPersonsForProfile') {
      throw new PuFault(
        'Client',
        `Unknown operation ${qualifiedName(payload)}; this endpoint serves {${NS.puGetPersons}}GetPersonsForProfile.`,
      );
    }
    const logicalAddress = message.header && childText(message.header, NS.rivRegistry, 'LogicalAddress')?.trim();
    if (!logicalAddress) {
      throw new PuFault(
        'Server',
        `VP003 No receiverId (logical address) found in message header: the SOAP Header must hold {${NS.rivRegistry}}LogicalAddress.`,
      );
    }
    const consumer = consumerId ? this.options.consumers.get(consumerId) : undefined;
    if (!consumer) {
      throw new PuFault(
        'Server',
        `VP007 Authorization missing for serviceConsumerId: ${consumerId ?? '(none: no X-PU-Consumer header or client certificate)'}, logicalAddress: ${logicalAddress} and tjanstegranssnitt: ${SERVICE_CONTRACT}.`,
      );
    }
    const violations = responderSchema().validate(parsed, payload);
    if (violations.length > 0) {
      const lines = violations.map((v) => `Rad ${v.line}: ${v.path}: ${v.message}`);
      throw new PuFault('Client', `Invalid GetPersonsForProfile request: ${lines.join('; ')}`);
    }
    const personIds = childrenNamed(payload, NS.puGetPersons, 'personId');
    if (personIds.length > MAX_PERSON_IDS) {
      throw new PuFault(
        'Client',
        `Too many personId: ${personIds.length}; at most ${MAX_PERSON_IDS} identities per request.`,
      );
    }
    const profile = (childText(payload, NS.puGetPersons, 'profile') ?? '').trim();
    if (!PROFILES.includes(profile as Profile)) {
      throw new PuFault('Client', `Profile ${profile} is reserved for future use; use one of ${PROFILES.join(', ')}.`);
    }
    const ignore = (childText(payload, NS.puGetPersons, 'ignoreReferredIdentity') ?? '').trim();
    const context = {
      population: this.options.population,
      registry: this.options.registry,
      consumerId: consumer.id,
      contract: effectiveContract(consumer),
      profile: profile as Profile,
      ignoreReferredIdentity: ignore === 'true' || ignore === '1',
      today,
    };
    const requested = personIds.map(readIi);
    const validate = this.options.validateReplies !== false;
    const body = recordByRecord(requested, context, validate) ?? wholeAnswer(requested, context, validate);
    return {
      status: 200,
      body,
      summary: { outcome: 'ok', consumer: consumer.id, profile, count: personIds.length },
    };
  }
}

const RESPONSE = 'GetPersonsForProfileResponse';

/**
 * The answer written a record at a time: each record's tree is dropped once written, so a 500-person answer does
 * not keep 500 trees alive through every young-generation collection while it is built (docs/performance.md,
 * issue 17's eighth part). The responder's GetPersonsForProfileResponseType is requestedPersonRecord {1..∞} and then
 * elements of other namespaces (none written here), so a record shown valid in a response of its own is valid in
 * the whole. Undefined when a record is not shown valid: the whole answer then goes to libxml2 (wholeAnswer).
 */
function recordByRecord(requested: Ii[], context: RecordContext, validate: boolean): string | undefined {
  const response = el(NS.puGetPersons, RESPONSE);
  const writer = new ListDocumentWriter(envelope([response]), response);
  for (const id of requested) {
    const record = requestedPersonRecord(id, context);
    if (validate && !responderSchema().shownValid(el(NS.puGetPersons, RESPONSE, [record]))) return undefined;
    writer.add(record);
  }
  return writer.text({ declaration: true });
}

/** The answer as one tree, serialized, and (validating) checked whole: libxml2's verdict where the tree's is not. */
function wholeAnswer(requested: Ii[], context: RecordContext, validate: boolean): string {
  const records = requested.map((id) => requestedPersonRecord(id, context));
  const reply = envelope([el(NS.puGetPersons, RESPONSE, records)]);
  const body = serialize(reply, { declaration: true });
  if (validate) checkReply(body, reply);
  return body;
}

function readIi(element: XElement): Ii {
  const root = text(child(element, NS.puPerson, 'root')).trim();
  const extension = text(child(element, NS.puPerson, 'extension')).trim();
  return { root, extension };
}

/**
 * The answer must satisfy the responder schema; a violation is the emulator's own error (Server Fault). libxml2
 * reads the bytes written; the tree they were written from finds the payload (nothing converted back).
 */
function checkReply(body: string, reply: XElement): void {
  const { payload } = readEnvelope(reply);
  // Shown valid on the tree itself (CompiledSchema.shownValid), or else libxml2's verdict on the bytes decides.
  if (responderSchema().shownValid(payload, reply)) return;
  const reparsed = parseBuiltXml(Buffer.from(body, 'utf8'), reply);
  try {
    const violations = responderSchema().validate(reparsed, payload);
    if (violations.length > 0) {
      throw new Error(
        `Reply violates the responder schema: ${violations.map((v) => `${v.path}: ${v.message}`).join('; ')}`,
      );
    }
  } finally {
    reparsed.dispose();
  }
}

function fault(code: string, error: Error): PuSoapResult {
  return {
    status: 500,
    body: renderFault({ code, message: error.message }),
    summary: { outcome: 'fault', faultstring: error.message },
  };
}
