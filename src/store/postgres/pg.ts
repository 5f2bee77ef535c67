/**
 * The PostgreSQL engine's plumbing (node-postgres): a pool, versioned migrations in the same `schema_migrations`
 * table as SQLite's, and transactions. Each module's PostgreSQL store lives beside its SQLite one
 * (postgres-*.ts) and uses these.
 */
import { createRequire } from 'node:module';
import type pg from 'pg';
import type { Migration } from '../sqlite.js';

export type PgPool = pg.Pool;
export type PgClient = pg.PoolClient;

/**
 * node-postgres, loaded when a PostgreSQL store is first opened: a server on the default SQLite store never loads it
 * (about 50–100 ms of its start-up, docs/performance.md).
 */
let loaded: typeof pg | undefined;
const require = createRequire(import.meta.url);
export function nodePostgres(): typeof pg {
  loaded ??= require('pg') as typeof pg;
  return loaded;
}

/** True for a store location that names a PostgreSQL database (postgres://… or postgresql://…). */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/** The URL without its password, for logs. */
export function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://…';
  }
}

export function openPool(url: string, max = 10): PgPool {
  const pool = new (nodePostgres().Pool)({ connectionString: url, max, idleTimeoutMillis: 30_000 });
  // An idle client that loses its connection must not bring the process down; the next query reconnects.
  pool.on('error', () => undefined);
  return pool;
}

/** Runs `work` in one transaction on one pooled connection: committed when it resolves, rolled back when it throws. */
export async function pgTransaction<T>(pool: PgPool, work: (client: PgClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** A fixed advisory-lock key per purpose (pg_advisory_xact_lock takes a bigint). */
export const LOCKS = {
  migrations: 1_517_000_001,
  births: 1_517_000_002,
  renewals: 1_517_000_003,
  reserves: 1_517_000_004,
};

/**
 * Applies a module's migrations not yet applied, in order, each in its own transaction. Replicas starting together
 * take turns (an advisory lock), so a migration runs once. A store newer than the code is refused.
 */
export async function migratePg(pool: PgPool, module: string, migrations: readonly Migration[]): Promise<void> {
  if (migrations.some((m, i) => m.version !== i + 1))
    throw new Error(`${module}: migrations must be numbered 1, 2, 3, … in order`);
  await pgTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [LOCKS.migrations]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      module TEXT NOT NULL,
      version INTEGER NOT NULL,
      description TEXT NOT NULL,
      applied_at TEXT NOT NULL,
      PRIMARY KEY (module, version)
    )`);
    const { rows } = await client.query<{ version: number }>(
      'SELECT version FROM schema_migrations WHERE module = $1',
      [module],
    );
    const applied = new Set(rows.map((r) => r.version));
    const newest = Math.max(0, ...applied);
    if (newest > migrations.length)
      throw new Error(
        `${module}: the store is at migration ${newest}, newer than this emulator knows (${migrations.length})`,
      );
    for (const migration of migrations) {
      if (applied.has(migration.version)) continue;
      await client.query(migration.sql);
      await client.query(
        'INSERT INTO schema_migrations (module, version, description, applied_at) VALUES ($1, $2, $3, $4)',
        [module, migration.version, migration.description, new Date().toISOString()],
      );
    }
  });
}
