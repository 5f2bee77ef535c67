/**
 * Where the control plane (scenario settings, "today", the journal's settings) lives when processes share a store:
 * its interface and SQLite engine, and the interface of the replicas' shared journal (postgres-control-store.ts has
 * the PostgreSQL engines of both).
 */
import type { JournalEntry, JournalFilter } from '../journal/journal.js';
import type { SqliteChangeFeed } from '../store/sqlite-change-feed.js';
import { migrate, transactionAsync, type Migration, type SqliteDatabase } from '../store/sqlite.js';

/** The control plane's values, by key ('scenarios', 'today', 'journal'), each a JSON text. */
export interface ControlStore {
  readAll(): Promise<Map<string, string>>;
  read(key: string): Promise<string | undefined>;
  /** Committed and announced to the other processes when it resolves. */
  write(key: string, json: string): Promise<void>;
}

/** The shared journal's table: entries appended in batches, read by the admin API, pruned to a capacity. */
export interface JournalStore {
  append(entries: readonly JournalEntry[]): Promise<void>;
  list(filter: JournalFilter, limit: number): Promise<JournalEntry[]>;
  get(id: string): Promise<JournalEntry | undefined>;
  count(filter: JournalFilter): Promise<number>;
  clear(): Promise<void>;
  /** Keeps the newest `capacity` entries. */
  prune(capacity: number): Promise<void>;
  close(): Promise<void>;
}

export const CONTROL_MIGRATIONS: Migration[] = [
  {
    version: 1,
    description: 'the shared control plane (scenario settings, today, journal settings)',
    sql: `CREATE TABLE control_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);`,
  },
];

/** The columns a filter is answered from (the entry itself is JSON). */
export function journalColumns(entry: JournalEntry): (string | null)[] {
  return [
    entry.id,
    entry.service,
    entry.outcome,
    entry.korrelationsid ?? null,
    entry.personidentitet ?? null,
    `,${(entry.included ?? []).join(',')},`,
    JSON.stringify(entry),
  ];
}

/** A filter as SQL conditions, the same rules as Journal's `matches`; `p(i)` spells the i-th placeholder. */
export function journalWhere(filter: JournalFilter, p: (i: number) => string): { sql: string; params: string[] } {
  const conditions: string[] = [];
  const params: string[] = [];
  const add = (sql: (at: string) => string, value: string) => {
    params.push(value);
    conditions.push(sql(p(params.length)));
  };
  if (filter.korrelationsid !== undefined) add((at) => `korrelationsid = ${at}`, filter.korrelationsid);
  if (filter.personidentitet !== undefined) add((at) => `personidentitet = ${at}`, filter.personidentitet);
  if (filter.outcome !== undefined) add((at) => `outcome = ${at}`, filter.outcome);
  if (filter.service !== undefined) {
    const like = `%,${filter.service},%`;
    if (filter.included === false) add((at) => `service = 'SSBTEK' AND included NOT LIKE ${at}`, like);
    else {
      params.push(filter.service, like);
      conditions.push(`(service = ${p(params.length - 1)} OR included LIKE ${p(params.length)})`);
    }
  }
  return { sql: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', params };
}

export class SqliteControlStore implements ControlStore {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly feed: SqliteChangeFeed,
  ) {
    migrate(db, 'control', CONTROL_MIGRATIONS);
  }

  async readAll(): Promise<Map<string, string>> {
    const rows = this.db.prepare('SELECT key, value FROM control_state').all() as { key: string; value: string }[];
    return new Map(rows.map((r) => [r.key, r.value]));
  }

  async read(key: string): Promise<string | undefined> {
    return this.readSync(key);
  }

  /** SQLite reads in the process: a change taken in during a request's refresh applies before the request goes on. */
  readSync(key: string): string | undefined {
    return this.db.prepare('SELECT value FROM control_state WHERE key = ?').pluck().get(key) as string | undefined;
  }

  write(key: string, json: string): Promise<void> {
    return transactionAsync(this.db, async () => {
      this.db
        .prepare(
          'INSERT INTO control_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
        )
        .run(key, json);
      this.feed.record('control', key);
    });
  }
}
