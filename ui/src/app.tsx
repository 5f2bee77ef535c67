/**
 * The console's frame: a skip link, the header (the day, what scenario settings are active — always visible — and
 * whether the live connection holds), the navigation, the page for the address, and the token dialog.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { giveToken, tokenRequest } from './api/auth.js';
import { connection, scenariosStore, startLive, todayStore } from './api/live.js';
import type { ServiceSettings } from './api/types.js';
import { useStore } from './lib/store.js';
import { ComposePage } from './pages/compose.js';
import { DiffPage } from './pages/diff.js';
import { ExchangePage } from './pages/exchange.js';
import { HealthPage } from './pages/health.js';
import { JournalPage } from './pages/journal.js';
import { PersonPage } from './pages/person.js';
import { PersonsPage } from './pages/persons.js';
import { ScenariosPage } from './pages/scenarios.js';
import { StatePage } from './pages/state.js';
import { ValidatePage } from './pages/validate.js';
import { Link, useLocation } from './router.js';

const PAGES = [
  { path: 'persons', title: 'Persons' },
  { path: 'compose', title: 'Compose and send' },
  { path: 'journal', title: 'Journal' },
  { path: 'scenarios', title: 'Scenarios' },
  { path: 'validate', title: 'Validate' },
  { path: 'state', title: 'REST state' },
  { path: 'health', title: 'Health' },
] as const;

/** One service's settings in a few words: "error=500, latency fixed 200 ms". */
export function describeSettings(settings: ServiceSettings): string {
  const parts: string[] = [];
  if (settings.error !== undefined) parts.push(`error=${settings.error}`);
  if (settings.errorRate !== undefined) parts.push(`rate ${settings.errorRate}`);
  if (settings.timeoutMs !== undefined) parts.push(`timeout ${settings.timeoutMs} ms`);
  const l = settings.latency;
  if (l?.type === 'fixed') parts.push(`latency ${l.ms} ms`);
  if (l?.type === 'uniform') parts.push(`latency ${l.minMs}–${l.maxMs} ms`);
  if (l?.type === 'lognormal') parts.push(`latency median ${l.medianMs} ms σ ${l.sigma}`);
  return parts.join(', ');
}

function ActiveScenarios() {
  const scenarios = useStore(scenariosStore);
  const active = Object.entries(scenarios).filter(([, s]) => s && Object.keys(s).length > 0);
  return (
    <div class={active.length ? 'active-scenarios on' : 'active-scenarios'} role="status" aria-label="Active scenarios">
      {active.length === 0 ? (
        'No scenario settings: every service answers as the population says.'
      ) : (
        <>
          <strong>Scenarios active:</strong>{' '}
          {active.map(([id, s], i) => (
            <span key={id}>
              {i > 0 && '; '}
              <Link to={`scenarios#${id}`}>{id}</Link> {describeSettings(s!)}
            </span>
          ))}
        </>
      )}
    </div>
  );
}

function TokenDialog() {
  const request = useStore(tokenRequest);
  const [value, setValue] = useState('');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), [request]);
  if (!request) return null;
  return (
    <div class="overlay" role="dialog" aria-modal="true" aria-labelledby="token-title">
      <form
        class="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          if (value.trim()) giveToken(value.trim());
        }}
      >
        <h2 id="token-title">Admin token</h2>
        <p>{request.reason} The console keeps it for this tab only and sends it with every admin request.</p>
        <label for="admin-token">Token (SSBTEK_ADMIN_TOKEN)</label>
        <input
          id="admin-token"
          ref={input}
          type="password"
          autocomplete="off"
          value={value}
          onInput={(e) => setValue(e.currentTarget.value)}
        />
        <button type="submit">Use this token</button>
      </form>
    </div>
  );
}

function Page() {
  const { path } = useLocation();
  const [first = 'persons', second, third, fourth] = path.split('/').filter(Boolean);
  switch (first) {
    case 'persons':
      return second ? <PersonPage number={second} /> : <PersonsPage />;
    case 'compose':
      return <ComposePage />;
    case 'journal':
      if (second === 'diff' && third && fourth) return <DiffPage a={third} b={fourth} />;
      return second ? <ExchangePage id={second} /> : <JournalPage />;
    case 'scenarios':
      return <ScenariosPage />;
    case 'validate':
      return <ValidatePage />;
    case 'state':
      return <StatePage focus={second === 'scb' ? third : undefined} />;
    case 'health':
      return <HealthPage />;
    default:
      return (
        <section>
          <h1>Not a page of the console</h1>
          <p>
            <Link to="persons">Go to the persons</Link>.
          </p>
        </section>
      );
  }
}

export function App() {
  const { path } = useLocation();
  const today = useStore(todayStore);
  const live = useStore(connection);
  useEffect(startLive, []);
  const current = path.split('/')[0] || 'persons';
  useEffect(() => {
    const page = PAGES.find((p) => p.path === current);
    document.title = `${page?.title ?? 'Console'} — SSBTEK emulator`;
  }, [current]);
  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <div class="brand">
          <a href={new URL('../', document.baseURI).pathname}>SSBTEK emulator</a> <span>console</span>
        </div>
        <div class="facts">
          <span>
            Today <strong data-testid="today">{today?.today ?? '…'}</strong>
            {today && <small> ({today.source})</small>}
          </span>
          <span class={`live ${live}`} role="status">
            {live === 'live' ? '● live' : live === 'connecting' ? '○ connecting' : '○ reconnecting'}
          </span>
        </div>
        <nav aria-label="Pages">
          <ul>
            {PAGES.map((page) => (
              <li key={page.path}>
                <Link to={page.path} aria-current={current === page.path ? 'page' : undefined}>
                  {page.title}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <ActiveScenarios />
      </header>
      <main id="main" tabIndex={-1}>
        <Page />
      </main>
      <TokenDialog />
    </>
  );
}
