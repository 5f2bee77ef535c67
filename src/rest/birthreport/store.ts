/** Where received birth reports are kept: the store interface and its SQLite engine (table birth_report). */
import type { Migration, SqliteDatabase } from '../../store/sqlite.js';
import { migrate } from '../../store/sqlite.js';

export interface StoredReport {
  /** reportId in lower case (the idempotency key). */
  reportKey: string;
  /** Fingerprint of the body: a repeat with the same fingerprint gets the stored answer. */
  requestHash: string;
  request: unknown;
  httpStatus: 201 | 202;
  response: unknown;
  /** The child's new number (201 only). */
  personalIdentityNumber?: string;
  /** Which child the report is about (report.ts: childKey). */
  childKey: string;
  receivedAt: string;
}

export interface BirthReportStore {
  get(reportKey: string): StoredReport | undefined;
  /** The earliest report about this child, if any. */
  findByChild(childKey: string): StoredReport | undefined;
  isNumberUsed(personalIdentityNumber: string): boolean;
  insert(report: StoredReport): void;
  /** The most recent reports, newest first (for the admin API's state). */
  recent(limit: number): StoredReport[];
  /** Runs `work` as one committed transaction (or none of it, if it throws). */
  transaction<T>(work: () => T): T;
}

const MIGRATIONS: Migration[] = [
  {
    version: 1,
    description: 'received birth reports, one per reportId, and the numbers handed out',
    sql: `CREATE TABLE birth_report (
      report_key TEXT PRIMARY KEY,
      request_hash TEXT NOT NULL,
      request TEXT NOT NULL,
      http_status INTEGER NOT NULL CHECK (http_status IN (201, 202)),
      response TEXT NOT NULL,
      personal_identity_number TEXT UNIQUE,
      child_key TEXT NOT NULL,
      received_at TEXT NOT NULL
    );
    CREATE INDEX birth_report_child ON birth_report (child_key, received_at)`,
  },
];

interface Row {
  report_key: string;
  request_hash: string;
  request: string;
  http_status: 201 | 202;
  response: string;
  personal_identity_number: string | null;
  child_key: string;
  received_at: string;
}

export class SqliteBirthReportStore implements BirthReportStore {
  private readonly getStatement;
  private readonly byChildStatement;
  private readonly numberStatement;
  private readonly insertStatement;

  constructor(private readonly db: SqliteDatabase) {
    migrate(db, 'birthreport', MIGRATIONS);
    this.getStatement = db.prepare('SELECT * FROM birth_report WHERE report_key = ?');
    this.byChildStatement = db.prepare(
      'SELECT * FROM birth_report WHERE child_key = ? ORDER BY received_at, rowid LIMIT 1',
    );
    this.numberStatement = db.prepare('SELECT 1 FROM birth_report WHERE personal_identity_number = ?');
    this.insertStatement = db.prepare(
      `INSERT INTO birth_report (report_key, request_hash, request, http_status, response, personal_identity_number,
        child_key, received_at)
       VALUES (@reportKey, @requestHash, @request, @httpStatus, @response, @personalIdentityNumber, @childKey, @receivedAt)`,
    );
  }

  get(reportKey: string): StoredReport | undefined {
    const row = this.getStatement.get(reportKey) as Row | undefined;
    return row && fromRow(row);
  }

  findByChild(childKey: string): StoredReport | undefined {
    const row = this.byChildStatement.get(childKey) as Row | undefined;
    return row && fromRow(row);
  }

  isNumberUsed(personalIdentityNumber: string): boolean {
    return this.numberStatement.get(personalIdentityNumber) !== undefined;
  }

  insert(report: StoredReport): void {
    this.insertStatement.run({
      ...report,
      request: JSON.stringify(report.request),
      response: JSON.stringify(report.response),
      personalIdentityNumber: report.personalIdentityNumber ?? null,
    });
  }

  recent(limit: number): StoredReport[] {
    const rows = this.db.prepare('SELECT * FROM birth_report ORDER BY received_at DESC, rowid DESC LIMIT ?').all(limit);
    return (rows as Row[]).map(fromRow);
  }

  transaction<T>(work: () => T): T {
    // IMMEDIATE: the write lock is taken before reading, so two processes on one file cannot hand out one number.
    return this.db.transaction(work).immediate();
  }
}

function fromRow(row: Row): StoredReport {
  return {
    reportKey: row.report_key,
    requestHash: row.request_hash,
    request: JSON.parse(row.request) as unknown,
    httpStatus: row.http_status,
    response: JSON.parse(row.response) as unknown,
    ...(row.personal_identity_number ? { personalIdentityNumber: row.personal_identity_number } : {}),
    childKey: row.child_key,
    receivedAt: row.received_at,
  };
}
