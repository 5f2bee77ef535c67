import fs from 'node:fs';
import path from 'node:path';
import { NATIVE_SCHEMA_FILES, nativeSchema, type NativeSchemaKey } from '../../bastjanster/common/native-schemas.js';
import { SCHEMA_FILES } from '../../ssbtek/dialects.js';
import { NS } from '../../xml/namespaces.js';
import { parseXml } from '../../xml/parse.js';
import { CompiledSchema, XSD_ROOT } from '../../xml/schema.js';
import { attr, elements, type XElement } from '../../xml/tree.js';

const XSD_NS = 'http://www.w3.org/2001/XMLSchema';

/** One bundled schema the validator can choose: a name for `--schema`, its file below xsd/, how it is compiled. */
export interface SchemaSource {
  name: string;
  file: string;
  /** Rewrites the schema text before compiling, as dialects.ts does to serve v1 under a second namespace. */
  replace?: [string, string];
  /** Compiled through native-schemas.ts, so the validator checks exactly what the emulators check. */
  native?: NativeSchemaKey;
}

/**
 * Every schema the validator knows. The SSBTEK dialects mirror loadDialects() (v1 twice: ssbt/1 and SSBTEK/1);
 * the base services are native-schemas.ts's keys; csnHut is bundled for CSN's HUT answer but has no emulator key.
 */
export const SCHEMA_SOURCES: readonly SchemaSource[] = [
  { name: 'ssbtek-v10', file: SCHEMA_FILES.v10 },
  { name: 'ssbtek-v11', file: SCHEMA_FILES.v11 },
  { name: 'ssbtek-v1', file: SCHEMA_FILES.v1 },
  { name: 'ssbtek-v1-SSBTEK', file: SCHEMA_FILES.v1, replace: [NS.ssbtV1, NS.ssbtekV1] },
  ...(Object.keys(NATIVE_SCHEMA_FILES) as NativeSchemaKey[]).map((key) => ({
    name: key,
    file: NATIVE_SCHEMA_FILES[key],
    native: key,
  })),
  { name: 'csnHut', file: 'bastjanster/csn/hutgetinfo/hutgetinfo.xsd' },
  // Personuppgiftstjänsten (GetPersonsForProfile v5) and its RIV-TA header, and SCB's demo XML delivery format.
  {
    name: 'pu-get-persons',
    file: 'pu/interactions/GetPersonsForProfileInteraction/GetPersonsForProfileResponder_5.0.xsd',
  },
  { name: 'riv-registry', file: 'pu/core_components/itintegration_registry_1.0.xsd' },
  { name: 'scb-demo-lonerapport', file: 'scb/demo-lonerapport-1.xsd' },
];

export const SCHEMA_NAMES: readonly string[] = SCHEMA_SOURCES.map((s) => s.name);

/** `{namespace}local` (Clark notation), the key the registry is indexed by. */
export function clark(ns: string, name: string): string {
  return ns ? `{${ns}}${name}` : name;
}

/**
 * Qualified name of every global element a schema file declares itself (not its imports: an imported element
 * belongs to the schema that declares it, so the AF message picks `af`, not the SSBTEK schema importing it).
 */
export function declaredElements(source: SchemaSource): string[] {
  const absolute = path.resolve(XSD_ROOT, source.file);
  const bytes = source.replace
    ? Buffer.from(fs.readFileSync(absolute, 'utf8').split(source.replace[0]).join(source.replace[1]))
    : fs.readFileSync(absolute);
  const parsed = parseXml(bytes);
  try {
    const schema = parsed.root;
    const target = attr(schema, 'targetNamespace') ?? '';
    return elements(schema)
      .filter((e) => e.ns === XSD_NS && e.name === 'element')
      .map((e) => attr(e, 'name'))
      .filter((name): name is string => name !== undefined)
      .map((name) => clark(target, name));
  } finally {
    parsed.dispose();
  }
}

/**
 * Element name → schema, derived from the schema files themselves; each schema compiled on first use and kept,
 * so a run over thousands of files compiles each schema at most once.
 */
export class SchemaRegistry {
  private readonly compiled = new Map<string, CompiledSchema>();

  private constructor(
    private readonly byName: ReadonlyMap<string, SchemaSource>,
    private readonly byElement: ReadonlyMap<string, string>,
  ) {}

  static load(sources: readonly SchemaSource[] = SCHEMA_SOURCES): SchemaRegistry {
    const byElement = new Map<string, string>();
    for (const source of sources) {
      for (const element of declaredElements(source)) {
        const other = byElement.get(element);
        // Two bundled schemas declaring the same element would make the choice arbitrary: a packaging error.
        if (other) throw new Error(`${element} is declared by both ${other} and ${source.name}`);
        byElement.set(element, source.name);
      }
    }
    return new SchemaRegistry(new Map(sources.map((s) => [s.name, s])), byElement);
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** The schema declaring this element, by its namespace-qualified name. */
  schemaFor(element: XElement): string | undefined {
    return this.byElement.get(clark(element.ns, element.name));
  }

  /** Global elements per schema, for `--list-schemas`. */
  listing(): { name: string; file: string; elements: string[] }[] {
    return [...this.byName.values()].map((source) => ({
      name: source.name,
      file: source.file,
      elements: [...this.byElement].filter(([, name]) => name === source.name).map(([element]) => element),
    }));
  }

  compiledSchema(name: string): CompiledSchema {
    let schema = this.compiled.get(name);
    if (schema) return schema;
    const source = this.byName.get(name);
    if (!source) throw new Error(`unknown schema ${name}`);
    schema = source.native ? nativeSchema(source.native) : CompiledSchema.compile(name, source.file, source.replace);
    this.compiled.set(name, schema);
    return schema;
  }
}
