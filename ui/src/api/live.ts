/**
 * The console's one live connection: GET /__admin/events read with fetch (not EventSource, which cannot send the
 * admin token), parsed as server-sent events. What it carries is kept in stores every page can watch: the day,
 * the scenario settings in force, the journal's state; exchanges go to whoever listens (the journal page).
 */
import { createStore } from '../lib/store.js';
import { adminToken, askForToken, forgetToken } from './auth.js';
import { adminHeaders, adminUrl } from './client.js';
import type { ExchangeSummary, JournalState, ScenarioSettings, TodayState } from './types.js';

export type Connection = 'connecting' | 'live' | 'reconnecting';

export const connection = createStore<Connection>('connecting');
export const todayStore = createStore<TodayState | undefined>(undefined);
export const scenariosStore = createStore<ScenarioSettings>({});
export const journalStore = createStore<JournalState | undefined>(undefined);

/** What the journal page hears: new exchanges, the journal emptied, or exchanges missed under load. */
export type ExchangeEvent =
  { kind: 'exchanges'; exchanges: ExchangeSummary[] } | { kind: 'cleared' } | { kind: 'overflow'; missed: number };

const exchangeListeners = new Set<(event: ExchangeEvent) => void>();

export function onExchanges(listener: (event: ExchangeEvent) => void): () => void {
  exchangeListeners.add(listener);
  return () => exchangeListeners.delete(listener);
}

function tell(event: ExchangeEvent): void {
  for (const listener of exchangeListeners) listener(event);
}

function dispatch(event: string, data: string): void {
  const value = JSON.parse(data) as unknown;
  switch (event) {
    case 'hello': {
      const hello = value as { scenarios: ScenarioSettings; today: TodayState; journal: JournalState };
      scenariosStore.set(hello.scenarios);
      todayStore.set(hello.today);
      journalStore.set(hello.journal);
      return;
    }
    case 'exchanges': {
      const exchanges = value as ExchangeSummary[];
      const state = journalStore.get();
      if (state) journalStore.set({ ...state, size: Math.min(state.capacity, state.size + exchanges.length) });
      return tell({ kind: 'exchanges', exchanges });
    }
    case 'cleared':
      journalStore.set(value as JournalState);
      return tell({ kind: 'cleared' });
    case 'overflow':
      return tell({ kind: 'overflow', missed: (value as { missed: number }).missed });
    case 'scenarios':
      return scenariosStore.set(value as ScenarioSettings);
    case 'today':
      return todayStore.set(value as TodayState);
  }
}

/** Reads one event stream until it ends; throws on a failure to connect. */
async function readStream(signal: AbortSignal): Promise<void> {
  const response = await fetch(adminUrl('/events'), { headers: adminHeaders({ accept: 'text/event-stream' }), signal });
  if (response.status === 401) {
    const hadToken = adminToken() !== undefined;
    forgetToken();
    await askForToken(hadToken ? 'The admin token was not accepted.' : 'This emulator has an admin token.');
    return;
  }
  if (!response.ok || !response.body) throw new Error(`events: HTTP ${response.status}`);
  connection.set('live');
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) !== -1) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event: ')) event = line.slice(7);
        else if (line.startsWith('data: ')) data.push(line.slice(6));
      }
      if (data.length > 0) dispatch(event, data.join('\n'));
    }
  }
}

let started = false;

/** Connects once for the whole console, and again after a break (1 s, then up to 5 s apart). */
export function startLive(): void {
  if (started) return;
  started = true;
  const controller = new AbortController();
  void (async () => {
    let wait = 1000;
    for (;;) {
      try {
        await readStream(controller.signal);
        wait = 1000;
      } catch {
        wait = Math.min(5000, wait * 2);
      }
      connection.set('reconnecting');
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  })();
}
