import { randomUUID } from 'node:crypto';
import { DEFAULT_BODY_LIMITS } from '../../src/config.js';
import { testnummer } from '../../src/population/testnummer.js';
import { example, V10 } from '../requests.js';
import { CALLER_HEADERS, MOTHER } from '../../test/rest/birthreport/support.js';
import { ORG } from '../../test/rest/scb/support.js';

/**
 * The attack battery: one row per case. Each case builds the requests its clients send (a few variants, cycled) and
 * says which answer it must get. To add a case, add a row; `flood: true` cases run with the attacking clients for
 * the whole flood time while the probe measures normal composite queries, the others are sent a few times.
 */

export interface AttackRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /**
   * Where in `body` the client writes a fresh UUID (36 bytes) before each send, so no two requests are the same
   * bytes and nothing the server keeps can answer one (a korrelationsid).
   */
  fresh?: { offset: number };
}

/** What an attacker saw: the status and the start of the body (or the connection error). */
export interface Answer {
  status: number;
  head: string;
  error?: string;
}

export interface CaseContext {
  /** An OAuth2 access token for the demo client (Samordningsnummer v1). */
  token: string;
}

export interface AttackCase {
  name: string;
  /** One line: what is sent, and why it is hostile. */
  what: string;
  /** The requests (cycled by each client; vary them where caching would hide the cost). */
  build(context: CaseContext): AttackRequest[];
  /** undefined when the answer is the one this case must get, else what is wrong with it. */
  expect(answer: Answer): string | undefined;
  /** Flooded by the attacking clients while the probe runs (its p99 is gated); else sent three times. */
  flood: boolean;
  /**
   * Why the probe's p99 under this flood is reported but not gated: the case is legitimate work at the largest
   * size allowed (capacity, not an attack on others' share of the server).
   */
  ungated?: string;
  /** Requests per client at most (big bodies that are stored: keep the disk use bounded). */
  maxRequests?: number;
  /** A check over all the answers' statuses together (e.g. that a throttle did answer 429), as expect() per answer. */
  expectAll?(counts: Record<string, number>): string | undefined;
}

const KB = 1024;
const MB = 1024 * KB;
const SOAP = { 'content-type': 'text/xml; charset=utf-8', soapaction: '""' };
const JSON_TYPE = { 'content-type': 'application/json' };
const SOAP_NS = 'http://schemas.xmlsoap.org/soap/envelope/';

/** A v10 query for all seven services with its own korrelationsid (so no kept answer hides the work). */
export function uniqueQuery(korrelationsid: string = randomUUID()): string {
  const query = V10.replace(
    /<ssbt:korrelationsid>[^<]*<\/ssbt:korrelationsid>/,
    `<ssbt:korrelationsid>${korrelationsid}</ssbt:korrelationsid>`,
  );
  if (query === V10) throw new Error('the v10 example has no korrelationsid to replace');
  return query;
}

/** An envelope whose Body holds `content`, padded with `filler` repeated to about `bytes`. */
function envelopeOf(bytes: number, filler: string, open = '<x>', close = '</x>'): Buffer {
  const start = `<s:Envelope xmlns:s="${SOAP_NS}"><s:Body>${open}`;
  const end = `${close}</s:Body></s:Envelope>`;
  const count = Math.max(0, Math.floor((bytes - start.length - end.length) / filler.length));
  return Buffer.from(start + filler.repeat(count) + end);
}

/**
 * A valid query padded with a comment to about `bytes` (within the limit: it is parsed, validated and answered;
 * 0: no comment at all), its korrelationsid renewed by the client on every send.
 */
function paddedQuery(bytes: number): AttackRequest {
  const korrelationsid = randomUUID();
  const query = uniqueQuery(korrelationsid);
  const at = query.indexOf('<soapenv:Body');
  const pad = Math.max(0, bytes - query.length - 7);
  const padding = bytes > 0 ? `<!--${'x'.repeat(pad)}-->` : '';
  const body = Buffer.from(`${query.slice(0, at)}${padding}${query.slice(at)}`);
  return { ...soap('/ssbtek', body), fresh: { offset: body.indexOf(korrelationsid) } };
}

const times = <T>(n: number, make: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => make(i));
const soap = (path: string, body: Buffer): AttackRequest => ({ method: 'POST', path, headers: SOAP, body });
const json = (path: string, text: string, headers: Record<string, string> = {}, method = 'POST'): AttackRequest => ({
  method,
  path,
  headers: { ...JSON_TYPE, ...headers },
  body: Buffer.from(text),
});
const deepObject = (levels: number): string => `${'{"x":'.repeat(levels)}1${'}'.repeat(levels)}`;

/** Checks shared by the cases' expectations. */
const status =
  (wanted: number, pattern?: RegExp) =>
  (answer: Answer): string | undefined => {
    if (answer.status !== wanted) return `status ${answer.status || answer.error}, expected ${wanted}`;
    if (pattern && !pattern.test(answer.head)) return `answer does not match ${pattern}`;
    return undefined;
  };
const clientFault = (pattern: RegExp) =>
  status(500, new RegExp(`<faultcode>soapenv:Client</faultcode><faultstring>[^<]*${pattern.source}`));
const nested = /nested deeper than 32|nästlad djupare än 32/;
const badPath = /not valid percent-encoded UTF-8|malformed uri/;

const LIMIT = DEFAULT_BODY_LIMITS;
const PERSONS = testnummer('personnummer').slice(0, 500);

export const CASES: AttackCase[] = [
  {
    name: 'node-flood-10mb',
    what: 'POST /ssbtek, 10 MB of 2.6 million <a/> (the issue’s flood): over the limit, 413 from Content-Length',
    build: () => [soap('/ssbtek', envelopeOf(10 * MB, '<a/>'))],
    expect: status(413, /larger than the limit/),
    flood: true,
  },
  {
    name: 'node-flood-max',
    what: `POST /ssbtek, <a/> filling the ${LIMIT.ssbtek / KB} KB limit: refused by the pre-scan, before libxml2`,
    build: () => [soap('/ssbtek', envelopeOf(LIMIT.ssbtek - 64, '<a/>'))],
    expect: clientFault(/more than 10000 nodes/),
    flood: true,
  },
  {
    name: 'attributes-max',
    what: `POST /ssbtek, elements of 256 attributes filling the limit: refused by the node count`,
    build: () => [soap('/ssbtek', envelopeOf(LIMIT.ssbtek - 64, `<a ${times(256, (i) => `a${i}=""`).join(' ')}/>`))],
    expect: clientFault(/more than 10000 nodes/),
    flood: true,
  },
  {
    name: 'comment-max',
    what: `POST /ssbtek, a valid query padded by a comment to the limit, new korrelationsid each: answered (200)`,
    build: () => [paddedQuery(LIMIT.ssbtek - 64)],
    expect: status(200, /hamtaBastjanstInformationResponse/),
    flood: true,
  },
  {
    name: 'unique-query',
    what: `POST /ssbtek, the same valid query without padding, new korrelationsid each: answered (200)`,
    build: () => [paddedQuery(0)],
    expect: status(200, /hamtaBastjanstInformationResponse/),
    flood: true,
    ungated:
      'no attack: two clients asking valid queries back to back, the yardstick for comment-max (what the padding ' +
      'adds beyond the work of a query the server must answer)',
  },
  {
    name: 'deep-xml',
    what: 'POST /ssbtek, 100,000 nested elements: refused by depth before libxml2',
    build: () => [soap('/ssbtek', envelopeOf(LIMIT.ssbtek - 64, '<a>', '', ''))],
    expect: clientFault(/deeper than 256 levels/),
    flood: true,
  },
  {
    name: 'pu-node-flood-max',
    what: `POST /pu/v5/GetPersonsForProfile, <a/> filling its ${LIMIT.pu / KB} KB limit`,
    build: () => [soap('/pu/v5/GetPersonsForProfile', envelopeOf(LIMIT.pu - 64, '<a/>'))],
    expect: clientFault(/more than 10000 nodes/),
    flood: true,
  },
  {
    name: 'base-service-node-flood-max',
    what: `POST /bastjanster/tns/hamtauppgifter/v1, <a/> filling its ${LIMIT.bastjanster / KB} KB limit`,
    build: () => [soap('/bastjanster/tns/hamtauppgifter/v1', envelopeOf(LIMIT.bastjanster - 64, '<a/>'))],
    expect: clientFault(/more than 10000 nodes/),
    flood: true,
  },
  {
    name: 'pu-500-persons',
    what: 'POST /pu/v5/GetPersonsForProfile, a valid request for 500 persons (~100 KB, the most allowed): answered',
    build: () =>
      [
        soap(
          '/pu/v5/GetPersonsForProfile',
          Buffer.from(
            example('pu-get-persons-p5.xml').replace(
              /(<gp:personId>.*<\/gp:personId>\s*)+/s,
              PERSONS.map(
                (id) =>
                  `<gp:personId><p:root>1.2.752.129.2.1.3.1</p:root><p:extension>${id}</p:extension></gp:personId>\n`,
              ).join(''),
            ),
          ),
        ),
      ].map((r) => ({ ...r, headers: { ...r.headers, 'x-pu-consumer': 'SE2321000016-UTOKAT' } })),
    expect: status(200, /GetPersonsForProfileResponse/),
    flood: true,
    ungated: 'a valid request of the largest size PU allows: 500 person records built and validated',
  },
  {
    name: 'scb-max-delivery',
    what: `POST /scb/api/v1/delivery, a ${LIMIT.scb / MB} MB delivery (base64 CSV, the limit): stored, validated off the main thread`,
    build: () => [
      json(
        '/scb/api/v1/delivery',
        JSON.stringify({
          Contract: 'demo',
          DeliveryFormatName: 'LONERAPPORT_CSV',
          fileContent: Buffer.from(`a;b\n${'1;2\n'.repeat(Math.floor((LIMIT.scb * 0.74) / 4))}`).toString('base64'),
        }),
        { 'X-SCB-Client-OrgNr': ORG },
      ),
    ],
    expect: status(200),
    flood: true,
    maxRequests: 10,
    ungated: 'a valid delivery of the largest size allowed, written durably (fsync) before its ticket is answered',
  },
  {
    name: 'deep-json-birthreport',
    what: 'POST /v1/birthreport, an unknown property nested 5,000 objects deep (30 KB): 400 in its own shape',
    build: () => [
      json(
        '/v1/birthreport',
        `{"reportId":"${randomUUID()}","mother":{"personalIdentityNumber":{"id":"${MOTHER}"}},"unknown":${deepObject(5000)}}`,
        { ...CALLER_HEADERS },
      ),
    ],
    expect: status(400, nested),
    flood: true,
  },
  {
    name: 'deep-json-scb',
    what: 'POST /scb/api/v1/delivery, 5,000 nested objects: 400 InvalidRequest',
    build: () => [
      json('/scb/api/v1/delivery', `{"Contract":"demo","fileContent":"eA==","x":${deepObject(5000)}}`, {
        'X-SCB-Client-OrgNr': ORG,
      }),
    ],
    expect: status(400, nested),
    flood: false,
  },
  {
    name: 'deep-json-samordningsnummer',
    what: 'POST /folkbokforing/samordningsnummer/v1/fornyelse/anmal, 5,000 nested objects: 400 in SKV’s shape',
    build: ({ token }) => [
      json(
        '/folkbokforing/samordningsnummer/v1/fornyelse/anmal',
        `{"ingivarnamn":"a","samordningsnummer":"197010632391","x":${deepObject(5000)}}`,
        { authorization: `Bearer ${token}`, skv_client_correlation_id: 'attack' },
      ),
    ],
    expect: status(400, nested),
    flood: false,
  },
  {
    name: 'deep-json-pu-admin',
    what: 'POST /pu/admin/v1/reserve-identities/national, 2,000 nested objects (under its 16 KB limit): 400',
    build: () => [
      json('/pu/admin/v1/reserve-identities/national', `{"person":${deepObject(2000)}}`, {
        'X-PU-Consumer': 'SE2321000016-UTOKAT',
      }),
    ],
    expect: status(400, nested),
    flood: false,
  },
  {
    name: 'deep-json-admin',
    what: 'PUT /__admin/scenarios/AF, 5,000 nested objects: 400 problem',
    build: () => [json('/__admin/scenarios/AF', deepObject(5000), {}, 'PUT')],
    expect: status(400, nested),
    flood: false,
  },
  {
    name: 'oauth2-brute-force',
    what: 'POST /oauth2/v1/sys/token, wrong secrets for the demo client back to back: 401 until throttled, then 429',
    build: () =>
      Array.from({ length: 8 }, (_, i) => ({
        method: 'POST',
        path: '/oauth2/v1/sys/token',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: Buffer.from(`grant_type=client_credentials&client_id=demo&client_secret=guess-${i}-${randomUUID()}`),
      })),
    expect: (answer) =>
      answer.status === 401 || answer.status === 400
        ? status(answer.status, /invalid_client/)(answer)
        : status(429, /temporarily_unavailable/)(answer),
    expectAll: (counts) => ((counts['429'] ?? 0) > 0 ? undefined : 'no 429: the token endpoint never throttled'),
    flood: true,
  },
  ...['/xsd/..%c0%af..%c0%afetc/passwd', '/xsd/%E0%A4%A', '/__admin/requests/%c0', '/bastjanster/fk/%c0%af'].map(
    (path): AttackCase => ({
      name: `malformed-path ${path}`,
      what: `GET/POST ${path}: malformed percent-encoding in a path parameter, 400`,
      build: () => [
        {
          method: path.startsWith('/bastjanster') ? 'POST' : 'GET',
          path,
          headers: SOAP,
          body: path.startsWith('/bastjanster') ? Buffer.from('<x/>') : undefined,
        },
      ],
      expect: status(400, badPath),
      flood: false,
    }),
  ),
  {
    name: 'malformed-path scb ticket',
    what: 'GET /scb/api/v1/status/%c0%af: 400 in SCB’s shape',
    build: () => [{ method: 'GET', path: '/scb/api/v1/status/%c0%af', headers: { 'X-SCB-Client-OrgNr': ORG } }],
    expect: status(400, badPath),
    flood: false,
  },
];
