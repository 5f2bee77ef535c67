import { migrate, transactionAsync, type Migration, type SqliteDatabase } from '../../store/sqlite.js';
import type { FormatVersion } from './contracts.js';
import type { DeliveryResult } from './validate.js';

/** The module's tables. A new column or table is a new migration; a released one never changes. */
export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    description: 'SCB deliveries: the durable queue and the delivery results',
    sql: `CREATE TABLE scb_delivery (
      id INTEGER PRIMARY KEY,
      ticket TEXT NOT NULL UNIQUE,
      contract TEXT NOT NULL,
      org_nr TEXT,
      caller_org_nr TEXT NOT NULL,
      test INTEGER NOT NULL,
      delivery_format TEXT NOT NULL,
      external_version_id TEXT NOT NULL,
      format_json TEXT NOT NULL,
      file_content BLOB,
      file_size INTEGER NOT NULL,
      received_at TEXT NOT NULL,
      available_at INTEGER NOT NULL,
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

export type DeliveryState = 'queued' | 'processing' | 'processed';

export interface NewDelivery {
  ticket: string;
  contract: string;
  /** Normalized ten-digit form; null when the delivery names no organisation. */
  orgNr: string | null;
  /** Who delivered (from the certificate or the stand-in header), for the later calls on the same ticket. */
  callerOrgNr: string;
  test: boolean;
  deliveryFormat: string;
  /** The format version as it was when the delivery was accepted: a later config change does not alter it. */
  version: FormatVersion;
  fileContent: Buffer;
  receivedAt: string;
  /** Epoch ms before which the queue leaves it alone (the processing delay). */
  availableAt: number;
}

export interface DeliveryRecord {
  ticket: string;
  contract: string;
  orgNr: string | null;
  callerOrgNr: string;
  test: boolean;
  state: DeliveryState;
  result?: DeliveryResult;
}

export interface ClaimedDelivery {
  ticket: string;
  claimId: string;
  deliveryFormat: string;
  version: FormatVersion;
  test: boolean;
  fileContent: Buffer;
}

/**
 * What the routes and the queue need from storage; SqliteDeliveryStore is its SQLite engine, PgDeliveryStore
 * (postgres-store.ts) its PostgreSQL one.
 */
export interface DeliveryStore {
  /** False once the store is closed. */
  readonly open: boolean;
  /** Adds a queued delivery; committed when it resolves. */
  add(delivery: NewDelivery): Promise<void>;
  get(ticket: string): Promise<DeliveryRecord | undefined>;
  /**
   * Moves the oldest due delivery from queued to processing (one transaction; with several processes each delivery
   * goes to exactly one) and returns it. A delivery claimed more than `leaseMs` ago and still not finished (its
   * process died) is due again.
   */
  claimNext(now: number, claimId: string, leaseMs: number): Promise<ClaimedDelivery | undefined>;
  /**
   * Stores the result of a claimed delivery, only if it is still claimed by `claimId`; a Test delivery's file
   * content is dropped in the same transaction. False when the claim was lost (nothing written).
   */
  finish(ticket: string, claimId: string, result: DeliveryResult): Promise<boolean>;
  /** At start, when this process owns the store alone: unfinished claims (of a process that stopped) go back. */
  requeueUnfinished(): Promise<number>;
  /** When the next queued delivery becomes due, if any is queued. */
  nextAvailableAt(): Promise<number | undefined>;
  /** The most recent deliveries, newest first, with what was received (for the admin API's state). */
  recent(limit: number): Promise<DeliveryOverview[]>;
}

/** A delivery as an overview lists it: the record, with when and what was received and when it was processed. */
export interface DeliveryOverview extends DeliveryRecord {
  deliveryFormat: string;
  externalVersionId: string;
  fileSize: number;
  receivedAt: string;
  processedAt?: string;
  attempts: number;
}

export interface Row {
  ticket: string;
  contract: string;
  org_nr: string | null;
  caller_org_nr: string;
  test: number;
  state: DeliveryState;
  result_json: string | null;
}

export class SqliteDeliveryStore implements DeliveryStore {
  constructor(private readonly db: SqliteDatabase) {
    migrate(db, 'scb', MIGRATIONS);
  }

  get open(): boolean {
    return this.db.open;
  }

  add(d: NewDelivery): Promise<void> {
    return transactionAsync(this.db, async () => this.insert(d));
  }

  private insert(d: NewDelivery): void {
    this.db
      .prepare(
        `INSERT INTO scb_delivery (ticket, contract, org_nr, caller_org_nr, test, delivery_format,
           external_version_id, format_json, file_content, file_size, received_at, available_at, state)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued')`,
      )
      .run(...deliveryValues(d));
  }

  async get(ticket: string): Promise<DeliveryRecord | undefined> {
    const row = this.db
      .prepare(
        'SELECT ticket, contract, org_nr, caller_org_nr, test, state, result_json FROM scb_delivery WHERE ticket = ?',
      )
      .get(ticket) as Row | undefined;
    return row && recordOf(row);
  }

  async claimNext(now: number, claimId: string, leaseMs: number): Promise<ClaimedDelivery | undefined> {
    const expired = new Date(now - leaseMs).toISOString();
    const claim = this.db.transaction((): ClaimedDelivery | undefined => {
      const row = this.db
        .prepare(
          `SELECT ticket, delivery_format, format_json, test, file_content FROM scb_delivery
           WHERE (state = 'queued' AND available_at <= ?) OR (state = 'processing' AND claimed_at < ?)
           ORDER BY available_at, id LIMIT 1`,
        )
        .get(now, expired) as
        | { ticket: string; delivery_format: string; format_json: string; test: number; file_content: Buffer }
        | undefined;
      if (!row) return undefined;
      this.db
        .prepare(
          `UPDATE scb_delivery SET state = 'processing', claim_id = ?, claimed_at = ?, attempts = attempts + 1
           WHERE ticket = ?`,
        )
        .run(claimId, new Date(now).toISOString(), row.ticket);
      return {
        ticket: row.ticket,
        claimId,
        deliveryFormat: row.delivery_format,
        version: JSON.parse(row.format_json) as FormatVersion,
        test: row.test === 1,
        fileContent: row.file_content,
      };
    });
    // IMMEDIATE: the write lock is taken before the read, so no other connection can claim the same row.
    return transactionAsync(this.db, async () => claim());
  }

  finish(ticket: string, claimId: string, result: DeliveryResult): Promise<boolean> {
    return transactionAsync(this.db, async () => this.finishNow(ticket, claimId, result));
  }

  private finishNow(ticket: string, claimId: string, result: DeliveryResult): boolean {
    const info = this.db
      .prepare(
        `UPDATE scb_delivery SET state = 'processed', processed_count = processed_count + 1, processed_at = ?,
           successful_validation = ?, result_json = ?, claim_id = NULL,
           file_content = CASE WHEN test = 1 THEN NULL ELSE file_content END
         WHERE ticket = ? AND state = 'processing' AND claim_id = ?`,
      )
      .run(new Date().toISOString(), result.successfulValidation ? 1 : 0, JSON.stringify(result), ticket, claimId);
    return info.changes === 1;
  }

  requeueUnfinished(): Promise<number> {
    return transactionAsync(this.db, async () => this.requeueNow());
  }

  private requeueNow(): number {
    return this.db.prepare(`UPDATE scb_delivery SET state = 'queued', claim_id = NULL WHERE state = 'processing'`).run()
      .changes;
  }

  async recent(limit: number): Promise<DeliveryOverview[]> {
    const rows = this.db
      .prepare(`SELECT ${OVERVIEW_COLUMNS} FROM scb_delivery ORDER BY id DESC LIMIT ?`)
      .all(limit) as OverviewRow[];
    return rows.map(overviewOf);
  }

  async nextAvailableAt(): Promise<number | undefined> {
    const row = this.db.prepare(`SELECT MIN(available_at) AS next FROM scb_delivery WHERE state = 'queued'`).get() as {
      next: number | null;
    };
    return row.next ?? undefined;
  }
}

/** A new delivery's values in the insert's column order (both engines). */
export function deliveryValues(d: NewDelivery): unknown[] {
  return [
    d.ticket,
    d.contract,
    d.orgNr,
    d.callerOrgNr,
    d.test ? 1 : 0,
    d.deliveryFormat,
    d.version.externalVersionId,
    JSON.stringify(d.version),
    d.fileContent,
    d.fileContent.length,
    d.receivedAt,
    d.availableAt,
  ];
}

/** The columns a delivery overview reads (both engines). */
export const OVERVIEW_COLUMNS = `ticket, contract, org_nr, caller_org_nr, test, state, result_json, delivery_format,
  external_version_id, file_size, received_at, processed_at, attempts`;

export type OverviewRow = Row & {
  delivery_format: string;
  external_version_id: string;
  file_size: number;
  received_at: string;
  processed_at: string | null;
  attempts: number;
};

export function overviewOf(row: OverviewRow): DeliveryOverview {
  return {
    ...recordOf(row),
    deliveryFormat: row.delivery_format,
    externalVersionId: row.external_version_id,
    fileSize: row.file_size,
    receivedAt: row.received_at,
    ...(row.processed_at !== null && { processedAt: row.processed_at }),
    attempts: row.attempts,
  };
}

export function recordOf(row: Row): DeliveryRecord {
  const record: DeliveryRecord = {
    ticket: row.ticket,
    contract: row.contract,
    orgNr: row.org_nr,
    callerOrgNr: row.caller_org_nr,
    test: row.test === 1,
    state: row.state,
  };
  if (row.result_json) record.result = JSON.parse(row.result_json) as DeliveryResult;
  return record;
}
