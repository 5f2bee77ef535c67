import { expect } from 'chai';
import express from 'express';
import type { AddressInfo } from 'node:net';
import { metaSchemaChecks, metaSchemaErrors, openApiValidator } from '../../src/http/openapi-validator.js';
import { REST_SERVICES } from '../../src/rest/registry.js';
import { startServer } from '../support/server.js';

/**
 * The OpenAPI documents the emulator enforces (five REST adapters and the admin API, all OpenAPI 3.1) are proven
 * valid against the OpenAPI meta-schema here, so the server does not compile the meta-schema to check them again at
 * every start; a document handed over with `validateApiSpec: true` is still checked by express-openapi-validator.
 */
describe('OpenAPI validation: the documents proven valid by the tests, not at every start', function () {
  this.timeout(30_000);

  it('every document the server serves and enforces is valid against the OpenAPI meta-schema', async () => {
    const server = await startServer();
    try {
      const ids = [...REST_SERVICES.map((s) => s.id), 'admin'];
      expect(ids).to.have.length(6);
      for (const id of ids) {
        const response = await fetch(`${server.url}/openapi/${id}.json`);
        expect(response.status, id).to.equal(200);
        const document = (await response.json()) as { openapi: string };
        expect(document.openapi, id).to.match(/^3\.1\./);
        expect(metaSchemaErrors(document), id).to.deep.equal([]);
      }
    } finally {
      await server.close();
    }
  });

  it('the meta-schema check finds what breaks it', () => {
    const errors = metaSchemaErrors({
      openapi: '3.1.0',
      info: { title: 'broken', version: '1' },
      paths: { '/x': { get: { responses: 'none' } } },
    } as never);
    expect(errors).to.have.length.above(0);
  });

  it('checks no document against the meta-schema as the routers start and answer; each enforces its own', async () => {
    const before = metaSchemaChecks();
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
      expect(metaSchemaChecks()).to.equal(before);
    } finally {
      await server.close();
    }
  });

  it('still refuses a document that breaks the meta-schema when asked to check it', async () => {
    const app = express();
    app.use(
      openApiValidator({
        validateApiSpec: true,
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
    const before = metaSchemaChecks();
    try {
      await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/x`);
      expect(metaSchemaChecks()).to.equal(before + 1);
      expect(String((refusal as Error | undefined)?.message)).to.match(/apiDoc was invalid/);
    } finally {
      server.close();
    }
  });
});
