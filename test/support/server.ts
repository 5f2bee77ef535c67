import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pino, type Logger } from 'pino';
import { createApp, listen, type TlsFiles } from '../../src/app.js';
import { DEFAULT_CONFIG, type Config } from '../../src/config.js';
import { PROJECT_ROOT } from '../../src/xml/schema.js';
import { TODAY } from './fraga.js';

export interface TestServer {
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

/** The test PKI of test/rest/scb/fixtures/tls: a CA, the server's certificate and clients' certificates. */
export const TEST_TLS_DIR = path.join(PROJECT_ROOT, 'test/rest/scb/fixtures/tls');
export const testTlsFile = (name: string): string => path.join(TEST_TLS_DIR, name);
/** The emulator's HTTPS listener with the test PKI: its server certificate, client certificates from its CA. */
export const TEST_TLS: TlsFiles = {
  certFile: testTlsFile('server.pem'),
  keyFile: testTlsFile('server.key'),
  caFile: testTlsFile('ca.pem'),
};

/**
 * Starts the whole emulator on 127.0.0.1 with an ephemeral port and a fixed "today"; over HTTPS (listen()'s own
 * listener, client certificates requested) when `tls` is given.
 */
export async function startServer(
  overrides: Partial<Config> = {},
  logger?: Logger,
  tls?: TlsFiles,
): Promise<TestServer> {
  const config: Config = {
    ...DEFAULT_CONFIG,
    port: 0,
    today: TODAY,
    logLevel: 'silent',
    storePath: ':memory:',
    ...overrides,
  };
  const { app, close } = createApp(config, logger ?? pino({ level: 'silent' }));
  const server = await listen(app, '127.0.0.1', 0, tls);
  const { port } = server.address() as AddressInfo;
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => void close().then(resolve));
      }),
  };
}
