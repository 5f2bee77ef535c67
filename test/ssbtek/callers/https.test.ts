import { spawn } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { expect } from 'chai';
import { pino } from 'pino';
import { createApp, listen, type App } from '../../../src/app.js';
import { DEFAULT_CONFIG, type Config } from '../../../src/config.js';
import { PROJECT_ROOT } from '../../../src/xml/schema.js';
import { TODAY } from '../../support/fraga.js';
import { example, v10Request } from '../../support/requests.js';
import { textAt, tree } from '../../support/xml.js';
import { docsRows, makeCertificates, outcomes, whoMayAsk } from './support.js';

const ALL_DATA = Object.fromEntries(['AF', 'CSN', 'FK', 'SKV', 'SO', 'TNS', 'MIV'].map((id) => [id, 'data']));
/** The stranger's answer as docs/ssbtek.md's table gives it: row B5 (asking as Sundsvall), row B6 (as itself). */
const row = (id: string): Record<string, string> => {
  const cells =
    docsRows('B')
      .find((r) => r.id === id)
      ?.cells.slice(1) ?? [];
  return Object.fromEntries(['AF', 'CSN', 'FK', 'SKV', 'SO', 'TNS', 'MIV'].map((s, i) => [s, cells[i] ?? '?']));
};

interface Running {
  app: App;
  server: Server;
  port: number;
}

/**
 * SSBTEK over the emulator's own HTTPS listener (listen()), with certificates made by docs/ssbtek-certificates.sh:
 * the caller is its client certificate's serialNumber, 16 and the organisationsnummer (seed §8.4).
 */
describe('Who may ask SSBTEK over HTTPS: the caller is its client certificate', function () {
  this.timeout(60_000);
  let certs: ReturnType<typeof makeCertificates>;
  let permissive: Running;
  let strict: Running;
  const file = (name: string): string => path.join(certs?.dir ?? '', name);

  async function start(overrides: Partial<Config>): Promise<Running> {
    const config: Config = { ...DEFAULT_CONFIG, today: TODAY, logLevel: 'silent', storePath: ':memory:', ...overrides };
    const app = createApp(config, pino({ level: 'silent' }));
    const server = await listen(app.app, '127.0.0.1', 0, {
      certFile: file('server.pem'),
      keyFile: file('server.key'),
      caFile: file('ca.pem'),
    });
    return { app, server, port: (server.address() as AddressInfo).port };
  }

  before(async function () {
    certs = makeCertificates();
    if (!certs) {
      console.log('      (skipped: openssl is not installed)');
      return this.skip();
    }
    permissive = await start({});
    strict = await start({ callerMode: 'strict' });
  });
  after(async () => {
    for (const running of [permissive, strict]) {
      if (!running) continue;
      running.server.closeAllConnections();
      await new Promise((resolve) => running.server.close(resolve));
      await running.app.close();
    }
    certs?.remove();
  });

  function call(
    running: Running,
    body: string,
    client?: string,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const request = https.request(
        {
          host: '127.0.0.1',
          port: running.port,
          path: '/ssbtek',
          method: 'POST',
          ca: fs.readFileSync(file('ca.pem')),
          ...(client && { cert: fs.readFileSync(file(`${client}.pem`)), key: fs.readFileSync(file(`${client}.key`)) }),
          headers: { 'content-type': 'text/xml; charset=utf-8', ...headers },
          agent: false,
        },
        (response) => {
          let text = '';
          response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  }
  const faultstring = (body: string): string | undefined => textAt(tree(body), 'Body', 'Fault', 'faultstring');

  it('a municipality asking directly with its certificate gets data from every service', async () => {
    const reply = await call(permissive, example('v10-all-services.xml'), 'kommun');
    expect(reply.status, reply.body).to.equal(200);
    expect(outcomes(reply.body)).to.deep.equal(ALL_DATA);
  });

  it('an ombud asking for its customer with the iip header gets data from every service', async () => {
    const reply = await call(permissive, example('v10-via-ombud.xml'), 'ombud');
    expect(outcomes(reply.body)).to.deep.equal(ALL_DATA);
  });

  it('the ombud without the iip header asks as itself: not the ingivare (row B5)', async () => {
    const withoutIip = example('v10-via-ombud.xml').replace(/<soapenv:Header>[\s\S]*<\/soapenv:Header>/, '');
    expect(outcomes((await call(permissive, withoutIip, 'ombud')).body)).to.deep.equal(row('B5'));
  });

  it('a stranger is refused by each service in its own form (rows B5 and B6)', async () => {
    expect(outcomes((await call(permissive, example('v10-all-services.xml'), 'obehorig')).body)).to.deep.equal(
      row('B5'),
    );
    const asItself = v10Request({ personidentitet: '198601042388', ingivare: '165599000030' });
    expect(outcomes((await call(permissive, asItself, 'obehorig')).body)).to.deep.equal(row('B6'));
  });

  it('the certificate is the caller: X-SSBTEK-Client-OrgNr beside it is ignored', async () => {
    const reply = await call(permissive, example('v10-all-services.xml'), 'kommun', {
      'X-SSBTEK-Client-OrgNr': '5599000030',
    });
    expect(outcomes(reply.body)).to.deep.equal(ALL_DATA);
  });

  it('without a certificate, permissive mode answers unchecked as before; strict mode refuses (A1)', async () => {
    expect(outcomes((await call(permissive, example('v10-all-services.xml'))).body)).to.deep.equal(ALL_DATA);
    const refused = await call(strict, example('v10-all-services.xml'));
    expect(refused.status).to.equal(403);
    expect(faultstring(refused.body)).to.equal('No client certificate: this service needs to know its caller.');
    expect(outcomes((await call(strict, example('v10-all-services.xml'), 'kommun')).body)).to.deep.equal(ALL_DATA);
  });

  it('refuses a certificate the CA does not vouch for, in either mode (A2)', async () => {
    for (const running of [permissive, strict]) {
      const reply = await call(running, example('v10-all-services.xml'), 'okand-utfardare');
      expect(reply.status).to.equal(403);
      expect(faultstring(reply.body)).to.match(/^The client certificate is not issued by a CA this service trusts/);
    }
  });

  it("refuses the seed's own example subject, serialNumber=16556586996: no organisationsnummer (A3)", async () => {
    const reply = await call(permissive, example('v10-via-ombud.xml'), 'seed-exempel');
    expect(reply.status).to.equal(403);
    expect(faultstring(reply.body)).to.contain('serialNumber ("16556586996") is not an organisationsnummer');
  });

  it('refuses X-SSBTEK-Client-OrgNr over HTTPS without a certificate (A4)', async () => {
    const reply = await call(permissive, example('v10-all-services.xml'), undefined, {
      'X-SSBTEK-Client-OrgNr': '2120002411',
    });
    expect(reply.status).to.equal(403);
    expect(faultstring(reply.body)).to.equal(
      'X-SSBTEK-Client-OrgNr is not honoured over HTTPS: present a client certificate.',
    );
  });

  it('the documented HTTPS commands (docs/ssbtek.md) run as written and print what they promise', async () => {
    const blocks = [...whoMayAsk().matchAll(/```bash\n([\s\S]*?)```/g)].map((m) => m[1] as string);
    const asking = blocks.find((b) => b.startsWith('ask() {'));
    expect(asking, 'the block that asks').to.be.a('string');
    // As a user runs them: `example` fills in the real date, so the emulator lives on it too.
    const running = await start({ today: undefined });
    const code = (asking as string).replaceAll('127.0.0.1:8443', `127.0.0.1:${running.port}`);
    const result = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn('bash', ['-eu', '-c', code], {
        cwd: PROJECT_ROOT,
        env: { ...process.env, dir: certs?.dir },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      child.on('error', reject);
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    });
    running.server.closeAllConnections();
    await new Promise((resolve) => running.server.close(resolve));
    await running.app.close();
    expect(result.status, result.stderr).to.equal(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines.slice(0, 2)).to.deep.equal(['7', '7']);
    expect(lines.slice(2, 9)).to.deep.equal(Object.values(row('B5')).map((felkod) => `<ssbt:felkod>${felkod}`));
    expect(lines[9]).to.match(/^<faultstring>The client certificate is not issued by a CA this service trusts/);
  });
});
