import { expect } from 'chai';
import { configFromEnv } from '../../src/config.js';
import { checkAdminHosts, checkAdminToken, isLoopbackName } from '../../src/http/admin-guard.js';
import { rawHttp, type RawAnswer } from '../support/raw-http.js';
import { startServer, type TestServer } from '../support/server.js';

const TOKEN = 's3cr3t-admin-token-0123456789abcdef';

function expectRefused(answer: RawAnswer, status: 401 | 403): void {
  expect(answer.status, answer.body).to.equal(status);
  expect(answer.headers['content-type']).to.match(/^application\/problem\+json/);
  expect((JSON.parse(answer.body) as { status: number }).status).to.equal(status);
  expect(answer.body).to.not.contain('"requests"');
  expectNoCors(answer);
}

function expectNoCors(answer: RawAnswer): void {
  expect(Object.keys(answer.headers).filter((h) => h.startsWith('access-control-'))).to.deep.equal([]);
}

/**
 * The admin API (and the UI a later issue adds) from a web page: DNS rebinding (a page whose name now resolves to
 * 127.0.0.1 sends its own name as Host), cross-origin requests and preflights, and other hosts' users.
 */
describe('Admin API: only for loopback names or configured hosts, never cross-origin, optional token', () => {
  describe('default settings', () => {
    let server: TestServer;
    let port: number;
    before(async () => {
      server = await startServer();
      port = Number(new URL(server.url).port);
    });
    after(() => server.close());

    const send = (method: string, target: string, headers: string[], body = ''): Promise<RawAnswer> =>
      rawHttp(port, [`${method} ${target} HTTP/1.1`, ...headers], body);
    const scenarioOfAf = async (): Promise<unknown> =>
      ((await (await fetch(`${server.url}/__admin/scenarios`)).json()) as Record<string, unknown>).AF;

    it('answers a loopback Host: 127.0.0.1, localhost, [::1], *.localhost, with or without port', async () => {
      for (const host of [`127.0.0.1:${port}`, '127.0.0.1', `localhost:${port}`, `[::1]:${port}`, 'ui.localhost']) {
        const answer = await send('GET', '/__admin/requests', [`Host: ${host}`]);
        expect(answer.status, host).to.equal(200);
        expect(answer.body).to.contain('"requests"');
        expect(answer.headers['cache-control']).to.equal('no-store');
        expectNoCors(answer);
      }
    });

    it('refuses a rebound DNS name (the page’s own name as Host): the journal is not read', async () => {
      for (const host of [
        `rebind.attacker.example:${port}`,
        'attacker.example',
        '192.168.1.20',
        'localhost.attacker.example',
      ]) {
        expectRefused(await send('GET', '/__admin/requests', [`Host: ${host}`]), 403);
      }
    });

    it('refuses a foreign Host on every admin path, whatever its case, and on /ui', async () => {
      const host = 'Host: rebind.attacker.example';
      expectRefused(await send('GET', '/__ADMIN/requests', [host]), 403);
      expectRefused(await send('GET', '/__admin/journal', [host]), 403);
      expectRefused(await send('GET', '/__admin', [host]), 403);
      expectRefused(await send('GET', '/ui', [host]), 403);
      expectRefused(await send('GET', '/ui/index.html', [host]), 403);
    });

    it('changes nothing for a refused request (scenarios, journal)', async () => {
      const before = await scenarioOfAf();
      const body = JSON.stringify({ error: '500' });
      const refused = await send(
        'PUT',
        '/__admin/scenarios/AF',
        ['Host: rebind.attacker.example', 'Content-Type: application/json'],
        body,
      );
      expectRefused(refused, 403);
      expect(await scenarioOfAf()).to.deep.equal(before);
      expectRefused(await send('DELETE', '/__admin/requests', ['Host: rebind.attacker.example']), 403);
    });

    it('refuses a CORS preflight without any Access-Control header', async () => {
      const answer = await send('OPTIONS', '/__admin/scenarios/AF', [
        `Host: 127.0.0.1:${port}`,
        'Origin: http://attacker.example',
        'Access-Control-Request-Method: PUT',
        'Access-Control-Request-Headers: content-type',
      ]);
      expectRefused(answer, 403);
    });

    it('refuses what a page of another origin sends (Origin, Origin null, Sec-Fetch-Site), serves its own origin', async () => {
      const host = `Host: 127.0.0.1:${port}`;
      expectRefused(await send('GET', '/__admin/requests', [host, 'Origin: http://attacker.example']), 403);
      expectRefused(await send('GET', '/__admin/requests', [host, `Origin: http://localhost:${port}`]), 403);
      expectRefused(await send('GET', '/__admin/requests', [host, 'Origin: null']), 403);
      expectRefused(await send('GET', '/__admin/requests', [host, 'Sec-Fetch-Site: cross-site']), 403);
      expectRefused(await send('GET', '/__admin/requests', [host, 'Sec-Fetch-Site: same-site']), 403);
      const form = await send(
        'DELETE',
        '/__admin/scenarios',
        [host, 'Origin: http://attacker.example', 'Content-Type: text/plain'],
        'x',
      );
      expectRefused(form, 403);
      for (const ok of [`Origin: http://127.0.0.1:${port}`, 'Sec-Fetch-Site: same-origin', 'Sec-Fetch-Site: none']) {
        expect((await send('GET', '/__admin/requests', [host, ok])).status, ok).to.equal(200);
      }
    });

    it('leaves the services alone: any valid Host may call them', async () => {
      expect((await send('GET', '/health', ['Host: emulator.team.example'])).status).to.equal(200);
      expect((await send('GET', '/ssbtek?wsdl', ['Host: emulator.team.example'])).status).to.equal(200);
    });
  });

  describe('configured host names', () => {
    let server: TestServer;
    let port: number;
    before(async () => {
      server = await startServer({
        adminHosts: ['emulator.team.example', '10.0.0.7'],
        publicBaseUrl: 'https://emulator.team.example/ssbtek-emulator',
      });
      port = Number(new URL(server.url).port);
    });
    after(() => server.close());

    it('answers the configured names (any port, any case) besides loopback, and no other', async () => {
      for (const host of ['emulator.team.example', `EMULATOR.team.example:${port}`, '10.0.0.7:8080', 'localhost']) {
        expect((await rawHttp(port, ['GET /__admin/requests HTTP/1.1', `Host: ${host}`])).status, host).to.equal(200);
      }
      expectRefused(await rawHttp(port, ['GET /__admin/requests HTTP/1.1', 'Host: other.team.example']), 403);
    });

    it('takes pages of the public base URL’s origin as its own (a proxy that ends TLS), and no others', async () => {
      const host = 'Host: emulator.team.example';
      const own = await rawHttp(port, [
        'GET /__admin/requests HTTP/1.1',
        host,
        'Origin: https://emulator.team.example',
      ]);
      expect(own.status, own.body).to.equal(200);
      const other = ['GET /__admin/requests HTTP/1.1', host, 'Origin: https://other.team.example'];
      expectRefused(await rawHttp(port, other), 403);
    });
  });

  describe('admin token', () => {
    let server: TestServer;
    let port: number;
    before(async () => {
      server = await startServer({ adminToken: TOKEN });
      port = Number(new URL(server.url).port);
    });
    after(() => server.close());

    const get = (headers: string[]): Promise<RawAnswer> =>
      rawHttp(port, ['GET /__admin/requests HTTP/1.1', `Host: 127.0.0.1:${port}`, ...headers]);

    it('asks for the token with 401 and WWW-Authenticate: Bearer', async () => {
      const none = await get([]);
      expectRefused(none, 401);
      expect(none.headers['www-authenticate']).to.equal('Bearer realm="ssbtek-emulator admin"');
      const basic = await get([`Authorization: Basic ${Buffer.from(`admin:${TOKEN}`).toString('base64')}`]);
      expectRefused(basic, 401);
    });

    it('refuses a wrong token (also one that differs in the last character or in length)', async () => {
      for (const wrong of [`${TOKEN.slice(0, -1)}X`, `${TOKEN}X`, TOKEN.slice(0, 16), 'x']) {
        const answer = await get([`Authorization: Bearer ${wrong}`]);
        expectRefused(answer, 401);
        expect(answer.headers['www-authenticate']).to.equal(
          'Bearer realm="ssbtek-emulator admin", error="invalid_token"',
        );
      }
    });

    it('answers with the token, and the token does not open the admin API to a foreign Host', async () => {
      const ok = await get([`Authorization: Bearer ${TOKEN}`]);
      expect(ok.status, ok.body).to.equal(200);
      expectRefused(
        await rawHttp(port, [
          'GET /__admin/requests HTTP/1.1',
          'Host: attacker.example',
          `Authorization: Bearer ${TOKEN}`,
        ]),
        403,
      );
    });

    it('does not ask the services for it', async () => {
      expect((await fetch(`${server.url}/health`)).status).to.equal(200);
    });
  });

  describe('settings', () => {
    it('knows the loopback names', () => {
      for (const name of ['localhost', 'localhost.', 'a.b.localhost', '127.0.0.1', '127.1.2.3', '[::1]']) {
        expect(isLoopbackName(name), name).to.equal(true);
      }
      for (const name of ['localhost.example', '128.0.0.1', '[::2]', 'mylocalhost', '0.0.0.0']) {
        expect(isLoopbackName(name), name).to.equal(false);
      }
    });

    it('reads SSBTEK_ADMIN_HOSTS and SSBTEK_ADMIN_TOKEN, refusing what cannot be one', () => {
      const config = configFromEnv({
        SSBTEK_ADMIN_HOSTS: 'emulator.team.example, 10.0.0.7',
        SSBTEK_ADMIN_TOKEN: TOKEN,
      });
      expect(config.adminHosts).to.deep.equal(['emulator.team.example', '10.0.0.7']);
      expect(config.adminToken).to.equal(TOKEN);
      expect(() => configFromEnv({ SSBTEK_ADMIN_HOSTS: 'emulator.team.example:8080' })).to.throw(/SSBTEK_ADMIN_HOSTS/);
      expect(() => configFromEnv({ SSBTEK_ADMIN_TOKEN: 'short' })).to.throw(/SSBTEK_ADMIN_TOKEN/);
      expect(() => checkAdminToken('sixteen chars ok', 'adminToken')).to.throw(/adminToken/);
      expect(() => checkAdminHosts(['bad host'], 'adminHosts')).to.throw(/adminHosts\[0\]/);
      expect(checkAdminHosts(['Emulator.Team.Example'], 'adminHosts')).to.deep.equal(['emulator.team.example']);
    });
  });
});
