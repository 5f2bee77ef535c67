import fs from 'node:fs';
import path from 'node:path';
import { parseXml } from '../parse.js';
import { isElement, type XElement } from '../tree.js';
import {
  UnsupportedSchema,
  type AttributeDecl,
  type ComplexTypeDef,
  type ElementDecl,
  type Occurs,
  type Particle,
  type TypeDef,
} from './model.js';
import { builtinType, restrict, type DerivedSimpleType, type Facets } from './simple-types.js';

const XS = 'http://www.w3.org/2001/XMLSchema';

/** The global components of a schema set, by expanded name (`{ns}name`), resolved on first use. */
export interface SchemaSet {
  element(ns: string, name: string): ElementDecl | undefined;
}

/** Resolves every global element and type and everything they use, so nothing is left to fail on first use. */
function resolveAll(set: Loader): void {
  const seen = new Set<object>();
  const particle = (p: Particle): void => {
    if (p.kind === 'element') element(p.decl());
    else if (p.kind !== 'any') p.items.forEach(particle);
  };
  const type = (t: TypeDef): void => {
    if (seen.has(t)) return;
    seen.add(t);
    if (t.kind === 'complex') {
      for (const a of t.attributes) a.type();
      if (t.content) particle(t.content);
    }
  };
  const element = (d: ElementDecl): void => {
    if (seen.has(d)) return;
    seen.add(d);
    type(d.type());
  };
  for (const decl of set.globalElements()) element(decl);
  for (const t of set.globalTypes()) type(t);
}

const key = (ns: string, name: string): string => `{${ns}}${name}`;

/** One schema document as read: its target namespace, forms, prefixes in scope, and its global definitions. */
interface SchemaDoc {
  targetNamespace: string;
  qualifiedElements: boolean;
  qualifiedAttributes: boolean;
  /** Namespace URIs by prefix, as declared on the schema element (the project's schemas declare them there). */
  prefixes: Map<string, string>;
}

/**
 * Reads `file` and every schema it imports into a SchemaSet. `replace` rewrites the text of `file` (not of its
 * imports) before reading, as CompiledSchema.compile does. Throws UnsupportedSchema for anything not modelled.
 */
export function loadSchemaSet(file: string, replace?: [string, string]): SchemaSet {
  return new Loader().load(file, replace);
}

class Loader implements SchemaSet {
  private readonly elementSources = new Map<string, { doc: SchemaDoc; node: XElement }>();
  private readonly typeSources = new Map<string, { doc: SchemaDoc; node: XElement }>();
  private readonly elements = new Map<string, ElementDecl>();
  private readonly types = new Map<string, TypeDef>();
  private readonly read = new Set<string>();

  load(file: string, replace?: [string, string]): SchemaSet {
    this.readFile(path.resolve(file), replace);
    resolveAll(this);
    // Everything is resolved: the schema documents' trees are no longer needed (the closures below let go of theirs).
    this.elementSources.clear();
    this.typeSources.clear();
    return this;
  }

  globalElements(): ElementDecl[] {
    return [...this.elementSources.keys()].map((k) => {
      const { doc, node } = this.elementSources.get(k)!;
      return this.element(doc.targetNamespace, attribute(node, 'name')!)!;
    });
  }

  globalTypes(): TypeDef[] {
    return [...this.typeSources.values()].map(({ doc, node }) =>
      this.typeOf(doc.targetNamespace, attribute(node, 'name')!),
    );
  }

  element(ns: string, name: string): ElementDecl | undefined {
    const k = key(ns, name);
    let decl = this.elements.get(k);
    if (decl) return decl;
    const source = this.elementSources.get(k);
    if (!source) return undefined;
    decl = this.elementDecl(source.doc, source.node, true);
    this.elements.set(k, decl);
    return decl;
  }

  private readFile(file: string, replace?: [string, string]): void {
    if (this.read.has(file)) return;
    this.read.add(file);
    const bytes = replace
      ? Buffer.from(fs.readFileSync(file, 'utf8').split(replace[0]).join(replace[1]), 'utf8')
      : fs.readFileSync(file);
    const parsed = parseXml(bytes);
    let root: XElement;
    let prefixes: Map<string, string>;
    try {
      root = parsed.root;
      prefixes = namespaceDeclarations(parsed.nativeOf(root));
    } finally {
      parsed.dispose();
    }
    if (root.ns !== XS || root.name !== 'schema') throw new UnsupportedSchema(`${file} is not a schema`);
    const doc: SchemaDoc = {
      targetNamespace: attribute(root, 'targetNamespace') ?? '',
      qualifiedElements: attribute(root, 'elementFormDefault') === 'qualified',
      qualifiedAttributes: attribute(root, 'attributeFormDefault') === 'qualified',
      prefixes,
    };
    for (const node of schemaChildren(root)) {
      const name = attribute(node, 'name');
      switch (node.name) {
        case 'annotation':
          break;
        case 'import': {
          const location = attribute(node, 'schemaLocation');
          if (location === undefined) throw new UnsupportedSchema(`an import without schemaLocation in ${file}`);
          this.readFile(path.resolve(path.dirname(file), location));
          break;
        }
        case 'element':
          if (attribute(node, 'substitutionGroup') !== undefined || attribute(node, 'abstract') === 'true')
            throw new UnsupportedSchema('substitution groups');
          this.elementSources.set(key(doc.targetNamespace, name!), { doc, node });
          break;
        case 'complexType':
        case 'simpleType':
          this.typeSources.set(key(doc.targetNamespace, name!), { doc, node });
          break;
        default:
          throw new UnsupportedSchema(`xs:${node.name} at the top of ${file}`);
      }
    }
  }

  private typeNamed(doc: SchemaDoc, qname: string): TypeDef {
    const [ns, name] = resolveQName(doc, qname);
    return this.typeOf(ns, name);
  }

  private typeOf(ns: string, name: string): TypeDef {
    if (ns === XS) return name === 'anyType' ? unsupported('xs:anyType') : builtinType(name);
    const k = key(ns, name);
    let type = this.types.get(k);
    if (type) return type;
    const source = this.typeSources.get(k);
    if (!source) throw new UnsupportedSchema(`no type ${k}`);
    type =
      source.node.name === 'simpleType'
        ? this.simpleType(source.doc, source.node)
        : this.complexType(source.doc, source.node);
    this.types.set(k, type);
    return type;
  }

  private simpleTypeNamed(doc: SchemaDoc, qname: string): DerivedSimpleType {
    const type = this.typeNamed(doc, qname);
    if (type.kind !== 'simple') throw new UnsupportedSchema(`${qname} used as a simple type`);
    return type as DerivedSimpleType;
  }

  private elementDecl(doc: SchemaDoc, node: XElement, global: boolean): ElementDecl {
    for (const a of ['substitutionGroup', 'abstract'])
      if (attribute(node, a) !== undefined && attribute(node, a) !== 'false')
        throw new UnsupportedSchema(`xs:element @${a}`);
    const qualified = global || formOf(node, doc.qualifiedElements);
    const ns = qualified ? doc.targetNamespace : '';
    const name = attribute(node, 'name')!;
    const typeName = attribute(node, 'type');
    let inline: XElement | undefined = schemaChildren(node).filter((c) => c.name !== 'annotation')[0];
    if (inline && inline.name !== 'complexType' && inline.name !== 'simpleType')
      throw new UnsupportedSchema(`xs:${inline.name} in an element declaration`);
    let cached: TypeDef | undefined;
    const type = (): TypeDef => {
      if (cached) return cached;
      if (typeName !== undefined) cached = this.typeNamed(doc, typeName);
      else if (inline?.name === 'complexType') cached = this.complexType(doc, inline);
      else if (inline?.name === 'simpleType') cached = this.simpleType(doc, inline);
      else throw new UnsupportedSchema(`element ${name} of xs:anyType`);
      inline = undefined;
      return cached;
    };
    const fixed = attribute(node, 'fixed');
    const nillable = attribute(node, 'nillable') === 'true';
    return { ns, name, type, nillable, ...(fixed !== undefined && { fixed }) };
  }

  private complexType(doc: SchemaDoc, node: XElement): ComplexTypeDef {
    if (attribute(node, 'mixed') === 'true') throw new UnsupportedSchema('mixed content');
    const attributes: AttributeDecl[] = [];
    let content: Particle | undefined;
    for (const c of schemaChildren(node)) {
      if (c.name === 'annotation') continue;
      if (c.name === 'attribute') attributes.push(this.attributeDecl(doc, c));
      else if ((c.name === 'sequence' || c.name === 'choice') && !content) content = this.particle(doc, c);
      else throw new UnsupportedSchema(`xs:${c.name} in a complex type`);
    }
    // A group that can only ever hold nothing makes the content empty, where not even whitespace may stand (XSD 1.0
    // §3.4.2, complex content 2.1.2–2.1.4); judged on the type's own group, not on groups nested in it.
    if (content && isEmptyGroup(content)) content = undefined;
    return { kind: 'complex', attributes, ...(content && { content }) };
  }

  private attributeDecl(doc: SchemaDoc, node: XElement): AttributeDecl {
    const name = attribute(node, 'name');
    if (name === undefined) throw new UnsupportedSchema('attribute references');
    const use = attribute(node, 'use') ?? 'optional';
    if (use === 'prohibited') throw new UnsupportedSchema('prohibited attributes');
    const typeName = attribute(node, 'type');
    let inline = schemaChildren(node).find((c) => c.name === 'simpleType');
    let cached: DerivedSimpleType | undefined;
    const type = (): DerivedSimpleType => {
      cached ??=
        typeName !== undefined
          ? this.simpleTypeNamed(doc, typeName)
          : inline
            ? this.simpleType(doc, inline)
            : unsupported('an attribute of xs:anySimpleType');
      inline = undefined;
      return cached;
    };
    const fixed = attribute(node, 'fixed');
    const ns = formOf(node, doc.qualifiedAttributes) ? doc.targetNamespace : '';
    return { ns, name, type, required: use === 'required', ...(fixed !== undefined && { fixed }) };
  }

  private particle(doc: SchemaDoc, node: XElement): Particle {
    const occurs = occursOf(node);
    if (node.name === 'sequence' || node.name === 'choice') {
      const items = schemaChildren(node)
        .filter((c) => c.name !== 'annotation')
        .map((c) => this.particle(doc, c));
      return { kind: node.name, items, ...occurs };
    }
    if (node.name === 'any') {
      const process = attribute(node, 'processContents') ?? 'strict';
      if (process !== 'strict' && process !== 'lax' && process !== 'skip') throw new UnsupportedSchema(process);
      return {
        kind: 'any',
        allows: namespaceConstraint(doc, attribute(node, 'namespace') ?? '##any'),
        process,
        ...occurs,
      };
    }
    if (node.name !== 'element') throw new UnsupportedSchema(`xs:${node.name} in a model group`);
    const ref = attribute(node, 'ref');
    if (ref !== undefined) {
      const [ns, name] = resolveQName(doc, ref);
      const decl = (): ElementDecl => this.element(ns, name) ?? unsupported(`no element {${ns}}${name}`);
      return { kind: 'element', ns, name, decl, ...occurs };
    }
    const decl = this.elementDecl(doc, node, false);
    return { kind: 'element', ns: decl.ns, name: decl.name, decl: () => decl, ...occurs };
  }

  private simpleType(doc: SchemaDoc, node: XElement): DerivedSimpleType {
    const steps = schemaChildren(node).filter((c) => c.name !== 'annotation');
    const restriction = steps[0];
    if (steps.length !== 1 || restriction?.name !== 'restriction')
      throw new UnsupportedSchema(`xs:${restriction?.name ?? 'nothing'} in a simple type`);
    const baseName = attribute(restriction, 'base');
    const inlineBase = schemaChildren(restriction).find((c) => c.name === 'simpleType');
    const base =
      baseName !== undefined
        ? this.simpleTypeNamed(doc, baseName)
        : inlineBase
          ? this.simpleType(doc, inlineBase)
          : unsupported('a restriction without a base');
    const facets: Facets = { enumeration: [], pattern: [] };
    for (const f of schemaChildren(restriction)) {
      const value = attribute(f, 'value');
      if (f.name === 'annotation' || f.name === 'simpleType') continue;
      if (value === undefined) throw new UnsupportedSchema(`xs:${f.name} without a value`);
      switch (f.name) {
        case 'enumeration':
        case 'pattern':
          facets[f.name].push(value);
          break;
        case 'length':
        case 'minLength':
        case 'maxLength':
        case 'totalDigits':
        case 'fractionDigits':
          facets[f.name] = Number(value);
          break;
        case 'minInclusive':
        case 'maxInclusive':
        case 'minExclusive':
        case 'maxExclusive':
          facets[f.name] = value;
          break;
        default:
          throw new UnsupportedSchema(`facet xs:${f.name}`);
      }
    }
    return restrict(base, facets);
  }
}

function unsupported(what: string): never {
  throw new UnsupportedSchema(what);
}

function attribute(node: XElement, name: string): string | undefined {
  for (const a of node.attrs) if (a.name === name && a.ns === '') return a.value;
  return undefined;
}

function isEmptyGroup(particle: Particle): boolean {
  if (particle.max === 0) return true;
  if (particle.kind === 'sequence') return particle.items.length === 0;
  return particle.kind === 'choice' && particle.items.length === 0 && particle.min === 0;
}

/** The XML Schema elements below `node` (text and foreign elements, e.g. appinfo content, are not read). */
function schemaChildren(node: XElement): XElement[] {
  const out: XElement[] = [];
  for (const c of node.children) if (isElement(c) && c.ns === XS) out.push(c);
  for (const c of node.children) if (isElement(c) && c.ns !== XS) throw new UnsupportedSchema(`{${c.ns}}${c.name}`);
  return out;
}

function formOf(node: XElement, qualifiedByDefault: boolean): boolean {
  const form = attribute(node, 'form');
  return form === undefined ? qualifiedByDefault : form === 'qualified';
}

function occursOf(node: XElement): Occurs {
  const min = Number(attribute(node, 'minOccurs') ?? '1');
  const maxText = attribute(node, 'maxOccurs') ?? '1';
  const max = maxText === 'unbounded' ? Infinity : Number(maxText);
  if (!Number.isInteger(min) || !(Number.isInteger(max) || max === Infinity) || min > max)
    throw new UnsupportedSchema(`occurs ${min}..${maxText}`);
  return { min, max };
}

function resolveQName(doc: SchemaDoc, qname: string): [string, string] {
  const colon = qname.indexOf(':');
  const prefix = colon < 0 ? '' : qname.slice(0, colon);
  const ns = doc.prefixes.get(prefix);
  if (ns === undefined) {
    if (prefix === '') return [doc.targetNamespace === '' ? '' : unsupported(`unprefixed ${qname}`), qname];
    throw new UnsupportedSchema(`prefix ${prefix}`);
  }
  return [ns, qname.slice(colon + 1)];
}

function namespaceConstraint(doc: SchemaDoc, value: string): (ns: string) => boolean {
  const target = doc.targetNamespace;
  if (value === '##any') return () => true;
  if (value === '##other') return (ns) => ns !== target && ns !== '';
  const allowed = new Set(
    value
      .split(/\s+/)
      .filter(Boolean)
      .map((v) => (v === '##targetNamespace' ? target : v === '##local' ? '' : v)),
  );
  return (ns) => allowed.has(ns);
}

/** The namespace declarations on the schema element, by prefix ('' for a default namespace). */
function namespaceDeclarations(native: { nsDeclarations?: Record<string, string> } | undefined): Map<string, string> {
  return new Map(Object.entries(native?.nsDeclarations ?? {}));
}
