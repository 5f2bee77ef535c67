import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino, type Logger } from 'pino';
import { createApp, listen } from '../../src/app.js';
import { DEFAULT_CONFIG, type Config } from '../../src/config.js';
import { TODAY } from './fraga.js';

export interface TestServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** Starts the whole emulator on 127.0.0.1 with an ephemeral port and a fixed "today". */
export async function startServer(overrides: Partial<Config> = {}, logger?: Logger): Promise<TestServer> {
  const config: Config = {
    ...DEFAULT_CONFIG,
    port: 0,
    today: TODAY,
    logLevel: 'silent',
    storePath: ':memory:',
    ...overrides,
  };
  const { app, close } = createApp(config, logger ?? pino({ level: 'silent' }));
  const server = await listen(app, '127.0.0.1', 0);
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => void close().then(resolve));
      }),
  };
}
