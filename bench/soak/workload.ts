import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { testnummer } from '../../src/population/testnummer.js';
import { example, INVALID, SOAP_HEADERS as SOAP, V1, V10 } from '../requests.js';
import { CALLER_HEADERS, MOTHER, OTHER_MOTHER } from '../../test/rest/birthreport/support.js';
import { NUMMER } from '../../test/rest/samordningsnummer/support.js';
import { CSV_V2_OK, ORG, XML_OK, b64 } from '../../test/rest/scb/support.js';

/**
 * The soak's mixed load: a weighted rotation of SSBTEK v10/v1 composites, testa, Fault 1001, PU
 * GetPersonsForProfile, birth reports, samordningsnummer renewals and SCB deliveries (each followed by status polling
 * until processed and the result). Every answer's status and a marker in its body are checked.
 */

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

const TESTA =
  '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>' +
  '<t:testaBastjanstInformation xmlns:t="http://schema.forsakringskassan.se/integration/ssbt/10"/>' +
  '</soapenv:Body></soapenv:Envelope>';
const PU = example('pu-get-persons-p5.xml');

/** Renewable numbers from Skatteverket's test list: the first round renews them, later rounds are answered again. */
const RENEWABLE = [...NUMMER.vilande, ...NUMMER.aktuella];
const SCB_BODIES = [
  { Contract: 'demo', fileContent: b64(CSV_V2_OK), DeliveryFormatName: 'LONERAPPORT_CSV' },
  { Contract: 'demo', fileContent: b64(XML_OK), DeliveryFormatName: 'LONERAPPORT_XML' },
  { Contract: 'demo', fileContent: b64('x;y\n'), DeliveryFormatName: 'LONERAPPORT_CSV' },
];

/**
 * Mothers for the birth reports: women (even sex digit) born 1960–2004 from Skatteverket's test list (shipped in
 * fixtures/testnummer). Each report's child is distinct by (mother, day, order) for as long as the combinations
 * last; after that a report is a duplicate (202).
 */
function mothers(): string[] {
  const women = testnummer('personnummer').filter(
    (n) => /^(19[6-9]\d|200[0-4])\d{8}$/.test(n) && Number(n[10]) % 2 === 0,
  );
  return women.length > 0 ? women.slice(0, 400) : [MOTHER, OTHER_MOTHER];
}
export const MOTHERS = mothers();
/** Children born on the 15 days up to today: not late (≤ 14 days), so each can get a number. */
const BIRTH_DAYS = Array.from({ length: 15 }, (_, i) => `2026-11-${String(10 + i).padStart(2, '0')}`);

function birthReport(i: number): Record<string, unknown> {
  const day = BIRTH_DAYS[i % BIRTH_DAYS.length]!;
  const mother = MOTHERS[Math.floor(i / BIRTH_DAYS.length) % MOTHERS.length]!;
  const order = 1 + (Math.floor(i / (BIRTH_DAYS.length * MOTHERS.length)) % 9);
  return {
    reportId: randomUUID(),
    reportedBy: { reporter: 'Alfa BB, Barnmorska', phoneNumber: '070 00 00 000' },
    mother: { personalIdentityNumber: { id: mother } },
    child: { date: day, gender: i % 2 ? 'BOY' : 'GIRL', municipality: 'Östersund', aliveAtBirth: true, order },
    totalNumberOfChildren: 9,
    residentialAddress: ['Storgatan 1'],
    phoneNumber: ['070 00 00 001'],
  };
}

export type Kind =
  | 'v10'
  | 'v1'
  | 'testa'
  | 'fault1001'
  | 'pu'
  | 'birthreport'
  | 'renewal'
  | 'scb-delivery'
  | 'scb-status'
  | 'scb-result'
  | 'token';

/** One rotation: the share of each kind in the load (SCB polls come on top, from each delivery). */
export const ROTATION: Kind[] = [
  'v10',
  'testa',
  'pu',
  'birthreport',
  'v10',
  'fault1001',
  'renewal',
  'scb-delivery',
  'v1',
];

/** Where the outcome of each request goes (the report's Recorder). */
export interface Outcomes {
  ok(kind: Kind, ms: number): void;
  error(kind: Kind, message: string): void;
}

interface Reply {
  status: number;
  text: string;
  headers: Headers;
}

export class Load {
  private inFlight = 0;
  private token: { value: string; until: number } | undefined;
  private births = 0;
  private renewals = 0;
  private deliveries = 0;
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly base: string,
    private readonly recorder: Outcomes,
    private readonly maxInFlight: number,
  ) {}

  get open(): number {
    return this.inFlight;
  }

  /** Starts one request of `kind` (not awaited); its outcome goes to the recorder. */
  fire(kind: Kind): void {
    if (this.inFlight >= this.maxInFlight) {
      this.recorder.error(kind, `not sent: ${this.inFlight} requests already open`);
      return;
    }
    const run = this.run(kind).finally(() => this.pending.delete(run));
    this.pending.add(run);
  }

  async drain(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  private async run(kind: Kind): Promise<void> {
    try {
      switch (kind) {
        case 'v10':
          return void (await this.soap(kind, V10, 200, 'hamtaBastjanstInformationResponse'));
        case 'v1':
          return void (await this.soap(kind, V1, 200, 'hamtaBastjanstInformationResponse'));
        case 'testa':
          return void (await this.soap(kind, TESTA, 200, 'testaBastjanstInformationResponse'));
        case 'fault1001':
          return void (await this.soap(kind, INVALID, 500, 'felkod>1001</'));
        case 'pu':
          return void (await this.call(
            kind,
            '/pu/v5/GetPersonsForProfile',
            { method: 'POST', headers: { ...SOAP, 'x-pu-consumer': 'SE2321000016-NORMAL' }, body: PU },
            [200],
            'GetPersonsForProfileResponse',
          ));
        case 'birthreport': {
          const report = birthReport(this.births++);
          // 201 with a number while the distinct children last; 202 (duplicate, manual handling) after that.
          return void (await this.call(
            kind,
            '/v1/birthreport',
            {
              method: 'POST',
              headers: { 'content-type': 'application/json', ...CALLER_HEADERS },
              body: JSON.stringify(report),
            },
            [201, 202],
            String(report.reportId),
          ));
        }
        case 'renewal': {
          const nummer = RENEWABLE[this.renewals++ % RENEWABLE.length]!;
          const token = await this.accessToken();
          return void (await this.call(
            kind,
            '/folkbokforing/samordningsnummer/v1/fornyelse/anmal',
            {
              method: 'POST',
              headers: {
                'content-type': 'application/json',
                authorization: `Bearer ${token}`,
                skv_client_correlation_id: `soak-${this.renewals}`,
              },
              body: JSON.stringify({ ingivarnamn: 'Polismyndigheten, register', samordningsnummer: nummer }),
            },
            [200],
            '"status":"MOTTAGEN"',
          ));
        }
        case 'scb-delivery':
          return await this.scb();
        default:
          throw new Error(`not started directly: ${kind}`);
      }
    } catch (error) {
      this.recorder.error(kind, (error as Error).message);
    }
  }

  private soap(kind: Kind, body: string, status: number, marker: string): Promise<Reply | undefined> {
    return this.call(kind, '/ssbtek', { method: 'POST', headers: SOAP, body }, [status], marker);
  }

  /** One request, timed; the status must be one of `statuses` and the body must contain `marker`. */
  private async call(
    kind: Kind,
    route: string,
    init: RequestInit,
    statuses: number[],
    marker: string,
  ): Promise<Reply | undefined> {
    this.inFlight++;
    const started = performance.now();
    try {
      const response = await fetch(`${this.base}${route}`, {
        ...init,
        redirect: 'manual',
        signal: AbortSignal.timeout(30_000),
      });
      const text = await response.text();
      const ms = performance.now() - started;
      if (!statuses.includes(response.status) || !text.includes(marker)) {
        this.recorder.error(kind, `${response.status} (expected ${statuses.join('/')}): ${text.slice(0, 200)}`);
        return undefined;
      }
      this.recorder.ok(kind, ms);
      return { status: response.status, text, headers: response.headers };
    } catch (error) {
      this.recorder.error(kind, `${(error as Error).message} ${String((error as { cause?: unknown }).cause ?? '')}`);
      return undefined;
    } finally {
      this.inFlight--;
    }
  }

  /** A token for the demo client, renewed when half its lifetime has gone. */
  private async accessToken(): Promise<string> {
    if (this.token && Date.now() < this.token.until) return this.token.value;
    const reply = await this.call(
      'token',
      '/oauth2/v1/sys/token',
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials&client_id=demo&client_secret=demo&scope=esnr',
      },
      [200],
      'access_token',
    );
    if (!reply) throw new Error('no token');
    const body = JSON.parse(reply.text) as { access_token: string; expires_in: number };
    this.token = { value: body.access_token, until: Date.now() + (body.expires_in * 1000) / 2 };
    return body.access_token;
  }

  /** A delivery, then its status every 250 ms until processed (302), then its result. */
  private async scb(): Promise<void> {
    const headers = { 'content-type': 'application/json', 'x-scb-client-orgnr': ORG };
    const body = SCB_BODIES[this.deliveries++ % SCB_BODIES.length]!;
    const api = '/scb/api/v1';
    const delivered = await this.call(
      'scb-delivery',
      `${api}/delivery`,
      { method: 'POST', headers, body: JSON.stringify(body) },
      [200],
      '"',
    );
    if (!delivered) return;
    const ticket = JSON.parse(delivered.text) as string;
    const deadline = Date.now() + 30_000;
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      const status = await this.call('scb-status', `${api}/status/${ticket}`, { headers }, [202, 302], '"');
      if (!status) return;
      if (status.status === 302) break;
      if (Date.now() > deadline) return this.recorder.error('scb-status', `${ticket} not processed within 30 s`);
    }
    await this.call('scb-result', `${api}/delivery/${ticket}`, { headers }, [200], ticket);
  }
}
