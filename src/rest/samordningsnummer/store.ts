import type { Migration, SqliteDatabase } from '../../store/sqlite.js';
import { migrate } from '../../store/sqlite.js';

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

/** The store interface for renewals; SqliteFornyelseStore is its SQLite engine. */
export interface FornyelseStore {
  /** The most recent renewal of a number, if any. */
  senaste(samordningsnummer: string): Fornyelse | undefined;
  spara(fornyelse: Fornyelse): void;
  /** The most recent renewals of any number, newest first (for the admin API's state). */
  senasteAlla(limit: number): Fornyelse[];
  /** Runs `work` as one write transaction, committed before it returns. */
  iTransaktion<T>(work: () => T): T;
}

const MIGRATIONS: Migration[] = [
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

interface Row {
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

  constructor(private readonly db: SqliteDatabase) {
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

  senaste(samordningsnummer: string): Fornyelse | undefined {
    const row = this.latestStatement.get(samordningsnummer) as Row | undefined;
    return row && fromRow(row);
  }

  spara(f: Fornyelse): void {
    this.insertStatement.run({
      samordningsnummer: f.samordningsnummer,
      ingivarnamn: f.ingivarnamn,
      client_id: f.clientId,
      skv_client_correlation_id: f.klientKorrelationsId,
      skv_correlation_id: f.korrelationsId,
      mottagen: f.mottagen,
      fornyad_datum: f.fornyadDatum,
      aktiv_tom: f.aktivTom,
      var_vilande: f.varVilande ? 1 : 0,
    });
  }

  senasteAlla(limit: number): Fornyelse[] {
    const rows = this.db.prepare('SELECT * FROM samordningsnummer_fornyelse ORDER BY id DESC LIMIT ?').all(limit);
    return (rows as Row[]).map(fromRow);
  }

  iTransaktion<T>(work: () => T): T {
    // IMMEDIATE takes the write lock up front, so the check and the insert cannot interleave with another writer.
    return this.db.transaction(work).immediate();
  }
}

function fromRow(row: Row): Fornyelse {
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
