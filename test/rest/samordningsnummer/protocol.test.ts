import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import express from 'express';
import * as OpenApiValidator from 'express-openapi-validator';
import { listen } from '../../../src/app.js';
import { SAMORDNINGSNUMMER_OPENAPI } from '../../../src/rest/samordningsnummer/openapi.js';
import { accessToken, ANMAL, BASE, call, errorsOf, NUMMER, PING, startSkv, type SkvServer } from './support.js';

describe("Samordningsnummer (REST): protocol, traceability and the seed's error bodies", () => {
  let server: SkvServer;
  let token: string;
  before(async () => {
    server = await startSkv();
    token = await accessToken(server.url);
  });
  after(() => server.close());

  const anmalan = { ingivarnamn: 'Polismyndigheten, register', samordningsnummer: NUMMER.ejAktuella[0]!.nummer };

  it('ping logs and echoes skv_correlation_id, skv_client_correlation_id and skv_user', async () => {
    const a = await call(server.url, 'GET', PING, {
      token,
      headers: {
        skv_client_correlation_id: '0002aa29-49f2-4baf-be51-c7c39c9824b4',
        skv_correlation_id: 'gw-1',
        skv_user: 'handlaggare-7',
      },
    });
    expect(a.status).to.equal(200);
    expect(a.body).to.deep.equal({
      skv_correlation_id: 'gw-1',
      skv_client_correlation_id: '0002aa29-49f2-4baf-be51-c7c39c9824b4',
      skv_user: 'handlaggare-7',
    });
    expect(a.headers.get('skv_correlation_id')).to.equal('gw-1');
    expect(a.headers.get('skv_client_correlation_id')).to.equal('0002aa29-49f2-4baf-be51-c7c39c9824b4');
  });

  it('ping makes up a correlation id and names the client as user when they are not sent', async () => {
    const a = await call(server.url, 'GET', PING, { token });
    const body = a.body as Record<string, string>;
    expect(body.skv_correlation_id).to.match(/^[0-9a-f-]{36}$/);
    expect(body).to.include({ skv_client_correlation_id: 'test-0002aa29', skv_user: 'demo' });
    expect(a.headers.get('skv_correlation_id')).to.equal(body.skv_correlation_id);
  });

  it('400 without skv_client_correlation_id, on both operations', async () => {
    for (const [method, path, body] of [
      ['GET', PING, undefined],
      ['POST', ANMAL, anmalan],
    ] as const) {
      const response = await fetch(server.url + path, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body && JSON.stringify(body),
      });
      expect(response.status).to.equal(400);
      const suffix = path.slice(BASE.length);
      expect(await response.json()).to.deep.equal({
        errors: [
          {
            source: null,
            type: null,
            title: `Valideringsfel vid anrop till: /m2m/v1${suffix}`,
            description: '{skv_client_correlation_id must not be null}',
          },
        ],
      });
    }
  });

  it('404 {"message": "Not found"} for a path the service does not have (before authentication)', async () => {
    for (const path of [`${BASE}/fornyelse`, `${BASE}/fornyelse/anmal/extra`, `${BASE}/`]) {
      const a = await call(server.url, 'POST', path, { body: anmalan });
      expect(a.status, path).to.equal(404);
      expect(a.body).to.deep.equal({ message: 'Not found' });
    }
  });

  it('405 {"message": "Method not allowed"} with Allow for a method an operation does not take', async () => {
    const get = await call(server.url, 'GET', ANMAL, { token });
    expect(get.status).to.equal(405);
    expect(get.body).to.deep.equal({ message: 'Method not allowed' });
    expect(get.headers.get('allow')).to.equal('POST');
    const post = await call(server.url, 'POST', PING, { token, body: {} });
    expect(post.status).to.equal(405);
    expect(post.headers.get('allow')).to.equal('GET');
  });

  it('406 {"message": "Not acceptable"} when the caller does not accept JSON', async () => {
    const a = await call(server.url, 'POST', ANMAL, { token, body: anmalan, headers: { accept: 'application/xml' } });
    expect(a.status).to.equal(406);
    expect(a.body).to.deep.equal({ message: 'Not acceptable' });
    expect((await call(server.url, 'GET', PING, { token, headers: { accept: 'text/html' } })).status).to.equal(406);
    expect((await call(server.url, 'GET', PING, { token, headers: { accept: '*/*' } })).status).to.equal(200);
  });

  it('415 {"message": "Unsupported media type"} for an anmälan that is not JSON', async () => {
    const variants: Record<string, string>[] = [
      { 'content-type': 'text/plain' },
      { 'content-type': 'application/x-www-form-urlencoded' },
      {},
    ];
    for (const headers of variants) {
      const a = await call(server.url, 'POST', ANMAL, { token, raw: JSON.stringify(anmalan), headers });
      expect(a.status, JSON.stringify(headers)).to.equal(415);
      expect(a.body).to.deep.equal({ message: 'Unsupported media type' });
    }
    const latin1 = await call(server.url, 'POST', ANMAL, {
      token,
      raw: JSON.stringify(anmalan),
      headers: { 'content-type': 'application/json; charset=iso-8859-1' },
    });
    expect(latin1.status).to.equal(415);
  });

  it("500, 503 and 504 with the seed's bodies on X-Emulator-Error; another value is a 400", async () => {
    const expected: Record<string, unknown> = {
      '500': { message: 'Internal server error' },
      '503': { message: 'Service Unavailable' },
      '504': { message: 'Timeout' },
    };
    for (const [status, body] of Object.entries(expected)) {
      const a = await call(server.url, 'POST', ANMAL, {
        token,
        body: anmalan,
        headers: { 'X-Emulator-Error': status },
      });
      expect(a.status).to.equal(Number(status));
      expect(a.body).to.deep.equal(body);
      expect((await call(server.url, 'GET', PING, { token, headers: { 'X-Emulator-Error': status } })).status).to.equal(
        Number(status),
      );
    }
    const other = await call(server.url, 'GET', PING, { token, headers: { 'X-Emulator-Error': '418' } });
    expect(other.status).to.equal(400);
    expect(errorsOf(other)[0]!.description).to.equal('{X-Emulator-Error must be one of 500, 503, 504}');
    const unauthenticated = await call(server.url, 'GET', PING, { headers: { 'X-Emulator-Error': '500' } });
    expect(unauthenticated.status, 'authentication comes first').to.equal(401);
  });

  it('repeats the correlation ids on error answers too', async () => {
    const a = await call(server.url, 'GET', PING, { headers: { skv_client_correlation_id: 'fel-1' } });
    expect(a.status).to.equal(401);
    expect(a.headers.get('skv_client_correlation_id')).to.equal('fel-1');
    expect(a.headers.get('skv_correlation_id')).to.match(/^[0-9a-f-]{36}$/);
  });

  it('leaves paths outside its mount path alone', async () => {
    const r = await fetch(`${server.url}/folkbokforing/samordningsnummer/v2/ping`);
    expect(r.status).to.equal(404);
    expect(r.headers.get('skv_correlation_id')).to.equal(null);
  });
});

describe('Samordningsnummer (REST): the OpenAPI document', () => {
  let server: SkvServer;
  before(async () => {
    server = await startSkv();
  });
  after(() => server.close());

  it('is served at /openapi/samordningsnummer.json as written', async () => {
    const r = await fetch(`${server.url}/openapi/samordningsnummer.json`);
    expect(r.status).to.equal(200);
    expect(await r.json()).to.deep.equal(JSON.parse(JSON.stringify(SAMORDNINGSNUMMER_OPENAPI)));
  });

  it('is a valid OpenAPI 3.1 document that express-openapi-validator compiles and enforces', async () => {
    const doc = (await (await fetch(`${server.url}/openapi/samordningsnummer.json`)).json()) as Record<string, unknown>;
    expect(doc.openapi).to.equal('3.1.0');
    const app = express();
    app.use(express.json());
    app.use(OpenApiValidator.middleware({ apiSpec: doc as never, validateApiSpec: true, validateSecurity: false }));
    app.post(ANMAL, (_req, res) => {
      res.json({ ok: true });
    });
    app.use((error: { status?: number }, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
      res.status(error.status ?? 500).json({});
    });
    const other = await listen(app, '127.0.0.1', 0);
    try {
      const url = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
      const good = await call(url, 'POST', ANMAL, { body: { ingivarnamn: 'X', samordningsnummer: '191401682396' } });
      expect(good.status, good.text).to.equal(200);
      const bad = await call(url, 'POST', ANMAL, { body: { ingivarnamn: 'X', samordningsnummer: '1914' } });
      expect(bad.status).to.equal(400);
    } finally {
      other.closeAllConnections();
      await new Promise((resolve) => other.close(resolve));
    }
  });

  it('documents every status, the token endpoint and X-Emulator-Error', () => {
    const doc = SAMORDNINGSNUMMER_OPENAPI as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
      info: { description: string };
    };
    expect(Object.keys(doc.paths['/fornyelse/anmal']!.post!.responses)).to.have.members([
      '200',
      '400',
      '401',
      '403',
      '404',
      '405',
      '406',
      '415',
      '429',
      '500',
      '503',
      '504',
    ]);
    expect(Object.keys(doc.paths['/ping']!.get!.responses)).to.include.members(['200', '401', '403', '429']);
    expect(doc.info.description).to.contain('X-Emulator-Error').and.contain('/oauth2/v1/sys/token');
  });
});
