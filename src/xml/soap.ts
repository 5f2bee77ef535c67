import { NS } from './namespaces.js';
import { el, elements, type XChild, type XElement } from './tree.js';
import { serialize } from './write.js';

/** A SOAP 1.1 problem with the envelope itself; rendered as a Fault by the edge. */
export class SoapEnvelopeError extends Error {
  constructor(
    readonly faultCode: 'VersionMismatch' | 'Client',
    message: string,
  ) {
    super(message);
    this.name = 'SoapEnvelopeError';
  }
}

export interface SoapMessage {
  envelope: XElement;
  header?: XElement;
  body: XElement;
  /** The single element child of Body: the operation (document/literal). */
  payload: XElement;
}

/** Reads a SOAP 1.1 envelope: Envelope, optional Header, Body with exactly one element child. */
export function readEnvelope(root: XElement): SoapMessage {
  if (root.name === 'Envelope' && root.ns === NS.soap12Env) {
    throw new SoapEnvelopeError(
      'VersionMismatch',
      'SOAP 1.2 envelopes are not supported; this service speaks SOAP 1.1.',
    );
  }
  if (root.name !== 'Envelope' || root.ns !== NS.soapEnv) {
    throw new SoapEnvelopeError(
      'VersionMismatch',
      `The document element is {${root.ns}}${root.name}; expected a SOAP 1.1 Envelope in namespace ${NS.soapEnv}.`,
    );
  }
  const parts = elements(root);
  let index = 0;
  let header: XElement | undefined;
  if (parts[0]?.name === 'Header' && parts[0].ns === NS.soapEnv) header = parts[index++];
  const body = parts[index];
  if (!body || body.name !== 'Body' || body.ns !== NS.soapEnv) {
    throw new SoapEnvelopeError('Client', 'The SOAP Envelope has no Body element after the optional Header.');
  }
  if (parts.length > index + 1) {
    throw new SoapEnvelopeError('Client', 'The SOAP Envelope has elements after its Body.');
  }
  const payload = elements(body);
  if (payload.length === 0)
    throw new SoapEnvelopeError('Client', 'The SOAP Body is empty; expected one operation element.');
  if (payload.length > 1) {
    throw new SoapEnvelopeError(
      'Client',
      `The SOAP Body has ${payload.length} elements; expected exactly one operation element.`,
    );
  }
  return { envelope: root, header, body, payload: payload[0] as XElement };
}

export function envelope(payload: XChild[], header?: XChild[]): XElement {
  return el(NS.soapEnv, 'Envelope', [header && el(NS.soapEnv, 'Header', header), el(NS.soapEnv, 'Body', payload)]);
}

export function renderEnvelope(payload: XChild[], header?: XChild[]): string {
  return serialize(envelope(payload, header), { declaration: true });
}

export interface FaultSpec {
  /** A SOAP 1.1 code (Client, Server, VersionMismatch, MustUnderstand) or a service's own literal code. */
  code: string;
  message: string;
  detail?: XElement[];
}

const STANDARD_CODES = new Set(['Client', 'Server', 'VersionMismatch', 'MustUnderstand']);

export function faultElement(fault: FaultSpec): XElement {
  const code = STANDARD_CODES.has(fault.code) ? `soapenv:${fault.code}` : fault.code;
  return el(NS.soapEnv, 'Fault', [
    el('', 'faultcode', code),
    el('', 'faultstring', fault.message),
    fault.detail && el('', 'detail', fault.detail),
  ]);
}

/** A complete SOAP 1.1 Fault message. The envelope prefix is always `soapenv`, matching the faultcode. */
export function renderFault(fault: FaultSpec): string {
  return renderEnvelope([faultElement(fault)]);
}

/** Reads a Fault from a SOAP Body, if that is what the body holds. */
export function readFault(payload: XElement): { code: string; message: string; detail?: XElement } | undefined {
  if (payload.name !== 'Fault' || payload.ns !== NS.soapEnv) return undefined;
  const parts = elements(payload);
  const part = (name: string): XElement | undefined => parts.find((p) => p.name === name && p.ns === '');
  const textOf = (e?: XElement): string =>
    e
      ? e.children
          .map((c) => (typeof c === 'string' ? c : ''))
          .join('')
          .trim()
      : '';
  return { code: textOf(part('faultcode')), message: textOf(part('faultstring')), detail: part('detail') };
}
