/** A message body for reading: XML indented with its payloads decoded in place, JSON indented, else as it came. */
import { useMemo } from 'preact/hooks';
import { parseXmlTree, type Decoded, type XmlNode } from '../lib/xml.js';

function Tag(props: { node: Extract<XmlNode, { kind: 'element' }>; close?: boolean; empty?: boolean }) {
  const { node, close, empty } = props;
  if (close) return <span class="x-tag">{`</${node.name}>`}</span>;
  return (
    <span class="x-tag">
      {`<${node.name}`}
      {node.attributes.map(([name, value]) => (
        <span key={name}>
          {' '}
          <span class="x-attr">{name}</span>=<span class="x-value">"{value}"</span>
        </span>
      ))}
      {empty ? '/>' : '>'}
    </span>
  );
}

function DecodedView({ decoded }: { decoded: Decoded }) {
  const how = decoded.how === 'escaped' ? 'escaped XML' : decoded.how === 'base64' ? 'base64' : 'JSON text';
  return (
    <div class="x-decoded">
      <div class="x-decoded-label">
        ⤷ {how}, decoded ({decoded.kind === 'xml' ? 'XML' : 'JSON'})
      </div>
      {decoded.kind === 'xml' ? (
        <XmlNodes nodes={decoded.tree} />
      ) : (
        <pre class="x-json">{JSON.stringify(decoded.value, null, 2)}</pre>
      )}
    </div>
  );
}

function XmlNodes({ nodes }: { nodes: readonly XmlNode[] }) {
  return (
    <>
      {nodes.map((node, i) => {
        if (node.kind === 'comment') return <div key={i} class="x-comment">{`<!--${node.text}-->`}</div>;
        if (node.kind === 'instruction') return <div key={i} class="x-comment">{`<?${node.text}?>`}</div>;
        if (node.kind === 'text')
          return (
            <div key={i} class="x-line">
              <span class="x-text">{node.text}</span>
              {node.decoded && <DecodedView decoded={node.decoded} />}
            </div>
          );
        const only = node.children.length === 1 ? node.children[0] : undefined;
        if (node.children.length === 0)
          return (
            <div key={i} class="x-line">
              <Tag node={node} empty />
            </div>
          );
        if (only?.kind === 'text' && !only.decoded)
          return (
            <div key={i} class="x-line">
              <Tag node={node} />
              <span class="x-text">{only.text}</span>
              <Tag node={node} close />
            </div>
          );
        return (
          <div key={i} class="x-element">
            <Tag node={node} />
            <div class="x-children">
              <XmlNodes nodes={node.children} />
            </div>
            <Tag node={node} close />
          </div>
        );
      })}
    </>
  );
}

/** One message: `body` as XML, JSON or text (a label says which). */
export function MessageView(props: { body: string; label?: string }) {
  const view = useMemo(() => {
    const tree = parseXmlTree(props.body);
    if (tree) return { kind: 'xml' as const, tree };
    try {
      return { kind: 'json' as const, text: JSON.stringify(JSON.parse(props.body), null, 2) };
    } catch {
      return { kind: 'text' as const };
    }
  }, [props.body]);
  return (
    <div class="message" aria-label={props.label}>
      {view.kind === 'xml' && (
        <div class="xml">
          <XmlNodes nodes={view.tree} />
        </div>
      )}
      {view.kind === 'json' && <pre class="x-json">{view.text}</pre>}
      {view.kind === 'text' && <pre class="raw">{props.body || '(empty)'}</pre>}
    </div>
  );
}
