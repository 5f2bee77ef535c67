/**
 * Compose and send: a composite query built from a form (person, services, dialect, periods, FK's question, SKV's
 * in v11), with X-SSBTEK-Scenario and X-SSBTEK-Today; sent to POST /ssbtek as a client would. The answer is shown
 * pretty with its payloads decoded, each service's native request and answer side by side (from the journal's
 * entry of this exchange, found by its korrelationsid), and the services' waterfall; copy as curl, save as a case.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { admin, emulatorUrl } from '../api/client.js';
import { todayStore } from '../api/live.js';
import { BASE_SERVICES, type Exchange, type PersonCard } from '../api/types.js';
import { CopyButton, ms, Notice, useLoad, usePageReady } from '../components/common.js';
import { ReplayCasePanel, Waterfall } from '../components/exchange-parts.js';
import { MessageView } from '../components/message.js';
import { NativeExchange } from '../components/native.js';
import {
  asCurl,
  buildQuery,
  defaultLefiQuestion,
  FK_V1_FLAGS,
  newKorrelationsid,
  ownPeriodServices,
  SKV_PARTS,
  withPersonAndPeriod,
  type Dialect,
  type QueryForm,
} from '../lib/query.js';
import { useStore } from '../lib/store.js';
import { Link, useLocation } from '../router.js';

/** A day `months` calendar months from `day` (clamped to the month's last day). */
function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}

function initialForm(person: string, today: string): QueryForm {
  const period = { from: addMonths(today, -1), tom: today };
  const year = Number(today.slice(0, 4));
  return {
    dialect: 'v10',
    personidentitet: person,
    korrelationsid: '',
    frageTidpunkt: '',
    period,
    included: Object.fromEntries(BASE_SERVICES.map((id) => [id, true])) as QueryForm['included'],
    periods: {},
    fk: {
      version: 'v9',
      aktorsid: '9255f428-4ba0-63ce-5407-e65d469fac0f',
      lefiJson: defaultLefiQuestion(person, period),
    },
    fkFlags: Object.fromEntries(FK_V1_FLAGS.map((f) => [f, true])),
    skv: {
      years: `${year - 1}, ${year - 2}`,
      parts: Object.fromEntries(SKV_PARTS.map((p) => [p, true])) as QueryForm['skv']['parts'],
    },
  };
}

interface Sent {
  status: number;
  ms: number;
  reply: string;
  korrelationsid: string;
  exchange?: Exchange;
  note?: string;
}

/** The form starts from the emulator's today (its period, SKV's income years): shown once the day is known. */
export function ComposePage() {
  const live = useStore(todayStore)?.today;
  const asked = useLoad((signal) => admin<{ today: string }>('/today', { signal }), []);
  const today = live ?? asked.value?.today;
  if (asked.error && !today) return <Notice kind="error">{asked.error}</Notice>;
  return today ? <Compose today={today} /> : <p class="muted">…</p>;
}

function Compose({ today }: { today: string }) {
  const { query } = useLocation();
  const persons = useLoad((signal) => admin<{ persons: PersonCard[] }>('/population', { signal }), []);
  const [form, setForm] = useState<QueryForm>(() => initialForm(query.get('person') ?? '198601042388', today));
  const [scenario, setScenario] = useState(query.get('scenario') ?? '');
  const [requestDay, setRequestDay] = useState('');
  const [freshId, setFreshId] = useState(true);
  const [manual, setManual] = useState<string>();
  const [sending, setSending] = useState(false);
  const [sent, setSent] = useState<Sent>();
  const [error, setError] = useState<string>();
  const [tab, setTab] = useState<'answer' | 'services' | 'waterfall'>('answer');
  usePageReady('compose', true);

  // The person and the period go into FK's question as well, unless the user has made it something else than JSON.
  useEffect(() => {
    setForm((f) => ({
      ...f,
      fk: { ...f.fk, lefiJson: withPersonAndPeriod(f.fk.lefiJson, f.personidentitet, f.period) },
    }));
  }, [form.personidentitet, form.period.from, form.period.tom]);

  const generated = useMemo(() => buildQuery(form), [form]);
  const body = manual ?? generated;
  const headers = { 'X-SSBTEK-Scenario': scenario.trim(), 'X-SSBTEK-Today': requestDay };
  const set = (change: Partial<QueryForm>): void => setForm((f) => ({ ...f, ...change }));

  const send = async (): Promise<void> => {
    setSending(true);
    setError(undefined);
    const korrelationsid =
      manual !== undefined
        ? (/korrelationsid>([^<]+)</.exec(manual)?.[1] ?? '')
        : freshId
          ? newKorrelationsid()
          : form.korrelationsid;
    const text = manual ?? buildQuery({ ...form, korrelationsid });
    if (manual === undefined) set({ korrelationsid });
    const started = performance.now();
    try {
      const response = await fetch(emulatorUrl('/ssbtek'), {
        method: 'POST',
        headers: Object.fromEntries(
          Object.entries({ 'content-type': 'text/xml; charset=utf-8', ...headers }).filter(([, v]) => v !== ''),
        ),
        body: text,
      });
      const reply = await response.text();
      const result: Sent = { status: response.status, ms: performance.now() - started, reply, korrelationsid };
      if (korrelationsid) {
        const found = await admin<{ requests: Exchange[] }>(
          `/requests?korrelationsid=${encodeURIComponent(korrelationsid)}&limit=1`,
        );
        result.exchange = found.requests[0];
        if (!result.exchange) result.note = 'The journal holds no entry for it (is the journal off?).';
      } else result.note = 'Without a korrelationsid the console cannot find the exchange in the journal.';
      setSent(result);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setSending(false);
    }
  };

  const own = ownPeriodServices(form.dialect);
  return (
    <section>
      <h1>Compose and send</h1>
      <form
        class="compose"
        onSubmit={(event) => {
          event.preventDefault();
          void send();
        }}
      >
        <fieldset>
          <legend>Query</legend>
          <div class="grid">
            <label for="c-person">Person</label>
            <div>
              <input
                id="c-person"
                list="c-persons"
                inputMode="numeric"
                value={form.personidentitet}
                onInput={(e) => set({ personidentitet: e.currentTarget.value.trim() })}
              />
              <datalist id="c-persons">
                {persons.value?.persons.map((p) => (
                  <option key={p.personidentitet} value={p.personidentitet}>
                    {p.scenario?.beskrivning.slice(0, 80)}
                  </option>
                ))}
              </datalist>
            </div>
            <label for="c-dialect">Dialect</label>
            <select
              id="c-dialect"
              value={form.dialect}
              onChange={(e) => set({ dialect: e.currentTarget.value as Dialect })}
            >
              <option value="v10">v10 (public contract)</option>
              <option value="v11">v11 (Försäkringskassan's test dialect)</option>
              <option value="v1">v1 (the seed's)</option>
            </select>
            <label for="c-from">Period</label>
            <div>
              <input
                id="c-from"
                type="date"
                aria-label="Period from"
                value={form.period.from}
                onInput={(e) => set({ period: { ...form.period, from: e.currentTarget.value } })}
              />{' '}
              –{' '}
              <input
                id="c-tom"
                type="date"
                aria-label="Period to"
                value={form.period.tom}
                onInput={(e) => set({ period: { ...form.period, tom: e.currentTarget.value } })}
              />
            </div>
            <label for="c-korr">korrelationsid</label>
            <div>
              <input
                id="c-korr"
                value={form.korrelationsid}
                disabled={freshId}
                placeholder="a new one for each send"
                onInput={(e) => set({ korrelationsid: e.currentTarget.value })}
              />{' '}
              <label>
                <input type="checkbox" checked={freshId} onChange={(e) => setFreshId(e.currentTarget.checked)} /> new
                for each send
              </label>
            </div>
          </div>
        </fieldset>
        <fieldset>
          <legend>Services</legend>
          <table class="services-form">
            <tbody>
              {BASE_SERVICES.map((id) => (
                <tr key={id}>
                  <td>
                    <label>
                      <input
                        type="checkbox"
                        checked={form.included[id]}
                        onChange={(e) => set({ included: { ...form.included, [id]: e.currentTarget.checked } })}
                      />{' '}
                      {id}
                    </label>
                  </td>
                  <td>
                    {own.includes(id) && (
                      <label>
                        <input
                          type="checkbox"
                          checked={form.periods[id] !== undefined}
                          onChange={(e) =>
                            set({
                              periods: {
                                ...form.periods,
                                [id]: e.currentTarget.checked ? { ...form.period } : undefined,
                              },
                            })
                          }
                        />{' '}
                        own period
                      </label>
                    )}{' '}
                    {form.periods[id] && own.includes(id) && (
                      <>
                        <input
                          type="date"
                          aria-label={`${id} period from`}
                          value={form.periods[id]!.from}
                          onInput={(e) =>
                            set({
                              periods: { ...form.periods, [id]: { ...form.periods[id]!, from: e.currentTarget.value } },
                            })
                          }
                        />{' '}
                        –{' '}
                        <input
                          type="date"
                          aria-label={`${id} period to`}
                          value={form.periods[id]!.tom}
                          onInput={(e) =>
                            set({
                              periods: { ...form.periods, [id]: { ...form.periods[id]!, tom: e.currentTarget.value } },
                            })
                          }
                        />
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </fieldset>
        {form.included.FK && form.dialect !== 'v1' && (
          <fieldset>
            <legend>FK's question (LEFI förmånsinformation, sent as base64 JSON)</legend>
            <div class="grid">
              <label for="c-aktor">aktorsid</label>
              <input
                id="c-aktor"
                value={form.fk.aktorsid}
                onInput={(e) => set({ fk: { ...form.fk, aktorsid: e.currentTarget.value } })}
              />
              <label for="c-lefi">Question (JSON)</label>
              <textarea
                id="c-lefi"
                rows={8}
                spellcheck={false}
                value={form.fk.lefiJson}
                onInput={(e) => set({ fk: { ...form.fk, lefiJson: e.currentTarget.value } })}
              />
            </div>
            <button
              type="button"
              onClick={() =>
                set({ fk: { ...form.fk, lefiJson: defaultLefiQuestion(form.personidentitet, form.period) } })
              }
            >
              The examples' question
            </button>
          </fieldset>
        )}
        {form.included.FK && form.dialect === 'v1' && (
          <fieldset>
            <legend>FK's formansforteckning (v1)</legend>
            <div class="flags">
              {FK_V1_FLAGS.map((flag) => (
                <label key={flag}>
                  <input
                    type="checkbox"
                    checked={form.fkFlags[flag]}
                    onChange={(e) => set({ fkFlags: { ...form.fkFlags, [flag]: e.currentTarget.checked } })}
                  />{' '}
                  {flag}
                </label>
              ))}
            </div>
          </fieldset>
        )}
        {form.included.SKV && form.dialect === 'v11' && (
          <fieldset>
            <legend>SKV's question (v11)</legend>
            <label for="c-years">Income years</label>{' '}
            <input
              id="c-years"
              value={form.skv.years}
              onInput={(e) => set({ skv: { ...form.skv, years: e.currentTarget.value } })}
            />
            <div class="flags">
              {SKV_PARTS.map((part) => (
                <label key={part}>
                  <input
                    type="checkbox"
                    checked={form.skv.parts[part]}
                    onChange={(e) =>
                      set({ skv: { ...form.skv, parts: { ...form.skv.parts, [part]: e.currentTarget.checked } } })
                    }
                  />{' '}
                  {part}
                </label>
              ))}
            </div>
          </fieldset>
        )}
        <fieldset>
          <legend>Headers</legend>
          <div class="grid">
            <label for="c-scenario">X-SSBTEK-Scenario</label>
            <input
              id="c-scenario"
              placeholder="AF:error=500; CSN:error=timeout,timeoutMs=500"
              value={scenario}
              aria-describedby="c-scenario-help"
              onInput={(e) => setScenario(e.currentTarget.value)}
            />
            <span />
            <small id="c-scenario-help" class="muted">
              For this request only: SERVICE:key=value,… separated by ; (error, errorRate, timeoutMs, latency).
            </small>
            <label for="c-today">X-SSBTEK-Today</label>
            <input id="c-today" type="date" value={requestDay} onInput={(e) => setRequestDay(e.currentTarget.value)} />
          </div>
        </fieldset>
        <details open={manual !== undefined}>
          <summary>The request ({manual === undefined ? 'made from the form' : 'edited by hand'})</summary>
          <textarea
            aria-label="The SOAP request"
            rows={16}
            spellcheck={false}
            class="code"
            value={body}
            onInput={(e) => setManual(e.currentTarget.value)}
          />
          {manual !== undefined && (
            <button type="button" onClick={() => setManual(undefined)}>
              Back to the form's request
            </button>
          )}
        </details>
        <div class="buttons">
          <button type="submit" class="primary" disabled={sending}>
            {sending ? 'Sending…' : 'Send'}
          </button>
          <CopyButton label="Copy as curl" text={() => asCurl(emulatorUrl('/ssbtek'), body, headers)} />
        </div>
      </form>
      {error && <Notice kind="error">{error}</Notice>}
      {sent && <Result sent={sent} tab={tab} setTab={setTab} />}
    </section>
  );
}

function Result(props: { sent: Sent; tab: string; setTab: (tab: 'answer' | 'services' | 'waterfall') => void }) {
  const { sent, tab, setTab } = props;
  const exchange = sent.exchange;
  const tabs = [
    ['answer', 'Composite answer'],
    ['services', 'Native messages'],
    ['waterfall', 'Waterfall'],
  ] as const;
  return (
    <section class="result" aria-label="Answer">
      <h2>
        Answer: HTTP {sent.status} in {ms(sent.ms)}
      </h2>
      <p>
        korrelationsid <code>{sent.korrelationsid || '–'}</code>
        {exchange && (
          <>
            {' '}
            · <Link to={`journal/${exchange.id}`}>Open in the journal</Link>
          </>
        )}
      </p>
      {sent.note && <Notice>{sent.note}</Notice>}
      {exchange && <ReplayCasePanel id={exchange.id} />}
      <div role="tablist" class="tabs" aria-label="Views of the answer">
        {tabs.map(([key, label]) => (
          <button key={key} role="tab" type="button" aria-selected={tab === key} onClick={() => setTab(key)}>
            {label}
          </button>
        ))}
      </div>
      <div role="tabpanel">
        {tab === 'answer' && <MessageView body={sent.reply} label="Composite answer" />}
        {tab === 'services' &&
          (exchange?.services?.length ? (
            exchange.services.map((call) => (
              <details key={call.service} open>
                <summary>
                  {call.service}: {call.outcome}, {ms(call.durationMs)}
                </summary>
                <NativeExchange service={call.service} request={call.request} response={call.response} />
              </details>
            ))
          ) : (
            <p class="muted">No base service was called.</p>
          ))}
        {tab === 'waterfall' && exchange && (
          <Waterfall totalMs={exchange.durationMs} calls={exchange.services ?? []} kept={exchange.answeredFromCache} />
        )}
      </div>
    </section>
  );
}
