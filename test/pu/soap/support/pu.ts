import path from 'node:path';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { pino } from 'pino';
import { listen } from '../../../../src/app.js';
import { xsdRouter } from '../../../../src/http/contract-files.js';
import { DEFAULT_PU_CONSUMERS, PU_CONSUMER_HEADER } from '../../../../src/pu/consumers.js';
import { ROOT } from '../../../../src/pu/profiles/identities.js';
import { PU_SOAP_PATH, puSoapRouter } from '../../../../src/pu/soap/http.js';
import { Population } from '../../../../src/population/population.js';
import { loadScenarioPersons } from '../../../../src/population/scenarios.js';
import { NS } from '../../../../src/xml/namespaces.js';
import { parseXml } from '../../../../src/xml/parse.js';
import { readEnvelope, readFault } from '../../../../src/xml/soap.js';
import { child, childrenNamed, elements, text, type XElement } from '../../../../src/xml/tree.js';
import { CompiledSchema } from '../../../../src/xml/schema.js';
import { REFERENCE_ROOT, referencePresent, referenceSchema } from '../../../support/reference.js';
import { MemoryPuRegistry } from './memory-registry.js';

export const TODAY = '2026-11-24';
export const P = NS.puPerson;

/** Identities (Skatteverket's test numbers) the tests use. */
export const IDS = {
  /** Born in Syria, arrived 2025 (scenario person): unprotected. */
  plain: '198601042388',
  /** Unprotected, born in Sweden (scenario person). */
  plain2: '197706282394',
  /** skyddadIdentitet → sekretessmarkering. */
  sekretess: '198110012385',
  /** skyddadIdentitet with skydd skyddad-folkbokforing (fixtures/population/scenario-persons/pu.json). */
  skyddad: '198702192397',
  samordningsnummer: '202304732395',
  /** Valid format, wrong check digit: unknown. */
  badChecksum: '198601042389',
} as const;

export const CONSUMERS = {
  normal: 'SE2321000016-NORMAL',
  extended: 'SE2321000016-UTOKAT',
  private: 'SE5565594230-PRIVAT',
} as const;

/** Reserve identities: one linked to the plain person, one linked to the sekretess person, one unlinked. */
export const RESERVES = { linked: 'NR0000000001', linkedProtected: 'NR0000000002', unlinked: 'LR-01-000042' };

export function testRegistry(): MemoryPuRegistry {
  const at = '2026-10-01T10:00:00Z';
  return new MemoryPuRegistry()
    .addReserve({
      id: RESERVES.linked,
      kind: 'NATIONAL',
      linkedTo: IDS.plain,
      createdAt: at,
      updatedAt: at,
      person: { fornamn: 'Okänd', efternamn: 'Kvinna', kon: 'K', fodelsedatum: '1986-01-04' },
    })
    .addReserve({
      id: RESERVES.linkedProtected,
      kind: 'NATIONAL',
      linkedTo: IDS.sekretess,
      createdAt: at,
      updatedAt: at,
      person: { fornamn: 'Okänd', kon: 'K' },
    })
    .addReserve({
      id: RESERVES.unlinked,
      kind: 'REGIONAL',
      format: 'SLL',
      createdAt: at,
      updatedAt: at,
      person: { efternamn: 'Okänd', kon: 'U', fodelsedatum: '1970-05-01' },
    })
    .setContactDetails({
      personidentitet: IDS.plain,
      email: 'anna@example.se',
      phone: '0701234567',
      consent: { givenAt: '2026-01-02T08:00:00Z', sharedWith: ['ALL'] },
      updatedAt: at,
    })
    .setContactDetails({
      personidentitet: IDS.plain2,
      email: 'bo@example.se',
      consent: { givenAt: '2026-01-02T08:00:00Z', sharedWith: [CONSUMERS.extended] },
      updatedAt: at,
    })
    .setContactDetails({
      personidentitet: IDS.sekretess,
      email: 'hemlig@example.se',
      consent: { givenAt: '2026-01-02T08:00:00Z', sharedWith: ['ALL'] },
      updatedAt: at,
    })
    .setContactDetails({
      personidentitet: IDS.skyddad,
      phone: '0709999999',
      consent: { givenAt: '2026-01-02T08:00:00Z', sharedWith: ['ALL'] },
      updatedAt: at,
    });
}

export interface PuServer {
  url: string;
  endpoint: string;
  close(): Promise<void>;
}

/** The PU SOAP router (and /xsd) on a real HTTP server, with the shipped population and the test registry. */
export async function startPuServer(): Promise<PuServer> {
  const app = express();
  app.use(
    puSoapRouter({
      population: new Population(loadScenarioPersons()),
      registry: testRegistry(),
      consumers: new Map(DEFAULT_PU_CONSUMERS.map((c) => [c.id, c])),
      today: () => TODAY,
      maxBodyBytes: 2_000_000,
      logger: pino({ level: 'silent' }),
    }),
  );
  app.use(xsdRouter());
  const server: Server = await listen(app, '127.0.0.1', 0);
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    endpoint: `${url}${PU_SOAP_PATH}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface PersonId {
  root?: string;
  extension: string;
}

/** A GetPersonsForProfile request envelope. */
export function request(
  ids: (string | PersonId)[],
  profile: string,
  options: { ignoreReferredIdentity?: boolean; logicalAddress?: string | null } = {},
): string {
  const personIds = ids
    .map((id) => (typeof id === 'string' ? { extension: id, root: rootOf(id) } : { root: rootOf(id.extension), ...id }))
    .map((id) => `<gp:personId><p:root>${id.root}</p:root><p:extension>${id.extension}</p:extension></gp:personId>`)
    .join('');
  const address = options.logicalAddress === undefined ? '5565594230' : options.logicalAddress;
  const header =
    address === null ? '<s:Header/>' : `<s:Header><itr:LogicalAddress>${address}</itr:LogicalAddress></s:Header>`;
  return (
    `<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="${NS.soapEnv}" xmlns:itr="${NS.rivRegistry}" ` +
    `xmlns:gp="${NS.puGetPersons}" xmlns:p="${P}">${header}<s:Body><gp:GetPersonsForProfile>${personIds}` +
    `<gp:profile>${profile}</gp:profile><gp:ignoreReferredIdentity>${options.ignoreReferredIdentity ?? false}` +
    `</gp:ignoreReferredIdentity></gp:GetPersonsForProfile></s:Body></s:Envelope>`
  );
}

function rootOf(id: string): string {
  if (/^NR/.test(id)) return ROOT.nationalReserve;
  if (/^LR/.test(id)) return ROOT.regionalReserve;
  return Number(id.slice(6, 8)) > 60 ? ROOT.samordningsnummer : ROOT.personnummer;
}

export interface Answer {
  status: number;
  body: string;
  /** The response payload (GetPersonsForProfileResponse), when it is not a Fault. */
  records: XElement[];
  fault?: { code: string; message: string };
}

export async function call(
  server: PuServer,
  body: string,
  consumer: string | null = CONSUMERS.extended,
  contentType = 'text/xml; charset=utf-8',
): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': contentType };
  if (consumer !== null) headers[PU_CONSUMER_HEADER] = consumer;
  const res = await fetch(server.endpoint, { method: 'POST', headers, body });
  const text = await res.text();
  const parsed = parseXml(Buffer.from(text));
  try {
    const { payload } = readEnvelope(parsed.root);
    const fault = readFault(payload);
    if (fault) return { status: res.status, body: text, records: [], fault };
    const violations = oracle().validate(parsed, payload);
    if (violations.length > 0) throw new Error(`answer violates the reference schema: ${JSON.stringify(violations)}`);
    return {
      status: res.status,
      body: text,
      records: childrenNamed(payload, NS.puGetPersons, 'requestedPersonRecord'),
    };
  } finally {
    parsed.dispose();
  }
}

const RESPONDER = 'interactions/GetPersonsForProfileInteraction/GetPersonsForProfileResponder_5.0.xsd';
let oracleNoted = false;

/**
 * The schema every answer is checked against: Inera's own contract (../shared/reference/pu-v5) where it is beside
 * the project, else the project's bundled copy, which contract-files.test.ts proves structurally identical to it.
 */
export function oracle(): CompiledSchema {
  const reference = path.join(REFERENCE_ROOT, 'pu-v5', RESPONDER);
  if (referencePresent(reference)) return referenceSchema(reference);
  if (!oracleNoted) {
    oracleNoted = true;
    console.log(`      (note: ${reference} not found; PU answers are checked against the bundled xsd/pu copy)`);
  }
  return ownResponderSchema();
}

let own: CompiledSchema | undefined;
function ownResponderSchema(): CompiledSchema {
  own ??= CompiledSchema.compile('pu-responder', `pu/${RESPONDER}`);
  return own;
}

/** The personRecord of a requestedPersonRecord, if any. */
export function personRecord(record: XElement | undefined): XElement | undefined {
  return record && child(record, P, 'personRecord');
}

/** Local names of a person record's children, in order. */
export function fields(record: XElement | undefined): string[] {
  return record ? elements(record).map((e) => e.name) : [];
}

/** Text at a path of local names below `element` (first match at each step). */
export function at(element: XElement | undefined, ...names: string[]): string | undefined {
  let current = element;
  for (const name of names) current = current && child(current, P, name);
  return current && text(current);
}
