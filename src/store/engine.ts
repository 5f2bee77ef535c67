/**
 * The store engine every module's store is built on: the embedded SQLite file (the default; shared by the cluster
 * workers of one machine) or a PostgreSQL database (SSBTEK_STORE=postgres://…, shared by replicas on several
 * machines). Each module has a store of each engine behind its interface; `storeFor` in each module picks one.
 */
import path from 'node:path';
import { SqliteRegistryStore } from './registry-store.js';
import { changeFeedOf, type SqliteChangeFeed } from './sqlite-change-feed.js';
import { openDatabase, type SqliteDatabase } from './sqlite.js';
import { PgChangeFeed } from './postgres/change-feed.js';
import { isPostgresUrl, migratePg, openPool, redactedUrl, type PgPool } from './postgres/pg.js';
import { PG_REGISTRY_MIGRATIONS, PgRegistryStore } from './postgres/registry-store.js';
import type { Migration } from './sqlite.js';
import type { PuAdminStore } from '../pu/registry.js';
import { SqlitePuRegistry } from '../pu/store/sqlite-pu-registry.js';
import { PgPuRegistry } from '../pu/store/postgres-pu-registry.js';

export interface SqliteEngine {
  kind: 'sqlite';
  /** The file (absolute) or ':memory:'. */
  location: string;
  db: SqliteDatabase;
  feed: SqliteChangeFeed;
  registry: SqliteRegistryStore;
  /** Personuppgiftstjänsten's reserve identities and contact details. */
  pu: PuAdminStore;
  close(): Promise<void>;
}

export interface PostgresEngine {
  kind: 'postgres';
  /** The URL without its password. */
  location: string;
  pool: PgPool;
  feed: PgChangeFeed;
  registry: PgRegistryStore;
  pu: PuAdminStore;
  close(): Promise<void>;
}

export type StoreEngine = SqliteEngine | PostgresEngine;

export function openSqliteEngine(file: string): SqliteEngine {
  const db = openDatabase(file);
  const feed = changeFeedOf(db);
  return {
    kind: 'sqlite',
    location: file === ':memory:' ? file : path.resolve(file),
    db,
    feed,
    registry: new SqliteRegistryStore(db, feed),
    pu: new SqlitePuRegistry(db),
    close: () => {
      db.close();
      return Promise.resolve();
    },
  };
}

/**
 * Connects, applies every module's PostgreSQL migrations (`migrations`: module → its list; replicas starting
 * together take turns) and loads what is kept in memory.
 */
export async function openPostgresEngine(
  url: string,
  migrations: Readonly<Record<string, readonly Migration[]>>,
): Promise<PostgresEngine> {
  const pool = openPool(url);
  await migratePg(pool, 'registry', PG_REGISTRY_MIGRATIONS);
  for (const [module, list] of Object.entries(migrations)) await migratePg(pool, module, list);
  const feed = await PgChangeFeed.open(url);
  const registry = await PgRegistryStore.open(pool, feed);
  const pu = await PgPuRegistry.open(pool, feed);
  return {
    kind: 'postgres',
    location: redactedUrl(url),
    pool,
    feed,
    registry,
    pu,
    close: async () => {
      await feed.close();
      await pool.end();
    },
  };
}

export { isPostgresUrl };
