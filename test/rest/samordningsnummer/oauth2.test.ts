import { expect } from 'chai';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { startServer, type TestServer } from '../../support/server.js';
import { requestToken, startSkv, TOKEN_PATH, type SkvServer } from './support.js';

interface TokenBody {
  access_token: string;
  token_type: string;
  expires_in: number;
  scope: string;
}

function expectOAuthError(a: { status: number; body: unknown; headers: Headers }, status: number, error: string) {
  expect(a.status, JSON.stringify(a.body)).to.equal(status);
  expect(a.body).to.have.property('error', error);
  expect((a.body as { error_description?: unknown }).error_description).to.be.a('string');
  expect(a.headers.get('cache-control')).to.equal('no-store');
}

describe('OAuth2 token endpoint (REST): POST /oauth2/v1/sys/token', () => {
  let server: SkvServer;
  before(async () => {
    server = await startSkv();
  });
  after(() => server.close());

  const credentials = { grant_type: 'client_credentials', client_id: 'demo', client_secret: 'demo' };

  it('issues a signed, expiring JWT with iss, aud, sub, scope and exp for a configured client', async () => {
    const a = await requestToken(server.url, { ...credentials, scope: 'esnr' });
    expect(a.status, a.text).to.equal(200);
    expect(a.headers.get('cache-control')).to.equal('no-store');
    const body = a.body as TokenBody;
    expect(body).to.include({ token_type: 'Bearer', expires_in: 3600, scope: 'esnr' });
    expect(decodeProtectedHeader(body.access_token)).to.deep.equal({ alg: 'HS256', typ: 'at+jwt' });
    const claims = decodeJwt(body.access_token);
    expect(claims).to.include({
      iss: 'ssbtek-emulator/oauth2/v1',
      aud: 'ssbtek-emulator/api',
      sub: 'demo',
      client_id: 'demo',
      scope: 'esnr',
    });
    expect(claims.exp! - claims.iat!).to.equal(3600);
    expect(claims.jti).to.be.a('string');
  });

  it('grants every allowed scope when none is asked, and a subset when asked', async () => {
    const all = await requestToken(server.url, {
      grant_type: 'client_credentials',
      client_id: 'flera',
      client_secret: 'flera-hemligt',
    });
    expect((all.body as TokenBody).scope).to.equal('annat esnr');
    const one = await requestToken(server.url, {
      grant_type: 'client_credentials',
      client_id: 'flera',
      client_secret: 'flera-hemligt',
      scope: 'esnr',
    });
    expect((one.body as TokenBody).scope).to.equal('esnr');
  });

  it('accepts HTTP Basic client authentication (RFC 6749 §2.3.1)', async () => {
    const basic = Buffer.from('demo:demo').toString('base64');
    const a = await requestToken(server.url, { grant_type: 'client_credentials' }, { authorization: `Basic ${basic}` });
    expect(a.status, a.text).to.equal(200);
    expect((a.body as TokenBody).scope).to.equal('esnr');
  });

  it('invalid_client 401 with WWW-Authenticate: no credentials, an unknown client, a wrong secret, bad Basic', async () => {
    const forms: Record<string, string>[] = [
      { grant_type: 'client_credentials' },
      { grant_type: 'client_credentials', client_id: 'okand', client_secret: 'demo' },
      { grant_type: 'client_credentials', client_id: 'demo', client_secret: 'fel' },
      { grant_type: 'client_credentials', client_id: 'demo' },
    ];
    for (const form of forms) {
      const a = await requestToken(server.url, form);
      expectOAuthError(a, 401, 'invalid_client');
      expect(a.headers.get('www-authenticate')).to.match(/^Basic realm="oauth2"/);
    }
    const wrong = Buffer.from('demo:fel').toString('base64');
    expectOAuthError(
      await requestToken(server.url, { grant_type: 'client_credentials' }, { authorization: `Basic ${wrong}` }),
      401,
      'invalid_client',
    );
    expectOAuthError(
      await requestToken(server.url, { grant_type: 'client_credentials' }, { authorization: 'Basic !!!' }),
      401,
      'invalid_client',
    );
  });

  it('unsupported_grant_type 400 for another grant, invalid_grant 400 for a refresh token', async () => {
    expectOAuthError(
      await requestToken(server.url, { ...credentials, grant_type: 'password' }),
      400,
      'unsupported_grant_type',
    );
    expectOAuthError(
      await requestToken(server.url, { ...credentials, grant_type: 'authorization_code', code: 'x' }),
      400,
      'unsupported_grant_type',
    );
    expectOAuthError(
      await requestToken(server.url, { ...credentials, grant_type: 'refresh_token', refresh_token: 'x' }),
      400,
      'invalid_grant',
    );
  });

  it('invalid_scope 400 for a scope the client may not have', async () => {
    const a = await requestToken(server.url, { ...credentials, scope: 'esnr annat' });
    expectOAuthError(a, 400, 'invalid_scope');
    expect((a.body as { error_description: string }).error_description).to.contain('annat');
  });

  it('invalid_request 400: no grant_type, a repeated parameter, two authentication methods, a JSON body', async () => {
    expectOAuthError(
      await requestToken(server.url, { client_id: 'demo', client_secret: 'demo' }),
      400,
      'invalid_request',
    );
    expectOAuthError(
      await requestToken(
        server.url,
        'grant_type=client_credentials&client_id=demo&client_secret=demo&scope=esnr&scope=esnr',
      ),
      400,
      'invalid_request',
    );
    const basic = Buffer.from('demo:demo').toString('base64');
    expectOAuthError(
      await requestToken(server.url, credentials, { authorization: `Basic ${basic}` }),
      400,
      'invalid_request',
    );
    const json = await fetch(server.url + TOKEN_PATH, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(credentials),
    });
    expect(json.status).to.equal(400);
    expect(await json.json()).to.have.property('error', 'invalid_request');
  });

  it('405 for another method (Allow: POST) and 404 for another path, in the same error shape', async () => {
    const get = await fetch(server.url + TOKEN_PATH);
    expect(get.status).to.equal(405);
    expect(get.headers.get('allow')).to.equal('POST');
    expect(await get.json()).to.have.property('error', 'invalid_request');
    const other = await fetch(`${server.url}/oauth2/v1/sys/authorize`, { method: 'POST' });
    expect(other.status).to.equal(404);
    expect(await other.json()).to.have.property('error', 'invalid_request');
  });

  it('serves its OpenAPI document at /openapi/oauth2.json', async () => {
    const r = await fetch(`${server.url}/openapi/oauth2.json`);
    expect(r.status).to.equal(200);
    const doc = (await r.json()) as { openapi: string; servers: { url: string }[]; paths: Record<string, unknown> };
    expect(doc.openapi).to.equal('3.1.0');
    expect(doc.servers[0]!.url).to.equal('/oauth2/v1');
    expect(doc.paths).to.have.property('/sys/token');
  });
});

describe('OAuth2 token endpoint (REST): embedded defaults', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(() => server.close());

  it('knows the documented demo client demo/demo with scope esnr, and tokens live 3600 s', async () => {
    const a = await requestToken(server.url, {
      grant_type: 'client_credentials',
      client_id: 'demo',
      client_secret: 'demo',
    });
    expect(a.status, a.text).to.equal(200);
    expect(a.body).to.include({ token_type: 'Bearer', expires_in: 3600, scope: 'esnr' });
  });
});
