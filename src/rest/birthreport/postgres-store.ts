/** The birth reports' PostgreSQL engine (table birth_report), beside the SQLite one in store.ts. */
import { LOCKS, pgTransaction, type PgPool } from '../../store/postgres/pg.js';
import type { PgRegistryStore } from '../../store/postgres/registry-store.js';
import type { RegisteredPerson } from '../../store/registry-store.js';
import type { Migration } from '../../store/sqlite.js';
import { fromRow, type BirthReportStore, type BirthReportTransaction, type Row, type StoredReport } from './store.js';

export const PG_MIGRATIONS: Migration[] = [
  {
    version: 1,
    description: 'received birth reports, one per reportId, and the numbers handed out',
    sql: `CREATE TABLE birth_report (
      seq BIGSERIAL,
      report_key TEXT PRIMARY KEY,
      request_hash TEXT NOT NULL,
      request TEXT NOT NULL,
      http_status INTEGER NOT NULL CHECK (http_status IN (201, 202)),
      response TEXT NOT NULL,
      personal_identity_number TEXT UNIQUE,
      child_key TEXT NOT NULL,
      received_at TEXT NOT NULL
    );
    CREATE INDEX birth_report_child ON birth_report (child_key, received_at, seq)`,
  },
];

/**
 * Every birth report's transaction first takes one advisory lock, so reports are decided one after another across
 * all replicas: a number is handed out once, a repeated reportId finds the first. The unique keys stand behind it.
 */
export class PgBirthReportStore implements BirthReportStore {
  constructor(
    private readonly pool: PgPool,
    private readonly registry: PgRegistryStore,
  ) {}

  async transaction<T>(work: (tx: BirthReportTransaction) => Promise<T>): Promise<T> {
    const registered: RegisteredPerson[] = [];
    const result = await pgTransaction(this.pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [LOCKS.births]);
      const one = async (sql: string, value: string) => {
        const { rows } = await client.query<Row>(sql, [value]);
        return rows[0] ? fromRow(rows[0]) : undefined;
      };
      const tx: BirthReportTransaction = {
        get: (key) => one('SELECT * FROM birth_report WHERE report_key = $1', key),
        findByChild: (child) =>
          one('SELECT * FROM birth_report WHERE child_key = $1 ORDER BY received_at, seq LIMIT 1', child),
        numbersUsed: async (prefix) => {
          const { rows } = await client.query<{ n: string }>(
            `SELECT personal_identity_number AS n FROM birth_report WHERE personal_identity_number LIKE $1 || '%'`,
            [prefix],
          );
          return new Set(rows.map((r) => r.n));
        },
        insert: async (r) => {
          await client.query(
            `INSERT INTO birth_report (report_key, request_hash, request, http_status, response,
               personal_identity_number, child_key, received_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
            [
              r.reportKey,
              r.requestHash,
              JSON.stringify(r.request),
              r.httpStatus,
              JSON.stringify(r.response),
              r.personalIdentityNumber ?? null,
              r.childKey,
              r.receivedAt,
            ],
          );
        },
        register: async (person) => {
          await this.registry.putIn(client, person);
          registered.push(person);
        },
      };
      return work(tx);
    });
    for (const person of registered) this.registry.remember(person);
    return result;
  }

  async recent(limit: number): Promise<StoredReport[]> {
    const { rows } = await this.pool.query<Row>(
      'SELECT * FROM birth_report ORDER BY received_at DESC, seq DESC LIMIT $1',
      [limit],
    );
    return rows.map(fromRow);
  }
}
