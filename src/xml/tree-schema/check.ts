import { NS } from '../namespaces.js';
import { isElement, type XElement } from '../tree.js';
import type { ComplexTypeDef, ElementDecl, Particle, TypeDef } from './model.js';
import type { SchemaSet } from './load.js';
import { isXmlText } from './simple-types.js';

/**
 * Whether `element` is valid against its global declaration in `schemas`, checked on the tree itself. True means
 * valid; false means "not shown valid here" (invalid, or something this check does not decide: xsi attributes,
 * whitespace a type would normalize, a lexical form off the usual path), and the caller asks libxml2.
 */
export function treeIsValid(schemas: SchemaSet, element: XElement): boolean {
  const decl = schemas.element(element.ns, element.name);
  return decl !== undefined && new TreeCheck(schemas).element(element, decl);
}

class TreeCheck {
  constructor(private readonly schemas: SchemaSet) {}

  element(element: XElement, decl: ElementDecl): boolean {
    const type = decl.type();
    const nil = nilOf(element);
    if (nil !== undefined) return nil && decl.nillable && decl.fixed === undefined && this.nilled(element, type);
    if (decl.fixed !== undefined && textOnly(element) !== decl.fixed) return false;
    return type.kind === 'simple' ? this.simpleContent(element, type) : this.complexContent(element, type);
  }

  /** An element with xsi:nil="true": no content at all, and its other attributes as its type declares them. */
  private nilled(element: XElement, type: TypeDef): boolean {
    if (element.children.length > 0) return false;
    const others: XElement = { ...element, attrs: element.attrs.filter((a) => !(a.ns === NS.xsi && a.name === 'nil')) };
    if (type.kind === 'simple') return others.attrs.length === 0;
    return this.attributes(others, type);
  }

  private simpleContent(element: XElement, type: TypeDef & { kind: 'simple' }): boolean {
    if (element.attrs.length > 0) return false;
    const value = textOnly(element);
    return value !== undefined && type.accepts(value);
  }

  private complexContent(element: XElement, type: ComplexTypeDef): boolean {
    if (!this.attributes(element, type)) return false;
    // Empty content admits no character at all, not even whitespace (XSD 1.0, cvc-complex-type.2.1).
    if (!type.content) return element.children.length === 0;
    let children = element.children as XElement[];
    if (children.some((c) => typeof c === 'string')) {
      // Element-only content: whitespace between elements is all a text may be.
      children = [];
      for (const c of element.children) {
        if (typeof c !== 'string') children.push(c);
        else if (!/^[ \t\n\r]*$/.test(c)) return false;
      }
    }
    return this.match(type.content, children, 0) === children.length;
  }

  private attributes(element: XElement, type: ComplexTypeDef): boolean {
    let required = 0;
    for (const a of element.attrs) {
      // xsi:type and the like change what is validated: libxml2 decides.
      if (a.ns === NS.xsi) return false;
      const decl = type.attributes.find((d) => d.name === a.name && d.ns === a.ns);
      if (!decl || !decl.type().accepts(a.value)) return false;
      if (decl.fixed !== undefined && a.value !== decl.fixed) return false;
      if (decl.required) required++;
    }
    for (const d of type.attributes) if (d.required) required--;
    return required === 0;
  }

  /**
   * Where `particle` ends when matched from `position` in `children`, or -1. Greedy: each repetition takes what it
   * can, and a choice the first branch that consumes anything. A schema's content models are deterministic (XML
   * Schema's Unique Particle Attribution), so at most one particle can take each child; and whatever this finds is
   * a way to read the children by the model, with every child validated, so "valid" here is valid. A model it
   * could still read some other way (a schema breaking that rule) only costs a false here: libxml2 decides.
   */
  private match(particle: Particle, children: XElement[], position: number): number {
    for (let count = 0; count < particle.max; count++) {
      const next = this.matchOnce(particle, children, position);
      // Matched nothing: every further occurrence can match nothing too.
      if (next === position) return position;
      if (next < 0) return count >= particle.min ? position : -1;
      position = next;
    }
    return position;
  }

  private matchOnce(particle: Particle, children: XElement[], position: number): number {
    switch (particle.kind) {
      case 'element': {
        const child = children[position];
        if (!child || child.name !== particle.name || child.ns !== particle.ns) return -1;
        return this.element(child, particle.decl()) ? position + 1 : -1;
      }
      case 'any': {
        const child = children[position];
        if (!child || !particle.allows(child.ns)) return -1;
        return this.wildcard(child, particle.process) ? position + 1 : -1;
      }
      case 'sequence': {
        for (const item of particle.items) {
          position = this.match(item, children, position);
          if (position < 0) return -1;
        }
        return position;
      }
      case 'choice': {
        let empty = false;
        for (const item of particle.items) {
          const end = this.match(item, children, position);
          if (end > position) return end;
          if (end === position) empty = true;
        }
        return empty ? position : -1;
      }
    }
  }

  /** An element a wildcard admits: validated against its global declaration when strict, or lax and one exists. */
  private wildcard(child: XElement, process: 'strict' | 'lax' | 'skip'): boolean {
    if (process === 'skip') return hasXmlValues(child);
    const decl = this.schemas.element(child.ns, child.name);
    if (decl) return this.element(child, decl);
    if (process === 'strict') return false;
    // Lax and undeclared: its attributes are free, its child elements are assessed laxly in turn.
    for (const a of child.attrs) if (a.ns === NS.xsi || !isXmlText(a.value)) return false;
    for (const c of child.children) {
      if (typeof c === 'string' ? !isXmlText(c) : !this.wildcard(c, 'lax')) return false;
    }
    return true;
  }
}

/**
 * true or false for an element carrying xsi:nil (only those exact forms: "1", "0" or spaces go to libxml2, as
 * false here does), undefined when it carries none.
 */
function nilOf(element: XElement): boolean | undefined {
  for (const a of element.attrs) if (a.ns === NS.xsi && a.name === 'nil') return a.value === 'true';
  return undefined;
}

/** The text of an element with no element children, or undefined when it has some. */
function textOnly(element: XElement): string | undefined {
  let value = '';
  for (const c of element.children) {
    if (isElement(c)) return undefined;
    value += c;
  }
  return value;
}

/**
 * Whether every text and attribute value in `element`'s tree, except below `skip`, is XML text (what content no
 * schema checks must still be, as libxml2's parse would require).
 */
export function hasXmlValues(element: XElement, skip?: XElement): boolean {
  if (element === skip) return true;
  for (const a of element.attrs) if (!isXmlText(a.value)) return false;
  for (const c of element.children) if (typeof c === 'string' ? !isXmlText(c) : !hasXmlValues(c, skip)) return false;
  return true;
}
