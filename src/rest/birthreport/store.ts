/** Where received birth reports are kept: the store interface and its SQLite engine (table birth_report). */
import type { RegisteredPerson, RegistryStore } from '../../store/registry-store.js';
import type { Migration, SqliteDatabase } from '../../store/sqlite.js';
import { migrate, transactionAsync } from '../../store/sqlite.js';

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

/** What a birth report's transaction may read and write. */
export interface BirthReportTransaction {
  get(reportKey: string): Promise<StoredReport | undefined>;
  /** The earliest report about this child, if any. */
  findByChild(childKey: string): Promise<StoredReport | undefined>;
  /** The numbers this store handed out that start with `prefix` (a birth date, YYYYMMDD). */
  numbersUsed(prefix: string): Promise<Set<string>>;
  insert(report: StoredReport): Promise<void>;
  /** Adds the child to the population's registry, in the same transaction. */
  register(person: RegisteredPerson): Promise<void>;
}

/**
 * The store interface: one transaction per report. The engines make it race-free across processes: SQLite takes
 * the file's write lock first (BEGIN IMMEDIATE), PostgreSQL an advisory lock that every birth report takes, and both
 * have the report key and the handed-out number as unique keys besides.
 */
export interface BirthReportStore {
  /** Runs `work` as one committed transaction (or none of it, if it throws). */
  transaction<T>(work: (tx: BirthReportTransaction) => Promise<T>): Promise<T>;
  /** The most recent reports, newest first (for the admin API's state). */
  recent(limit: number): Promise<StoredReport[]>;
}

export const MIGRATIONS: Migration[] = [
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

export interface Row {
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
  private readonly numbersStatement;
  private readonly insertStatement;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly registry: RegistryStore,
  ) {
    migrate(db, 'birthreport', MIGRATIONS);
    this.getStatement = db.prepare('SELECT * FROM birth_report WHERE report_key = ?');
    this.byChildStatement = db.prepare(
      'SELECT * FROM birth_report WHERE child_key = ? ORDER BY received_at, rowid LIMIT 1',
    );
    this.numbersStatement = db
      .prepare("SELECT personal_identity_number FROM birth_report WHERE personal_identity_number LIKE ? || '%'")
      .pluck();
    this.insertStatement = db.prepare(
      `INSERT INTO birth_report (report_key, request_hash, request, http_status, response, personal_identity_number,
        child_key, received_at)
       VALUES (@reportKey, @requestHash, @request, @httpStatus, @response, @personalIdentityNumber, @childKey, @receivedAt)`,
    );
  }

  async recent(limit: number): Promise<StoredReport[]> {
    const rows = this.db.prepare('SELECT * FROM birth_report ORDER BY received_at DESC, rowid DESC LIMIT ?').all(limit);
    return (rows as Row[]).map(fromRow);
  }

  transaction<T>(work: (tx: BirthReportTransaction) => Promise<T>): Promise<T> {
    const tx: BirthReportTransaction = {
      get: async (reportKey) => this.row(this.getStatement.get(reportKey)),
      findByChild: async (childKey) => this.row(this.byChildStatement.get(childKey)),
      numbersUsed: async (prefix) => new Set(this.numbersStatement.all(prefix) as string[]),
      insert: async (report) => {
        this.insertStatement.run({
          ...report,
          request: JSON.stringify(report.request),
          response: JSON.stringify(report.response),
          personalIdentityNumber: report.personalIdentityNumber ?? null,
        });
      },
      register: async (person) => this.registry.put(person),
    };
    // IMMEDIATE: the write lock is taken before reading, so two processes on one file cannot hand out one number.
    return transactionAsync(this.db, () => work(tx));
  }

  private row(row: unknown): StoredReport | undefined {
    return row ? fromRow(row as Row) : undefined;
  }
}

export function fromRow(row: Row): StoredReport {
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
