import { expect } from 'chai';
import { DEFAULT_BODY_LIMITS, type BodyLimits } from '../../src/config.js';
import { MAX_JSON_DEPTH } from '../../src/http/json-body.js';
import { CALLER_HEADERS, sampleReport } from '../rest/birthreport/support.js';
import { ORG } from '../rest/scb/support.js';
import { accessToken } from '../rest/samordningsnummer/support.js';
import { startRobustServer, type RobustServer } from './support.js';

/** Stands for the deep value in a body; replaced by its text after JSON.stringify (which would itself overflow). */
const DEEP = '@@deep@@';
/** `{"x":{"x":…1…}}`, nested `levels` deep, as text. */
const nested = (levels: number): string => `${'{"x":'.repeat(levels)}1${'}'.repeat(levels)}`;

interface Case {
  name: string;
  method: string;
  path: string;
  limit: keyof BodyLimits;
  headers?: (server: RobustServer) => Promise<Record<string, string>>;
  /** A request of the endpoint's own kind with `deep` placed where the schema allows anything or nothing. */
  body: (deep: string) => unknown;
  /** The answer is the service's own 400 shape, naming the problem. */
  check: (body: Record<string, unknown>) => void;
}

const named = (text: unknown): void => {
  expect(String(text)).to.match(/nested deeper than 32 levels|nästlad djupare än 32/);
};

const CASES: Case[] = [
  {
    name: 'birth report',
    method: 'POST',
    path: '/v1/birthreport',
    limit: 'birthreport',
    headers: () => Promise.resolve({ ...CALLER_HEADERS }),
    body: (deep) => ({ ...sampleReport(), unknown: deep }),
    check: (body) => {
      const [first] = body.invalidParameters as { property: string; reason: string }[];
      expect(first!.property).to.match(/^unknown\.x\.x/);
      named(first!.reason);
      expect(body.errorId).to.be.a('string');
    },
  },
  {
    name: 'Samordningsnummer v1',
    method: 'POST',
    path: '/folkbokforing/samordningsnummer/v1/fornyelse/anmal',
    limit: 'samordningsnummer',
    headers: async (server) => ({
      authorization: `Bearer ${await accessToken(server.url)}`,
      skv_client_correlation_id: 'deep-json-1',
    }),
    body: (deep) => ({ ingivarnamn: 'Deep', samordningsnummer: '197010632391', extra: deep }),
    check: (body) => {
      const [first] = body.errors as { title: string; description: string }[];
      expect(first!.title).to.match(/^Valideringsfel vid anrop till/);
      named(first!.description);
    },
  },
  {
    name: 'SCB inlämningstjänst',
    method: 'POST',
    path: '/scb/api/v1/delivery',
    limit: 'scb',
    headers: async () => ({ 'X-SCB-Client-OrgNr': ORG }),
    body: (deep) => ({ Contract: 'demo', fileContent: 'eA==', DeliveryFormatName: 'LONERAPPORT_CSV', extra: deep }),
    check: (body) => {
      const [first] = body.errors as { errorCode: string; errorMessage: string }[];
      expect(first!.errorCode).to.equal('InvalidRequest');
      named(first!.errorMessage);
    },
  },
  {
    name: 'PU administration API',
    method: 'POST',
    path: '/pu/admin/v1/reserve-identities/national',
    limit: 'puAdmin',
    headers: async () => ({ 'X-PU-Consumer': 'SE2321000016-UTOKAT' }),
    body: (deep) => ({ person: { fornamn: 'Okänd', extra: deep } }),
    check: (body) => {
      expect(body.type).to.equal('urn:emulator:pu-admin:problem:invalid-request');
      named((body.errors as { detail: string }[])[0]!.detail);
    },
  },
  {
    name: 'admin API (/__admin)',
    method: 'PUT',
    path: '/__admin/scenarios/AF',
    limit: 'admin',
    body: (deep) => ({ latency: deep }),
    check: (body) => named(body.detail),
  },
  {
    name: 'FK LEFI (native JSON path)',
    method: 'POST',
    path: '/bastjanster/fk/lefi-extern-formansinformation/v9/aktorer/9255f428-4ba0-63ce-5407-e65d469fac0f/formansinformation/fraga',
    limit: 'bastjanster',
    body: (deep) => ({ personnummer: '197706282394', period: { from: '2026-10-01', tom: '2026-11-20' }, x: deep }),
    check: (body) => named(body.meddelande),
  },
];

/**
 * Every JSON endpoint bounds nesting (MAX_JSON_DEPTH) before it parses: an unknown property nested 5,000 objects
 * deep (about 30 KB, under every limit) is a 400 in that service's own error shape, never a 500, and nothing is
 * logged as an internal error. One mechanism (src/http/json-body.ts) for all.
 */
describe('Deeply nested JSON on every JSON endpoint', function () {
  this.timeout(30_000);
  let server: RobustServer;
  before(async () => (server = await startRobustServer()));
  after(() => server.close());

  for (const c of CASES) {
    it(`${c.name}: 400 in its own shape for 5,000 levels, and a body just inside the bound is read`, async () => {
      const send = async (levels: number): Promise<{ status: number; body: Record<string, unknown> }> => {
        const text = JSON.stringify(c.body(DEEP)).replace(`"${DEEP}"`, nested(levels));
        expect(text.length, 'under the endpoint’s size limit').to.be.below(DEFAULT_BODY_LIMITS[c.limit]);
        const response = await fetch(`${server.url}${c.path}`, {
          method: c.method,
          headers: { 'content-type': 'application/json', ...(await c.headers?.(server)) },
          body: text,
        });
        return { status: response.status, body: (await response.json()) as Record<string, unknown> };
      };
      const deep = await send(c.name.startsWith('PU') ? 2_000 : 5_000);
      expect(deep.status, JSON.stringify(deep.body).slice(0, 300)).to.equal(400);
      c.check(deep.body);
      // Just inside the bound: not refused for its depth (whatever the service then says about it).
      const shallow = await send(MAX_JSON_DEPTH - 3);
      expect(JSON.stringify(shallow.body)).not.to.match(/nested deeper|nästlad djupare/);
      expect(shallow.status).to.be.below(500);
    });
  }

  it('logged nothing as an internal error', () => {
    const errors = server.logs.filter((line) => (line.level as number) >= 50);
    expect(errors.map((line) => line.msg)).to.deep.equal([]);
  });
});
