import cluster from 'node:cluster';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { ConfigError, configFromEnv, loadConfigFile, parseWorkers, workerCount, type Config } from '../../config.js';
import { SERVICE_IDS } from '../../ssbtek/model.js';
import { tuneHeap } from '../heap-tuning.js';

interface ServeFlags {
  port?: number;
  host?: string;
  config?: string;
  workers?: number | 'auto';
}

const HELP_AFTER = `
Settings, each overriding the one before: embedded defaults < environment (PORT, HOST, SSBTEK_*; see README)
< --config FILE (JSON, keys as in Config: host, port, serviceTimeoutMs, scenarios, …) < --port/--host.
An unusable config file or environment variable: message on stderr, exit code 2.

Logs are pino JSON lines on stdout; the first ("SSBTEK emulator listening") names the bound URL (useful with
--port 0), the index page, the store file, "today" and where it comes from, how SSBTEK reaches each base service,
whether TLS is on, and the caller mode (permissive or strict: who may ask SSBTEK).

Examples:
  $ ssbtek-emulator serve
  $ ssbtek-emulator serve --port 9090 --config emulator.json
  $ SSBTEK_TODAY=2026-11-24 ssbtek-emulator serve --port 0
  $ ssbtek-emulator serve --workers auto          (every core; what npm start runs)
  $ SSBTEK_STORE=postgres://emu:secret@db:5432/emulator ssbtek-emulator serve --workers auto

With --workers N (or SSBTEK_WORKERS), N processes serve the same port and share the store (the SQLite file, or
PostgreSQL), the scenario settings, "today" and the journal; a worker that dies is replaced. :memory: cannot be
shared: name a file or a database.`;

/** `serve`: SSBTEK and the seven base services over HTTP until SIGTERM/SIGINT (what `npm start` runs). */
export function serveCommand(): Command {
  return new Command('serve')
    .description('serve SSBTEK and the seven base services over HTTP')
    .option('-p, --port <port>', 'port to listen on, 0 for any free port (default: env PORT, else 8080)', parsePort)
    .option('--host <host>', 'address to bind (default: env HOST, else 127.0.0.1)')
    .option('-c, --config <file>', 'JSON config file over the environment')
    .option(
      '-w, --workers <n>',
      "worker processes, or 'auto' for the machine's cores (default: env SSBTEK_WORKERS, else 1)",
      (value: string) => {
        try {
          return parseWorkers(value, '--workers');
        } catch (error) {
          throw new InvalidArgumentError((error as Error).message);
        }
      },
    )
    .addHelpText('after', HELP_AFTER)
    .action(async (flags: ServeFlags) => {
      let config: Config;
      try {
        config = resolveConfig(flags);
        // The REST adapters' settings are checked here too (loaded lazily, like the server).
        const { checkRestConfig } = await import('../../rest/check-config.js');
        checkRestConfig(config, flags.config ?? 'settings');
      } catch (error) {
        // Both a config file (ConfigError) and the environment (plain Error from configFromEnv) are user input.
        const prefix = error instanceof ConfigError ? 'config file ' : '';
        process.stderr.write(`ssbtek-emulator serve: ${prefix}${(error as Error).message}\n`);
        process.exit(2);
      }
      await serve(config);
    });
}

/** env < file < flags. */
export function resolveConfig(flags: ServeFlags, env: NodeJS.ProcessEnv = process.env): Config {
  let config = configFromEnv(env);
  if (flags.config) config = loadConfigFile(flags.config, config);
  if (flags.port !== undefined) config = { ...config, port: flags.port };
  if (flags.host !== undefined) config = { ...config, host: flags.host };
  if (flags.workers !== undefined) config = { ...config, workers: flags.workers };
  return config;
}

async function serve(config: Config): Promise<void> {
  const workers = workerCount(config);
  if (workers > 1 && cluster.isPrimary) {
    if (config.storePath === ':memory:') {
      process.stderr.write('ssbtek-emulator serve: workers cannot share a :memory: store; name a file or a database\n');
      process.exit(2);
    }
    const { runPrimary } = await import('../../cluster/primary.js');
    const { pino } = await import('pino');
    const logger = pino({ level: config.logLevel });
    runPrimary(workers, (fields, message) => logger.info(fields, message));
    return;
  }
  if (cluster.isWorker) config = { ...config, sharedStore: true };
  tuneHeap();
  // Loaded here, not at the top: the whole server (express, every emulator) is not needed for --help or validate.
  const { openApp, listen } = await import('../../app.js');
  const { servedLogger } = await import('../log-destination.js');
  const log = servedLogger(config.logLevel);
  const { app, logger, close, today, store } = await openApp(config, log.logger).catch((error: unknown) => {
    process.stderr.write(`ssbtek-emulator serve: ${(error as Error).message}\n`);
    process.exit(2);
  });
  // In a cluster: the primary may ask this worker from now on (its answers are in place), before any request.
  const { announceReady } = await import('../../cluster/worker-link.js');
  announceReady();
  const server = await listen(app, config.host, config.port, config.tls, config).catch((error: unknown) => {
    process.stderr.write(`ssbtek-emulator serve: ${(error as Error).message}\n`);
    process.exit(2);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info({ ...startLine(config, port, today.state()), store: store.location }, 'SSBTEK emulator listening');
  log.flush();
  // Answers not yet started when a stop begins tell the client the connection closes after them (keep-alive
  // connections would otherwise hold server.close() open until the fallback below).
  const unanswered = new Set<ServerResponse>();
  let stopping = false;
  server.prependListener('request', (_req: IncomingMessage, res: ServerResponse) => {
    if (stopping) return void res.setHeader('connection', 'close');
    unanswered.add(res);
    res.once('close', () => unanswered.delete(res));
  });
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    for (const res of unanswered) if (!res.headersSent) res.setHeader('connection', 'close');
    // A connection whose answer was already under way when the stop began is closed once it is idle.
    const sweep = setInterval(() => server.closeIdleConnections(), 100);
    // In-flight requests finish; then background work stops and the store is closed cleanly.
    server.close(() => {
      clearInterval(sweep);
      close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
    server.closeIdleConnections();
    // Open keep-alive requests must not hold the process: give them a while, then leave anyway.
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  // A cluster worker whose primary is gone (killed) stops too, rather than serve on unsupervised.
  if (cluster.isWorker) process.on('disconnect', () => shutdown('disconnect'));
}

/**
 * The start line's fields: where it listens, where its store is (absolute, or :memory:), the day it lives on and
 * where that comes from, how SSBTEK reaches each base service (in-process or the URL), TLS on or off.
 */
export function startLine(
  config: Config,
  port: number,
  today: { today: string; source: string },
): Record<string, unknown> {
  const origin = `${config.tls ? 'https' : 'http'}://${config.host}:${port}`;
  return {
    url: `${origin}/ssbtek`,
    wsdl: `${origin}/ssbtek?wsdl`,
    index: `${origin}/`,
    address: `${config.host}:${port}`,
    tls: config.tls !== undefined,
    // Who may ask SSBTEK: 'permissive' answers a request that names no caller unchecked, 'strict' refuses it.
    callerMode: config.callerMode ?? 'permissive',
    store:
      config.storePath === ':memory:' || /^postgres/i.test(config.storePath)
        ? config.storePath
        : path.resolve(config.storePath),
    today: today.today,
    // 'config': fixed by SSBTEK_TODAY or the config file's today; 'real': the date in Sweden (as in /health).
    todaySource: today.source,
    baseServices: Object.fromEntries(SERVICE_IDS.map((id) => [id, config.baseServiceUrls[id] ?? 'in-process'])),
  };
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65_535) throw new InvalidArgumentError('a port is an integer from 0 to 65535');
  return port;
}
