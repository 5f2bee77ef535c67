import type { Journal, JournalEntry, JournalFilter } from '../journal/journal.js';

export interface JournalState {
  enabled: boolean;
  capacity: number;
  size: number;
}

/**
 * What the admin API reads of the journal and sets on it. One process: its own ring (LocalJournalView). Processes
 * sharing a store: the shared journal (SharedJournal), so that /__admin/requests and /verify on any worker or
 * replica see every one's exchanges.
 */
export interface JournalView {
  list(filter: JournalFilter, limit: number): Promise<JournalEntry[]>;
  get(id: string): Promise<JournalEntry | undefined>;
  countMatching(filter: JournalFilter): Promise<number>;
  clear(): Promise<void>;
  state(): Promise<JournalState>;
  configure(settings: { enabled?: boolean; capacity?: number }): Promise<void>;
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
}
