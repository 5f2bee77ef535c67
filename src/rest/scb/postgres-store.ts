/** SCB deliveries' PostgreSQL engine (the durable queue, table scb_delivery), beside the SQLite one in store.ts. */
import { pgTransaction, type PgPool } from '../../store/postgres/pg.js';
import type { Migration } from '../../store/sqlite.js';
import type { FormatVersion } from './contracts.js';
import {
  deliveryValues,
  OVERVIEW_COLUMNS,
  overviewOf,
  recordOf,
  type ClaimedDelivery,
  type DeliveryOverview,
  type DeliveryRecord,
  type DeliveryStore,
  type NewDelivery,
  type OverviewRow,
  type Row,
} from './store.js';
import type { DeliveryResult } from './validate.js';

export const PG_MIGRATIONS: Migration[] = [
  {
    version: 1,
    description: 'SCB deliveries: the durable queue and the delivery results',
    sql: `CREATE TABLE scb_delivery (
      id BIGSERIAL PRIMARY KEY,
      ticket TEXT NOT NULL UNIQUE,
      contract TEXT NOT NULL,
      org_nr TEXT,
      caller_org_nr TEXT NOT NULL,
      test INTEGER NOT NULL,
      delivery_format TEXT NOT NULL,
      external_version_id TEXT NOT NULL,
      format_json TEXT NOT NULL,
      file_content BYTEA,
      file_size INTEGER NOT NULL,
      received_at TEXT NOT NULL,
      available_at BIGINT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('queued', 'processing', 'processed')),
      claim_id TEXT,
      claimed_at TEXT,
      attempts INTEGER NOT NULL DEFAULT 0,
      processed_count INTEGER NOT NULL DEFAULT 0,
      processed_at TEXT,
      successful_validation INTEGER,
      result_json TEXT
    );
    CREATE INDEX scb_delivery_queue ON scb_delivery (state, available_at, id);`,
  },
];

/**
 * A claim is `SELECT … FOR UPDATE SKIP LOCKED` and an UPDATE in one transaction: replicas claiming at the same time
 * each get a different delivery (a row another replica is claiming is skipped, not waited for), and a finish only
 * counts for the claim that is still current, so a ticket is processed once.
 */
export class PgDeliveryStore implements DeliveryStore {
  private closed = false;

  constructor(private readonly pool: PgPool) {
    pool.on('release', () => undefined);
  }

  get open(): boolean {
    return !this.closed && !(this.pool as { ending?: boolean }).ending;
  }

  async add(d: NewDelivery): Promise<void> {
    await this.pool.query(
      `INSERT INTO scb_delivery (ticket, contract, org_nr, caller_org_nr, test, delivery_format, external_version_id,
         format_json, file_content, file_size, received_at, available_at, state)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'queued')`,
      deliveryValues(d),
    );
  }

  async get(ticket: string): Promise<DeliveryRecord | undefined> {
    const { rows } = await this.pool.query<Row>(
      'SELECT ticket, contract, org_nr, caller_org_nr, test, state, result_json FROM scb_delivery WHERE ticket = $1',
      [ticket],
    );
    const row = rows[0];
    return row && recordOf(row);
  }

  claimNext(now: number, claimId: string, leaseMs: number): Promise<ClaimedDelivery | undefined> {
    return pgTransaction(this.pool, async (client) => {
      const { rows } = await client.query<{
        ticket: string;
        delivery_format: string;
        format_json: string;
        test: number;
        file_content: Buffer;
      }>(
        `SELECT ticket, delivery_format, format_json, test, file_content FROM scb_delivery
         WHERE (state = 'queued' AND available_at <= $1) OR (state = 'processing' AND claimed_at < $2)
         ORDER BY available_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`,
        [now, new Date(now - leaseMs).toISOString()],
      );
      const row = rows[0];
      if (!row) return undefined;
      await client.query(
        `UPDATE scb_delivery SET state = 'processing', claim_id = $1, claimed_at = $2, attempts = attempts + 1
         WHERE ticket = $3`,
        [claimId, new Date(now).toISOString(), row.ticket],
      );
      return {
        ticket: row.ticket,
        claimId,
        deliveryFormat: row.delivery_format,
        version: JSON.parse(row.format_json) as FormatVersion,
        test: row.test === 1,
        fileContent: row.file_content,
      };
    });
  }

  async finish(ticket: string, claimId: string, result: DeliveryResult): Promise<boolean> {
    const info = await this.pool.query(
      `UPDATE scb_delivery SET state = 'processed', processed_count = processed_count + 1, processed_at = $1,
         successful_validation = $2, result_json = $3, claim_id = NULL,
         file_content = CASE WHEN test = 1 THEN NULL ELSE file_content END
       WHERE ticket = $4 AND state = 'processing' AND claim_id = $5`,
      [new Date().toISOString(), result.successfulValidation ? 1 : 0, JSON.stringify(result), ticket, claimId],
    );
    return info.rowCount === 1;
  }

  async requeueUnfinished(): Promise<number> {
    const info = await this.pool.query(
      `UPDATE scb_delivery SET state = 'queued', claim_id = NULL WHERE state = 'processing'`,
    );
    return info.rowCount ?? 0;
  }

  async nextAvailableAt(): Promise<number | undefined> {
    const { rows } = await this.pool.query<{ next: string | null }>(
      `SELECT MIN(available_at) AS next FROM scb_delivery WHERE state = 'queued'`,
    );
    return rows[0]?.next == null ? undefined : Number(rows[0].next);
  }

  async recent(limit: number): Promise<DeliveryOverview[]> {
    const { rows } = await this.pool.query<OverviewRow>(
      `SELECT ${OVERVIEW_COLUMNS} FROM scb_delivery ORDER BY id DESC LIMIT $1`,
      [limit],
    );
    return rows.map(overviewOf);
  }

  close(): void {
    this.closed = true;
  }
}
