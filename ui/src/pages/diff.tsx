/**
 * Two exchanges compared (/ui/journal/diff/<a>/<b>): request, answer and each base service's native messages,
 * indented with their payloads decoded, line by line.
 */
import { admin } from '../api/client.js';
import type { Exchange } from '../api/types.js';
import { Notice, time, useLoad, usePageReady } from '../components/common.js';
import { diffLines } from '../lib/diff.js';
import { prettyText } from '../lib/xml.js';
import { Link } from '../router.js';

function Diff(props: { title: string; a: string; b: string }) {
  const lines = diffLines(prettyText(props.a).split('\n'), prettyText(props.b).split('\n'));
  const changed = lines.filter((l) => l.kind !== 'same').length;
  return (
    <details open={changed > 0}>
      <summary>
        {props.title}: {changed === 0 ? 'the same' : `${changed} lines differ`}
      </summary>
      <pre class="diff">
        {lines.map((line, i) => (
          <div key={i} class={`d-${line.kind}`}>
            <span aria-hidden="true">{line.kind === 'added' ? '+ ' : line.kind === 'removed' ? '- ' : '  '}</span>
            {line.kind !== 'same' && (
              <span class="visually-hidden">{line.kind === 'added' ? 'added: ' : 'removed: '}</span>
            )}
            {line.text}
          </div>
        ))}
      </pre>
    </details>
  );
}

export function DiffPage(props: { a: string; b: string }) {
  const both = useLoad(
    (signal) =>
      Promise.all([
        admin<Exchange>(`/requests/${encodeURIComponent(props.a)}`, { signal }),
        admin<Exchange>(`/requests/${encodeURIComponent(props.b)}`, { signal }),
      ]),
    [props.a, props.b],
  );
  usePageReady('diff', both.value !== undefined);
  const [a, b] = both.value ?? [];
  const services = [...new Set([...(a?.services ?? []), ...(b?.services ?? [])].map((s) => s.service))];
  return (
    <section>
      <p>
        <Link to="journal">← Journal</Link>
      </p>
      <h1>Two exchanges compared</h1>
      {both.error && <Notice kind="error">{both.error}</Notice>}
      {a && b && (
        <>
          <p>
            <span class="d-removed">−</span> <Link to={`journal/${a.id}`}>{`${a.service} ${time(a.receivedAt)}`}</Link>{' '}
            <span class="d-added">+</span> <Link to={`journal/${b.id}`}>{`${b.service} ${time(b.receivedAt)}`}</Link>
          </p>
          <Diff title="Request" a={a.request.body} b={b.request.body} />
          <Diff title="Answer" a={a.reply.body} b={b.reply.body} />
          {services.map((id) => {
            const x = a.services?.find((s) => s.service === id);
            const y = b.services?.find((s) => s.service === id);
            return (
              <div key={id}>
                <Diff title={`${id} native request`} a={x?.request?.body ?? ''} b={y?.request?.body ?? ''} />
                <Diff title={`${id} native answer`} a={x?.response?.body ?? ''} b={y?.response?.body ?? ''} />
              </div>
            );
          })}
        </>
      )}
    </section>
  );
}
