import type { AddressInfo } from 'node:net';
import express from 'express';
import * as OpenApiValidator from 'express-openapi-validator';
import { expect } from 'chai';
import { listen } from '../../../src/app.js';
import { CONFIRMATION_CODES } from '../../../src/rest/birthreport/confirmation.js';
import { BIRTH_REPORT_OPENAPI } from '../../../src/rest/birthreport/openapi.js';
import { startServer, type TestServer } from '../../support/server.js';
import { PATH, post, sampleReport } from './support.js';

type Doc = { paths: Record<string, { post: { responses: Record<string, unknown> } }>; info: { description: string } };

describe('Birth report (REST): the OpenAPI document', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(() => server.close());

  it('is served at /openapi/birthreport.json as written, also after requests were validated with it', async () => {
    await post(server.url + PATH, sampleReport());
    const response = await fetch(`${server.url}/openapi/birthreport.json`);
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.match(/^application\/json/);
    expect(await response.json()).to.deep.equal(JSON.parse(JSON.stringify(BIRTH_REPORT_OPENAPI)));
  });

  it('is a valid OpenAPI 3.1 document that express-openapi-validator compiles and enforces', async () => {
    const doc = (await (await fetch(`${server.url}/openapi/birthreport.json`)).json()) as Record<string, unknown>;
    expect(doc.openapi).to.equal('3.1.0');
    const app = express();
    app.use(express.json());
    app.use(OpenApiValidator.middleware({ apiSpec: doc as never, validateApiSpec: true, validateSecurity: false }));
    app.post('/v1/birthreport', (_req, res) => {
      res.status(201).json({ ok: true });
    });
    app.use(
      (
        error: { status?: number; message?: string },
        _req: express.Request,
        res: express.Response,
        _next: express.NextFunction,
      ) => {
        res.status(error.status ?? 500).json({ message: error.message });
      },
    );
    const other = await listen(app, '127.0.0.1', 0);
    try {
      const url = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
      const good = await post(url + PATH, sampleReport());
      expect(good.status, JSON.stringify(good.body)).to.equal(201);
      const bad = await post(
        url + PATH,
        sampleReport((r) => (r.child.gender = 'MAYBE')),
      );
      expect(bad.status).to.equal(400);
    } finally {
      other.closeAllConnections();
      await new Promise((resolve) => other.close(resolve));
    }
  });

  it('documents every status the service gives, the confirmation codes and X-Emulator-Error', () => {
    const doc = BIRTH_REPORT_OPENAPI as unknown as Doc;
    expect(Object.keys(doc.paths['/v1/birthreport']?.post.responses ?? {})).to.have.members([
      '201',
      '202',
      '400',
      '403',
      '405',
      '413',
      '415',
      '422',
      '500',
      '502',
      '503',
      '504',
    ]);
    for (const code of Object.keys(CONFIRMATION_CODES)) expect(doc.info.description).to.contain(`| ${code} |`);
    expect(doc.info.description).to.contain('X-Emulator-Error');
  });
});
