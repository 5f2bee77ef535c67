/**
 * Structural mutations of a JSON value (drop, duplicate, reorder, retype, rename, add) and the generators of whole
 * JSON cases over a set of base bodies.
 *
 * Mutations carry plain numbers for positions (taken modulo what the value has when applied), so one mutation
 * applies to any body and fast-check can shrink a failure to a small, replayable case.
 */
import fc from 'fast-check';
import { byteMutationsArb, mutateBytes, type ByteMutation } from './bytes.js';
import { valueArb } from './values.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export type JsonMutation =
  | { kind: 'drop'; at: number }
  | { kind: 'duplicate'; at: number }
  | { kind: 'reorder'; at: number; seed: number }
  | { kind: 'retype'; at: number; value: Json }
  | { kind: 'rename'; at: number; name: string }
  | { kind: 'add'; at: number; name: string; value: Json };

interface JsonSlot {
  value: Json;
  parent?: Json[] | { [key: string]: Json };
  key?: string | number;
}

function jsonSlots(root: Json): JsonSlot[] {
  const out: JsonSlot[] = [{ value: root }];
  const visit = (value: Json): void => {
    if (Array.isArray(value)) {
      value.forEach((v, i) => {
        out.push({ value: v, parent: value, key: i });
        visit(v);
      });
    } else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        out.push({ value: v, parent: value, key: k });
        visit(v);
      }
    }
  };
  visit(root);
  return out;
}

export function mutateJson(root: Json, mutations: readonly JsonMutation[]): Json {
  let copy = structuredClone(root);
  for (const m of mutations) {
    const slots = jsonSlots(copy);
    const slot = slots[m.at % slots.length] as JsonSlot;
    const { parent, key } = slot;
    const container = slot.value;
    switch (m.kind) {
      case 'drop':
        if (Array.isArray(parent)) parent.splice(key as number, 1);
        else if (parent) delete parent[key as string];
        break;
      case 'duplicate':
        if (Array.isArray(parent)) parent.splice((key as number) + 1, 0, structuredClone(slot.value));
        else if (parent) parent[`${key as string}`] = [structuredClone(slot.value), structuredClone(slot.value)];
        break;
      case 'reorder':
        if (Array.isArray(container)) container.reverse();
        else if (container !== null && typeof container === 'object') {
          const entries = Object.entries(container);
          const shift = entries.length ? m.seed % entries.length : 0;
          for (const k of Object.keys(container)) delete container[k];
          for (const [k, v] of [...entries.slice(shift), ...entries.slice(0, shift)].reverse()) container[k] = v;
        }
        break;
      case 'retype':
        // Always a copy: fast-check reuses generated values while shrinking, so inserting one by reference would
        // let a later mutation change it (and even make it contain itself).
        if (Array.isArray(parent)) parent[key as number] = structuredClone(m.value);
        else if (parent) parent[key as string] = structuredClone(m.value);
        else copy = structuredClone(m.value);
        break;
      case 'rename':
        if (parent && !Array.isArray(parent) && key !== m.name) {
          parent[m.name] = slot.value;
          delete parent[key as string];
        }
        break;
      case 'add':
        if (Array.isArray(container)) container.push(structuredClone(m.value));
        else if (container !== null && typeof container === 'object') container[m.name] = structuredClone(m.value);
        break;
    }
  }
  return copy;
}

export const jsonValueArb: fc.Arbitrary<Json> = fc.oneof(
  { weight: 3, arbitrary: valueArb.filter((s) => s.length < 5_000) },
  { weight: 1, arbitrary: valueArb.filter((s) => s.length >= 5_000) },
  { weight: 2, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() as fc.Arbitrary<number> },
  { weight: 1, arbitrary: fc.constantFrom<Json>(null, true, false, [], {}, [1, 'a'], { a: 1 }, 0, -1, 1e308) },
);

const keyArb = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'id', 'date', 'type', '', 'x'),
  fc.string({ maxLength: 12 }),
);

export const jsonMutationArb: fc.Arbitrary<JsonMutation> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('drop' as const), at: fc.nat() }) },
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('reorder' as const), at: fc.nat(), seed: fc.nat() }),
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('retype' as const), at: fc.nat(), value: jsonValueArb }) },
  fc.record({ kind: fc.constant('rename' as const), at: fc.nat(), name: keyArb }),
  fc.record({ kind: fc.constant('add' as const), at: fc.nat(), name: keyArb, value: jsonValueArb }),
);

export interface JsonCase {
  base: number;
  json: JsonMutation[];
  bytes: ByteMutation[];
}

export const jsonCaseArb: fc.Arbitrary<JsonCase> = fc.record({
  base: fc.nat(),
  json: fc.oneof(
    { weight: 1, arbitrary: fc.constant([] as never[]) },
    { weight: 6, arbitrary: fc.array(jsonMutationArb, { minLength: 1, maxLength: 3 }) },
  ),
  bytes: byteMutationsArb,
});

/** The body of a JSON case: the mutated value (undefined once bytes were mutated) and the bytes sent. */
export function jsonCaseBody(bases: readonly Json[], c: JsonCase): { value: Json | undefined; bytes: Buffer } {
  const value = mutateJson(bases[c.base % bases.length] as Json, c.json);
  const text = Buffer.from(JSON.stringify(value), 'utf8');
  if (c.bytes.length === 0) return { value, bytes: text };
  return { value: undefined, bytes: mutateBytes(text, c.bytes) };
}
