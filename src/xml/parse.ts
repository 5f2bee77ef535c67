import { ParseOption, XmlCData, XmlDocument, XmlElement, XmlText, type XmlTreeNode } from 'libxml2-wasm';
import { DTD_REFUSED, XmlInputError } from './parse-error.js';
import { prescanXml, type ScanLimits } from './prescan.js';
import { treeFromText } from './text-tree.js';
import type { XChild, XElement } from './tree.js';

export { XmlInputError, type XmlInputErrorKind } from './parse-error.js';

/**
 * Parser options: never fetch anything (no network, no external DTD or entities), never substitute entities,
 * no recovery. Errors stay reported (libxml2-wasm collects them with line and column; NOERROR would leave only
 * "Failed to parse XML"). A DOCTYPE is refused outright (prescan.ts).
 */
const SAFE_OPTIONS =
  ParseOption.XML_PARSE_NONET |
  ParseOption.XML_PARSE_NO_XXE |
  ParseOption.XML_PARSE_NO_SYS_CATALOG |
  ParseOption.XML_PARSE_BIG_LINES;

/**
 * The most nodes (elements, attributes, text, comments) a document may have by default: far more than any message
 * this emulator reads, far fewer than it would take seconds and hundreds of MB to turn into a tree (a 10 MB body of
 * empty elements or short attributes has millions). Counted over the bytes before libxml2 builds anything
 * (prescan.ts). Files (SCB deliveries, the validate tool) get this bound; requests get MAX_MESSAGE_NODES.
 */
export const MAX_NODES = 250_000;

/**
 * The most nodes a request message may have (SSBTEK query, PU GetPersonsForProfile, a base service's native
 * message): a v10 query for all seven services has about 150, a PU request for its 500 identities about 4,000.
 * 10,000 leaves a wide margin and keeps libxml2's work for any accepted request under about 3 ms.
 */
export const MAX_MESSAGE_NODES = 10_000;

/** Attributes on one element (libxml2's cost per attribute grows with those before it on the element). */
export const MAX_ATTRIBUTES = 256;

/** Element nesting, as libxml2 limits it without XML_PARSE_HUGE. */
export const MAX_DEPTH = 256;

/** The pre-scan's limits for a request message (what the SOAP edges check while the body still arrives). */
export const MESSAGE_SCAN_LIMITS: ScanLimits = {
  maxNodes: MAX_MESSAGE_NODES,
  maxAttributes: MAX_ATTRIBUTES,
  maxDepth: MAX_DEPTH,
};

/** A document libxml2 holds, read as an element tree: what a schema validates (root or a subtree). */
export interface NativeBackedXml {
  readonly root: XElement;
  /** libxml2's element behind a tree element. */
  nativeOf(element: XElement): XmlElement | undefined;
  dispose(): void;
}

/**
 * A parsed document: the element tree, plus libxml2's document for subtree validation, parsed up front or, for a
 * tree read from the text (readXml), only when a native element is first asked for.
 */
export class ParsedXml implements NativeBackedXml {
  private readonly nativeElements = new Map<XElement, XmlElement>();
  private disposed = false;
  private document: XmlDocument | undefined;
  private readonly parseLater: (() => XmlDocument) | undefined;
  readonly root: XElement;

  /**
   * `native`: libxml2's document, or how to parse it when needed (then `root` is required). `lazy`: where libxml2's
   * tree is converted (no `root` given), an element's children become JavaScript objects only when first asked
   * for, so a caller that needs only the envelope (a request for an operation nobody serves) converts no more. A
   * lazy tree must not be read after dispose(). `root`: the same document's tree read from its text (text-tree.ts).
   */
  constructor(
    native: XmlDocument | (() => XmlDocument),
    private readonly lazy = false,
    root?: XElement,
  ) {
    if (typeof native === 'function') {
      if (!root) throw new Error('A document whose parse is left for later needs its tree');
      this.parseLater = native;
      this.root = root;
    } else {
      this.document = native;
      this.root = root ?? this.convert(native.root, 0);
    }
  }

  /** libxml2's document: parsed now when it was left for later (may throw XmlInputError, as parseXml would). */
  private get native(): XmlDocument {
    if (!this.document) {
      if (this.disposed || !this.parseLater) throw new Error('The document was disposed');
      this.document = this.parseLater();
    }
    return this.document;
  }

  /**
   * The native element behind a tree element. The root and the two levels below it (Envelope, Header/Body and
   * their children: what the hot path validates) are remembered; deeper elements are found by position.
   */
  nativeOf(element: XElement): XmlElement | undefined {
    const known = this.nativeElements.get(element);
    if (known) return known;
    const positions = positionOf(this.root, element);
    if (!positions) return undefined;
    let current: XmlElement | undefined = this.native.root;
    for (const index of positions) current = current && nthElementChild(current, index);
    return current;
  }

  dispose(): void {
    this.disposed = true;
    this.document?.dispose();
  }

  private convert(node: XmlElement, depth: number): XElement {
    const element = {
      ns: node.namespaceUri ?? '',
      name: node.name,
      attrs: node.attrs.map((a) => ({ ns: a.namespaceUri ?? '', name: a.name, value: a.value })),
      line: node.line,
    } as XElement;
    if (depth <= 2) this.nativeElements.set(element, node);
    if (!this.lazy) {
      element.children = this.convertChildren(node, depth);
      return element;
    }
    Object.defineProperty(element, 'children', {
      configurable: true,
      enumerable: true,
      get: () => {
        if (this.disposed) throw new Error('A lazily parsed XML tree was read after its document was disposed');
        const children = this.convertChildren(node, depth);
        Object.defineProperty(element, 'children', { value: children, enumerable: true, writable: true });
        return children;
      },
    });
    return element;
  }

  private convertChildren(node: XmlElement, depth: number): XChild[] {
    const children: XChild[] = [];
    for (let c: XmlTreeNode | null = node.firstChild; c; c = c.next) {
      if (c instanceof XmlElement) children.push(this.convert(c, depth + 1));
      else if (c instanceof XmlText || c instanceof XmlCData) {
        const last = children[children.length - 1];
        if (typeof last === 'string') children[children.length - 1] = last + c.content;
        else children.push(c.content);
      }
    }
    return children;
  }
}

/** Element-child indexes leading from `root` to `target`, or undefined when target is not in the tree. */
function positionOf(root: XElement, target: XElement): number[] | undefined {
  if (root === target) return [];
  let index = 0;
  for (const c of root.children) {
    if (typeof c === 'string') continue;
    const below = positionOf(c, target);
    if (below) return [index, ...below];
    index++;
  }
  return undefined;
}

function nthElementChild(parent: XmlElement, n: number): XmlElement | undefined {
  let index = 0;
  for (let c: XmlTreeNode | null = parent.firstChild; c; c = c.next) {
    if (c instanceof XmlElement && index++ === n) return c;
  }
  return undefined;
}

/**
 * Parses untrusted bytes. The pre-scan refuses a DTD (in any encoding libxml2 reads) and a document past the limits
 * before libxml2 sees it, so no entity of any kind is ever expanded or fetched; a DTD libxml2 still finds (the scan
 * reads malformed input only approximately) is refused after parsing.
 */
export function parseXml(bytes: Uint8Array, options: { maxNodes?: number; lazy?: boolean } = {}): ParsedXml {
  scan(bytes, options.maxNodes);
  return parsedByLibxml2(bytes, options.lazy);
}

/**
 * Reads untrusted bytes whose tree is wanted first and whose validity a schema may show on that tree without
 * libxml2 (CompiledSchema.shownValid): the SSBTEK query. Where saxes reads the text (text-tree.ts: UTF-8, no lone
 * carriage return, well-formed to it), libxml2 parses the bytes only when a native element is first asked for
 * (validate(): the tree was not shown valid), and a document saxes refuses is parsed by libxml2 at once, so that
 * every refusal is libxml2's, with its message. saxes refuses whatever libxml2 refuses (test/xml/text-tree.test.ts
 * holds the evidence). The same pre-scan and limits as parseXml.
 */
export function readXml(bytes: Uint8Array, options: { maxNodes?: number; lazy?: boolean } = {}): ParsedXml {
  scan(bytes, options.maxNodes);
  const root = treeFromText(bytes);
  if (root) return new ParsedXml(() => parseNative(bytes), false, root);
  return parsedByLibxml2(bytes, options.lazy);
}

/**
 * Refuses an empty body, and a DTD or a document past the limits (prescan.ts) before anything builds a tree: libxml2's
 * tree for a node flood would cost seconds and WebAssembly memory that is never given back.
 */
function scan(bytes: Uint8Array, maxNodes = MAX_NODES): void {
  if (bytes.length === 0 || isBlank(bytes)) throw new XmlInputError('empty', 'The request body is empty.');
  prescanXml(bytes, { maxNodes, maxAttributes: MAX_ATTRIBUTES, maxDepth: MAX_DEPTH });
}

/** Parsed by libxml2 now; the tree read from the text where that gives the same one (libxml2 found it well-formed). */
function parsedByLibxml2(bytes: Uint8Array, lazy?: boolean): ParsedXml {
  const native = parseNative(bytes);
  try {
    return new ParsedXml(native, lazy, treeFromText(bytes, true));
  } catch (error) {
    native.dispose();
    throw error;
  }
}

/**
 * Bytes this process serialized from `root` (src/bastjanster/common/built.ts), parsed by libxml2 to be validated,
 * and read as `root`: nothing is converted into JavaScript. No pre-scan: the serializer writes no DTD, and what it
 * wrote was built from a request that passed its own.
 */
export function parseBuiltXml(bytes: Uint8Array, root: XElement): NativeBackedXml {
  const native = parseNative(bytes);
  return {
    root,
    nativeOf(element: XElement): XmlElement | undefined {
      const positions = positionOf(root, element);
      let current: XmlElement | undefined = positions && native.root;
      for (const index of positions ?? []) current = current && nthElementChild(current, index);
      return current;
    },
    dispose: () => native.dispose(),
  };
}

/** libxml2's document for bytes already pre-scanned (or built here); a DTD it still finds is refused. */
function parseNative(bytes: Uint8Array): XmlDocument {
  let native: XmlDocument;
  try {
    native = XmlDocument.fromBuffer(bytes, { option: SAFE_OPTIONS });
  } catch (error) {
    const detail = (error as { details?: { message: string; line: number; col: number }[] }).details?.[0];
    const where = detail ? ` (line ${detail.line}, column ${detail.col})` : '';
    const message = (detail?.message ?? (error as Error).message ?? '').trim() || 'unreadable input';
    throw new XmlInputError('malformed', `The XML is not well-formed: ${message}${where}`, detail?.line);
  }
  if (native.dtd) {
    native.dispose();
    throw new XmlInputError('dtd', DTD_REFUSED);
  }
  return native;
}

function isBlank(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09) return false;
  return true;
}
