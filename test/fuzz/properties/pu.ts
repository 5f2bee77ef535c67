/** PU GetPersonsForProfile (v5): base requests and the property that every mutated request is answered right. */
import { PU_CONSUMER_HEADER } from '../../../src/pu/consumers.js';
import { PU_SOAP_PATH } from '../../../src/pu/soap/http.js';
import { responderSchema } from '../../../src/pu/soap/service.js';
import { NS } from '../../../src/xml/namespaces.js';
import { parseXml, XmlInputError, type ParsedXml } from '../../../src/xml/parse.js';
import { readEnvelope, SoapEnvelopeError, type SoapMessage } from '../../../src/xml/soap.js';
import { childrenNamed, childText } from '../../../src/xml/tree.js';
import { example } from '../../support/requests.js';
import { CONSUMERS, IDS, request as puRequest, RESERVES } from '../../pu/soap/support/pu.js';
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

export function puBases(): XmlBase[] {
  return [
    xmlBase('PU example P5', example('pu-get-persons-p5.xml')),
    xmlBase('PU P1 two identities', puRequest([IDS.plain, IDS.samordningsnummer], 'P1')),
    xmlBase('PU P3 reserve + protected', puRequest([RESERVES.linked, IDS.skyddad, IDS.badChecksum], 'P3')),
    xmlBase('PU P4 ignoreReferredIdentity', puRequest([IDS.sekretess], 'P4', { ignoreReferredIdentity: true })),
  ];
}

function puExpectation(bytes: Uint8Array): SoapExpectation {
  let parsed: ParsedXml;
  try {
    parsed = parseXml(bytes);
  } catch (error) {
    if (error instanceof XmlInputError) return { kind: 'unreadable', code: 'Client' };
    throw error;
  }
  try {
    let message: SoapMessage;
    try {
      message = readEnvelope(parsed.root);
    } catch (error) {
      if (error instanceof SoapEnvelopeError) return { kind: 'envelope', code: error.faultCode };
      throw error;
    }
    const { payload } = message;
    if (payload.ns !== NS.puGetPersons || payload.name !== 'GetPersonsForProfile') {
      return { kind: 'operation', code: 'Client' };
    }
    const address = message.header && childText(message.header, NS.rivRegistry, 'LogicalAddress')?.trim();
    if (!address) return { kind: 'no-logical-address' };
    const violations = responderSchema().validate(parsed, payload).length;
    if (violations > 0) return { kind: 'invalid', operation: payload.name, violations };
    return {
      kind: 'valid',
      operation: payload.name,
      personIds: childrenNamed(payload, NS.puGetPersons, 'personId').length,
    };
  } finally {
    parsed.dispose();
  }
}

function checkPu(expected: SoapExpectation, got: ReadReply, context: string): string {
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
      expectFault(got, 'Server', 'no LogicalAddress → VP003', context);
      if (got.kind === 'fault' && !got.message.startsWith('VP003')) throw new Error(`expected VP003${context}`);
      return 'no-logical-address';
    case 'invalid':
      expectFault(got, 'Client', 'schema-invalid', context);
      if (got.kind === 'fault' && !got.message.startsWith('Invalid GetPersonsForProfile request')) {
        throw new Error(`schema-invalid request got another Client Fault: ${got.message}${context}`);
      }
      return 'invalid→Fault';
    case 'valid':
      if (got.kind === 'fault') {
        expectFault(got, 'Client', 'valid request refused', context);
        if (!/^(Too many personId|Profile .* is reserved)/.test(got.message)) {
          throw new Error(`schema-valid request got an undocumented Fault: ${got.message}${context}`);
        }
        return 'valid→Fault';
      }
      try {
        if (got.payload.ns !== NS.puGetPersons || got.payload.name !== 'GetPersonsForProfileResponse') {
          throw new Error(`200 with {${got.payload.ns}}${got.payload.name}${context}`);
        }
        const violations = responderSchema().validate(got.parsed, got.payload);
        if (violations.length > 0) {
          throw new Error(`200 answer violates the schema: ${JSON.stringify(violations.slice(0, 3))}${context}`);
        }
        const records = childrenNamed(got.payload, NS.puGetPersons, 'requestedPersonRecord').length;
        if (records !== expected.personIds) {
          throw new Error(`${expected.personIds} personId but ${records} requestedPersonRecord${context}`);
        }
        return 'valid→200';
      } finally {
        got.parsed.dispose();
      }
  }
}

/** PU GetPersonsForProfile: every mutated request gets a complete answer or the right Fault. */
export async function puCase(env: FuzzEnv, bases: readonly XmlBase[], sc: SoapCase): Promise<string> {
  const { base, bytes } = xmlCaseBytes(bases, sc.c);
  const context = `\n  base: ${base.name}${sc.http === undefined ? '' : `, HTTP ${JSON.stringify(sc.http)}`}\n  request: ${preview(bytes)}`;
  let reply: Reply;
  let expected: SoapExpectation;
  if (sc.http === undefined) {
    reply = env.pu.handle(bytes, CONSUMERS.extended);
    expected = puExpectation(bytes);
  } else {
    reply = await send(env.url + PU_SOAP_PATH, bytes, sc.http, { [PU_CONSUMER_HEADER]: CONSUMERS.extended });
    expected = httpExpectation(sc.http, bytes, env.app.config.bodyLimits.pu, () => puExpectation(bytes));
  }
  return checkPu(expected, readReply(reply, bytes), context);
}
