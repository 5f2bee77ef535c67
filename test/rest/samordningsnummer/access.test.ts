import { expect } from 'chai';
import { accessToken, call, forgeToken, PING, SECRET, startSkv, type SkvServer } from './support.js';

const UNAUTHORIZED = { message: 'Unauthorized' };

describe('Samordningsnummer (REST): access tokens', () => {
  let server: SkvServer;
  before(async () => {
    server = await startSkv();
  });
  after(() => server.close());

  async function pingWith(authorization?: string) {
    return call(server.url, 'GET', PING, { headers: authorization === undefined ? {} : { authorization } });
  }

  it('200 with a token from the token endpoint', async () => {
    const a = await call(server.url, 'GET', PING, { token: await accessToken(server.url) });
    expect(a.status, a.text).to.equal(200);
  });

  it('401 {"message": "Unauthorized"} without a token, with another scheme or a garbage token', async () => {
    for (const authorization of [undefined, 'Basic ZGVtbzpkZW1v', 'Bearer', 'Bearer not-a-jwt', 'Bearer a.b.c']) {
      const a = await pingWith(authorization);
      expect(a.status, String(authorization)).to.equal(401);
      expect(a.body).to.deep.equal(UNAUTHORIZED);
      expect(a.headers.get('www-authenticate')).to.match(/^Bearer/);
    }
  });

  it('401 for a tampered token: a changed claim or a changed signature', async () => {
    const token = await accessToken(server.url);
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const otherPayload = Buffer.from(JSON.stringify({ ...claims, sub: 'someone-else' })).toString('base64url');
    expect((await pingWith(`Bearer ${header}.${otherPayload}.${signature}`)).status).to.equal(401);
    const flipped = (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1);
    expect((await pingWith(`Bearer ${header}.${payload}.${flipped}`)).status).to.equal(401);
  });

  it('401 for a token with another audience, another issuer, another key, another type or alg none', async () => {
    const good = await forgeToken({});
    expect((await pingWith(`Bearer ${good}`)).status, 'a forged token with the right claims passes').to.equal(200);
    for (const token of [
      await forgeToken({ aud: 'another-api' }),
      await forgeToken({ iss: 'https://elsewhere.example/oauth2' }),
      await forgeToken({}, { secret: `${SECRET}-but-another` }),
      await forgeToken({}, { typ: 'JWT' }),
    ]) {
      expect((await pingWith(`Bearer ${token}`)).body).to.deep.equal(UNAUTHORIZED);
    }
    const [, payload] = good.split('.') as [string, string];
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'at+jwt' })).toString('base64url')}.${payload}.`;
    expect((await pingWith(`Bearer ${none}`)).status).to.equal(401);
  });

  it('401 for an expired token', async () => {
    const expired = await forgeToken({
      iat: Math.floor(Date.now() / 1000) - 7200,
      exp: Math.floor(Date.now() / 1000) - 10,
    });
    const a = await pingWith(`Bearer ${expired}`);
    expect(a.status).to.equal(401);
    expect(a.body).to.deep.equal(UNAUTHORIZED);
  });

  it("403 invalid_scope (the seed's body) for a valid token without scope esnr", async () => {
    for (const token of [
      await accessToken(server.url, 'utan-esnr', 'hemligt'),
      await accessToken(server.url, 'flera', 'flera-hemligt', 'annat'),
    ]) {
      const a = await call(server.url, 'GET', PING, { token });
      expect(a.status).to.equal(403);
      expect(a.body).to.deep.equal({
        error: 'invalid_scope',
        description: 'The required scope esnr has been requested for that access token.',
      });
    }
    const both = await call(server.url, 'GET', PING, {
      token: await accessToken(server.url, 'flera', 'flera-hemligt'),
    });
    expect(both.status).to.equal(200);
  });
});

describe('Samordningsnummer (REST): token expiry', () => {
  let server: SkvServer;
  before(async () => {
    server = await startSkv({ oauth2TokenExpiresInSeconds: 1 });
  });
  after(() => server.close());

  it('a token works until its configured lifetime has passed, then gives 401', async function () {
    this.timeout(10_000);
    const token = await accessToken(server.url);
    expect((await call(server.url, 'GET', PING, { token })).status).to.equal(200);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const a = await call(server.url, 'GET', PING, { token });
    expect(a.status).to.equal(401);
    expect(a.body).to.deep.equal(UNAUTHORIZED);
  });
});

describe('Samordningsnummer (REST): capacity (429)', () => {
  let server: SkvServer;
  before(async () => {
    // No samordningsnummerRequestsPerSecond: the seed's capacity, 10 calls per second.
    server = await startSkv({ samordningsnummerRequestsPerSecond: undefined });
  });
  after(() => server.close());

  it('answers 10 calls within a second and 429 {"message": "Too Many Requests"} with Retry-After above that, per client', async function () {
    this.timeout(10_000);
    const demo = await accessToken(server.url);
    const other = await accessToken(server.url, 'flera', 'flera-hemligt');
    const burst = await Promise.all(Array.from({ length: 14 }, () => call(server.url, 'GET', PING, { token: demo })));
    const statuses = burst.map((a) => a.status);
    expect(statuses.filter((s) => s === 200)).to.have.length(10);
    expect(statuses.filter((s) => s === 429)).to.have.length(4);
    const refused = burst.find((a) => a.status === 429)!;
    expect(refused.body).to.deep.equal({ message: 'Too Many Requests' });
    expect(Number(refused.headers.get('retry-after'))).to.be.within(1, 1);
    expect(
      (await call(server.url, 'GET', PING, { token: other })).status,
      'another client has its own window',
    ).to.equal(200);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await call(server.url, 'GET', PING, { token: demo })).status, 'the window slides on').to.equal(200);
  });
});

describe('Samordningsnummer (REST): configured capacity', () => {
  let server: SkvServer;
  before(async () => {
    server = await startSkv({ samordningsnummerRequestsPerSecond: 3 });
  });
  after(() => server.close());

  it('samordningsnummerRequestsPerSecond sets the limit', async () => {
    const token = await accessToken(server.url);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await call(server.url, 'GET', PING, { token })).status);
    expect(statuses).to.deep.equal([200, 200, 200, 429, 429]);
  });
});
