/**
 * The journal of `serve --workers N` on one machine: each worker records into its own ring (Journal: the SOAP path's
 * cost is that of one process, nothing is written to the store), and the admin API's reads gather every worker's
 * ring through the primary (journal-relay.ts), so /__admin/requests and /verify on any worker see every
 * worker's exchanges, the moment they were answered. The live stream (GET /__admin/events) hears the other
 * workers' exchanges too: while some worker has a listener, every worker forwards its exchanges' summaries.
 *
 * Capacity is shared: with N workers each keeps ⌈capacity / N⌉ of the exchanges it answered (connections are handed
 * out round-robin, so together they hold about the newest `capacity`), as it keeps 1/N of the text bound.
 */
import type { ControlPlane } from '../control/control-plane.js';
import { localFeed, type JournalFeedEvent, type JournalState, type JournalView } from '../control/journal-view.js';
import {
  summaryOf,
  type Journal,
  type JournalEntry,
  type JournalFilter,
  type JournalSummary,
} from '../journal/journal.js';
import { askPrimary } from './worker-link.js';
import { answerWorkerOp } from './worker-ops.js';

const OPS: readonly JournalOpName[] = ['list', 'get', 'count', 'all', 'clear', 'state'];

/** The questions about a worker's ring (asked of every worker as `journal-<name>`, merged by journal-relay.ts). */
export type JournalOpName = 'list' | 'get' | 'count' | 'all' | 'clear' | 'state';

/** Primary → workers: forward your exchanges' summaries (some worker has a live stream open), or stop. */
export interface ForwardSetting {
  type: 'ssbtek:journal-forward';
  on: boolean;
}
/** Worker → primary: this worker's live streams started (on) or all ended (off). */
export interface ListenSetting {
  type: 'ssbtek:journal-listen';
  on: boolean;
}
/** An exchange's summary recorded by one worker, relayed by the primary to the workers that listen. */
export interface RecordedSummary {
  type: 'ssbtek:journal-recorded';
  summary: JournalSummary;
}

/** One worker's answer to one question about its own ring. */
export function answerOp(journal: Journal, op: JournalOpName, args: unknown[]): unknown {
  switch (op) {
    case 'list':
      return journal.list(args[0] as JournalFilter, args[1] as number);
    case 'get':
      return journal.get(args[0] as string) ?? null;
    case 'count':
      return journal.countMatching(args[0] as JournalFilter);
    case 'all':
      return journal.all();
    case 'clear':
      journal.clear();
      return null;
    case 'state':
      // This worker's share: the states are summed (journal-relay.ts), to the capacity set.
      return { enabled: journal.enabled, capacity: journal.ownCapacity, size: journal.size } satisfies JournalState;
  }
}

export class ClusterJournal implements JournalView {
  private readonly listeners = new Set<(event: JournalFeedEvent) => void>();
  private stopForwarding: (() => void) | undefined;

  constructor(
    private readonly journal: Journal,
    private readonly control: ControlPlane,
  ) {
    for (const op of OPS) answerWorkerOp(`journal-${op}`, (args) => answerOp(journal, op, args));
    process.on('message', (message: ForwardSetting | RecordedSummary) => {
      if (message?.type === 'ssbtek:journal-forward') this.forward(message.on);
      else if (message?.type === 'ssbtek:journal-recorded') this.tell({ kind: 'recorded', summary: message.summary });
    });
  }

  private forward(on: boolean): void {
    if (on && !this.stopForwarding) {
      this.stopForwarding = this.journal.subscribe((event) => {
        if (event.kind === 'recorded')
          process.send?.({
            type: 'ssbtek:journal-recorded',
            summary: summaryOf(event.entry),
          } satisfies RecordedSummary);
      });
    } else if (!on && this.stopForwarding) {
      this.stopForwarding();
      this.stopForwarding = undefined;
    }
  }

  private tell(event: JournalFeedEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  private async ask<T>(op: JournalOpName, ...args: unknown[]): Promise<T> {
    const answer = await askPrimary({ kind: 'journal', op, args });
    return answer.result as T;
  }

  list(filter: JournalFilter, limit: number): Promise<JournalEntry[]> {
    return this.ask('list', filter, limit);
  }

  async get(id: string): Promise<JournalEntry | undefined> {
    return this.journal.get(id) ?? (await this.ask<JournalEntry | null>('get', id)) ?? undefined;
  }

  countMatching(filter: JournalFilter): Promise<number> {
    return this.ask('count', filter);
  }

  all(): Promise<JournalEntry[]> {
    return this.ask('all');
  }

  async clear(): Promise<void> {
    await this.ask('clear');
  }

  state(): Promise<JournalState> {
    return this.ask('state');
  }

  /** Set here and shared through the control plane (a worker started later takes it from the store too). */
  async configure(settings: { enabled?: boolean; capacity?: number }): Promise<void> {
    if (settings.enabled !== undefined) this.journal.enabled = settings.enabled;
    if (settings.capacity !== undefined) this.journal.resize(settings.capacity);
    await this.control.publishJournal({ enabled: this.journal.enabled, capacity: this.journal.capacity });
  }

  /** This worker's exchanges, and (relayed by the primary) every other worker's. */
  subscribe(listener: (event: JournalFeedEvent) => void): () => void {
    const stopLocal = localFeed(this.journal, listener);
    this.listeners.add(listener);
    if (this.listeners.size === 1) process.send?.({ type: 'ssbtek:journal-listen', on: true } satisfies ListenSetting);
    return () => {
      stopLocal();
      if (this.listeners.delete(listener) && this.listeners.size === 0)
        process.send?.({ type: 'ssbtek:journal-listen', on: false } satisfies ListenSetting);
    };
  }
}
