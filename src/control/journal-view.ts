import {
  summaryOf,
  type Journal,
  type JournalEntry,
  type JournalFilter,
  type JournalSummary,
} from '../journal/journal.js';

export interface JournalState {
  enabled: boolean;
  capacity: number;
  size: number;
}

/** What the live stream (GET /__admin/events) hears: an exchange's summary as it is recorded, or the emptying. */
export type JournalFeedEvent = { kind: 'recorded'; summary: JournalSummary } | { kind: 'cleared' };

/**
 * What the admin API reads of the journal and sets on it. One process: its own ring (LocalJournalView). Cluster
 * workers on one machine: every worker's ring, gathered by the primary on read (ClusterJournal). Replicas sharing
 * a PostgreSQL store: the shared journal (SharedJournal). Either way /__admin/requests and /verify on any worker or
 * replica see every one's exchanges.
 */
export interface JournalView {
  list(filter: JournalFilter, limit: number): Promise<JournalEntry[]>;
  get(id: string): Promise<JournalEntry | undefined>;
  countMatching(filter: JournalFilter): Promise<number>;
  /** Every exchange held, oldest first (the state's "made by" links, the statistics). */
  all(): Promise<JournalEntry[]>;
  clear(): Promise<void>;
  state(): Promise<JournalState>;
  configure(settings: { enabled?: boolean; capacity?: number }): Promise<void>;
  /** Calls `listener` for every exchange recorded and every emptying, until the returned function is called. */
  subscribe(listener: (event: JournalFeedEvent) => void): () => void;
}

/** The feed of one process's own ring, as summaries. */
export function localFeed(journal: Journal, listener: (event: JournalFeedEvent) => void): () => void {
  return journal.subscribe((event) =>
    listener(event.kind === 'cleared' ? event : { kind: 'recorded', summary: summaryOf(event.entry) }),
  );
}

export class LocalJournalView implements JournalView {
  constructor(private readonly journal: Journal) {}

  async list(filter: JournalFilter, limit: number): Promise<JournalEntry[]> {
    return this.journal.list(filter, limit);
  }

  async get(id: string): Promise<JournalEntry | undefined> {
    return this.journal.get(id);
  }

  async countMatching(filter: JournalFilter): Promise<number> {
    return this.journal.countMatching(filter);
  }

  async all(): Promise<JournalEntry[]> {
    return [...this.journal.all()];
  }

  async clear(): Promise<void> {
    this.journal.clear();
  }

  async state(): Promise<JournalState> {
    return { enabled: this.journal.enabled, capacity: this.journal.capacity, size: this.journal.size };
  }

  async configure(settings: { enabled?: boolean; capacity?: number }): Promise<void> {
    if (settings.enabled !== undefined) this.journal.enabled = settings.enabled;
    if (settings.capacity !== undefined) this.journal.resize(settings.capacity);
  }

  subscribe(listener: (event: JournalFeedEvent) => void): () => void {
    return localFeed(this.journal, listener);
  }
}
