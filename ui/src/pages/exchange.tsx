/**
 * One exchange of the journal (/ui/journal/<id>): what was asked and answered, each base service's native messages
 * side by side, the waterfall; copy as curl, save as a replay case, compare with another.
 */
import { admin, emulatorUrl } from '../api/client.js';
import type { Exchange } from '../api/types.js';
import { CopyButton, ms, Notice, time, useLoad, usePageReady } from '../components/common.js';
import { ReplayCasePanel, Waterfall } from '../components/exchange-parts.js';
import { MessageView } from '../components/message.js';
import { NativeExchange } from '../components/native.js';
import { asCurl } from '../lib/query.js';
import { Link, navigate } from '../router.js';

/** The request as curl: its body and the headers that shaped its answer. */
function curlOf(e: Exchange): string {
  const kept = ['content-type', 'soapaction', 'x-ssbtek-scenario', 'x-ssbtek-today', 'x-pu-consumer'];
  const headers = Object.fromEntries(Object.entries(e.request.headers).filter(([name]) => kept.includes(name)));
  if (e.method !== 'POST') return `curl -s -X ${e.method} '${emulatorUrl(e.path)}'\n`;
  return asCurl(emulatorUrl(e.path), e.request.body, headers);
}

export function ExchangePage({ id }: { id: string }) {
  const found = useLoad((signal) => admin<Exchange>(`/requests/${encodeURIComponent(id)}`, { signal }), [id]);
  usePageReady('exchange', found.value !== undefined);
  const e = found.value;
  return (
    <section>
      <p>
        <Link to="journal">← Journal</Link>
      </p>
      <h1>Exchange</h1>
      {found.error && <Notice kind="error">{found.error}</Notice>}
      {e && (
        <>
          <dl class="card">
            {[
              ['Received', `${time(e.receivedAt)} (answered for ${e.today})`],
              ['Service', e.service],
              ['Request', `${e.method} ${e.path}`],
              ['Outcome', `${e.outcome}, HTTP ${e.reply.status}${e.felkod ? `, felkod ${e.felkod}` : ''}`],
              ['Time', ms(e.durationMs)],
              ...(e.operation ? [['Operation', `${e.operation}${e.dialect ? ` (${e.dialect})` : ''}`]] : []),
              ...(e.personidentitet ? [['Person', e.personidentitet]] : []),
              ...(e.korrelationsid ? [['korrelationsid', e.korrelationsid]] : []),
              ...(e.included ? [['Services asked', e.included.join(', ') || 'none']] : []),
              ...(e.answeredFromCache ? [['Kept answer', 'answered with the kept answer for identical bytes']] : []),
            ].map(([term, value]) => (
              <div key={term}>
                <dt>{term}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
          <div class="buttons">
            <CopyButton label="Copy as curl" text={() => curlOf(e)} />
            {e.personidentitet && <Link to={`persons/${e.personidentitet}`}>The person</Link>}
            <label for="compare-with">Compare with (id)</label>
            <input
              id="compare-with"
              placeholder="another exchange's id"
              onKeyDown={(ev) => {
                if (ev.key === 'Enter' && ev.currentTarget.value.trim())
                  navigate(`journal/diff/${e.id}/${ev.currentTarget.value.trim()}`);
              }}
            />
          </div>
          {e.service === 'SSBTEK' && <ReplayCasePanel id={e.id} />}
          <h2>Request</h2>
          <p class="muted">
            {Object.entries(e.request.headers)
              .map(([name, value]) => `${name}: ${value}`)
              .join(' · ') || 'no journaled headers'}
          </p>
          <MessageView body={e.request.body} label="Request body" />
          <h2>Answer (HTTP {e.reply.status})</h2>
          <MessageView body={e.reply.body} label="Answer body" />
          {e.services && e.services.length > 0 && (
            <>
              <h2>Base services</h2>
              <Waterfall totalMs={e.durationMs} calls={e.services} kept={e.answeredFromCache} />
              {e.services.map((call) => (
                <details key={call.service} open>
                  <summary>
                    {call.service}: {call.outcome}, {ms(call.durationMs)}
                  </summary>
                  <NativeExchange service={call.service} request={call.request} response={call.response} />
                </details>
              ))}
            </>
          )}
        </>
      )}
    </section>
  );
}
