/**
 * Journal: the exchanges of every endpoint, live (the event stream adds each as it happens), newest first, with
 * filters (service, person, outcome, time) kept in the address; open one, or pick two to compare. The same data as
 * GET /__admin/requests (read as summaries: the list never loads message bodies).
 */
import { Component } from 'preact';
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { admin } from '../api/client.js';
import { journalStore, onExchanges } from '../api/live.js';
import type { ExchangeSummary } from '../api/types.js';
import { ms, Notice, time, usePageReady } from '../components/common.js';
import { useStore } from '../lib/store.js';
import { Link, navigate, useLocation } from '../router.js';

/** The journal's services (the admin document's list), for the filter. */
const SERVICES = [
  'SSBTEK',
  'AF',
  'CSN',
  'FK',
  'SKV',
  'SO',
  'TNS',
  'MIV',
  'PU',
  'birthreport',
  'scb',
  'oauth2',
  'samordningsnummer',
  'pu-admin',
];
const SHOWN = 1000;
/** More new exchanges than this in one render: the next waits a second. */
const BUSY = 20;

interface Filters {
  service: string;
  person: string;
  outcome: string;
  from: string;
  to: string;
}

function filtersOf(query: URLSearchParams): Filters {
  return {
    service: query.get('service') ?? '',
    person: query.get('person') ?? '',
    outcome: query.get('outcome') ?? '',
    from: query.get('from') ?? '',
    to: query.get('to') ?? '',
  };
}

/** The filters as the admin API takes them (a base service also finds the SSBTEK exchanges that included it). */
function apiQuery(filters: Filters): string {
  const q = new URLSearchParams({ view: 'summary', limit: String(SHOWN) });
  if (filters.service) q.set('service', filters.service);
  if (filters.person) q.set('personidentitet', filters.person);
  if (filters.outcome) q.set('outcome', filters.outcome);
  if (filters.from) q.set('from', new Date(filters.from).toISOString());
  if (filters.to) q.set('to', new Date(filters.to).toISOString());
  return q.toString();
}

/** The same test the server applies, for the exchanges the stream brings. */
function matches(e: ExchangeSummary, f: Filters): boolean {
  if (f.service && e.service !== f.service && !(e.included ?? []).some((id) => id === f.service)) return false;
  if (f.person && e.personidentitet !== f.person) return false;
  if (f.outcome && e.outcome !== f.outcome) return false;
  if (f.from && e.receivedAt < new Date(f.from).toISOString()) return false;
  if (f.to && e.receivedAt > new Date(f.to).toISOString()) return false;
  return true;
}

function outcomeText(e: ExchangeSummary): string {
  if (e.service === 'SSBTEK' && e.felkod) return `${e.outcome} ${e.felkod}`;
  const errors = (e.services ?? []).filter((s) => s.outcome !== 'data');
  return errors.length
    ? `${e.outcome}, ${errors.map((s) => `${s.service} ${s.outcome.replace(/^error:/, '')}`).join(', ')}`
    : e.outcome;
}

interface RowProps {
  e: ExchangeSummary;
  picked: boolean;
  onPick: (id: string, on: boolean) => void;
}

/**
 * One exchange's row. Drawn again only when its exchange or its pick changes: under load the live list gains a few
 * hundred rows a second, and the rows already shown are not compared again each time.
 */
class Row extends Component<RowProps> {
  override shouldComponentUpdate(next: RowProps): boolean {
    return next.e !== this.props.e || next.picked !== this.props.picked || next.onPick !== this.props.onPick;
  }

  override render() {
    const { e, picked, onPick } = this.props;
    return (
      <tr class={e.outcome === 'ok' ? '' : 'failed'}>
        <td>
          <input
            type="checkbox"
            aria-label={`Pick ${e.service} ${time(e.receivedAt)}`}
            checked={picked}
            onChange={(ev) => onPick(e.id, ev.currentTarget.checked)}
          />
        </td>
        <td>
          <Link to={`journal/${e.id}`}>{time(e.receivedAt)}</Link>
        </td>
        <td>{e.service}</td>
        <td>
          <code>
            {e.method} {e.path}
          </code>
          {e.dialect && <small> {e.dialect}</small>}
        </td>
        <td>{e.personidentitet ?? ''}</td>
        <td>{outcomeText(e)}</td>
        <td class="num">{ms(e.durationMs)}</td>
      </tr>
    );
  }
}

export function JournalPage() {
  const { query } = useLocation();
  const filters = filtersOf(query);
  const key = apiQuery(filters);
  const journal = useStore(journalStore);
  const [entries, setEntries] = useState<ExchangeSummary[]>();
  const [error, setError] = useState<string>();
  const [paused, setPaused] = useState(false);
  const [round, setRound] = useState(0);
  const [picked, setPicked] = useState<string[]>([]);
  const pick = useCallback(
    (id: string, on: boolean) => setPicked((list) => (on ? [...list, id].slice(-2) : list.filter((p) => p !== id))),
    [],
  );
  usePageReady('journal', entries !== undefined);

  useEffect(() => {
    const controller = new AbortController();
    admin<{ requests: ExchangeSummary[] }>(`/requests?${key}`, { signal: controller.signal }).then(
      (answer) => setEntries(answer.requests),
      (e: Error) => !controller.signal.aborted && setError(e.message),
    );
    return () => controller.abort();
  }, [key, round]);

  // Live: new exchanges go on top, at most three renders a second; under load (more than a few exchanges a
  // render) one a second, so the browser's work does not take the cores the services answer on.
  useEffect(() => {
    if (paused) return;
    let pending: ExchangeSummary[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    let busy = false;
    const off = onExchanges((event) => {
      if (event.kind === 'cleared') return setEntries([]);
      if (event.kind === 'overflow') return setRound((r) => r + 1);
      pending.push(...event.exchanges.filter((e) => matches(e, filters)));
      timer ??= setTimeout(
        () => {
          timer = undefined;
          busy = pending.length > BUSY;
          const fresh = pending.reverse();
          pending = [];
          setEntries((list) => [...fresh, ...(list ?? [])].slice(0, SHOWN));
        },
        busy ? 1000 : 300,
      );
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
    // Filters are read through `key`.
  }, [key, paused]);

  const setFilter = (change: Partial<Filters>): void => {
    const next = { ...filters, ...change };
    const q = new URLSearchParams(Object.entries(next).filter(([, v]) => v !== ''));
    navigate(`journal${q.size ? `?${q}` : ''}`, { replace: true });
  };
  const rows = useMemo(() => entries ?? [], [entries]);

  return (
    <section>
      <h1>Journal</h1>
      <p class="muted">
        {journal
          ? `${journal.enabled ? 'Recording' : 'Switched off'}: ${journal.size} of at most ${journal.capacity} exchanges kept.`
          : ''}{' '}
        Newest first; new exchanges appear as they happen{paused ? ' (paused)' : ''}.
      </p>
      <form class="filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
        <label for="f-service">Service</label>
        <select id="f-service" value={filters.service} onChange={(e) => setFilter({ service: e.currentTarget.value })}>
          <option value="">any</option>
          {SERVICES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <label for="f-person">Person</label>
        <input
          id="f-person"
          inputMode="numeric"
          value={filters.person}
          placeholder="12 digits"
          onChange={(e) => setFilter({ person: e.currentTarget.value.trim() })}
        />
        <label for="f-outcome">Outcome</label>
        <select id="f-outcome" value={filters.outcome} onChange={(e) => setFilter({ outcome: e.currentTarget.value })}>
          <option value="">any</option>
          <option value="ok">ok</option>
          <option value="fault">fault</option>
          <option value="error">error</option>
        </select>
        <label for="f-from">From</label>
        <input
          id="f-from"
          type="datetime-local"
          step="1"
          value={filters.from}
          onChange={(e) => setFilter({ from: e.currentTarget.value })}
        />
        <label for="f-to">To</label>
        <input
          id="f-to"
          type="datetime-local"
          step="1"
          value={filters.to}
          onChange={(e) => setFilter({ to: e.currentTarget.value })}
        />
        <button type="button" onClick={() => setPaused(!paused)} aria-pressed={paused}>
          {paused ? 'Resume live' : 'Pause live'}
        </button>
        <button
          type="button"
          disabled={picked.length !== 2}
          onClick={() => navigate(`journal/diff/${picked[1]}/${picked[0]}`)}
          title="Pick two exchanges with their check boxes"
        >
          Compare the two picked
        </button>
        <button
          type="button"
          class="danger"
          onClick={() => {
            if (confirm('Empty the journal? Every kept exchange is dropped.'))
              void admin('/requests', { method: 'DELETE' });
          }}
        >
          Empty the journal
        </button>
      </form>
      {error && <Notice kind="error">{error}</Notice>}
      {entries && (
        <div class="table-wrap">
          <table class="journal" aria-label="Exchanges">
            <thead>
              <tr>
                <th scope="col" class="w-pick">
                  <span class="visually-hidden">Pick</span>
                </th>
                <th scope="col" class="w-received">
                  Received
                </th>
                <th scope="col" class="w-service">
                  Service
                </th>
                <th scope="col">Request</th>
                <th scope="col" class="w-person">
                  Person
                </th>
                <th scope="col">Outcome</th>
                <th scope="col" class="num w-time">
                  Time
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((e) => (
                <Row key={e.id} e={e} picked={picked.includes(e.id)} onPick={pick} />
              ))}
            </tbody>
          </table>
          {rows.length === 0 && (
            <p class="muted">No exchanges{Object.values(filters).some(Boolean) ? ' match the filters' : ' yet'}.</p>
          )}
        </div>
      )}
    </section>
  );
}
