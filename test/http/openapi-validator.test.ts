import { expect } from 'chai';
import express from 'express';
import type { AddressInfo } from 'node:net';
import { metaSchemaCompilations, openApiValidator } from '../../src/http/openapi-validator.js';
import { startServer } from '../support/server.js';

/**
 * The OpenAPI documents the emulator enforces (five REST adapters and the admin API, all OpenAPI 3.1) are checked
 * against the OpenAPI meta-schema by express-openapi-validator; the meta-schema is compiled once and shared.
 */
describe('OpenAPI validation: one compiled meta-schema for every document', function () {
  this.timeout(30_000);

  it('compiles the 3.1 meta-schema once for all six documents, and each still enforces its own', async () => {
    const server = await startServer();
    try {
      // Each router initialises its validator with its first request; each answers in its own form (the token
      // endpoint refuses an unauthenticated client first).
      const answers = await Promise.all([
        fetch(`${server.url}/__admin/scenarios/AF`, {
          method: 'PUT',
          body: '{"latency":"x"}',
          headers: { 'content-type': 'application/json' },
        }),
        fetch(`${server.url}/oauth2/v1/sys/token`, {
          method: 'POST',
          body: 'grant_type=nope',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        }),
        fetch(`${server.url}/scb/api/v1/delivery`, {
          method: 'POST',
          body: '{}',
          headers: { 'content-type': 'application/json', 'X-SCB-Client-OrgNr': '5599000006' },
        }),
      ]);
      expect(answers.map((a) => a.status)).to.deep.equal([400, 401, 400]);
      expect(metaSchemaCompilations()).to.equal(1);
    } finally {
      await server.close();
    }
  });

  it('still refuses a document that breaks the meta-schema', async () => {
    const app = express();
    app.use(
      openApiValidator({
        apiSpec: {
          openapi: '3.1.0',
          info: { title: 'broken', version: '1' },
          paths: { '/x': { get: { responses: 'none' } } },
        } as never,
        validateRequests: true,
      }),
    );
    let refusal: unknown;
    app.use((error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
      refusal = error;
      res.status(500).end();
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/x`);
      expect(String((refusal as Error | undefined)?.message)).to.match(/apiDoc was invalid/);
    } finally {
      server.close();
    }
  });
});
