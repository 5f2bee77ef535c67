/**
 * Each module's store on the engine the config names (src/store/engine.ts): the SQLite or the PostgreSQL engine
 * behind the module's one interface. The REST routers and the admin API's state read through these.
 */
import { PgBirthReportStore } from '../rest/birthreport/postgres-store.js';
import { SqliteBirthReportStore, type BirthReportStore } from '../rest/birthreport/store.js';
import { PgFornyelseStore } from '../rest/samordningsnummer/postgres-store.js';
import { SqliteFornyelseStore, type FornyelseStore } from '../rest/samordningsnummer/store.js';
import { PgDeliveryStore } from '../rest/scb/postgres-store.js';
import { SqliteDeliveryStore, type DeliveryStore } from '../rest/scb/store.js';
import type { StoreEngine } from './engine.js';

export function birthReportStoreOf(engine: StoreEngine): BirthReportStore {
  return engine.kind === 'sqlite'
    ? new SqliteBirthReportStore(engine.db, engine.registry)
    : new PgBirthReportStore(engine.pool, engine.registry);
}

export function fornyelseStoreOf(engine: StoreEngine): FornyelseStore {
  return engine.kind === 'sqlite'
    ? new SqliteFornyelseStore(engine.db, engine.registry)
    : new PgFornyelseStore(engine.pool, engine.registry);
}

export function deliveryStoreOf(engine: StoreEngine): DeliveryStore {
  return engine.kind === 'sqlite' ? new SqliteDeliveryStore(engine.db) : new PgDeliveryStore(engine.pool);
}

/** The stores the admin API's state lists (birth reports, renewals, SCB deliveries). */
export function moduleStores(engine: StoreEngine): {
  birthReports: BirthReportStore;
  renewals: FornyelseStore;
  scb: DeliveryStore;
} {
  return { birthReports: birthReportStoreOf(engine), renewals: fornyelseStoreOf(engine), scb: deliveryStoreOf(engine) };
}
