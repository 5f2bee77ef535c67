import type { RegisteredPerson, RegistryStore } from '../../store/registry-store.js';
import type { Migration, SqliteDatabase } from '../../store/sqlite.js';
import { migrate, transactionAsync } from '../../store/sqlite.js';

/** An accepted anmälan om förnyelse: who renewed which number, when, and under which correlation ids. */
export interface Fornyelse {
  samordningsnummer: string;
  ingivarnamn: string;
  /** The OAuth2 client that sent it. */
  clientId: string;
  /** The caller's skv_client_correlation_id and the service's own skv_correlation_id. */
  klientKorrelationsId: string;
  korrelationsId: string;
  /** When the anmälan was received (ISO timestamp) and the date the renewal took effect. */
  mottagen: string;
  fornyadDatum: string;
  /** The last day the number is active after this renewal. */
  aktivTom: string;
  /** The number was already vilande when it was renewed. */
  varVilande: boolean;
}

/** What one renewal's transaction may read and write. */
export interface FornyelseTransaktion {
  /** The most recent renewal of a number, if any. */
  senaste(samordningsnummer: string): Promise<Fornyelse | undefined>;
  spara(fornyelse: Fornyelse): Promise<void>;
  /** Sets the number's status in the population's registry, in the same transaction. */
  registrera(person: RegisteredPerson): Promise<void>;
}

/**
 * The store interface for renewals; SqliteFornyelseStore is its SQLite engine, PgFornyelseStore
 * (postgres-store.ts) its PostgreSQL one. Renewals are decided one at a time across processes (SQLite's write
 * lock, PostgreSQL's advisory lock), and (number, day) is a unique key besides: a number is renewed once.
 */
export interface FornyelseStore {
  /** Runs `work` as one write transaction, committed before it resolves. */
  iTransaktion<T>(work: (tx: FornyelseTransaktion) => Promise<T>): Promise<T>;
  /** The most recent renewals of any number, newest first (for the admin API's state). */
  senasteAlla(limit: number): Promise<Fornyelse[]>;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    description: 'renewals of samordningsnummer (anmälan om förnyelse)',
    sql: `CREATE TABLE samordningsnummer_fornyelse (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
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

export interface Row {
  samordningsnummer: string;
  ingivarnamn: string;
  client_id: string;
  skv_client_correlation_id: string;
  skv_correlation_id: string;
  mottagen: string;
  fornyad_datum: string;
  aktiv_tom: string;
  var_vilande: number;
}

export class SqliteFornyelseStore implements FornyelseStore {
  private readonly latestStatement;
  private readonly insertStatement;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly registry: RegistryStore,
  ) {
    migrate(db, 'samordningsnummer', MIGRATIONS);
    this.latestStatement = db.prepare(
      'SELECT * FROM samordningsnummer_fornyelse WHERE samordningsnummer = ? ORDER BY fornyad_datum DESC, id DESC LIMIT 1',
    );
    this.insertStatement = db.prepare(
      `INSERT INTO samordningsnummer_fornyelse (samordningsnummer, ingivarnamn, client_id, skv_client_correlation_id,
         skv_correlation_id, mottagen, fornyad_datum, aktiv_tom, var_vilande)
       VALUES (@samordningsnummer, @ingivarnamn, @client_id, @skv_client_correlation_id, @skv_correlation_id,
         @mottagen, @fornyad_datum, @aktiv_tom, @var_vilande)`,
    );
  }

  async senasteAlla(limit: number): Promise<Fornyelse[]> {
    const rows = this.db.prepare('SELECT * FROM samordningsnummer_fornyelse ORDER BY id DESC LIMIT ?').all(limit);
    return (rows as Row[]).map(fromRow);
  }

  iTransaktion<T>(work: (tx: FornyelseTransaktion) => Promise<T>): Promise<T> {
    const tx: FornyelseTransaktion = {
      senaste: async (samordningsnummer) => {
        const row = this.latestStatement.get(samordningsnummer) as Row | undefined;
        return row && fromRow(row);
      },
      spara: async (f) => void this.insertStatement.run(toRow(f)),
      registrera: async (person) => this.registry.put(person),
    };
    // IMMEDIATE takes the write lock up front, so the check and the insert cannot interleave with another writer.
    return transactionAsync(this.db, () => work(tx));
  }
}

export function toRow(f: Fornyelse): Row {
  return {
    samordningsnummer: f.samordningsnummer,
    ingivarnamn: f.ingivarnamn,
    client_id: f.clientId,
    skv_client_correlation_id: f.klientKorrelationsId,
    skv_correlation_id: f.korrelationsId,
    mottagen: f.mottagen,
    fornyad_datum: f.fornyadDatum,
    aktiv_tom: f.aktivTom,
    var_vilande: f.varVilande ? 1 : 0,
  };
}

export function fromRow(row: Row): Fornyelse {
  return {
    samordningsnummer: row.samordningsnummer,
    ingivarnamn: row.ingivarnamn,
    clientId: row.client_id,
    klientKorrelationsId: row.skv_client_correlation_id,
    korrelationsId: row.skv_correlation_id,
    mottagen: row.mottagen,
    fornyadDatum: row.fornyad_datum,
    aktivTom: row.aktiv_tom,
    varVilande: row.var_vilande === 1,
  };
}
