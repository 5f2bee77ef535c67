#!/usr/bin/env node
import { createApp, listen } from '../app.js';
import { configFromEnv } from '../config.js';

/** `npm start`: serve everything on the embedded defaults (PORT, HOST and SSBTEK_* override them). */
async function serve(): Promise<void> {
  const config = configFromEnv();
  const { app, logger } = createApp(config);
  const server = await listen(app, config.host, config.port);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info(
    { url: `http://${config.host}:${port}/ssbtek`, wsdl: `http://${config.host}:${port}/ssbtek?wsdl` },
    'SSBTEK emulator listening',
  );
  const shutdown = (signal: string): void => {
    logger.info({ signal }, 'shutting down');
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

serve().catch((error: unknown) => {
  console.error(`ssbtek-emulator: ${(error as Error).message}`);
  process.exit(2);
});
