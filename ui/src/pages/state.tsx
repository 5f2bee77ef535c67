/**
 * State of the REST services: SCB deliveries (ticket, status, result), birth reports, samordningsnummer renewals,
 * PU reserve identities and contact details, and the population's registry — each with the request that made it
 * (a link into the journal while it holds it). Read again when those services are called, and every second while
 * a delivery is still queued (SCB processes deliveries in the background). /ui/state/scb/<ticket> opens a ticket.
 */
import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { admin } from '../api/client.js';
import { onExchanges } from '../api/live.js';
import type { MadeBy, ScbDelivery, State } from '../api/types.js';
import { Notice, time, useLoad, usePageReady } from '../components/common.js';
import { Link, navigate } from '../router.js';

const STATEFUL = new Set(['scb', 'birthreport', 'samordningsnummer', 'pu-admin']);

function Made({ by }: { by: MadeBy | null }) {
  if (!by) return <span class="muted">no longer in the journal</span>;
  return (
    <Link to={`journal/${by.id}`}>
      {by.method} {by.path}
    </Link>
  );
}

function Json({ value }: { value: unknown }) {
  return <pre class="x-json">{JSON.stringify(value, null, 2)}</pre>;
}

function ScbTable(props: { deliveries: ScbDelivery[]; focus?: string }) {
  const { deliveries, focus } = props;
  useEffect(() => {
    if (focus) document.getElementById(`ticket-${focus}`)?.scrollIntoView({ block: 'center' });
  }, [focus, deliveries.length]);
  return (
    <table aria-label="SCB deliveries">
      <thead>
        <tr>
          <th scope="col">Ticket</th>
          <th scope="col">Status</th>
          <th scope="col">Contract, format</th>
          <th scope="col">Received</th>
          <th scope="col">Request</th>
        </tr>
      </thead>
      <tbody>
        {deliveries.map((d) => (
          <Fragment key={d.ticket}>
            <tr id={`ticket-${d.ticket}`} class={focus === d.ticket ? 'focused' : ''}>
              <td>
                <Link to={focus === d.ticket ? 'state' : `state/scb/${d.ticket}`} aria-expanded={focus === d.ticket}>
                  {d.ticket}
                </Link>
              </td>
              <td data-testid={`scb-state-${d.ticket}`}>
                {d.state}
                {d.result && (d.result.successfulValidation ? ', valid' : ', invalid')}
              </td>
              <td>
                {d.contract}, {d.deliveryFormat} {d.externalVersionId}
                {d.test && ' (test)'}, {d.fileSize} bytes
              </td>
              <td>{time(d.receivedAt)}</td>
              <td>
                <Made by={d.madeBy} />
              </td>
            </tr>
            {focus === d.ticket && (
              <tr class="expanded">
                <td colSpan={5}>
                  <h3>Ticket {d.ticket}</h3>
                  <p>
                    Delivered by {d.callerOrgNr}
                    {d.orgNr && ` for ${d.orgNr}`}; {d.attempts} processing attempt(s)
                    {d.processedAt && `, processed ${time(d.processedAt)}`}.
                  </p>
                  {d.result ? <Json value={d.result} /> : <p class="muted">Not processed yet: the result follows.</p>}
                </td>
              </tr>
            )}
          </Fragment>
        ))}
      </tbody>
    </table>
  );
}

export function StatePage({ focus }: { focus?: string }) {
  const [round, setRound] = useState(0);
  const state = useLoad((signal) => admin<State>('/state', { signal }), [round]);
  usePageReady('state', state.value !== undefined);
  useEffect(
    () =>
      onExchanges((event) => {
        if (event.kind === 'exchanges' && event.exchanges.some((e) => STATEFUL.has(e.service))) setRound((r) => r + 1);
      }),
    [],
  );
  const waiting = state.value?.scb.some((d) => d.state !== 'processed');
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => setRound((r) => r + 1), 1000);
    return () => clearInterval(timer);
  }, [waiting]);
  const s = state.value;
  return (
    <section>
      <h1>State of the REST services</h1>
      {state.error && <Notice kind="error">{state.error}</Notice>}
      {s && (
        <>
          <h2>SCB deliveries ({s.scb.length})</h2>
          {s.scb.length ? <ScbTable deliveries={s.scb} focus={focus} /> : <p class="muted">None yet.</p>}
          {focus && !s.scb.some((d) => d.ticket === focus) && (
            <Notice kind="error">No delivery with ticket {focus}.</Notice>
          )}

          <h2>Birth reports ({s.birthReports.length})</h2>
          {s.birthReports.length ? (
            <table aria-label="Birth reports">
              <thead>
                <tr>
                  <th scope="col">Report</th>
                  <th scope="col">Answer</th>
                  <th scope="col">Child's number</th>
                  <th scope="col">Received</th>
                  <th scope="col">Request</th>
                </tr>
              </thead>
              <tbody>
                {s.birthReports.map((r) => (
                  <tr key={r.reportId}>
                    <td>
                      <details>
                        <summary>{r.reportId}</summary>
                        <Json value={r.request} />
                      </details>
                    </td>
                    <td>HTTP {r.httpStatus}</td>
                    <td>
                      {r.personalIdentityNumber ? (
                        <Link to={`persons/${r.personalIdentityNumber}`}>{r.personalIdentityNumber}</Link>
                      ) : (
                        '–'
                      )}
                    </td>
                    <td>{time(r.receivedAt)}</td>
                    <td>
                      <Made by={r.madeBy} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p class="muted">None yet.</p>
          )}

          <h2>Samordningsnummer renewals ({s.renewals.length})</h2>
          {s.renewals.length ? (
            <table aria-label="Samordningsnummer renewals">
              <thead>
                <tr>
                  <th scope="col">Number</th>
                  <th scope="col">Renewed</th>
                  <th scope="col">Active until</th>
                  <th scope="col">By</th>
                  <th scope="col">Request</th>
                </tr>
              </thead>
              <tbody>
                {s.renewals.map((f) => (
                  <tr key={f.korrelationsId}>
                    <td>
                      <Link to={`persons/${f.samordningsnummer}`}>{f.samordningsnummer}</Link>
                    </td>
                    <td>
                      {f.fornyadDatum}
                      {f.varVilande && ' (was vilande)'}
                    </td>
                    <td>{f.aktivTom}</td>
                    <td>
                      {f.ingivarnamn} ({f.clientId})
                    </td>
                    <td>
                      <Made by={f.madeBy} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p class="muted">None yet.</p>
          )}

          <h2>PU reserve identities ({s.puReserves.length})</h2>
          {s.puReserves.length ? (
            <table aria-label="PU reserve identities">
              <thead>
                <tr>
                  <th scope="col">Id</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Person data</th>
                  <th scope="col">Linked to</th>
                  <th scope="col">Request</th>
                </tr>
              </thead>
              <tbody>
                {s.puReserves.map((r) => (
                  <tr key={r.id}>
                    <td>{r.id}</td>
                    <td>
                      {r.kind}
                      {r.format && ` (${r.format})`}
                    </td>
                    <td>{r.person ? Object.values(r.person).join(' ') : '–'}</td>
                    <td>{r.linkedTo ? <Link to={`persons/${r.linkedTo}`}>{r.linkedTo}</Link> : '–'}</td>
                    <td>
                      <Made by={r.madeBy} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p class="muted">None yet.</p>
          )}

          <h2>PU contact details ({s.puContacts.length})</h2>
          {s.puContacts.length ? (
            <table aria-label="PU contact details">
              <thead>
                <tr>
                  <th scope="col">Person</th>
                  <th scope="col">Contact</th>
                  <th scope="col">Consent</th>
                  <th scope="col">Request</th>
                </tr>
              </thead>
              <tbody>
                {s.puContacts.map((c) => (
                  <tr key={c.personidentitet}>
                    <td>
                      <Link to={`persons/${c.personidentitet}`}>{c.personidentitet}</Link>
                    </td>
                    <td>{[c.email, c.phone].filter(Boolean).join(', ')}</td>
                    <td>
                      {time(c.consent.givenAt)}, shared with {c.consent.sharedWith.join(', ')}
                    </td>
                    <td>
                      <Made by={c.madeBy} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p class="muted">None yet.</p>
          )}

          <h2>The population's registry ({s.registry.length})</h2>
          {s.registry.length ? (
            <ul>
              {s.registry.map((r) => (
                <li key={r.personidentitet}>
                  <Link to={`persons/${r.personidentitet}`}>{r.personidentitet}</Link>: {r.status} since {r.since}
                </li>
              ))}
            </ul>
          ) : (
            <p class="muted">Nothing registered by a service yet (births, renewals).</p>
          )}
          {focus && (
            <p>
              <button type="button" onClick={() => navigate('state')}>
                Close ticket {focus}
              </button>
            </p>
          )}
        </>
      )}
    </section>
  );
}
