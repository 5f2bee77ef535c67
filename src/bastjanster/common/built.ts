import { envelope } from '../../xml/soap.js';
import type { XChild, XElement } from '../../xml/tree.js';
import { serialize } from '../../xml/write.js';

/**
 * The trees of the XML documents in a message this process built, by the exact text each was serialized to (the
 * message body; an escaped or base64 document inside it by its text as it stands there). Carried beside the bytes
 * only in-process (InProcessTransport): the bytes stay what the journal and the wire see, and a reader that finds
 * its text here reads the tree instead of converting libxml2's tree into JavaScript again. Never sent over HTTP,
 * never kept with an answer.
 */
export interface BuiltDocuments extends Iterable<[string, XElement]> {
  get(text: string): XElement | undefined;
  has(text: string): boolean;
}

/**
 * One to three documents a message: found by comparing texts (the reader holds the very string the writer made, so
 * the comparison is one of identity), where a Map would hash every document's whole text on the way in.
 */
class BuiltList implements BuiltDocuments {
  constructor(
    private readonly texts: readonly string[],
    private readonly trees: readonly XElement[],
  ) {}

  get(text: string): XElement | undefined {
    for (let i = 0; i < this.texts.length; i++) if (this.texts[i] === text) return this.trees[i];
    return undefined;
  }

  static of(documents: BuiltDocuments): BuiltList {
    const texts: string[] = [];
    const trees: XElement[] = [];
    for (const [text, tree] of documents) {
      texts.push(text);
      trees.push(tree);
    }
    return new BuiltList(texts, trees);
  }

  has(text: string): boolean {
    return this.get(text) !== undefined;
  }

  *[Symbol.iterator](): Iterator<[string, XElement]> {
    for (let i = 0; i < this.texts.length; i++) yield [this.texts[i]!, this.trees[i]!];
  }

  with(text: string, tree: XElement): BuiltList {
    return new BuiltList([...this.texts, text], [...this.trees, tree]);
  }
}

const NONE = new BuiltList([], []);

/** One document built here, by the text it stands as (e.g. base64 inside its envelope), for `inner` below. */
export function builtDocument(text: string, tree: XElement): BuiltDocuments {
  return NONE.with(text, tree);
}

/** A document serialized, with its tree remembered under its text (and any `inner` documents already remembered). */
export function builtXml(
  root: XElement,
  options: { declaration?: boolean } = {},
  inner?: BuiltDocuments,
): { body: string; built: BuiltDocuments } {
  const body = serialize(root, options);
  const before = inner === undefined ? NONE : inner instanceof BuiltList ? inner : BuiltList.of(inner);
  return { body, built: before.with(body, root) };
}

/** A SOAP 1.1 envelope (as renderEnvelope writes it), with its tree remembered. */
export function builtEnvelope(
  payload: XChild[],
  header?: XChild[],
  inner?: BuiltDocuments,
): { body: string; built: BuiltDocuments } {
  return builtXml(envelope(payload, header), { declaration: true }, inner);
}

/** A message without its trees (or JSON value): what is kept (answers, journal) holds only text. */
export function withoutBuilt<T extends { built?: BuiltDocuments; json?: unknown }>(
  message: T,
): Omit<T, 'built' | 'json'> {
  if (message.built === undefined && message.json === undefined) return message;
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { built, json, ...rest } = message;
  return rest;
}
