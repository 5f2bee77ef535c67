/**
 * The SQLite engine of the PuRegistry: reserve identities (national and regional) with their person data and link,
 * and digital contact details with their consent. Every write is one committed statement or transaction.
 */
import type { Migration, SqliteDatabase } from '../../store/sqlite.js';
import { migrate, transactionAsync } from '../../store/sqlite.js';
import type { ContactDetails, PuAdminStore, ReserveIdentity } from '../registry.js';

export type { ReservePerson } from '../registry.js';
import type { ReservePerson } from '../registry.js';

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    description: 'reserve identities and digital contact details',
    sql: `CREATE TABLE pu_reserve (
      id TEXT PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('NATIONAL', 'REGIONAL')),
      format TEXT,
      person TEXT,
      linked_to TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE INDEX pu_reserve_linked_to ON pu_reserve (linked_to);
    CREATE TABLE pu_contact (
      personidentitet TEXT PRIMARY KEY,
      email TEXT,
      phone TEXT,
      consent_given_at TEXT NOT NULL,
      shared_with TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );`,
  },
];

export { PuConflict } from '../registry.js';
import { PuConflict } from '../registry.js';

export class SqlitePuRegistry implements PuAdminStore {
  // The reads GetPersonsForProfile makes for every identity it is asked (500 in one request): prepared once.
  private readonly reserveStatement;
  private readonly linkedStatement;
  private readonly contactStatement;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly now: () => Date = () => new Date(),
  ) {
    migrate(db, 'pu', MIGRATIONS);
    this.reserveStatement = db.prepare('SELECT * FROM pu_reserve WHERE id = ?');
    this.linkedStatement = db.prepare('SELECT * FROM pu_reserve WHERE linked_to = ? ORDER BY id');
    this.contactStatement = db.prepare('SELECT * FROM pu_contact WHERE personidentitet = ?');
  }

  reserve(id: string): ReserveIdentity | undefined {
    const row = this.reserveStatement.get(id) as ReserveRow | undefined;
    return row && fromReserveRow(row);
  }

  reservesLinkedTo(personidentitet: string): ReserveIdentity[] {
    return (this.linkedStatement.all(personidentitet) as ReserveRow[]).map(fromReserveRow);
  }

  contactDetails(personidentitet: string): ContactDetails | undefined {
    const row = this.contactStatement.get(personidentitet) as ContactRow | undefined;
    return row && fromContactRow(row);
  }

  /** Every reserve identity, in id order. */
  reserves(): ReserveIdentity[] {
    return (this.db.prepare('SELECT * FROM pu_reserve ORDER BY id').all() as ReserveRow[]).map(fromReserveRow);
  }

  /** Every person with contact details, in order. */
  contactPersons(): string[] {
    const rows = this.db.prepare('SELECT personidentitet FROM pu_contact ORDER BY personidentitet').all();
    return (rows as { personidentitet: string }[]).map((r) => r.personidentitet);
  }

  /**
   * Creates a reserve identity; `choose` picks the id given a test of whether an id is taken (run inside the
   * transaction, so two creations never get the same id). Undefined when `choose` finds none free.
   */
  createReserve(
    kind: ReserveIdentity['kind'],
    choose: (taken: (id: string) => boolean) => string | undefined,
    person: ReservePerson | undefined,
    format?: string,
  ): Promise<ReserveIdentity | undefined> {
    return transactionAsync(this.db, async () => {
      const id = choose((candidate) => this.reserve(candidate) !== undefined);
      if (id === undefined) return undefined;
      if (this.reserve(id)) throw new PuConflict(`reserve identity ${id} already exists`);
      const at = this.now().toISOString();
      this.db
        .prepare(
          'INSERT INTO pu_reserve (id, kind, format, person, linked_to, created_at, updated_at) VALUES (?, ?, ?, ?, NULL, ?, ?)',
        )
        .run(id, kind, format ?? null, person ? JSON.stringify(person) : null, at, at);
      return this.reserve(id);
    });
  }

  /** Adds person data to a reserve identity: given fields replace the stored ones, others stay. */
  addPersonData(id: string, person: ReservePerson): Promise<ReserveIdentity | undefined> {
    return transactionAsync(this.db, async () => {
      const current = this.reserve(id);
      if (!current) return undefined;
      const merged = { ...current.person, ...person };
      this.db
        .prepare('UPDATE pu_reserve SET person = ?, updated_at = ? WHERE id = ?')
        .run(JSON.stringify(merged), this.now().toISOString(), id);
      return this.reserve(id);
    });
  }

  /** Links a reserve identity to a personnummer/samordningsnummer; linking again to the same one is a no-op. */
  link(id: string, personidentitet: string): Promise<ReserveIdentity | undefined> {
    return transactionAsync(this.db, async () => {
      const current = this.reserve(id);
      if (!current) return undefined;
      if (current.linkedTo === personidentitet) return current;
      if (current.linkedTo !== undefined)
        throw new PuConflict(`reserve identity ${id} is already linked to ${current.linkedTo}`);
      this.db
        .prepare('UPDATE pu_reserve SET linked_to = ?, updated_at = ? WHERE id = ?')
        .run(personidentitet, this.now().toISOString(), id);
      return this.reserve(id);
    });
  }

  /** Registers or replaces a person's contact details. True when they were new. */
  putContactDetails(details: ContactDetails): Promise<boolean> {
    return transactionAsync(this.db, async () => this.putContactDetailsNow(details));
  }

  private putContactDetailsNow(details: ContactDetails): boolean {
    const existed = this.contactDetails(details.personidentitet) !== undefined;
    this.db
      .prepare(
        `INSERT INTO pu_contact (personidentitet, email, phone, consent_given_at, shared_with, updated_at)
         VALUES (@personidentitet, @email, @phone, @givenAt, @sharedWith, @updatedAt)
         ON CONFLICT(personidentitet) DO UPDATE SET email = excluded.email, phone = excluded.phone,
           consent_given_at = excluded.consent_given_at, shared_with = excluded.shared_with,
           updated_at = excluded.updated_at`,
      )
      .run({
        personidentitet: details.personidentitet,
        email: details.email ?? null,
        phone: details.phone ?? null,
        givenAt: details.consent.givenAt,
        sharedWith: JSON.stringify(details.consent.sharedWith),
        updatedAt: details.updatedAt,
      });
    return !existed;
  }

  /** Deletes a person's contact details (consent withdrawn). False when there were none. */
  deleteContactDetails(personidentitet: string): Promise<boolean> {
    return transactionAsync(this.db, async () => this.deleteNow(personidentitet));
  }

  private deleteNow(personidentitet: string): boolean {
    return this.db.prepare('DELETE FROM pu_contact WHERE personidentitet = ?').run(personidentitet).changes > 0;
  }
}

export interface ReserveRow {
  id: string;
  kind: ReserveIdentity['kind'];
  format: string | null;
  person: string | null;
  linked_to: string | null;
  created_at: string;
  updated_at: string;
}

export function fromReserveRow(row: ReserveRow): ReserveIdentity {
  return {
    id: row.id,
    kind: row.kind,
    ...(row.format !== null ? { format: row.format } : {}),
    ...(row.person !== null ? { person: JSON.parse(row.person) as ReservePerson } : {}),
    ...(row.linked_to !== null ? { linkedTo: row.linked_to } : {}),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export interface ContactRow {
  personidentitet: string;
  email: string | null;
  phone: string | null;
  consent_given_at: string;
  shared_with: string;
  updated_at: string;
}

export function fromContactRow(row: ContactRow): ContactDetails {
  return {
    personidentitet: row.personidentitet,
    ...(row.email !== null ? { email: row.email } : {}),
    ...(row.phone !== null ? { phone: row.phone } : {}),
    consent: { givenAt: row.consent_given_at, sharedWith: JSON.parse(row.shared_with) as string[] },
    updatedAt: row.updated_at,
  };
}
