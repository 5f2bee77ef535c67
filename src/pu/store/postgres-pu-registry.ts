/**
 * The PostgreSQL engine of the PuRegistry, beside the SQLite one. GetPersonsForProfile reads it on every lookup,
 * so each replica keeps both tables in memory (a test environment's reserve identities and contact details are
 * few), loaded at start and kept current by the change feed (LISTEN/NOTIFY; about a millisecond behind another
 * replica's commit). Writes are transactions; creating a reserve identity takes an advisory lock first, so no two
 * replicas hand out one id (the primary key stands behind it).
 */
import type { PgChangeFeed } from '../../store/postgres/change-feed.js';
import { LOCKS, pgTransaction, type PgClient, type PgPool } from '../../store/postgres/pg.js';
import type { Migration } from '../../store/sqlite.js';
import {
  PuConflict,
  type ContactDetails,
  type PuAdminStore,
  type ReserveIdentity,
  type ReservePerson,
} from '../registry.js';
import { fromContactRow, fromReserveRow, type ContactRow, type ReserveRow } from './sqlite-pu-registry.js';

export const PG_MIGRATIONS: Migration[] = [
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

const byKey = <T>(a: [string, T], b: [string, T]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

export class PgPuRegistry implements PuAdminStore {
  private readonly reserveById = new Map<string, ReserveIdentity>();
  private readonly contactByPerson = new Map<string, ContactDetails>();

  private constructor(
    private readonly pool: PgPool,
    private readonly feed: PgChangeFeed,
    private readonly now: () => Date,
  ) {
    feed.subscribe('pu-reserve', (key) => void this.reloadReserve(key));
    feed.subscribe('pu-contact', (key) => void this.reloadContact(key));
  }

  static async open(pool: PgPool, feed: PgChangeFeed, now: () => Date = () => new Date()): Promise<PgPuRegistry> {
    const registry = new PgPuRegistry(pool, feed, now);
    await registry.reloadReserve('*');
    await registry.reloadContact('*');
    return registry;
  }

  reserve(id: string): ReserveIdentity | undefined {
    return this.reserveById.get(id);
  }

  reservesLinkedTo(personidentitet: string): ReserveIdentity[] {
    return this.reserves().filter((r) => r.linkedTo === personidentitet);
  }

  contactDetails(personidentitet: string): ContactDetails | undefined {
    return this.contactByPerson.get(personidentitet);
  }

  reserves(): ReserveIdentity[] {
    return [...this.reserveById.entries()].sort(byKey).map(([, r]) => r);
  }

  contactPersons(): string[] {
    return [...this.contactByPerson.keys()].sort();
  }

  async createReserve(
    kind: ReserveIdentity['kind'],
    choose: (taken: (id: string) => boolean) => string | undefined,
    person: ReservePerson | undefined,
    format?: string,
  ): Promise<ReserveIdentity | undefined> {
    return this.reserveWrite(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [LOCKS.reserves]);
      const { rows } = await client.query<{ id: string }>('SELECT id FROM pu_reserve');
      const taken = new Set(rows.map((r) => r.id));
      const id = choose((candidate) => taken.has(candidate));
      if (id === undefined) return undefined;
      if (taken.has(id)) throw new PuConflict(`reserve identity ${id} already exists`);
      const at = this.now().toISOString();
      await client.query(
        `INSERT INTO pu_reserve (id, kind, format, person, linked_to, created_at, updated_at)
         VALUES ($1, $2, $3, $4, NULL, $5, $6)`,
        [id, kind, format ?? null, person ? JSON.stringify(person) : null, at, at],
      );
      return id;
    });
  }

  addPersonData(id: string, person: ReservePerson): Promise<ReserveIdentity | undefined> {
    return this.reserveWrite(async (client) => {
      const current = await this.lockedReserve(client, id);
      if (!current) return undefined;
      await client.query('UPDATE pu_reserve SET person = $1, updated_at = $2 WHERE id = $3', [
        JSON.stringify({ ...current.person, ...person }),
        this.now().toISOString(),
        id,
      ]);
      return id;
    });
  }

  link(id: string, personidentitet: string): Promise<ReserveIdentity | undefined> {
    return this.reserveWrite(async (client) => {
      const current = await this.lockedReserve(client, id);
      if (!current) return undefined;
      if (current.linkedTo === personidentitet) return id;
      if (current.linkedTo !== undefined)
        throw new PuConflict(`reserve identity ${id} is already linked to ${current.linkedTo}`);
      await client.query('UPDATE pu_reserve SET linked_to = $1, updated_at = $2 WHERE id = $3', [
        personidentitet,
        this.now().toISOString(),
        id,
      ]);
      return id;
    });
  }

  async putContactDetails(details: ContactDetails): Promise<boolean> {
    const created = await pgTransaction(this.pool, async (client) => {
      const { rows } = await client.query<{ inserted: boolean }>(
        `INSERT INTO pu_contact (personidentitet, email, phone, consent_given_at, shared_with, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (personidentitet) DO UPDATE SET email = excluded.email, phone = excluded.phone,
           consent_given_at = excluded.consent_given_at, shared_with = excluded.shared_with,
           updated_at = excluded.updated_at
         RETURNING (xmax = 0) AS inserted`,
        [
          details.personidentitet,
          details.email ?? null,
          details.phone ?? null,
          details.consent.givenAt,
          JSON.stringify(details.consent.sharedWith),
          details.updatedAt,
        ],
      );
      await this.feed.announce(client, 'pu-contact', details.personidentitet);
      return rows[0]?.inserted === true;
    });
    await this.reloadContact(details.personidentitet);
    return created;
  }

  async deleteContactDetails(personidentitet: string): Promise<boolean> {
    const deleted = await pgTransaction(this.pool, async (client) => {
      const info = await client.query('DELETE FROM pu_contact WHERE personidentitet = $1', [personidentitet]);
      await this.feed.announce(client, 'pu-contact', personidentitet);
      return (info.rowCount ?? 0) > 0;
    });
    this.contactByPerson.delete(personidentitet);
    return deleted;
  }

  /** Runs a reserve write that names the id it wrote; then this replica's copy of that row is read back. */
  private async reserveWrite(
    work: (client: PgClient) => Promise<string | undefined>,
  ): Promise<ReserveIdentity | undefined> {
    const id = await pgTransaction(this.pool, async (client) => {
      const written = await work(client);
      if (written !== undefined) await this.feed.announce(client, 'pu-reserve', written);
      return written;
    });
    if (id === undefined) return undefined;
    await this.reloadReserve(id);
    return this.reserveById.get(id);
  }

  private async lockedReserve(client: PgClient, id: string): Promise<ReserveIdentity | undefined> {
    const { rows } = await client.query<ReserveRow>('SELECT * FROM pu_reserve WHERE id = $1 FOR UPDATE', [id]);
    return rows[0] && fromReserveRow(rows[0]);
  }

  private async reloadReserve(key: string): Promise<void> {
    if (key === '*') {
      const { rows } = await this.pool.query<ReserveRow>('SELECT * FROM pu_reserve');
      this.reserveById.clear();
      for (const row of rows) this.reserveById.set(row.id, fromReserveRow(row));
      return;
    }
    const { rows } = await this.pool.query<ReserveRow>('SELECT * FROM pu_reserve WHERE id = $1', [key]);
    if (rows[0]) this.reserveById.set(key, fromReserveRow(rows[0]));
    else this.reserveById.delete(key);
  }

  private async reloadContact(key: string): Promise<void> {
    if (key === '*') {
      const { rows } = await this.pool.query<ContactRow>('SELECT * FROM pu_contact');
      this.contactByPerson.clear();
      for (const row of rows) this.contactByPerson.set(row.personidentitet, fromContactRow(row));
      return;
    }
    const { rows } = await this.pool.query<ContactRow>('SELECT * FROM pu_contact WHERE personidentitet = $1', [key]);
    if (rows[0]) this.contactByPerson.set(key, fromContactRow(rows[0]));
    else this.contactByPerson.delete(key);
  }
}
