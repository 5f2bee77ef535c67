/**
 * GET /__admin/events: what the console shows live, as server-sent events. On connecting, `hello` with the scenario
 * settings, the day and the journal's state; then `exchanges` (journal summaries, batched), `cleared`, `scenarios`
 * and `today` as they change. A batch is sent at most every 250 ms and holds at most 500 exchanges: under load a
 * client is told how many it missed (`overflow`) and reads the list again, so the stream costs the services little.
 */
import type { RequestHandler } from 'express';
import type { JournalView } from '../control/journal-view.js';
import type { JournalSummary } from '../journal/journal.js';
import type { ScenarioControl } from '../scenario/control.js';
import type { Today } from '../scenario/today.js';

export interface EventSources {
  journal: JournalView;
  scenarios: ScenarioControl;
  today: Today;
}

const BATCH_MS = 250;
const BATCH_MAX = 500;
const HEARTBEAT_MS = 15_000;
/** Past this much unsent text for a slow client, batches are dropped (and counted) instead of queued. */
const MAX_BUFFERED = 1024 * 1024;

export function eventStream(sources: EventSources): RequestHandler {
  const { journal, scenarios, today } = sources;
  return async (req, res) => {
    const journalState = await journal.state();
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-accel-buffering': 'no',
    });
    const send = (event: string, data: unknown): void => {
      res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    };
    send('hello', { scenarios: scenarios.current(), today: today.state(), journal: journalState });

    let pending: JournalSummary[] = [];
    let missed = 0;
    let timer: NodeJS.Timeout | undefined;
    const flush = (): void => {
      timer = undefined;
      if (missed > 0) {
        send('overflow', { missed });
        missed = 0;
      }
      if (pending.length === 0) return;
      const batch = pending;
      pending = [];
      if (res.writableLength > MAX_BUFFERED) {
        missed += batch.length;
        return;
      }
      send('exchanges', batch);
    };
    const unsubscribe = journal.subscribe((event) => {
      if (event.kind === 'cleared') {
        pending = [];
        send('cleared', { ...journalState, size: 0 });
        return;
      }
      pending.push(event.summary);
      if (pending.length > BATCH_MAX) {
        pending.shift();
        missed++;
      }
      timer ??= setTimeout(flush, BATCH_MS);
    });
    const offScenarios = scenarios.onChange(() => send('scenarios', scenarios.current()));
    const offToday = today.onChange(() => send('today', today.state()));
    const heartbeat = setInterval(() => res.write(': still here\n\n'), HEARTBEAT_MS);
    req.on('close', () => {
      unsubscribe();
      offScenarios();
      offToday();
      clearInterval(heartbeat);
      if (timer) clearTimeout(timer);
    });
  };
}
