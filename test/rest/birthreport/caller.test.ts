import fs from 'node:fs';
import os from 'node:os';
import https from 'node:https';
import path from 'node:path';
import { expect } from 'chai';
import { ConfigError, configFromEnv, loadConfigFile } from '../../../src/config.js';
import { BIRTH_REPORT_OPENAPI } from '../../../src/rest/birthreport/openapi.js';
import {
  CALLER_HEADER,
  DEFAULT_BIRTH_REPORT_CALLERS,
  checkBirthReportCallers,
} from '../../../src/rest/birthreport/callers.js';
import {
  MOUNTED_PATH,
  PATH,
  expectNewbornNumber,
  expectShape,
  post,
  sampleReport,
  startApp,
  type Answer,
  type TestApp,
} from './support.js';
import { startServer, TEST_TLS, testTlsFile, type TestServer } from '../../support/server.js';

function expectForbidden(answer: Answer, path = PATH): void {
  expect(answer.status, JSON.stringify(answer.body)).to.equal(403);
  expectShape('ForbiddenError', answer.body);
  expect(answer.body).to.include({ status: 403, error: 'Forbidden', message: 'No message available', path });
}

/**
 * A birth report creates a personnummer that PU and SSBTEK then serve, so the reporting maternity unit must be
 * known: its client certificate over TLS (serialNumber = HSA id), `X-Birthreport-Caller` on plain HTTP, from the
 * configured callers (embedded default). Anyone else gets the gateway's 403 (seed 003) and nothing is stored.
 */
describe('Birth report (REST): the reporting caller must be known', () => {
  describe('plain HTTP, embedded callers', () => {
    let server: TestApp;
    beforeEach(async () => (server = await startApp()));
    afterEach(() => server.close());

    it('refuses a report without caller identity with the gateway’s 403, on both paths, and stores nothing', async () => {
      const report = sampleReport();
      for (const path of [PATH, MOUNTED_PATH]) expectForbidden(await post(server.url + path, report, {}, null), path);
      // Not stored: the same child under a new reportId is a first report (201), not a duplicate (202, 201).
      const fresh = await post(server.url + PATH, { ...report, reportId: sampleReport().reportId });
      expect(fresh.status, JSON.stringify(fresh.body)).to.equal(201);
    });

    it('refuses an unknown or empty caller, and one differing in case', async () => {
      const known = DEFAULT_BIRTH_REPORT_CALLERS[0]!.id;
      for (const caller of ['SE0000000000-OKAND', '', known.toLowerCase(), `${known}-X`]) {
        expectForbidden(await post(server.url + PATH, sampleReport(), {}, caller));
      }
    });

    it('takes reports from every embedded caller', async () => {
      for (const { id } of DEFAULT_BIRTH_REPORT_CALLERS) {
        const answer = await post(
          server.url + PATH,
          sampleReport((r) => (r.child.order = 1)),
          {},
          id,
        );
        expect(answer.status, JSON.stringify(answer.body)).to.be.oneOf([201, 202]);
      }
    });

    it('refuses an unknown caller before anything else: emulated errors, a bad body, another method', async () => {
      expectForbidden(await post(server.url + PATH, sampleReport(), { 'X-Emulator-Error': '502' }, null));
      expectForbidden(await post(server.url + PATH, '{not json', {}, null));
      const get = await fetch(server.url + PATH);
      expect(get.status).to.equal(403);
    });
  });

  describe('configured callers', () => {
    let server: TestApp;
    before(async () => {
      server = await startApp({ birthReportCallers: [{ id: 'SE5565594230-BB01', name: 'Privat BB' }] });
    });
    after(() => server.close());

    it('takes exactly the configured ones: the embedded ones are then unknown', async () => {
      const configured = await post(server.url + PATH, sampleReport(), {}, 'SE5565594230-BB01');
      expect(configured.status, JSON.stringify(configured.body)).to.equal(201);
      expectNewbornNumber(configured.body.personalIdentityNumber, '2026-11-20', 'GIRL');
      expectForbidden(await post(server.url + PATH, sampleReport(), {}, DEFAULT_BIRTH_REPORT_CALLERS[0]!.id));
    });
  });

  describe('over HTTPS: the caller is its client certificate', () => {
    let server: TestServer;
    let port: number;
    before(async () => {
      server = await startServer(
        { birthReportCallers: [{ id: '5599000006', name: 'Testregionen BB' }] },
        undefined,
        TEST_TLS,
      );
      port = server.port;
    });
    after(() => server.close());

    function report(client?: string, headers: Record<string, string> = {}): Promise<Answer> {
      return new Promise((resolve, reject) => {
        const request = https.request(
          {
            host: '127.0.0.1',
            port,
            path: PATH,
            method: 'POST',
            rejectUnauthorized: false,
            agent: false,
            ...(client && {
              cert: fs.readFileSync(testTlsFile(`${client}.pem`)),
              key: fs.readFileSync(testTlsFile(`${client}.key`)),
            }),
            headers: { 'content-type': 'application/json', ...headers },
          },
          (res) => {
            let text = '';
            res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
            res.on('end', () =>
              resolve({
                status: res.statusCode ?? 0,
                body: JSON.parse(text) as Answer['body'],
                headers: new Headers(),
              }),
            );
          },
        );
        request.on('error', reject);
        request.end(JSON.stringify(sampleReport()));
      });
    }

    it('takes a report from a trusted certificate whose serialNumber is a configured caller', async () => {
      const answer = await report('client-5599000006');
      expect(answer.status, JSON.stringify(answer.body)).to.equal(201);
    });

    it('refuses no certificate, an untrusted one, one naming nobody known — and ignores the header over TLS', async () => {
      expectForbidden(await report());
      expectForbidden(await report(undefined, { [CALLER_HEADER]: '5599000006' }));
      expectForbidden(await report('client-untrusted'));
      expectForbidden(await report('client-no-orgnr', { [CALLER_HEADER]: '5599000006' }));
    });
  });

  describe('settings and document', () => {
    it('reads SSBTEK_BIRTHREPORT_CALLERS (ids, comma-separated) and birthReportCallers, refusing bad ones', () => {
      expect(configFromEnv({ SSBTEK_BIRTHREPORT_CALLERS: 'SE1-A, SE2-B' }).birthReportCallers).to.deep.equal([
        { id: 'SE1-A', name: 'SE1-A' },
        { id: 'SE2-B', name: 'SE2-B' },
      ]);
      expect(() => configFromEnv({ SSBTEK_BIRTHREPORT_CALLERS: 'has space' })).to.throw(/SSBTEK_BIRTHREPORT_CALLERS/);
      expect(() => checkBirthReportCallers([{ id: 'A' }, { id: 'A' }], 'birthReportCallers')).to.throw(/twice/);
      expect(() => checkBirthReportCallers([], 'birthReportCallers')).to.throw(/non-empty/);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'birth-callers-'));
      try {
        const bad = path.join(dir, 'bad.json');
        fs.writeFileSync(bad, JSON.stringify({ birthReportCallers: [{ id: 'ok-1', name: 7 }] }));
        expect(() => loadConfigFile(bad))
          .to.throw(ConfigError)
          .with.property('message')
          .that.match(/birthReportCallers\[0\]\.name/);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it('documents the caller identity and the 403 in the OpenAPI document', () => {
      const doc = BIRTH_REPORT_OPENAPI as {
        paths: Record<string, { post: { security?: unknown[]; responses: Record<string, { description: string }> } }>;
        components: { securitySchemes?: Record<string, { type: string; name?: string }> };
      };
      const operation = doc.paths['/v1/birthreport']!.post;
      expect(operation.security).to.deep.equal([{ clientCertificate: [] }, { callerHeader: [] }]);
      expect(doc.components.securitySchemes?.clientCertificate?.type).to.equal('mutualTLS');
      expect(doc.components.securitySchemes?.callerHeader).to.include({ type: 'apiKey', name: CALLER_HEADER });
      expect(operation.responses['403']!.description).to.match(/unknown caller|not known/i);
    });
  });
});
