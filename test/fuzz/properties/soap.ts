/**
 * What the SOAP properties (SSBTEK, PU) share: reading a reply as a SOAP 1.1 envelope, the expected outcome of a
 * request and the Fault check, the SOAP case generator, and sending a case over real HTTP.
 */
import fc from 'fast-check';
import { parseXml, type ParsedXml } from '../../../src/xml/parse.js';
import { readEnvelope, readFault, type SoapMessage } from '../../../src/xml/soap.js';
import type { XElement } from '../../../src/xml/tree.js';
import type { DialectBinding } from '../../../src/ssbtek/dialects.js';
import { assertNoLeak, preview } from '../mutations/replies.js';
import { xmlCaseArb, type XmlCase } from '../mutations/xml.js';

export interface Reply {
  status: number;
  body: string;
}

export type ReadReply =
  | { kind: 'fault'; status: number; code: string; message: string; detail?: XElement }
  | { kind: 'answer'; status: number; parsed: ParsedXml; payload: XElement };

/** Reads a SOAP reply: it must parse, be a SOAP 1.1 envelope with one Body child, and show no internals. */
export function readReply(reply: Reply, request: Uint8Array): ReadReply {
  const context = `\n  request: ${preview(request)}`;
  assertNoLeak(reply.body, context);
  let parsed: ParsedXml;
  try {
    parsed = parseXml(Buffer.from(reply.body, 'utf8'));
  } catch (error) {
    throw new Error(
      `reply (${reply.status}) is not XML: ${(error as Error).message}: ${reply.body.slice(0, 300)}${context}`,
      {
        cause: error,
      },
    );
  }
  let message: SoapMessage;
  try {
    message = readEnvelope(parsed.root);
  } catch (error) {
    parsed.dispose();
    throw new Error(`reply is not a SOAP envelope: ${(error as Error).message}${context}`, { cause: error });
  }
  const fault = readFault(message.payload);
  if (fault) {
    parsed.dispose();
    if (![400, 413, 415, 500].includes(reply.status)) throw new Error(`Fault with HTTP ${reply.status}${context}`);
    if (!fault.code || !fault.message)
      throw new Error(`Fault without faultcode or faultstring: ${reply.body}${context}`);
    return { kind: 'fault', status: reply.status, ...fault };
  }
  if (reply.status !== 200) {
    parsed.dispose();
    throw new Error(`HTTP ${reply.status} without a Fault: ${reply.body.slice(0, 300)}${context}`);
  }
  return { kind: 'answer', status: 200, parsed, payload: message.payload };
}

/** What the request is, as the project's own parser, envelope reader and schema see it. */
export type SoapExpectation =
  | { kind: 'media-type' }
  /** Sent over HTTP with more bytes than the endpoint takes: refused before it is read (413). */
  | { kind: 'too-large' }
  | { kind: 'unreadable' | 'envelope' | 'operation'; code: string }
  | { kind: 'no-logical-address' }
  | { kind: 'invalid'; operation: string; binding?: DialectBinding; violations: number }
  | { kind: 'valid'; operation: string; binding?: DialectBinding; personIds?: number };

export function expectFault(got: ReadReply, code: string, why: string, context: string): void {
  if (got.kind !== 'fault') {
    got.parsed.dispose();
    throw new Error(`expected a ${code} Fault (${why}), got HTTP 200${context}`);
  }
  if (got.code !== `soapenv:${code}`) {
    throw new Error(`expected faultcode soapenv:${code} (${why}), got ${got.code}: ${got.message}${context}`);
  }
}

const SOAP_CONTENT_TYPES = [
  'text/xml; charset=utf-8',
  'text/xml; charset=utf-8',
  'text/xml; charset=utf-8',
  'text/xml',
  'TEXT/XML; charset=UTF-8',
  'text/xml; charset=iso-8859-1',
  'application/soap+xml; charset=utf-8',
  'text/plain',
  '',
];

/**
 * The expectations every SOAP endpoint shares (media type, unreadable XML, a broken envelope, an unknown operation):
 * checked here, answering the outcome's name; undefined for the endpoint's own kinds.
 */
export function checkCommonFault(expected: SoapExpectation, got: ReadReply, context: string): string | undefined {
  switch (expected.kind) {
    case 'media-type':
      expectFault(got, 'Client', 'not text/xml', context);
      if (got.status !== 415) throw new Error(`a wrong media type must be 415, got ${got.status}${context}`);
      return 'media-type';
    case 'too-large':
      expectFault(got, 'Client', 'over the body limit', context);
      if (got.status !== 413) throw new Error(`a body over the limit must be 413, got ${got.status}${context}`);
      return 'too-large';
    case 'unreadable':
    case 'envelope':
    case 'operation':
      expectFault(got, expected.code, expected.kind, context);
      return expected.kind;
    default:
      return undefined;
  }
}

export interface SoapCase {
  c: XmlCase;
  /** Sent over HTTP (with this Content-Type) instead of in-process. */
  http?: string;
}

/** Mostly in-process; one case in `httpShare` over real HTTP, with a Content-Type that is mostly right. */
export function soapCaseArb(httpShare: number): fc.Arbitrary<SoapCase> {
  return fc.record({
    c: xmlCaseArb,
    http: fc.oneof(
      { weight: httpShare - 1, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: fc.constantFrom(...SOAP_CONTENT_TYPES) },
    ),
  });
}

export async function send(url: string, bytes: Uint8Array, contentType: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { ...(contentType ? { 'content-type': contentType } : {}), ...headers },
    body: bytes,
  });
  return { status: response.status, body: await response.text(), contentType: response.headers.get('content-type') };
}

export function isSoapMediaType(contentType: string): boolean {
  return contentType.split(';')[0]?.trim().toLowerCase() === 'text/xml';
}

/**
 * What an HTTP case expects before the endpoint reads anything: a wrong media type (415), or more bytes than the
 * endpoint's body limit (413; a mutation can make a value of 200,000 characters); else what `read` expects.
 */
export function httpExpectation(
  contentType: string,
  bytes: Uint8Array,
  limit: number,
  read: () => SoapExpectation,
): SoapExpectation {
  if (!isSoapMediaType(contentType)) return { kind: 'media-type' };
  if (bytes.length > limit) return { kind: 'too-large' };
  return read();
}
