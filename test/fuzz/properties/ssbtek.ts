/** SSBTEK (v10 and v1 dialects): base requests and the property that every mutated request is answered right. */
import { NS } from '../../../src/xml/namespaces.js';
import { parseXml, XmlInputError, type ParsedXml } from '../../../src/xml/parse.js';
import { readEnvelope, SoapEnvelopeError } from '../../../src/xml/soap.js';
import { childrenNamed, childText, elements, type XElement } from '../../../src/xml/tree.js';
import type { DialectBinding } from '../../../src/ssbtek/dialects.js';
import { example, testaRequest, V10_NS, v10Request } from '../../support/requests.js';
import { preview } from '../mutations/replies.js';
import { xmlBase, xmlCaseBytes, type XmlBase } from '../mutations/xml.js';
import type { FuzzEnv } from './environment.js';
import {
  checkCommonFault,
  expectFault,
  httpExpectation,
  readReply,
  send,
  type ReadReply,
  type Reply,
  type SoapCase,
  type SoapExpectation,
} from './soap.js';

export function ssbtekBases(): XmlBase[] {
  const v1 = example('seed-example-v1.xml');
  return [
    xmlBase('v10 all services', v10Request()),
    xmlBase(
      'v10 AF+SKV, default namespace, echo',
      v10Request({ include: ['AF', 'SKV'], style: 'default', echo: true }),
    ),
    xmlBase(
      'v10 FK+CSN, prefix x, no korrelationsid',
      v10Request({ include: ['FK', 'CSN'], style: 'x', korrelationsid: null, personidentitet: '198601042388' }),
    ),
    xmlBase('v10 example file', example('v10-all-services.xml')),
    xmlBase('v1 seed example (ssbt/1)', v1),
    xmlBase('v1 seed example (SSBTEK/1)', v1.split(NS.ssbtV1).join(NS.ssbtekV1)),
    xmlBase('v10 testa', testaRequest(V10_NS)),
    xmlBase('v1 testa', testaRequest(NS.ssbtV1)),
  ];
}

function ssbtekExpectation(env: FuzzEnv, bytes: Uint8Array): SoapExpectation {
  let parsed: ParsedXml;
  try {
    parsed = parseXml(bytes);
  } catch (error) {
    if (error instanceof XmlInputError) return { kind: 'unreadable', code: 'Client' };
    throw error;
  }
  try {
    let payload: XElement;
    try {
      payload = readEnvelope(parsed.root).payload;
    } catch (error) {
      if (error instanceof SoapEnvelopeError) return { kind: 'envelope', code: error.faultCode };
      throw error;
    }
    const binding = env.dialects.get(payload.ns);
    const operation = payload.name;
    if (!binding || !['hamtaBastjanstInformation', 'testaBastjanstInformation'].includes(operation)) {
      return { kind: 'operation', code: 'Client' };
    }
    const violations = binding.schema.validate(parsed, payload).length;
    return violations > 0 ? { kind: 'invalid', operation, binding, violations } : { kind: 'valid', operation, binding };
  } finally {
    parsed.dispose();
  }
}

function checkSsbtek(expected: SoapExpectation, got: ReadReply, context: string): string {
  const common = checkCommonFault(expected, got, context);
  if (common) return common;
  switch (expected.kind) {
    case 'media-type':
    case 'too-large':
    case 'unreadable':
    case 'envelope':
    case 'operation':
      throw new Error('checked by checkCommonFault');
    case 'no-logical-address':
      throw new Error('not an SSBTEK expectation');
    case 'invalid':
    case 'valid': {
      const binding = expected.binding as DialectBinding;
      if (got.kind === 'fault') {
        if (expected.kind === 'valid' && expected.operation === 'testaBastjanstInformation') {
          throw new Error(`a schema-valid testa request got a Fault: ${got.code} ${got.message}${context}`);
        }
        expectFault(got, 'Client', `${expected.kind} request → 1001`, context);
        const detail = got.detail && elements(got.detail)[0];
        if (!detail || detail.ns !== binding.namespace || detail.name !== `${expected.operation}Fault`) {
          throw new Error(`Fault 1001 without ${expected.operation}Fault detail in ${binding.namespace}${context}`);
        }
        const felkod = childText(detail, binding.namespace, 'felkod');
        if (felkod !== '1001') throw new Error(`expected felkod 1001, got ${felkod}: ${got.message}${context}`);
        const lines = childrenNamed(detail, binding.namespace, 'felmeddelande').length;
        if (expected.kind === 'invalid' && lines !== expected.violations + 1) {
          throw new Error(`1001 lists ${lines - 1} violations, the schema finds ${expected.violations}${context}`);
        }
        return expected.kind === 'invalid' ? 'invalid→1001' : 'valid→1001';
      }
      try {
        if (expected.kind === 'invalid') {
          throw new Error(`a schema-INVALID request (${expected.violations} violations) got HTTP 200${context}`);
        }
        const name = `${expected.operation}Response`;
        if (got.payload.ns !== binding.namespace || got.payload.name !== name) {
          throw new Error(`200 with {${got.payload.ns}}${got.payload.name}, expected ${name}${context}`);
        }
        const violations = binding.schema.validate(got.parsed, got.payload);
        if (violations.length > 0) {
          throw new Error(`200 answer violates the schema: ${JSON.stringify(violations.slice(0, 3))}${context}`);
        }
        return 'valid→200';
      } finally {
        got.parsed.dispose();
      }
    }
  }
}

/** SSBTEK: every mutated request gets a complete answer or the right Fault. Returns the outcome class. */
export async function ssbtekCase(env: FuzzEnv, bases: readonly XmlBase[], sc: SoapCase): Promise<string> {
  const { base, bytes } = xmlCaseBytes(bases, sc.c);
  const context = `\n  base: ${base.name}${sc.http === undefined ? '' : `, HTTP ${JSON.stringify(sc.http)}`}\n  request: ${preview(bytes)}`;
  let reply: Reply;
  let expected: SoapExpectation;
  if (sc.http === undefined) {
    reply = await env.app.pipeline.handle(bytes);
    expected = ssbtekExpectation(env, bytes);
  } else {
    reply = await send(`${env.url}/ssbtek`, bytes, sc.http);
    expected = httpExpectation(sc.http, bytes, env.app.config.bodyLimits.ssbtek, () => ssbtekExpectation(env, bytes));
  }
  return checkSsbtek(expected, readReply(reply, bytes), context);
}
