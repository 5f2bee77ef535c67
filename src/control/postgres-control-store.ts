/** The control plane and the shared journal on PostgreSQL (the same tables as control-store.ts's SQLite engine). */
import type { JournalEntry, JournalFilter } from '../journal/journal.js';
import type { PgChangeFeed } from '../store/postgres/change-feed.js';
import { pgTransaction, type PgPool } from '../store/postgres/pg.js';
import type { Migration } from '../store/sqlite.js';
import { journalColumns, journalWhere, type ControlStore, type JournalStore } from './control-store.js';

export const PG_CONTROL_MIGRATIONS: Migration[] = [
  {
    version: 1,
    description: 'the shared control plane (scenario settings, today, journal settings) and the shared journal',
    sql: `CREATE TABLE control_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE journal_entry (
      seq BIGSERIAL PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      service TEXT NOT NULL,
      outcome TEXT NOT NULL,
      korrelationsid TEXT,
      personidentitet TEXT,
      included TEXT NOT NULL,
      entry TEXT NOT NULL
    );`,
  },
];

export class PgControlStore implements ControlStore {
  constructor(
    private readonly pool: PgPool,
    private readonly feed: PgChangeFeed,
  ) {}

  async readAll(): Promise<Map<string, string>> {
    const { rows } = await this.pool.query<{ key: string; value: string }>('SELECT key, value FROM control_state');
    return new Map(rows.map((r) => [r.key, r.value]));
  }

  async read(key: string): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ value: string }>('SELECT value FROM control_state WHERE key = $1', [key]);
    return rows[0]?.value;
  }

  /** Resolves once this replica's own listener got the announcement: the other replicas have it then too. */
  async write(key: string, json: string): Promise<void> {
    const echoed = await pgTransaction(this.pool, async (client) => {
      await client.query(
        'INSERT INTO control_state (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
        [key, json],
      );
      // NOTIFY payloads are limited to 8000 bytes: a larger value is read by the others instead.
      const announced = json.length < 6_000 ? `${key}=${json}` : key;
      return { done: await this.feed.announce(client, 'control', announced) };
    });
    await echoed.done;
  }
}

export class PgJournalStore implements JournalStore {
  constructor(private readonly pool: PgPool) {}

  async append(entries: readonly JournalEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const values: (string | null)[] = [];
    const rows = entries.map((entry) => {
      const base = values.length;
      values.push(...journalColumns(entry));
      return `(${Array.from({ length: 7 }, (_, i) => `$${base + i + 1}`).join(', ')})`;
    });
    await this.pool.query(
      `INSERT INTO journal_entry (id, service, outcome, korrelationsid, personidentitet, included, entry)
       VALUES ${rows.join(', ')} ON CONFLICT (id) DO NOTHING`,
      values,
    );
  }

  async list(filter: JournalFilter, limit: number): Promise<JournalEntry[]> {
    const { sql, params } = journalWhere(filter, (i) => `$${i}`);
    const { rows } = await this.pool.query<{ entry: string }>(
      `SELECT entry FROM journal_entry ${sql} ORDER BY seq DESC LIMIT $${params.length + 1}`,
      [...params, limit],
    );
    return rows.map((r) => JSON.parse(r.entry) as JournalEntry);
  }

  async get(id: string): Promise<JournalEntry | undefined> {
    const { rows } = await this.pool.query<{ entry: string }>('SELECT entry FROM journal_entry WHERE id = $1', [id]);
    return rows[0] && (JSON.parse(rows[0].entry) as JournalEntry);
  }

  async count(filter: JournalFilter): Promise<number> {
    const { sql, params } = journalWhere(filter, (i) => `$${i}`);
    const { rows } = await this.pool.query<{ n: string }>(`SELECT COUNT(*) AS n FROM journal_entry ${sql}`, params);
    return Number(rows[0]?.n ?? 0);
  }

  async clear(): Promise<void> {
    await this.pool.query('DELETE FROM journal_entry');
  }

  async prune(capacity: number): Promise<void> {
    await this.pool.query(
      'DELETE FROM journal_entry WHERE seq <= (SELECT COALESCE(MAX(seq), 0) FROM journal_entry) - $1',
      [capacity],
    );
  }

  async close(): Promise<void> {}
}
