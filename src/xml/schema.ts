import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { XmlDocument, XmlValidateError, XsdValidator, xmlRegisterInputProvider, type ErrorDetail } from 'libxml2-wasm';
import type { NativeBackedXml } from './parse.js';
import { isElement, type XElement } from './tree.js';
import { hasXmlValues } from './tree-schema/check.js';
import { compileTreeSchema, type TreeSchema } from './tree-schema/index.js';

/** One schema violation, located for a human: line, path of local names, message without namespace noise. */
export interface Violation {
  line: number;
  /** Column as libxml2 reports it; 0 when it gives none (validation errors usually carry only a line). */
  col: number;
  path: string;
  message: string;
}

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const XSD_ROOT = path.join(PROJECT_ROOT, 'xsd');

let providerRegistered = false;
/** Folders the schema input provider may read from: the project's xsd/, plus any a caller adds (tests: the reference). */
const schemaRoots = [XSD_ROOT];

/** Lets schemas under `dir` be compiled (tests use it to compile the reference contract as an oracle). */
export function allowSchemaRoot(dir: string): void {
  const absolute = path.resolve(dir);
  if (!schemaRoots.includes(absolute)) schemaRoots.push(absolute);
}

/**
 * libxml2 resolves xs:import/xs:include through a process-global input provider. Ours serves only files below
 * the allowed schema folders (the project's xsd/): schema compilation works, and no parsed document can make
 * the process read anything else from disk.
 */
function registerSchemaInputProvider(): void {
  if (providerRegistered) return;
  const toPath = (name: string): string | undefined => {
    const file = path.resolve(name.startsWith('file:') ? fileURLToPath(name) : name);
    return schemaRoots.some((root) => file.startsWith(root + path.sep)) ? file : undefined;
  };
  xmlRegisterInputProvider({
    match: (name) => toPath(name) !== undefined,
    open: (name) => {
      const file = toPath(name);
      try {
        return file ? fs.openSync(file, 'r') : undefined;
      } catch {
        return undefined;
      }
    },
    read: (fd, buf) => {
      try {
        return fs.readSync(fd, buf);
      } catch {
        return -1;
      }
    },
    close: (fd) => {
      try {
        fs.closeSync(fd);
        return true;
      } catch {
        return false;
      }
    },
  });
  providerRegistered = true;
}

/** A schema compiled once; validates parsed documents or subtrees of them. */
export class CompiledSchema {
  /** The same schema as a check on built trees (tree-schema/), read on first use; null when it cannot be. */
  private treeSchema: TreeSchema | null | undefined;
  /** libxml2's compiled schema: made by compile(), or by the first validate() of a deferred() schema. */
  private validator: XsdValidator | undefined;

  private constructor(
    readonly name: string,
    private readonly source: { file: string; replace?: [string, string] },
  ) {}

  /**
   * Compiles `file` (relative to xsd/) now: a schema that cannot be compiled throws here. `replace` rewrites strings
   * in the schema text before compiling, used to compile one schema under a second namespace URI.
   */
  static compile(name: string, file: string, replace?: [string, string]): CompiledSchema {
    const schema = CompiledSchema.deferred(name, file, replace);
    schema.xsd();
    return schema;
  }

  /**
   * The same schema, compiled by libxml2 when validate() is first asked (shownValid never needs it): for a schema
   * whose trees are mostly shown valid in JavaScript, so that start-up does not wait for libxml2 (the SSBTEK
   * dialects: about 100 ms of it on this machine's slow minutes; docs/decisions.md).
   */
  static deferred(name: string, file: string, replace?: [string, string]): CompiledSchema {
    return new CompiledSchema(name, { file: path.resolve(XSD_ROOT, file), ...(replace && { replace }) });
  }

  /** Whether libxml2 has compiled it yet. */
  get compiled(): boolean {
    return this.validator !== undefined;
  }

  private xsd(): XsdValidator {
    if (this.validator) return this.validator;
    registerSchemaInputProvider();
    const { file, replace } = this.source;
    // Bytes, not a string, unless rewriting: a schema may be UTF-16 (the SO reference is).
    const doc = replace
      ? XmlDocument.fromString(fs.readFileSync(file, 'utf8').split(replace[0]).join(replace[1]), { url: file })
      : XmlDocument.fromBuffer(fs.readFileSync(file), { url: file });
    try {
      this.validator = XsdValidator.fromDoc(doc);
    } finally {
      doc.dispose();
    }
    return this.validator;
  }

  /** Validates `element` (the document element or one up to two levels below it) of a parsed document. */
  validate(parsed: NativeBackedXml, element: XElement = parsed.root): Violation[] {
    const native = parsed.nativeOf(element);
    if (!native) throw new Error(`Element ${element.name} cannot be validated as a subtree`);
    try {
      this.xsd().validate(native);
      return [];
    } catch (error) {
      if (error instanceof XmlValidateError) return error.details.map((d) => toViolation(d, parsed.root));
      throw error;
    }
  }

  /**
   * Whether a tree is shown valid in JavaScript (tree-schema/), without libxml2: one this process built, or one
   * read from a request's text by saxes (text-tree.ts). False is no verdict: the caller then validates with
   * validate(), and every refusal and its message are libxml2's. With `document` (the whole message `element`
   * stands in, e.g. its SOAP envelope), what lies outside `element` must hold only XML text too, as libxml2's
   * parse of the bytes would require.
   */
  shownValid(element: XElement, document?: XElement): boolean {
    if (this.treeSchema === undefined)
      this.treeSchema = compileTreeSchema(this.source.file, this.source.replace) ?? null;
    if (this.treeSchema === null) return false;
    return (document === undefined || hasXmlValues(document, element)) && this.treeSchema.accepts(element);
  }

  dispose(): void {
    this.validator?.dispose();
    this.validator = undefined;
  }
}

function toViolation(detail: ErrorDetail, root: XElement): Violation {
  return {
    line: detail.line,
    col: detail.col,
    path: detail.xpath ? readablePath(detail.xpath, root) : '',
    message: detail.message
      .trim()
      .replace(/\{[^{}\s]*[:/][^{}\s]*\}/g, '')
      .replace(/\s+/g, ' '),
  };
}

/** Turns libxml2's positional XPath (/s:Envelope/s:Body/*\/*[2]) into local names (/Envelope/Body/x/y). */
export function readablePath(xpath: string, root: XElement): string {
  const names: string[] = [];
  let candidates: XElement[] = [root];
  for (const step of xpath.split('/').filter(Boolean)) {
    const match = /^(?:[^:[\]]+:)?([^[\]]+)(?:\[(\d+)\])?$/.exec(step);
    if (!match) return xpath;
    const [, local, index] = match;
    const pool = local === '*' ? candidates : candidates.filter((c) => c.name === local);
    const found = pool[Number(index ?? 1) - 1];
    if (!found) return xpath;
    names.push(found.name);
    candidates = found.children.filter(isElement);
  }
  return '/' + names.join('/');
}
