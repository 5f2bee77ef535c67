/** The environment every fuzz property runs against: the emulator on an ephemeral port, plus in-process handles. */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { pino } from 'pino';
import { createApp, listen, type App } from '../../../src/app.js';
import { DEFAULT_CONFIG, type Config } from '../../../src/config.js';
import { puConsumers } from '../../../src/pu/consumers.js';
import { PuSoapService } from '../../../src/pu/soap/service.js';
import { SqlitePuRegistry } from '../../../src/pu/store/sqlite-pu-registry.js';
import { loadDialects, type DialectBinding } from '../../../src/ssbtek/dialects.js';
import { openDatabase } from '../../../src/store/sqlite.js';
import { TODAY } from '../../support/fraga.js';
import { CLIENTS, SECRET, TOKEN_PATH } from '../../rest/samordningsnummer/support.js';

export interface FuzzEnv {
  url: string;
  app: App;
  /** GetPersonsForProfile in-process, over the app's population and a registry of its own. */
  pu: PuSoapService;
  dialects: ReadonlyMap<string, DialectBinding>;
  /** An access token for the samordningsnummer service (client demo, scope esnr). */
  token: string;
  close(): Promise<void>;
}

/** The whole emulator on 127.0.0.1 (ephemeral port), plus in-process handles for the SOAP services. */
export async function startFuzzEnv(): Promise<FuzzEnv> {
  const config: Config = {
    ...DEFAULT_CONFIG,
    port: 0,
    today: TODAY,
    logLevel: 'silent',
    storePath: ':memory:',
    oauth2Clients: CLIENTS,
    oauth2SigningSecret: SECRET,
    samordningsnummerRequestsPerSecond: 1_000_000,
  } as Config;
  const app = createApp(config, pino({ level: 'silent' }));
  const server: Server = await listen(app.app, '127.0.0.1', 0);
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const pu = new PuSoapService({
    population: app.population,
    registry: new SqlitePuRegistry(openDatabase(':memory:')),
    consumers: puConsumers(config),
    today: () => TODAY,
  });
  const tokenReply = await fetch(url + TOKEN_PATH, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'demo', client_secret: 'demo' }),
  });
  const token = ((await tokenReply.json()) as { access_token: string }).access_token;
  return {
    url,
    app,
    pu,
    dialects: loadDialects(),
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => void app.close().then(resolve));
      }),
  };
}

/** The server still answers /health with 200 and status ok. */
export async function assertHealthy(env: FuzzEnv): Promise<void> {
  const reply = await fetch(`${env.url}/health`);
  const body = (await reply.json()) as { status?: string };
  if (reply.status !== 200 || body.status !== 'ok') throw new Error(`/health answered ${reply.status}`);
}
