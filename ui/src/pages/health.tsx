/**
 * Health: the day every service lives on (set and reset here: PUT/DELETE /__admin/today), how the composite
 * reaches each base service, the journal's state, and the figures at a glance — requests, errors and p95 per
 * service, since the start (metrics) and over the journal.
 */
import { useState } from 'preact/hooks';
import { admin, emulatorUrl } from '../api/client.js';
import { todayStore } from '../api/live.js';
import type { Figures, Health, JournalState, Stats } from '../api/types.js';
import { ms, Notice, time, useLoad, usePageReady } from '../components/common.js';
import { useStore } from '../lib/store.js';

function FiguresTable(props: { label: string; rows: Figures[] }) {
  return (
    <table aria-label={props.label}>
      <thead>
        <tr>
          <th scope="col">Service</th>
          <th scope="col" class="num">
            Requests
          </th>
          <th scope="col" class="num">
            Errors
          </th>
          <th scope="col" class="num">
            p95
          </th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => (
          <tr key={r.service}>
            <th scope="row">{r.service}</th>
            <td class="num">{r.requests}</td>
            <td class={`num ${r.errors ? 'bad' : ''}`}>{r.errors}</td>
            <td class="num">{ms(r.p95Ms)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function TodayForm() {
  const today = useStore(todayStore);
  const [day, setDay] = useState('');
  const [message, setMessage] = useState<{ kind: 'error' | 'info'; text: string }>();
  return (
    <form
      class="inline"
      aria-label="Today"
      onSubmit={async (event) => {
        event.preventDefault();
        try {
          await admin('/today', { method: 'PUT', body: { today: day } });
          setMessage({ kind: 'info', text: `Every service now lives on ${day}.` });
        } catch (e) {
          setMessage({ kind: 'error', text: (e as Error).message });
        }
      }}
    >
      <p>
        Today is <strong data-testid="health-today">{today?.today ?? '…'}</strong>:{' '}
        {today?.source === 'admin'
          ? 'set at run time'
          : today?.source === 'config'
            ? 'fixed by the configuration'
            : 'the real date in Sweden'}
        {today?.configured && ` (configured: ${today.configured})`}.
      </p>
      <label for="h-today">Live on</label>
      <input id="h-today" type="date" required value={day} onInput={(e) => setDay(e.currentTarget.value)} />
      <button type="submit" class="primary">
        Set today
      </button>
      <button
        type="button"
        disabled={today?.source !== 'admin'}
        onClick={async () => {
          const state = await admin<{ today: string }>('/today', { method: 'DELETE' });
          setMessage({ kind: 'info', text: `Back to ${state.today}.` });
        }}
      >
        Back to the {today?.configured ? 'configured day' : 'real date'}
      </button>
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
    </form>
  );
}

export function HealthPage() {
  const [round, setRound] = useState(0);
  const health = useLoad(
    async (signal) => (await fetch(emulatorUrl('/health'), { signal })).json() as Promise<Health>,
    [round],
  );
  const stats = useLoad((signal) => admin<Stats>('/stats', { signal }), [round]);
  const journal = useLoad((signal) => admin<JournalState>('/journal', { signal }), [round]);
  usePageReady('health', health.value !== undefined && stats.value !== undefined);
  const s = stats.value;
  return (
    <section>
      <h1>Health</h1>
      <TodayForm />
      <p>
        <button type="button" onClick={() => setRound((r) => r + 1)}>
          Read the figures again
        </button>
      </p>
      {health.error && <Notice kind="error">{health.error}</Notice>}
      {health.value && (
        <>
          <h2>Transports</h2>
          <table aria-label="How the composite reaches each base service">
            <thead>
              <tr>
                <th scope="col">Service</th>
                <th scope="col">Own path</th>
                <th scope="col">SSBTEK calls it</th>
              </tr>
            </thead>
            <tbody>
              {health.value.baseServices.map((b) => (
                <tr key={b.id}>
                  <th scope="row">
                    {b.id} <small>{b.title}</small>
                  </th>
                  <td>
                    <code>{b.path}</code>
                  </td>
                  <td>{b.transport}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {journal.value && (
        <p>
          Journal: {journal.value.enabled ? 'recording' : 'off'}, {journal.value.size} of {journal.value.capacity}{' '}
          exchanges.{' '}
          <button
            type="button"
            onClick={async () => {
              await admin('/journal', { method: 'PUT', body: { enabled: !journal.value!.enabled } });
              setRound((r) => r + 1);
            }}
          >
            {journal.value.enabled ? 'Switch the journal off' : 'Switch the journal on'}
          </button>
        </p>
      )}
      {stats.error && <Notice kind="error">{stats.error}</Notice>}
      {s && (
        <>
          <h2>Since the start ({time(s.metrics.since)})</h2>
          <FiguresTable
            label="Since the start"
            rows={[
              {
                service: 'SSBTEK',
                requests: s.metrics.ssbtek.requests,
                errors: s.metrics.ssbtek.faults,
                p95Ms: s.metrics.ssbtek.p95Ms,
              },
              ...s.metrics.baseServices.map((b) => ({
                service: `${b.service} (called by SSBTEK)`,
                requests: b.calls,
                errors: b.errors,
                p95Ms: b.p95Ms,
              })),
            ]}
          />
          <p class="muted">From /metrics: percentiles estimated from the histograms' buckets.</p>
          <h2>Over the journal ({s.journal.size} exchanges)</h2>
          {s.journal.services.length ? (
            <FiguresTable label="Over the journal" rows={s.journal.services} />
          ) : (
            <p class="muted">No exchanges kept.</p>
          )}
        </>
      )}
    </section>
  );
}
