import type { Migration, SqliteDatabase } from './sqlite.js';
import { migrate } from './sqlite.js';
import type { SqliteChangeFeed } from './sqlite-change-feed.js';

/**
 * What the population knows beyond what it generates: persons added by a service (a reported birth) and a status
 * a service set (a renewed samordningsnummer). Every service reads it through the Population, so a change made
 * by one adapter is visible to all.
 */
export interface RegisteredPerson {
  personidentitet: string;
  /** e.g. 'FODD' (added by a birth report), 'FORNYAD' (samordningsnummer renewed), 'VILANDE'. */
  status: string;
  /** ISO date the status took effect. */
  since: string;
  /** Free-form facts the adding service knows (e.g. { kon: 'GIRL', modersPersonidentitet: '…' }). */
  details: Record<string, unknown>;
}

/**
 * The store interface for the population's registry; SqliteRegistryStore is its SQLite engine (reads are SQLite
 * reads in the process, always current), PgRegistryStore (src/store/postgres/) its PostgreSQL one (reads from memory).
 */
export interface RegistryStore {
  get(personidentitet: string): RegisteredPerson | undefined;
  /** Committed when it returns (SQLite) or resolves (PostgreSQL). */
  put(person: RegisteredPerson): void | Promise<void>;
  list(status?: string): RegisteredPerson[];
  /**
   * Calls `listener` after every change, made here or (through the store's change feed) by another process: what
   * was answered from the registry before it may be stale (kept answers are emptied).
   */
  onChange(listener: () => void): void;
}

/** The listeners of a registry's changes (RegistryStore.onChange). */
export class RegistryListeners {
  private readonly listeners: (() => void)[] = [];

  add(listener: () => void): void {
    this.listeners.push(listener);
  }

  changed(): void {
    for (const listener of this.listeners) listener();
  }
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    description: 'registered persons and their status',
    sql: `CREATE TABLE registered_person (
      personidentitet TEXT PRIMARY KEY,
      status TEXT NOT NULL,
      since TEXT NOT NULL,
      details TEXT NOT NULL
    )`,
  },
];

/** The most registry reads kept in memory by one process (found or not); past it they are all forgotten. */
const MAX_REMEMBERED = 1_000;

export class SqliteRegistryStore implements RegistryStore {
  private readonly getStatement;
  private readonly putStatement;
  private readonly listeners = new RegistryListeners();
  /**
   * What get() read, by number (null: not registered), frozen: every service asks for a person several times per
   * query. Forgotten on every change, this process's own (put) or another's (the change feed, which each request
   * reads first, as it does for the kept answers); not filled inside a transaction (it may yet be rolled back).
   */
  private readonly remembered = new Map<string, RegisteredPerson | null>();

  /** With a change feed, every write is announced to the other processes on the file (and heard from them). */
  constructor(
    private readonly db: SqliteDatabase,
    private readonly feed?: SqliteChangeFeed,
  ) {
    migrate(db, 'registry', MIGRATIONS);
    feed?.subscribe('registry', () => {
      this.remembered.clear();
      this.listeners.changed();
    });
    this.getStatement = db.prepare('SELECT * FROM registered_person WHERE personidentitet = ?');
    this.putStatement = db.prepare(
      `INSERT INTO registered_person (personidentitet, status, since, details) VALUES (@personidentitet, @status, @since, @details)
       ON CONFLICT(personidentitet) DO UPDATE SET status = excluded.status, since = excluded.since, details = excluded.details`,
    );
  }

  get(personidentitet: string): RegisteredPerson | undefined {
    const known = this.remembered.get(personidentitet);
    if (known !== undefined) return known ?? undefined;
    const row = this.getStatement.get(personidentitet) as Row | undefined;
    const person = row && frozen(fromRow(row));
    if (!this.db.inTransaction) {
      if (this.remembered.size >= MAX_REMEMBERED) this.remembered.clear();
      this.remembered.set(personidentitet, person ?? null);
    }
    return person;
  }

  /** Inside the caller's transaction, when there is one: the feed's record commits with the row. */
  put(person: RegisteredPerson): void {
    this.remembered.clear();
    this.putStatement.run({ ...person, details: JSON.stringify(person.details) });
    this.feed?.record('registry', person.personidentitet);
    this.listeners.changed();
  }

  onChange(listener: () => void): void {
    this.listeners.add(listener);
  }

  list(status?: string): RegisteredPerson[] {
    const rows = (
      status === undefined
        ? this.db.prepare('SELECT * FROM registered_person ORDER BY personidentitet').all()
        : this.db.prepare('SELECT * FROM registered_person WHERE status = ? ORDER BY personidentitet').all(status)
    ) as Row[];
    return rows.map(fromRow);
  }
}

interface Row {
  personidentitet: string;
  status: string;
  since: string;
  details: string;
}

/** Shared by every reader of a remembered person: nobody may change it. */
function frozen(person: RegisteredPerson): RegisteredPerson {
  Object.freeze(person.details);
  return Object.freeze(person);
}

function fromRow(row: Row): RegisteredPerson {
  return { ...row, details: JSON.parse(row.details) as Record<string, unknown> };
}
