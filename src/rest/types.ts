import type { Router } from 'express';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Population } from '../population/population.js';
import type { StoreEngine } from '../store/engine.js';
import type { RegistryStore } from '../store/registry-store.js';

/** What a REST adapter gets from the emulator: the shared store, population and clock. */
export interface RestContext {
  /**
   * The store: SQLite (each adapter migrates its own tables, src/store/sqlite.ts: migrate) or PostgreSQL (migrated
   * at start, src/store/postgres/). Each adapter builds its store of the engine's kind.
   */
  engine: StoreEngine;
  /** More than one process shares the store (cluster workers or replicas): background work must not assume it owns it. */
  shared: boolean;
  /** The population every service draws from; the registry is where an adapter adds persons or sets a status. */
  population: Population;
  registry: RegistryStore;
  /** The services' "today", YYYY-MM-DD. */
  today: () => string;
  config: Config;
  logger: Logger;
}

/**
 * A REST adapter (fastify-style plugin): it owns its routes under `mountPath`, its OpenAPI 3.1 document (served at
 * /openapi/<id>.json and enforced on requests), its tables, and any background work it must stop on close.
 */
export interface RestService {
  id: string;
  title: string;
  mountPath: string;
  /** The project's own OpenAPI 3.1 document for this service, as a JSON object. */
  openapi: Record<string, unknown>;
  router(context: RestContext): Router;
  /** Stops background work (queues, timers); called on shutdown. */
  close?(): Promise<void>;
}
