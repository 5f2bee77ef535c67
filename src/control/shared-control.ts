/**
 * What processes sharing a store share besides their data: the control plane (scenario settings, "today", the
 * journal's settings, through the store) and the journal. Cluster workers on one SQLite file gather their journals
 * through the primary (nothing written per exchange); replicas on PostgreSQL write theirs to the store in batches.
 */
import type { Logger } from 'pino';
import { ClusterJournal } from '../cluster/cluster-journal.js';
import type { Journal } from '../journal/journal.js';
import type { ScenarioControl } from '../scenario/control.js';
import type { Today } from '../scenario/today.js';
import type { StoreEngine } from '../store/engine.js';
import { ControlPlane } from './control-plane.js';
import { SqliteControlStore } from './control-store.js';
import type { JournalView } from './journal-view.js';
import { PgControlStore, PgJournalStore } from './postgres-control-store.js';
import { SharedJournal } from './shared-journal.js';

export interface SharedControl {
  plane: ControlPlane;
  journal: JournalView;
  close(): Promise<void>;
}

export function sharedControl(
  engine: StoreEngine,
  parts: { scenarios: ScenarioControl; today: Today; journal: Journal },
  logger: Logger,
): SharedControl {
  if (engine.kind === 'sqlite') {
    if (engine.location === ':memory:')
      throw new Error('processes cannot share a :memory: store: name a file or a PostgreSQL database');
    const plane = new ControlPlane(new SqliteControlStore(engine.db, engine.feed), engine.feed, parts, logger);
    return { plane, journal: new ClusterJournal(parts.journal, plane), close: () => Promise.resolve() };
  }
  const plane = new ControlPlane(new PgControlStore(engine.pool, engine.feed), engine.feed, parts, logger);
  const journal = new SharedJournal(new PgJournalStore(engine.pool), parts.journal, plane);
  return { plane, journal, close: () => journal.close() };
}
