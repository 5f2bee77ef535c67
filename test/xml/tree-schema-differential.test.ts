import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import fc from 'fast-check';
import { createApp, type App } from '../../src/app.js';
import { DEFAULT_CONFIG } from '../../src/config.js';
import { EXAMPLES_DIR } from '../../src/examples/catalogue.js';
import { fillPlaceholders } from '../../src/examples/placeholders.js';
import { NATIVE_SCHEMA_FILES } from '../../src/bastjanster/common/native-schemas.js';
import { SCHEMA_FILES } from '../../src/ssbtek/dialects.js';
import { NS } from '../../src/xml/namespaces.js';
import { parseBuiltXml } from '../../src/xml/parse.js';
import { CompiledSchema, XSD_ROOT } from '../../src/xml/schema.js';
import { compileTreeSchema } from '../../src/xml/tree-schema/index.js';
import { isElement, type XElement } from '../../src/xml/tree.js';
import { serialize } from '../../src/xml/write.js';

const TODAY = '2026-11-24';

/** libxml2's verdict on a tree: written out, parsed back and validated (what the tree check stands in for). */
function libxml2Accepts(schema: CompiledSchema, element: XElement): boolean {
  let bytes: Buffer;
  try {
    bytes = Buffer.from(serialize(element), 'utf8');
  } catch {
    return false;
  }
  let parsed;
  try {
    parsed = parseBuiltXml(bytes, element);
  } catch {
    return false; // not well-formed: nothing libxml2 could accept
  }
  try {
    return schema.validate(parsed, element).length === 0;
  } finally {
    parsed.dispose();
  }
}

interface Seen {
  schema: CompiledSchema;
  element: XElement;
  accepted: boolean;
}

/** Every tree the running emulator asks a schema to accept, with the answer it got. */
function recordChecks(): { seen: Seen[]; restore: () => void } {
  const seen: Seen[] = [];
  const original = Object.getOwnPropertyDescriptor(CompiledSchema.prototype, 'shownValid')!;
  const accepts = original.value as CompiledSchema['shownValid'];
  CompiledSchema.prototype.shownValid = function (this: CompiledSchema, element, document): boolean {
    const accepted = accepts.call(this, element, document);
    seen.push({ schema: this, element: structuredClone(element), accepted });
    return accepted;
  };
  return { seen, restore: () => Object.defineProperty(CompiledSchema.prototype, 'shownValid', original) };
}

const PERSONS = fs
  .readFileSync(path.join(EXAMPLES_DIR, '..', 'testnummer', 'personnummer.txt'), 'utf8')
  .split('\n')
  .filter((line) => /^\d{12}$/.test(line));

function query(example: string, person: string, n: number): Buffer {
  const template = fs.readFileSync(path.join(EXAMPLES_DIR, example), 'utf8');
  const original = /personidentitet>(\d{12})</.exec(template)![1]!;
  return Buffer.from(
    fillPlaceholders(template.replaceAll(original, person), TODAY).replace(/KORRID-[\w-]+/, `DIFF-${n}`),
  );
}

describe('Tree check against libxml2 (every message the emulator builds, every query it reads, and mutations of them)', function () {
  this.timeout(240_000);
  let app: App;
  let seen: Seen[] = [];

  before(async () => {
    app = createApp({ ...DEFAULT_CONFIG, storePath: ':memory:', today: TODAY, logLevel: 'silent', journal: false });
    const recorder = recordChecks();
    try {
      // Persons spread over the CC0 list (born 1890s to 2010s: every service's kinds of answer), in each dialect.
      const step = Math.max(1, Math.floor(PERSONS.length / 120));
      let n = 0;
      for (const example of ['v10-all-services.xml', 'v11-all-services.xml', 'seed-example-v1.xml']) {
        for (let i = 0; i < PERSONS.length; i += step) {
          const result = await app.pipeline.handle(query(example, PERSONS[i]!, n++));
          expect(result.status, `${example} for ${PERSONS[i]}`).to.equal(200);
        }
      }
    } finally {
      recorder.restore();
    }
    seen = recorder.seen;
  });

  after(async () => app?.close());

  it('reads every schema the emulator validates built messages with', () => {
    const files = [
      ...Object.values(NATIVE_SCHEMA_FILES),
      ...Object.values(SCHEMA_FILES),
      'pu/interactions/GetPersonsForProfileInteraction/GetPersonsForProfileResponder_5.0.xsd',
    ];
    for (const file of files) expect(compileTreeSchema(path.join(XSD_ROOT, file)), file).not.to.equal(undefined);
  });

  it('gives the same verdict as libxml2 on every message built for the persons, in every dialect', () => {
    const bySchema = new Map<string, number>();
    for (const { schema, element, accepted } of seen) {
      expect(accepted, `${schema.name}: ${serialize(element).slice(0, 400)}`).to.equal(libxml2Accepts(schema, element));
      bySchema.set(schema.name, (bySchema.get(schema.name) ?? 0) + 1);
    }
    // The composite replies of all three dialects and the native requests of the XML services were all checked.
    for (const name of ['ssbtek-v10', 'ssbtek-v11', 'ssbtek-v1', 'af', 'csnKommunfraga', 'skv', 'so', 'tns', 'miv'])
      expect(bySchema.get(name) ?? 0, name).to.be.greaterThan(50);
    // The clients' queries too (read by saxes, test/xml/text-tree.test.ts): one a composite.
    expect(seen.filter((s) => s.element.name === 'hamtaBastjanstInformation').length).to.be.at.least(360);
  });

  it('never accepts a mutated client query that libxml2 refuses (5,000 mutations of the queries alone)', () => {
    const queries = seen.filter((s) => s.accepted && s.element.name === 'hamtaBastjanstInformation');
    expect(queries.length).to.be.greaterThan(300);
    const texts = ['', ' ', '\n', 'true', '1', '2026-02-30', '197706282394', 'v9', 'AB=='];
    expect(refusedByBothOfMutations(queries, texts, 5_000, 23)).to.be.greaterThan(1500);
  });

  it('never accepts a mutated message that libxml2 refuses (10,000 mutations)', () => {
    const texts = ['', ' 1', '1 ', '-1', '2026-02-30', '2024-02-29', '99999999999', '1.5', 'true', '\u0001', 'ä'];
    // The mutations do break messages (the property is not passing for want of invalid input).
    expect(
      refusedByBothOfMutations(
        seen.filter((s) => s.accepted),
        texts,
        10_000,
        17,
      ),
    ).to.be.greaterThan(3000);
  });

  it('never accepts a value libxml2 refuses, at every leaf and attribute of every kind of message', () => {
    // A few messages per schema, and a battery of values: each a right value somewhere (borrowed from the
    // messages' own leaves), or an edge of a type (whitespace, dates, ranges, characters XML does not allow).
    const battery = new Set(['', ' ', 'X', ' 1', '1 ', '-1', '+1', '01', '1.50', '.5', '1e3', '2147483648', '-32769']);
    for (const v of ['2026-02-29', '2024-02-29', '2026-13-01', '0000-01-01', '2026-11-24T24:00:00', '2026-11-24Z'])
      battery.add(v);
    for (const v of ['true', 'True', 'ÅÄÖ', 'a\u0001b', '\ud83d\ude00', 'a  b', 'a\tb', 'YQ==', 'YR==', 'ab cd'])
      battery.add(v);
    const samples = new Map<CompiledSchema, XElement[]>();
    for (const { schema, element, accepted } of seen) {
      const list = samples.get(schema) ?? [];
      if (accepted && list.length < 4) samples.set(schema, [...list, element]);
    }
    for (const list of samples.values())
      for (const element of list) for (const leaf of leavesOf(element)) battery.add(leaf.children.join(''));
    let checked = 0;
    for (const [schema, list] of samples) {
      for (const element of list) {
        // Every place a value stands: a leaf's text or an attribute's value, each put back after its battery.
        const slots: { set: (value: string) => void; restore: () => void }[] = [];
        for (const leaf of leavesOf(element)) {
          const children = leaf.children;
          slots.push({ set: (value) => (leaf.children = [value]), restore: () => (leaf.children = children) });
        }
        for (const e of allElements(element)) {
          e.attrs.forEach((a, i) => {
            slots.push({ set: (value) => (e.attrs[i] = { ...a, value }), restore: () => (e.attrs[i] = a) });
          });
        }
        for (const slot of slots) {
          for (const value of battery) {
            slot.set(value);
            if (schema.shownValid(element)) {
              checked++;
              expect(libxml2Accepts(schema, element), `${schema.name}: ${JSON.stringify(value)}`).to.equal(true);
            }
          }
          slot.restore();
        }
      }
    }
    expect(checked).to.be.greaterThan(1000);
  });
});

/**
 * Asserts that no mutation of an accepted tree is shown valid where libxml2 refuses it (a random text, or one of
 * `texts`, for the mutations that set one); returns how many mutated trees both refused.
 */
function refusedByBothOfMutations(accepted: Seen[], texts: string[], numRuns: number, seed: number): number {
  const mutation = fc.record({
    // Unbiased: fast-check favours small numbers, which would mutate the first elements of the first messages.
    sample: fc.noBias(fc.nat({ max: accepted.length - 1 })),
    target: fc.noBias(fc.nat()),
    kind: fc.constantFrom(...MUTATIONS),
    text: fc.oneof(fc.string(), fc.constantFrom(...texts)),
  });
  let refusedByBoth = 0;
  fc.assert(
    fc.property(mutation, ({ sample, target, kind, text }) => {
      const { schema, element } = accepted[sample]!;
      const mutated = mutate(structuredClone(element), target, kind, text);
      const js = schema.shownValid(mutated);
      if (!js) refusedByBoth += libxml2Accepts(schema, mutated) ? 0 : 1;
      return !js || libxml2Accepts(schema, mutated);
    }),
    { numRuns, seed },
  );
  return refusedByBoth;
}

function allElements(root: XElement): XElement[] {
  const out: XElement[] = [root];
  for (const c of root.children) if (isElement(c)) out.push(...allElements(c));
  return out;
}

function leavesOf(root: XElement): XElement[] {
  return allElements(root).filter((e) => e.children.length > 0 && e.children.every((c) => typeof c === 'string'));
}

const MUTATIONS = [
  'drop-child',
  'duplicate-child',
  'swap-children',
  'rename',
  'renamespace',
  'set-text',
  'set-leaf-text',
  'borrow-leaf-text',
  'add-text',
  'add-attribute',
  'drop-attribute',
  'set-attribute',
  'nil',
] as const;
type Mutation = (typeof MUTATIONS)[number];

/** One change to the `target`-th element (document order, modulo the count) of a tree. */
function mutate(root: XElement, target: number, kind: Mutation, text: string): XElement {
  const all: XElement[] = [];
  const walk = (e: XElement): void => {
    all.push(e);
    for (const c of e.children) if (isElement(c)) walk(c);
  };
  walk(root);
  const element = all[target % all.length]!;
  // Elements holding only text: where a simple type's facets apply.
  const leaves = all.filter((e) => e.children.every((c) => typeof c === 'string'));
  const leaf = leaves[target % Math.max(1, leaves.length)] ?? element;
  const kids = element.children;
  const elementIndexes = kids.flatMap((c, i) => (isElement(c) ? [i] : []));
  const pick = elementIndexes[target % Math.max(1, elementIndexes.length)];
  switch (kind) {
    case 'drop-child':
      if (pick !== undefined) kids.splice(pick, 1);
      else element.children = [];
      break;
    case 'duplicate-child':
      if (pick !== undefined) kids.splice(pick, 0, structuredClone(kids[pick]!));
      break;
    case 'swap-children':
      if (elementIndexes.length > 1) {
        const [a, b] = [elementIndexes[0]!, elementIndexes[elementIndexes.length - 1]!];
        [kids[a], kids[b]] = [kids[b]!, kids[a]!];
      }
      break;
    case 'rename':
      element.name = element.name + 'X';
      break;
    case 'renamespace':
      element.ns = element.ns === '' ? NS.ssbtV10 : '';
      break;
    case 'set-text':
      element.children = [text];
      break;
    case 'set-leaf-text':
      leaf.children = [text];
      break;
    case 'borrow-leaf-text': {
      // A value that is right somewhere else in the message (another type's date, code, amount or name).
      const other = leaves[(target >> 7) % Math.max(1, leaves.length)] ?? leaf;
      leaf.children = [...other.children];
      break;
    }
    case 'add-text':
      kids.push(text);
      break;
    case 'add-attribute':
      element.attrs.push({ ns: '', name: 'extra', value: text });
      break;
    case 'drop-attribute':
      element.attrs.pop();
      break;
    case 'set-attribute': {
      const withAttributes = all.filter((e) => e.attrs.length > 0);
      const owner = withAttributes[target % Math.max(1, withAttributes.length)];
      if (owner) owner.attrs[0] = { ...owner.attrs[0]!, value: text };
      break;
    }
    case 'nil':
      element.attrs.push({ ns: NS.xsi, name: 'nil', value: 'true' });
      element.children = [];
      break;
  }
  return root;
}
