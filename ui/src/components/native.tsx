/** A base service's native exchange: its request and its answer side by side, each pretty with payloads decoded. */
import type { NativeMessage } from '../api/types.js';
import { MessageView } from './message.js';

export function NativeExchange(props: {
  service: string;
  request?: NativeMessage & { path: string };
  response?: NativeMessage & { status: number };
}) {
  const { service, request, response } = props;
  return (
    <div class="side-by-side">
      <div>
        <h4>
          {service} request {request && <code>POST {request.path}</code>}
        </h4>
        {request ? (
          <MessageView body={request.body} label={`${service} native request`} />
        ) : (
          <p class="muted">Not sent.</p>
        )}
      </div>
      <div>
        <h4>
          {service} answer {response && <code>HTTP {response.status}</code>}
        </h4>
        {response ? (
          <MessageView body={response.body} label={`${service} native answer`} />
        ) : (
          <p class="muted">No answer (a timeout, or the call failed before it).</p>
        )}
      </div>
    </div>
  );
}

/** The element of one service in a composite answer (its `data` or `error`), as XML text; undefined if absent. */
export function serviceElementOf(reply: string, service: string): string | undefined {
  const doc = new DOMParser().parseFromString(reply, 'application/xml');
  const svarsdata = doc.getElementsByTagNameNS('*', 'svarsdata')[0];
  const element = svarsdata && [...svarsdata.children].find((c) => c.localName === service);
  return element && new XMLSerializer().serializeToString(element);
}
