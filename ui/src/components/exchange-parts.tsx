/** Parts of an exchange shown by the compose page and the journal: the waterfall, and the exchange as a replay case. */
import { useState } from 'preact/hooks';
import { admin } from '../api/client.js';
import type { ReplayCase, ServiceCall } from '../api/types.js';
import { download, zip } from '../lib/zip.js';
import { CopyButton, ms, Notice } from './common.js';

/**
 * The services' calls on the exchange's timeline: each bar starts when the composite called the service and is as
 * long as the call took; the whole exchange is the top bar.
 */
export function Waterfall(props: {
  totalMs: number;
  calls: readonly Omit<ServiceCall, 'request' | 'response'>[];
  kept?: boolean;
}) {
  const { calls, kept } = props;
  const end = Math.max(props.totalMs, ...calls.map((c) => (c.startMs ?? 0) + c.durationMs), 0.1);
  const pct = (value: number): string => `${Math.min(100, (value / end) * 100).toFixed(2)}%`;
  return (
    <figure class="waterfall" aria-label="Waterfall of the services' timings">
      {kept && (
        <figcaption>
          A kept answer: no service was called; the bars are the calls of the exchange that made it, all from 0.
        </figcaption>
      )}
      <table>
        <tbody>
          <tr>
            <th scope="row">whole exchange</th>
            <td>
              <div class="track">
                <div class="bar total" style={{ left: '0%', width: pct(props.totalMs) }} />
              </div>
            </td>
            <td class="num">{ms(props.totalMs)}</td>
          </tr>
          {calls.map((call) => (
            <tr key={call.service}>
              <th scope="row">
                {call.service} <small class={call.outcome === 'data' ? 'ok' : 'bad'}>{call.outcome}</small>
              </th>
              <td>
                <div class="track">
                  <div
                    class={`bar ${call.outcome === 'data' ? 'data' : 'error'}`}
                    style={{ left: pct(call.startMs ?? 0), width: pct(Math.max(call.durationMs, end / 400)) }}
                  />
                </div>
              </td>
              <td class="num">
                {call.startMs !== undefined && <small>+{ms(call.startMs)} </small>}
                {ms(call.durationMs)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

/**
 * Save as replay case: the three files `ssbtek-emulator record --from-journal` writes for the exchange, shown and
 * offered as a zip holding the case's folder (unzip it into a cases folder; `ssbtek-emulator replay DIR` runs it).
 */
export function ReplayCasePanel({ id }: { id: string }) {
  const [files, setFiles] = useState<ReplayCase>();
  const [error, setError] = useState<string>();
  const load = async (): Promise<ReplayCase | undefined> => {
    try {
      const found = await admin<ReplayCase>(`/requests/${encodeURIComponent(id)}/case`);
      setFiles(found);
      return found;
    } catch (e) {
      setError((e as Error).message);
      return undefined;
    }
  };
  return (
    <div class="replay-case">
      <div class="buttons">
        <button type="button" onClick={() => void load()}>
          Save as replay case…
        </button>
        {files && (
          <button
            type="button"
            onClick={() => {
              const entries = Object.fromEntries(
                Object.entries(files.files).map(([f, t]) => [`${files.name}/${f}`, t]),
              );
              download(`${files.name}.zip`, zip(entries), 'application/zip');
            }}
          >
            Download {files.name}.zip
          </button>
        )}
      </div>
      {error && <Notice kind="error">{error}</Notice>}
      {files && (
        <div class="case-files">
          <p>
            Case <code>{files.name}</code>: unzip into a cases folder (e.g. <code>fixtures/queries</code>) and run{' '}
            <code>npx ssbtek-emulator replay DIR --case {files.name}</code>.
          </p>
          {Object.entries(files.files).map(([name, text]) => (
            <details key={name}>
              <summary>
                {name} <CopyButton label={`Copy ${name}`} text={() => text} />
              </summary>
              <pre class="raw">{text}</pre>
            </details>
          ))}
        </div>
      )}
    </div>
  );
}
