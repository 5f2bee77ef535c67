/** Renewals' PostgreSQL engine (table samordningsnummer_fornyelse), beside the SQLite one in store.ts. */
import { LOCKS, pgTransaction, type PgPool } from '../../store/postgres/pg.js';
import type { PgRegistryStore } from '../../store/postgres/registry-store.js';
import type { RegisteredPerson } from '../../store/registry-store.js';
import type { Migration } from '../../store/sqlite.js';
import { fromRow, toRow, type Fornyelse, type FornyelseStore, type FornyelseTransaktion, type Row } from './store.js';

export const PG_MIGRATIONS: Migration[] = [
  {
    version: 1,
    description: 'renewals of samordningsnummer (anmälan om förnyelse)',
    sql: `CREATE TABLE samordningsnummer_fornyelse (
      id BIGSERIAL PRIMARY KEY,
      samordningsnummer TEXT NOT NULL,
      ingivarnamn TEXT NOT NULL,
      client_id TEXT NOT NULL,
      skv_client_correlation_id TEXT NOT NULL,
      skv_correlation_id TEXT NOT NULL,
      mottagen TEXT NOT NULL,
      fornyad_datum TEXT NOT NULL,
      aktiv_tom TEXT NOT NULL,
      var_vilande INTEGER NOT NULL,
      UNIQUE (samordningsnummer, fornyad_datum)
    )`,
  },
];

/** Each renewal's transaction takes one advisory lock first: a number's check and its renewal never interleave. */
export class PgFornyelseStore implements FornyelseStore {
  constructor(
    private readonly pool: PgPool,
    private readonly registry: PgRegistryStore,
  ) {}

  async iTransaktion<T>(work: (tx: FornyelseTransaktion) => Promise<T>): Promise<T> {
    const registered: RegisteredPerson[] = [];
    const result = await pgTransaction(this.pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [LOCKS.renewals]);
      const tx: FornyelseTransaktion = {
        senaste: async (samordningsnummer) => {
          const { rows } = await client.query<Row>(
            `SELECT * FROM samordningsnummer_fornyelse WHERE samordningsnummer = $1
             ORDER BY fornyad_datum DESC, id DESC LIMIT 1`,
            [samordningsnummer],
          );
          return rows[0] && fromRow(rows[0]);
        },
        spara: async (f) => {
          const r = toRow(f);
          await client.query(
            `INSERT INTO samordningsnummer_fornyelse (samordningsnummer, ingivarnamn, client_id,
               skv_client_correlation_id, skv_correlation_id, mottagen, fornyad_datum, aktiv_tom, var_vilande)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
            [
              r.samordningsnummer,
              r.ingivarnamn,
              r.client_id,
              r.skv_client_correlation_id,
              r.skv_correlation_id,
              r.mottagen,
              r.fornyad_datum,
              r.aktiv_tom,
              r.var_vilande,
            ],
          );
        },
        registrera: async (person) => {
          await this.registry.putIn(client, person);
          registered.push(person);
        },
      };
      return work(tx);
    });
    for (const person of registered) this.registry.remember(person);
    return result;
  }

  async senasteAlla(limit: number): Promise<Fornyelse[]> {
    const { rows } = await this.pool.query<Row>('SELECT * FROM samordningsnummer_fornyelse ORDER BY id DESC LIMIT $1', [
      limit,
    ]);
    return rows.map(fromRow);
  }
}
