import { randomUUID } from 'node:crypto';
import { ChangeListeners, type ChangeFeed, type ChangeListener } from './change-feed.js';
import { migrate, type Migration, type SqliteDatabase } from './sqlite.js';

const MIGRATIONS: Migration[] = [
  {
    version: 1,
    description: 'the change feed: which row of which topic a process changed, in commit order',
    sql: `CREATE TABLE store_change (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      origin TEXT NOT NULL,
      topic TEXT NOT NULL,
      key TEXT NOT NULL
    )`,
  },
];

/** Changes kept in the table; a process further behind than this reloads everything. */
const KEPT_CHANGES = 10_000;

/**
 * The change feed of processes sharing one SQLite file (cluster workers, or another connection in a test). A writer
 * records each change in `store_change` inside its own transaction (so a change is visible exactly when its data
 * is); a reader asks `PRAGMA data_version` (it moves when another connection commits) and, when it moved, reads
 * the changes after the last one it saw. Writes are serialized by SQLite, so the sequence is commit order: nothing
 * is skipped. Freshness: every read that calls refresh() sees every change committed before it.
 */
export class SqliteChangeFeed implements ChangeFeed {
  private readonly listeners = new ChangeListeners();
  private readonly origin = randomUUID();
  private readonly dataVersion;
  private readonly since;
  private readonly insert;
  private lastVersion: number;
  private lastSeq: number;
  private recorded = 0;

  constructor(private readonly db: SqliteDatabase) {
    migrate(db, 'changes', MIGRATIONS);
    this.dataVersion = db.prepare('PRAGMA data_version').pluck();
    this.since = db.prepare('SELECT seq, origin, topic, key FROM store_change WHERE seq > ? ORDER BY seq');
    this.insert = db.prepare('INSERT INTO store_change (origin, topic, key) VALUES (?, ?, ?)');
    this.lastVersion = this.dataVersion.get() as number;
    this.lastSeq = (db.prepare('SELECT COALESCE(MAX(seq), 0) FROM store_change').pluck().get() as number) ?? 0;
  }

  subscribe(topic: string, listener: ChangeListener): void {
    this.listeners.subscribe(topic, listener);
  }

  /** Records a change; call it inside the transaction that makes it. */
  record(topic: string, key: string): void {
    const info = this.insert.run(this.origin, topic, key);
    this.lastSeq = Math.max(this.lastSeq, Number(info.lastInsertRowid));
    if (++this.recorded % 1000 === 0)
      this.db.prepare('DELETE FROM store_change WHERE seq <= ?').run(this.lastSeq - KEPT_CHANGES);
  }

  refresh(): void {
    if (!this.db.open) return;
    const version = this.dataVersion.get() as number;
    if (version === this.lastVersion) return;
    this.lastVersion = version;
    const rows = this.since.all(this.lastSeq) as { seq: number; origin: string; topic: string; key: string }[];
    if (rows.length === 0) return;
    if (rows[0]!.seq > this.lastSeq + 1 && this.lastSeq > 0) {
      // Pruned past what this process saw (or another process's transaction was rolled back): reload all.
      this.lastSeq = rows[rows.length - 1]!.seq;
      this.listeners.resync();
      return;
    }
    for (const row of rows) {
      this.lastSeq = row.seq;
      if (row.origin !== this.origin) this.listeners.dispatch(row.topic, row.key);
    }
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

const feeds = new WeakMap<SqliteDatabase, SqliteChangeFeed>();

/** The one change feed of a connection (every store on it records and reads through the same one). */
export function changeFeedOf(db: SqliteDatabase): SqliteChangeFeed {
  let feed = feeds.get(db);
  if (!feed) {
    feed = new SqliteChangeFeed(db);
    feeds.set(db, feed);
  }
  return feed;
}
