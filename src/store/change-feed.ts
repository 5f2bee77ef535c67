/**
 * How a process learns what other processes changed in the shared store, so that what it keeps in memory (the
 * population's registry, Personuppgiftstjänsten's reserve identities and contact details, the control plane's
 * scenario settings, "today" and journal settings) stays current without a store round trip per read.
 *
 * A change is a topic ('registry', 'pu-reserve', 'control', …) and a key (the row that changed). Listeners get the
 * key, or '*' when they must reload everything (a gap in the feed, a lost connection).
 */
export type ChangeListener = (key: string) => void;

export interface ChangeFeed {
  /** Calls `listener` for every change to `topic` committed by another process. */
  subscribe(topic: string, listener: ChangeListener): void;
  /**
   * SQLite: takes in, synchronously, every change other connections committed since the last call (one
   * `PRAGMA data_version` when there is none). PostgreSQL: nothing, changes are pushed (LISTEN/NOTIFY).
   */
  refresh(): void;
  close(): Promise<void>;
}

/** Dispatches changes to the listeners of their topic. */
export class ChangeListeners {
  private readonly byTopic = new Map<string, ChangeListener[]>();

  subscribe(topic: string, listener: ChangeListener): void {
    const list = this.byTopic.get(topic) ?? [];
    list.push(listener);
    this.byTopic.set(topic, list);
  }

  dispatch(topic: string, key: string): void {
    for (const listener of this.byTopic.get(topic) ?? []) listener(key);
  }

  /** Every listener reloads everything. */
  resync(): void {
    for (const [topic] of this.byTopic) this.dispatch(topic, '*');
  }
}
