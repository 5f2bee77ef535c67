/**
 * One control plane for every process sharing a store: scenario settings, "today" and the journal's settings are
 * kept in the store (table control_state), and a change made through any process is written there and announced
 * (the change feed); the others apply it to their own ScenarioControl, Today and Journal. Reads stay in memory.
 *
 * Freshness: on one SQLite file, each request first takes in what other workers committed (one PRAGMA per
 * request), so a change is seen by the next request on any worker. On PostgreSQL the admin API answers a change
 * once this replica's own listener received the announcement, which PostgreSQL sends to every listener at once:
 * the other replicas have it by then, give or take their event loop's turn.
 */
import type { Logger } from 'pino';
import type { Journal } from '../journal/journal.js';
import type { ScenarioControl } from '../scenario/control.js';
import type { ScenarioSettings } from '../scenario/settings.js';
import type { Today } from '../scenario/today.js';
import type { ChangeFeed } from '../store/change-feed.js';
import type { ControlStore } from './control-store.js';

export interface JournalSettings {
  enabled: boolean;
  capacity: number;
}

export class ControlPlane {
  /** A change from another process is being applied: it must not be written back. */
  private applying = false;
  private pending = new Set<Promise<void>>();

  constructor(
    private readonly store: ControlStore & { readSync?(key: string): string | undefined },
    feed: ChangeFeed,
    private readonly parts: { scenarios: ScenarioControl; today: Today; journal: Journal },
    private readonly logger: Logger,
  ) {
    feed.subscribe('control', (key) => this.changedElsewhere(key));
    parts.scenarios.onChange(() => this.publish('scenarios', parts.scenarios.runtimeSettings()));
    parts.today.onChange(() => this.publish('today', parts.today.runtimeDay() ?? null));
  }

  /** Takes the shared values in (at start). */
  async load(): Promise<void> {
    for (const [key, value] of await this.store.readAll()) this.apply(key, value);
  }

  /** Resolves when every change made here so far is in the store and announced. */
  async settled(): Promise<void> {
    await Promise.all([...this.pending]);
  }

  /** The journal's settings changed here (the admin API). */
  publishJournal(settings: JournalSettings): Promise<void> {
    this.publish('journal', settings);
    return this.settled();
  }

  private publish(key: string, value: unknown): void {
    if (this.applying) return;
    const write = this.store.write(key, JSON.stringify(value)).catch((error: unknown) => {
      this.logger.error({ err: error, key }, 'control plane: a change could not be shared');
    });
    this.pending.add(write);
    void write.finally(() => this.pending.delete(write));
  }

  private changedElsewhere(key: string): void {
    if (key === '*') {
      void this.load();
      return;
    }
    // A small value travels in the announcement itself (PostgreSQL): applied without another round trip.
    const inline = key.indexOf('=');
    if (inline > 0) return this.apply(key.slice(0, inline), key.slice(inline + 1));
    const now = this.store.readSync?.(key);
    if (now !== undefined) return this.apply(key, now);
    void this.store.read(key).then((value) => value !== undefined && this.apply(key, value));
  }

  private apply(key: string, json: string): void {
    this.applying = true;
    try {
      const value = JSON.parse(json) as unknown;
      if (key === 'scenarios') this.parts.scenarios.replaceRuntime(value as ScenarioSettings);
      else if (key === 'today') this.parts.today.set((value as string | null) ?? undefined);
      else if (key === 'journal') {
        const { enabled, capacity } = value as JournalSettings;
        this.parts.journal.enabled = enabled;
        this.parts.journal.resize(capacity);
      }
    } catch (error) {
      this.logger.error({ err: error, key }, 'control plane: a shared value could not be applied');
    } finally {
      this.applying = false;
    }
  }
}
