/**
 * A schema set read into JavaScript (load.ts) for checking element trees this process built (check.ts). Only the
 * part of XML Schema 1.0 the project's schemas use is modelled; a schema that uses anything else is not loaded.
 */

/** How often a particle may occur; `max` is Infinity for "unbounded". */
export interface Occurs {
  min: number;
  max: number;
}

export type Particle = ElementParticle | WildcardParticle | GroupParticle;

export interface ElementParticle extends Occurs {
  kind: 'element';
  /** Resolved on first use: a local declaration, or the global one a `ref` names. */
  decl: () => ElementDecl;
  /** The element's expanded name, known without resolving (for matching). */
  ns: string;
  name: string;
}

export interface WildcardParticle extends Occurs {
  kind: 'any';
  /** Whether an element of this namespace ('' for none) may stand here. */
  allows: (ns: string) => boolean;
  process: 'strict' | 'lax' | 'skip';
}

export interface GroupParticle extends Occurs {
  kind: 'sequence' | 'choice';
  items: Particle[];
}

export interface ElementDecl {
  ns: string;
  name: string;
  type: () => TypeDef;
  /** A value the element must have (its `fixed` attribute), compared as written. */
  fixed?: string;
  /** Whether it may stand empty with xsi:nil="true". */
  nillable: boolean;
}

export type TypeDef = ComplexTypeDef | SimpleTypeDef;

export interface ComplexTypeDef {
  kind: 'complex';
  /** Element-only content; undefined for empty content. */
  content?: Particle;
  attributes: AttributeDecl[];
}

export interface AttributeDecl {
  ns: string;
  name: string;
  type: () => SimpleTypeDef;
  required: boolean;
  fixed?: string;
}

/** A simple type as a test on a value as written (check.ts never normalizes: see simple-types.ts). */
export interface SimpleTypeDef {
  kind: 'simple';
  accepts: (value: string) => boolean;
}

/** A construct the loader does not model: the schema set is then never checked in JavaScript. */
export class UnsupportedSchema extends Error {}
