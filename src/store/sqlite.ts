import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

/** One versioned schema change of one module (e.g. 'scb' version 2). Versions start at 1 and never change. */
export interface Migration {
  version: number;
  description: string;
  sql: string;
}

export type SqliteDatabase = Database.Database;

/**
 * The embedded store: one SQLite file in WAL mode. An acknowledged write is a committed transaction, and with
 * synchronous=FULL it is on disk before the HTTP answer goes out, so neither `kill -9` nor a power cut loses it.
 * ':memory:' gives a throw-away store (tests).
 */
export function openDatabase(file: string): SqliteDatabase {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file);
  // Turning a new file to WAL takes its lock without SQLite's busy wait: two workers opening one new file at once
  // got "database is locked" (and the second died). Asked again until the other has finished.
  untilNotBusy(() => db.pragma('journal_mode = WAL'));
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    module TEXT NOT NULL,
    version INTEGER NOT NULL,
    description TEXT NOT NULL,
    applied_at TEXT NOT NULL,
    PRIMARY KEY (module, version)
  )`);
  return db;
}

/** What untilNotBusy sleeps on (Atomics.wait: a synchronous sleep, as the store's calls are synchronous). */
const SLEEP_CELL = new Int32Array(new SharedArrayBuffer(4));

/** Runs `work`, again after a short sleep while SQLite answers SQLITE_BUSY, for at most `ms`. */
function untilNotBusy<T>(work: () => T, ms = 5_000): T {
  const until = Date.now() + ms;
  for (;;) {
    try {
      return work();
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() > until) throw error;
      Atomics.wait(SLEEP_CELL, 0, 0, 10);
    }
  }
}

/**
 * Applies a module's migrations that are not applied yet, in order, each in its own transaction. A migration
 * already applied is never run again; a database newer than the code (a version this code does not know) is
 * refused rather than guessed at.
 */
export function migrate(db: SqliteDatabase, module: string, migrations: readonly Migration[]): void {
  const versions = migrations.map((m) => m.version);
  if (versions.some((v, i) => v !== i + 1))
    throw new Error(`${module}: migrations must be numbered 1, 2, 3, … in order`);
  const applied = new Set(
    (db.prepare('SELECT version FROM schema_migrations WHERE module = ?').all(module) as { version: number }[]).map(
      (r) => r.version,
    ),
  );
  const newest = Math.max(0, ...applied);
  if (newest > migrations.length) {
    throw new Error(
      `${module}: the store is at migration ${newest}, newer than this emulator knows (${migrations.length})`,
    );
  }
  const record = db.prepare(
    'INSERT INTO schema_migrations (module, version, description, applied_at) VALUES (?, ?, ?, ?)',
  );
  const isApplied = db.prepare('SELECT 1 FROM schema_migrations WHERE module = ? AND version = ?').pluck();
  for (const migration of migrations) {
    if (applied.has(migration.version)) continue;
    // IMMEDIATE, and asked again inside: workers starting together on one file take turns, and the one that comes
    // second finds the migration applied instead of running it again.
    db.transaction(() => {
      if (isApplied.get(module, migration.version) !== undefined) return;
      db.exec(migration.sql);
      record.run(module, migration.version, migration.description, new Date().toISOString());
    }).immediate();
  }
}

/** Per database: the tail of the chain of async transactions, so that they run one after another. */
const tails = new WeakMap<SqliteDatabase, Promise<unknown>>();

/**
 * Runs `work` as one write transaction (BEGIN IMMEDIATE: the file's write lock is taken before anything is read, so
 * two processes on one file never interleave) that may await between statements. Async transactions on one
 * connection are chained, so no other one's statements land inside it; committed when it resolves, rolled back when
 * it throws. The work should await only the store (it holds the file's write lock).
 */
export function transactionAsync<T>(db: SqliteDatabase, work: () => Promise<T>): Promise<T> {
  const run = async (): Promise<T> => {
    db.exec('BEGIN IMMEDIATE');
    try {
      const result = await work();
      db.exec('COMMIT');
      return result;
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw error;
    }
  };
  const previous = tails.get(db) ?? Promise.resolve();
  const next = previous.then(run, run);
  tails.set(
    db,
    next.catch(() => undefined),
  );
  return next;
}
