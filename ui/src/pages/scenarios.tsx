/**
 * Scenarios: per base service, its latency distribution, an error chosen from its own catalogue (with the
 * catalogue's texts), an error rate and the composite's deadline for it; apply, reset one, reset all. What is in
 * force is read from the live stream (and shown in the header on every page).
 */
import { useEffect, useState } from 'preact/hooks';
import { describeSettings } from '../app.js';
import { admin } from '../api/client.js';
import { scenariosStore } from '../api/live.js';
import { BASE_SERVICES, type BaseServiceId, type Catalogue, type Latency, type ServiceSettings } from '../api/types.js';
import { Notice, useLoad, usePageReady } from '../components/common.js';
import { useStore } from '../lib/store.js';

/** The 5th, 50th and 95th percentiles of a latency distribution, in ms (what "uniform 50–400" means in practice). */
export function percentiles(latency: Latency): [number, number, number] {
  switch (latency.type) {
    case 'fixed':
      return [latency.ms, latency.ms, latency.ms];
    case 'uniform': {
      const at = (p: number) => latency.minMs + p * (latency.maxMs - latency.minMs);
      return [at(0.05), at(0.5), at(0.95)];
    }
    case 'lognormal':
      return [
        latency.medianMs * Math.exp(-1.645 * latency.sigma),
        latency.medianMs,
        latency.medianMs * Math.exp(1.645 * latency.sigma),
      ];
  }
}

interface Draft {
  latencyType: '' | Latency['type'];
  a: string;
  b: string;
  timeoutMs: string;
  errorRate: string;
  error: string;
}

function draftOf(s: ServiceSettings | undefined): Draft {
  const l = s?.latency;
  return {
    latencyType: l?.type ?? '',
    a: String(l?.type === 'fixed' ? l.ms : l?.type === 'uniform' ? l.minMs : l?.type === 'lognormal' ? l.medianMs : ''),
    b: String(l?.type === 'uniform' ? l.maxMs : l?.type === 'lognormal' ? l.sigma : ''),
    timeoutMs: s?.timeoutMs === undefined ? '' : String(s.timeoutMs),
    errorRate: s?.errorRate === undefined ? '' : String(s.errorRate),
    error: s?.error ?? '',
  };
}

function settingsOf(d: Draft): ServiceSettings {
  const out: ServiceSettings = {};
  const a = Number(d.a);
  const b = Number(d.b);
  if (d.latencyType === 'fixed') out.latency = { type: 'fixed', ms: a };
  if (d.latencyType === 'uniform') out.latency = { type: 'uniform', minMs: a, maxMs: b };
  if (d.latencyType === 'lognormal') out.latency = { type: 'lognormal', medianMs: a, sigma: b };
  if (d.timeoutMs !== '') out.timeoutMs = Number(d.timeoutMs);
  if (d.errorRate !== '') out.errorRate = Number(d.errorRate);
  if (d.error !== '') out.error = d.error;
  return out;
}

function ServiceForm(props: { id: BaseServiceId; catalogue?: Catalogue; current?: ServiceSettings }) {
  const { id, catalogue, current } = props;
  const [draft, setDraft] = useState<Draft>(draftOf(current));
  const [message, setMessage] = useState<{ kind: 'error' | 'info'; text: string }>();
  useEffect(() => setDraft(draftOf(current)), [JSON.stringify(current)]);
  const service = catalogue?.services.find((s) => s.id === id);
  const chosen =
    service?.errors.find((e) => e.code === draft.error) ??
    catalogue?.transportErrors.find((e) => e.code === draft.error);
  const preview = settingsOf(draft).latency;
  const field = (key: keyof Draft) => ({
    value: draft[key],
    onInput: (e: { currentTarget: HTMLInputElement | HTMLSelectElement }) =>
      setDraft({ ...draft, [key]: e.currentTarget.value }),
  });
  const p = `s-${id}`;
  return (
    <form
      id={id}
      class={`scenario ${current ? 'active' : ''}`}
      aria-labelledby={`${p}-title`}
      onSubmit={async (event) => {
        event.preventDefault();
        try {
          await admin(`/scenarios/${id}`, { method: 'PUT', body: settingsOf(draft) });
          setMessage({ kind: 'info', text: `${id}: applied.` });
        } catch (e) {
          setMessage({ kind: 'error', text: (e as Error).message });
        }
      }}
    >
      <h2 id={`${p}-title`}>
        {id} <small>{service?.title}</small>
      </h2>
      <p class="muted" data-testid={`active-${id}`}>
        In force: {current ? describeSettings(current) || 'no fields' : 'nothing (answers as the population says)'}
      </p>
      <div class="grid">
        <label for={`${p}-latency`}>Latency</label>
        <div>
          <select id={`${p}-latency`} {...field('latencyType')}>
            <option value="">none</option>
            <option value="fixed">fixed</option>
            <option value="uniform">uniform</option>
            <option value="lognormal">log-normal</option>
          </select>{' '}
          {draft.latencyType && (
            <>
              <input
                aria-label={
                  draft.latencyType === 'fixed' ? 'ms' : draft.latencyType === 'uniform' ? 'minimum ms' : 'median ms'
                }
                type="number"
                min="0"
                class="short"
                {...field('a')}
              />{' '}
              {draft.latencyType !== 'fixed' && (
                <input
                  aria-label={draft.latencyType === 'uniform' ? 'maximum ms' : 'sigma'}
                  type="number"
                  min="0"
                  step="any"
                  class="short"
                  {...field('b')}
                />
              )}
            </>
          )}
          {preview && (
            <small class="muted">
              {' '}
              p5/p50/p95 ≈{' '}
              {percentiles(preview)
                .map((v) => Math.round(v))
                .join(' / ')}{' '}
              ms
            </small>
          )}
        </div>
        <label for={`${p}-error`}>Error</label>
        <div>
          <select id={`${p}-error`} {...field('error')}>
            <option value="">none</option>
            <optgroup label={`${id}'s own codes`}>
              {service?.errors.map((e) => (
                <option key={e.code} value={e.code}>
                  {e.code} — {e.text.slice(0, 70)}
                </option>
              ))}
            </optgroup>
            <optgroup label="Any service">
              {catalogue?.transportErrors.map((e) => (
                <option key={e.code} value={e.code}>
                  {e.code} — {e.text}
                </option>
              ))}
            </optgroup>
          </select>
          {chosen && (
            <p class="catalogue-text" data-testid={`error-text-${id}`}>
              {'type' in chosen && <strong>{chosen.type}. </strong>}
              {chosen.text}
            </p>
          )}
        </div>
        <label for={`${p}-rate`}>Error rate</label>
        <div>
          <input
            id={`${p}-rate`}
            type="number"
            min="0"
            max="1"
            step="any"
            class="short"
            placeholder="1"
            {...field('errorRate')}
          />{' '}
          <small class="muted">
            0–1; without an error, the service's own technical error ({service?.technicalError})
          </small>
        </div>
        <label for={`${p}-timeout`}>Timeout</label>
        <div>
          <input id={`${p}-timeout`} type="number" min="0" class="short" placeholder="ms" {...field('timeoutMs')} />{' '}
          <small class="muted">the composite's deadline for {id} (past it: SSBT 2000)</small>
        </div>
      </div>
      <div class="buttons">
        <button type="submit" class="primary">
          Apply to {id}
        </button>
        <button
          type="button"
          onClick={async () => {
            await admin(`/scenarios/${id}`, { method: 'DELETE' });
            setMessage({ kind: 'info', text: `${id}: reset.` });
          }}
        >
          Reset {id}
        </button>
      </div>
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
    </form>
  );
}

export function ScenariosPage() {
  const scenarios = useStore(scenariosStore);
  const catalogue = useLoad((signal) => admin<Catalogue>('/catalogue', { signal }), []);
  usePageReady('scenarios', catalogue.value !== undefined);
  return (
    <section>
      <h1>Scenarios</h1>
      <p>
        Run-time settings per base service (<code>PUT /__admin/scenarios/&lt;service&gt;</code>): every request from now
        on, under a request's own <code>X-SSBTEK-Scenario</code>.{' '}
        <button type="button" class="danger" onClick={() => void admin('/scenarios', { method: 'DELETE' })}>
          Reset all
        </button>
      </p>
      {catalogue.error && <Notice kind="error">{catalogue.error}</Notice>}
      <div class="scenario-grid">
        {BASE_SERVICES.map((id) => (
          <ServiceForm key={id} id={id} catalogue={catalogue.value} current={scenarios[id]} />
        ))}
      </div>
    </section>
  );
}
