import http from 'node:http';
import { expect } from 'chai';
import {
  AuthThrottle,
  DEFAULT_THROTTLE,
  addressKey,
  type ThrottleSettings,
} from '../../../src/rest/oauth2/throttle.js';
import { OAUTH2_OPENAPI } from '../../../src/rest/oauth2/openapi.js';
import { oauth2Settings } from '../../../src/rest/oauth2/settings.js';
import { DEFAULT_CONFIG, type Config } from '../../../src/config.js';
import { startServer, type TestServer } from '../../support/server.js';

const TOKEN_PATH = '/oauth2/v1/sys/token';
const CLIENTS = [
  { clientId: 'demo', clientSecret: 'demo-secret', scopes: ['esnr'] },
  { clientId: 'other', clientSecret: 'other-secret', scopes: ['esnr'] },
];

interface TokenAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: { error?: string; error_description?: string; access_token?: string };
}

/** A token request sent from a given loopback address (127.0.0.0/8 all reach a server bound to 127.0.0.1). */
function token(url: string, from: string, clientId: string, clientSecret: string): Promise<TokenAnswer> {
  const body = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: clientId,
    client_secret: clientSecret,
  });
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${url}${TOKEN_PATH}`,
      {
        method: 'POST',
        localAddress: from,
        agent: false,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: JSON.parse(text) as TokenAnswer['body'] }),
        );
      },
    );
    request.on('error', reject);
    request.end(body.toString());
  });
}

function expectThrottled(answer: TokenAnswer): void {
  expect(answer.status, JSON.stringify(answer.body)).to.equal(429);
  expect(answer.body.error).to.equal('temporarily_unavailable');
  expect(answer.body.error_description).to.match(/try again in \d+ s/);
  expect(Number(answer.headers['retry-after'])).to.be.a('number').and.at.least(1);
  expect(answer.headers['cache-control']).to.equal('no-store');
  expect(answer.body).to.not.have.property('access_token');
}

/**
 * The token endpoint under a password-guessing attack: failed client authentication is throttled per address and
 * per client id (429 with Retry-After, OAuth2's error shape), while valid clients keep getting tokens.
 */
describe('OAuth2 token endpoint: failed client authentication is throttled, valid clients are not', () => {
  describe('over HTTP', () => {
    let server: TestServer;
    before(async () => {
      server = await startServer({ oauth2Clients: CLIENTS } as Partial<Config>);
    });
    after(() => server.close());

    it('answers 429 with Retry-After after ten wrong secrets from one address, even for the right secret then', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 30; i++) statuses.push((await token(server.url, '127.0.0.2', 'demo', `guess-${i}`)).status);
      expect(statuses.slice(0, 10)).to.deep.equal(Array(10).fill(401));
      expect(statuses.slice(10)).to.deep.equal(Array(20).fill(429));
      expectThrottled(await token(server.url, '127.0.0.2', 'demo', 'guess-x'));
      // The guesser cannot tell a right secret from a wrong one while locked.
      expectThrottled(await token(server.url, '127.0.0.2', 'demo', 'demo-secret'));
      // Unknown client ids count the same per address.
      expectThrottled(await token(server.url, '127.0.0.2', 'nobody', 'x'));
    });

    it('keeps giving a valid client its tokens while its own id is attacked from many addresses', async () => {
      expect((await token(server.url, '127.0.0.1', 'demo', 'demo-secret')).status).to.equal(200);
      // 6 attacking addresses × 10 wrong secrets: every address locked, and the client id (50) too.
      for (let a = 3; a <= 8; a++) {
        for (let i = 0; i < 12; i++) await token(server.url, `127.0.0.${a}`, 'demo', `guess-${a}-${i}`);
      }
      for (let i = 0; i < 20; i++) {
        const answer = await token(server.url, '127.0.0.1', 'demo', 'demo-secret');
        expect(answer.status, JSON.stringify(answer.body)).to.equal(200);
        expect(answer.body.access_token).to.be.a('string');
      }
      // Another client, from an address that never failed, is not affected either.
      expect((await token(server.url, '127.0.0.9', 'other', 'other-secret')).status).to.equal(200);
      // The attacked id, from an address it was never used from, waits (the distributed guesser waits with it).
      expectThrottled(await token(server.url, '127.0.0.10', 'demo', 'demo-secret'));
      expectThrottled(await token(server.url, '127.0.0.11', 'demo', 'another-guess'));
    });
  });

  describe('AuthThrottle (unit, own clock)', () => {
    const settings: ThrottleSettings = {
      ...DEFAULT_THROTTLE,
      addressFailures: 3,
      clientFailures: 5,
      maxLockSeconds: 8,
    };
    let now = 0;
    const clock = (): number => now;
    beforeEach(() => (now = 1_000_000));

    it('locks an address after its failures, doubling the lock with each further failure up to the maximum', () => {
      const throttle = new AuthThrottle(settings, new Set(['demo']), clock);
      const locks: number[] = [];
      for (let i = 0; i < 7; i++) {
        throttle.failed('x', '10.0.0.1');
        locks.push(throttle.retryAfterMs('x', '10.0.0.1'));
        now += throttle.retryAfterMs('x', '10.0.0.1');
      }
      expect(locks).to.deep.equal([0, 0, 1000, 2000, 4000, 8000, 8000]);
    });

    it('forgets an address’s failures after forgetSeconds without one, once its lock has ended', () => {
      const throttle = new AuthThrottle(settings, new Set(), clock);
      for (let i = 0; i < 3; i++) throttle.failed(undefined, '10.0.0.1');
      expect(throttle.retryAfterMs(undefined, '10.0.0.1')).to.equal(1000);
      now += 1000 + settings.forgetSeconds * 1000 + 1;
      throttle.failed(undefined, '10.0.0.1');
      expect(throttle.retryAfterMs(undefined, '10.0.0.1')).to.equal(0);
    });

    it('lets a trusted pair through others’ locks, judging it by its own failures only, until trust ends', () => {
      const throttle = new AuthThrottle(settings, new Set(['demo']), clock);
      throttle.succeeded('demo', '10.0.0.1');
      for (let a = 2; a <= 6; a++) throttle.failed('demo', `10.0.0.${a}`);
      expect(throttle.retryAfterMs('demo', '10.0.0.7')).to.equal(1000);
      expect(throttle.retryAfterMs('demo', '10.0.0.1')).to.equal(0);
      for (let i = 0; i < 3; i++) throttle.failed('demo', '10.0.0.1');
      expect(throttle.retryAfterMs('demo', '10.0.0.1')).to.be.greaterThan(0);
      now += 60_000;
      throttle.succeeded('demo', '10.0.0.1');
      expect(throttle.retryAfterMs('demo', '10.0.0.1')).to.equal(0);
      now += settings.trustSeconds * 1000 + 1;
      for (let a = 2; a <= 6; a++) throttle.failed('demo', `10.0.0.${a}`);
      expect(throttle.retryAfterMs('demo', '10.0.0.1')).to.be.greaterThan(0);
    });

    it('stays bounded under a million addresses and made-up client ids', () => {
      const throttle = new AuthThrottle({ ...settings, entries: 1000 }, new Set(['demo']), clock);
      for (let i = 0; i < 1_000_000; i++) {
        const address = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
        throttle.failed(`id-${i}`, address);
        if (i % 1000 === 0) throttle.succeeded('demo', address);
      }
      throttle.failed('demo', '10.0.0.1');
      expect(throttle.size).to.deep.equal({ addresses: 1000, clients: 1, trusted: 1000 });
    });

    it('counts an IPv6 host by its /64 and an IPv4-mapped address as IPv4', () => {
      expect(addressKey('2001:db8:1:2::1')).to.equal('2001:db8:1:2::/64');
      expect(addressKey('2001:0db8:0001:0002:ffff:0:0:9')).to.equal('2001:db8:1:2::/64');
      expect(addressKey('fe80::1%eth0')).to.equal('fe80:0:0:0::/64');
      expect(addressKey('::1')).to.equal('0:0:0:0::/64');
      expect(addressKey('::ffff:10.0.0.1')).to.equal('10.0.0.1');
      expect(addressKey('10.0.0.1')).to.equal('10.0.0.1');
    });
  });

  it('documents the 429 and its error code in the OpenAPI document', () => {
    const doc = OAUTH2_OPENAPI as {
      paths: Record<string, { post: { responses: Record<string, { headers?: Record<string, unknown> }> } }>;
      components: { schemas: { TokenError: { properties: { error: { enum: string[] } } } } };
    };
    expect(doc.paths['/sys/token']!.post.responses['429']?.headers).to.have.property('Retry-After');
    expect(doc.components.schemas.TokenError.properties.error.enum).to.include('temporarily_unavailable');
  });

  describe('settings', () => {
    const read = (value: unknown) => oauth2Settings({ ...DEFAULT_CONFIG, oauth2Throttle: value } as Config).throttle;

    it('throttles by default, takes any field over the defaults, and both failure limits 0 switch it off', () => {
      expect(oauth2Settings(DEFAULT_CONFIG).throttle).to.deep.equal(DEFAULT_THROTTLE);
      expect(read({ addressFailures: 5 })).to.deep.equal({ ...DEFAULT_THROTTLE, addressFailures: 5 });
      expect(read({ addressFailures: 0, clientFailures: 0 })).to.equal(undefined);
    });

    it('refuses unknown fields and values that are not integers in range', () => {
      expect(() => read({ failures: 3 })).to.throw(/oauth2Throttle\.failures/);
      expect(() => read({ lockSeconds: 0 })).to.throw(/oauth2Throttle\.lockSeconds/);
      expect(() => read({ entries: 1.5 })).to.throw(/oauth2Throttle\.entries/);
      expect(() => read({ lockSeconds: 10, maxLockSeconds: 5 })).to.throw(/maxLockSeconds/);
      expect(() => read([])).to.throw(/oauth2Throttle/);
    });
  });
});
