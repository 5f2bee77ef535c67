import type { Migration } from '../sqlite.js';
import { RegistryListeners, type RegisteredPerson, type RegistryStore } from '../registry-store.js';
import type { PgChangeFeed } from './change-feed.js';
import { pgTransaction, type PgClient, type PgPool } from './pg.js';

export const PG_REGISTRY_MIGRATIONS: Migration[] = [
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

interface Row {
  personidentitet: string;
  status: string;
  since: string;
  details: string;
}

const fromRow = (row: Row): RegisteredPerson => ({
  ...row,
  details: JSON.parse(row.details) as Record<string, unknown>,
});

/**
 * The population's registry on PostgreSQL. Every replica keeps the whole registry in memory (the population reads
 * it on every base-service call; a test environment's registry is births and renewals, small), loaded at start and
 * kept current by the change feed: a replica that writes updates its own copy at commit, the others when the
 * notification arrives (about a millisecond later), and all reload everything after a lost connection.
 */
export class PgRegistryStore implements RegistryStore {
  private readonly persons = new Map<string, RegisteredPerson>();
  private readonly listeners = new RegistryListeners();

  private constructor(
    private readonly pool: PgPool,
    private readonly feed: PgChangeFeed,
  ) {
    feed.subscribe('registry', (key) => void this.reload(key));
  }

  static async open(pool: PgPool, feed: PgChangeFeed): Promise<PgRegistryStore> {
    const store = new PgRegistryStore(pool, feed);
    await store.reload('*');
    return store;
  }

  get(personidentitet: string): RegisteredPerson | undefined {
    return this.persons.get(personidentitet);
  }

  list(status?: string): RegisteredPerson[] {
    return [...this.persons.values()]
      .filter((p) => status === undefined || p.status === status)
      .sort((a, b) => (a.personidentitet < b.personidentitet ? -1 : 1));
  }

  async put(person: RegisteredPerson): Promise<void> {
    await pgTransaction(this.pool, (client) => this.putIn(client, person));
    this.remember(person);
  }

  /** Writes inside the caller's transaction; call remember() once it committed. */
  async putIn(client: PgClient, person: RegisteredPerson): Promise<void> {
    await client.query(
      `INSERT INTO registered_person (personidentitet, status, since, details) VALUES ($1, $2, $3, $4)
       ON CONFLICT (personidentitet) DO UPDATE SET status = excluded.status, since = excluded.since,
         details = excluded.details`,
      [person.personidentitet, person.status, person.since, JSON.stringify(person.details)],
    );
    await this.feed.announce(client, 'registry', person.personidentitet);
  }

  remember(person: RegisteredPerson): void {
    this.persons.set(person.personidentitet, person);
    this.listeners.changed();
  }

  onChange(listener: () => void): void {
    this.listeners.add(listener);
  }

  private async reload(key: string): Promise<void> {
    if (key === '*') {
      const { rows } = await this.pool.query<Row>('SELECT * FROM registered_person');
      this.persons.clear();
      for (const row of rows) this.persons.set(row.personidentitet, fromRow(row));
      this.listeners.changed();
      return;
    }
    const { rows } = await this.pool.query<Row>('SELECT * FROM registered_person WHERE personidentitet = $1', [key]);
    if (rows[0]) this.persons.set(key, fromRow(rows[0]));
    else this.persons.delete(key);
    this.listeners.changed();
  }
}
