/**
 * The journal shared by replicas on one PostgreSQL store (cluster workers on one machine gather theirs through the
 * primary instead: src/cluster/cluster-journal.ts). Each process still records into its own ring (Journal: the
 * SOAP path's cost does not change); every recorded entry is also queued here and written to the store in batches,
 * off the request path: at most FLUSH_MS after it was recorded, up to BATCH entries per write. A store that cannot
 * keep up does not slow the answers: past MAX_PENDING queued entries the oldest are dropped (and counted). The
 * table keeps the newest `capacity` entries (the journal's setting, shared too).
 *
 * /__admin/requests and /verify read the table. Before reading, a process writes out its own queue and waits
 * SETTLE_MS, one batch interval of the others and a little, so that an exchange answered by any process before
 * the read began is counted.
 */
import type { Journal, JournalEntry, JournalFilter } from '../journal/journal.js';
import type { ControlPlane } from './control-plane.js';
import type { JournalStore } from './control-store.js';
import { localFeed, type JournalFeedEvent, type JournalState, type JournalView } from './journal-view.js';

export const FLUSH_MS = 10;
const SETTLE_MS = 2 * FLUSH_MS + 5;
const BATCH = 500;
const MAX_PENDING = 10_000;

export class SharedJournal implements JournalView {
  private pending: JournalEntry[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private batches = 0;
  /** Entries dropped because the store fell behind. */
  dropped = 0;

  constructor(
    private readonly store: JournalStore,
    private readonly journal: Journal,
    private readonly control: ControlPlane,
  ) {
    journal.subscribe((event) => {
      if (event.kind === 'recorded') this.queue(event.entry);
    });
  }

  private queue(entry: JournalEntry): void {
    this.pending.push(entry);
    if (this.pending.length > MAX_PENDING) {
      this.pending.shift();
      this.dropped++;
    }
    if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), FLUSH_MS);
      this.timer.unref();
    }
  }

  /** Writes out everything queued so far (one write at a time, in order). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const next = this.writing.then(async () => {
      while (this.pending.length > 0) {
        const batch = this.pending.splice(0, BATCH);
        await this.store.append(batch);
        if (++this.batches % 10 === 0) await this.store.prune(this.journal.capacity);
      }
    });
    this.writing = next.catch(() => undefined);
    return next;
  }

  private async readable(): Promise<void> {
    await this.flush();
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  }

  async list(filter: JournalFilter, limit: number): Promise<JournalEntry[]> {
    await this.readable();
    return this.store.list(filter, limit);
  }

  async get(id: string): Promise<JournalEntry | undefined> {
    return this.journal.get(id) ?? (await this.readable(), await this.store.get(id));
  }

  async countMatching(filter: JournalFilter): Promise<number> {
    await this.readable();
    return this.store.count(filter);
  }

  async all(): Promise<JournalEntry[]> {
    await this.readable();
    return (await this.store.list({}, this.journal.capacity)).reverse();
  }

  /** The live stream: this replica's own exchanges (the others' are in the list as soon as they are written). */
  subscribe(listener: (event: JournalFeedEvent) => void): () => void {
    return localFeed(this.journal, listener);
  }

  async clear(): Promise<void> {
    this.pending = [];
    this.journal.clear();
    await this.writing;
    await this.store.clear();
  }

  async state(): Promise<JournalState> {
    await this.flush();
    await this.store.prune(this.journal.capacity);
    return { enabled: this.journal.enabled, capacity: this.journal.capacity, size: await this.store.count({}) };
  }

  async configure(settings: { enabled?: boolean; capacity?: number }): Promise<void> {
    if (settings.enabled !== undefined) this.journal.enabled = settings.enabled;
    if (settings.capacity !== undefined) this.journal.resize(settings.capacity);
    await this.control.publishJournal({ enabled: this.journal.enabled, capacity: this.journal.capacity });
  }

  async close(): Promise<void> {
    await this.flush().catch(() => undefined);
    await this.store.close();
  }
}
