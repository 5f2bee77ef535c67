/**
 * XML for reading: parsed with the browser's DOMParser into a small tree, with payloads decoded where they are —
 * base64 text that is XML or JSON (CSN's svar, FK's lefiJsonSvar, SKV's v11 parts) and escaped XML carried as text
 * (SKV's forfragan and svar). The same tree gives the indented text the diff compares.
 */

export type Decoded =
  | { kind: 'xml'; how: 'base64' | 'escaped'; tree: XmlNode[] }
  | { kind: 'json'; how: 'base64' | 'text'; value: unknown };

export type XmlNode =
  | { kind: 'element'; name: string; attributes: [string, string][]; children: XmlNode[] }
  | { kind: 'text'; text: string; decoded?: Decoded }
  | { kind: 'comment'; text: string }
  | { kind: 'instruction'; text: string };

const BASE64 = /^[A-Za-z0-9+/\s]+={0,2}\s*$/;

/** The document's nodes, or undefined when it is not well-formed XML. */
export function parseXmlTree(text: string): XmlNode[] | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('<')) return undefined;
  const doc = new DOMParser().parseFromString(trimmed, 'application/xml');
  if (doc.getElementsByTagName('parsererror').length > 0) return undefined;
  return [...doc.childNodes].flatMap(toNode);
}

function toNode(node: Node): XmlNode[] {
  switch (node.nodeType) {
    case Node.ELEMENT_NODE: {
      const element = node as Element;
      return [
        {
          kind: 'element',
          name: element.tagName,
          attributes: [...element.attributes].map((a) => [a.name, a.value]),
          children: [...element.childNodes].flatMap(toNode),
        },
      ];
    }
    case Node.TEXT_NODE:
    case Node.CDATA_SECTION_NODE: {
      const text = node.nodeValue ?? '';
      if (text.trim() === '') return [];
      const decoded = decode(text.trim());
      return [{ kind: 'text', text: text.trim(), ...(decoded && { decoded }) }];
    }
    case Node.COMMENT_NODE:
      return [{ kind: 'comment', text: node.nodeValue ?? '' }];
    case Node.PROCESSING_INSTRUCTION_NODE:
      return [{ kind: 'instruction', text: `${(node as ProcessingInstruction).target} ${node.nodeValue ?? ''}` }];
    default:
      return [];
  }
}

/** A payload hidden in a text: base64 XML or JSON, escaped XML, or JSON as text. */
export function decode(text: string): Decoded | undefined {
  if (text.startsWith('<')) {
    const tree = parseXmlTree(text);
    return tree && { kind: 'xml', how: 'escaped', tree };
  }
  if (text.startsWith('{') || text.startsWith('[')) {
    const value = parseJson(text);
    return value === undefined ? undefined : { kind: 'json', how: 'text', value };
  }
  if (text.length < 16 || !BASE64.test(text)) return undefined;
  let plain: string;
  try {
    const bytes = Uint8Array.from(atob(text.replace(/\s+/g, '')), (c) => c.charCodeAt(0));
    plain = new TextDecoder('utf-8', { fatal: true }).decode(bytes).trim();
  } catch {
    return undefined;
  }
  if (plain.startsWith('<')) {
    const tree = parseXmlTree(plain);
    return tree && { kind: 'xml', how: 'base64', tree };
  }
  const value = parseJson(plain);
  return value === undefined ? undefined : { kind: 'json', how: 'base64', value };
}

function parseJson(text: string): unknown {
  if (!text.startsWith('{') && !text.startsWith('[')) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Indented text of a tree, decoded payloads written out below their text (what the diff compares). */
export function prettyLines(nodes: readonly XmlNode[], depth = 0): string[] {
  const pad = '  '.repeat(depth);
  const lines: string[] = [];
  for (const node of nodes) {
    if (node.kind === 'comment') lines.push(`${pad}<!--${node.text}-->`);
    else if (node.kind === 'instruction') lines.push(`${pad}<?${node.text}?>`);
    else if (node.kind === 'text') {
      lines.push(`${pad}${node.text}`);
      if (node.decoded) lines.push(...decodedLines(node.decoded, depth + 1));
    } else {
      const attributes = node.attributes.map(([n, v]) => ` ${n}="${v}"`).join('');
      const only = node.children.length === 1 ? node.children[0] : undefined;
      if (node.children.length === 0) lines.push(`${pad}<${node.name}${attributes}/>`);
      else if (only?.kind === 'text' && !only.decoded)
        lines.push(`${pad}<${node.name}${attributes}>${only.text}</${node.name}>`);
      else {
        lines.push(
          `${pad}<${node.name}${attributes}>`,
          ...prettyLines(node.children, depth + 1),
          `${pad}</${node.name}>`,
        );
      }
    }
  }
  return lines;
}

function decodedLines(decoded: Decoded, depth: number): string[] {
  const pad = '  '.repeat(depth);
  const label = `${pad}⤷ ${decoded.how === 'escaped' ? 'escaped XML' : decoded.how === 'base64' ? 'base64' : 'JSON text'}, decoded:`;
  if (decoded.kind === 'xml') return [label, ...prettyLines(decoded.tree, depth)];
  return [
    label,
    ...JSON.stringify(decoded.value, null, 2)
      .split('\n')
      .map((l) => `${pad}${l}`),
  ];
}

/** Any message body as indented text: XML with its payloads decoded, JSON indented, anything else as it is. */
export function prettyText(body: string): string {
  const tree = parseXmlTree(body);
  if (tree) return prettyLines(tree).join('\n');
  const json = parseJson(body.trim());
  if (json !== undefined) return JSON.stringify(json, null, 2);
  return body;
}
