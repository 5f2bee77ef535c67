/**
 * Byte mutations of a serialized message (insert, replace, delete, truncate) and their generators: random bytes,
 * snippets that break XML or JSON in interesting ways, invalid UTF-8.
 *
 * Positions are plain numbers (taken modulo the message length when applied), so fast-check can shrink a failure
 * to a small, replayable case.
 */
import fc from 'fast-check';

export type ByteMutation =
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'replace'; at: number; bytes: Uint8Array }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'truncate'; at: number };

export function mutateBytes(input: Uint8Array, mutations: readonly ByteMutation[]): Buffer {
  let bytes = Buffer.from(input);
  for (const m of mutations) {
    const at = bytes.length === 0 ? 0 : m.at % (bytes.length + 1);
    switch (m.kind) {
      case 'insert':
        bytes = Buffer.concat([bytes.subarray(0, at), m.bytes, bytes.subarray(at)]);
        break;
      case 'replace':
        bytes = Buffer.concat([
          bytes.subarray(0, at),
          m.bytes,
          bytes.subarray(Math.min(bytes.length, at + m.bytes.length)),
        ]);
        break;
      case 'delete':
        bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(Math.min(bytes.length, at + m.length))]);
        break;
      case 'truncate':
        bytes = bytes.subarray(0, at);
        break;
    }
  }
  return bytes;
}

/** Snippets that break XML (or JSON) in interesting ways, besides plain random bytes. */
const NASTY_SNIPPETS = [
  '<',
  '>',
  '&',
  '&amp;',
  '&#0;',
  '&#xD800;',
  '&unknown;',
  ']]>',
  '<!--',
  '-->',
  '<!-- c -->',
  '<?pi x?>',
  '<?xml version="1.0"?>',
  '<![CDATA[x<y]]>',
  '<!DOCTYPE x [<!ENTITY e "e">]>',
  '<!ENTITY x SYSTEM "file:///etc/passwd">',
  '\u0000',
  '\uFEFF',
  '\u00e5\u00e4\u00f6',
  '\u{1F600}',
  '"',
  "'",
  '/>',
  '</x>',
  '<x>',
  '<x/>',
  ' xmlns=""',
  ' xmlns:ssbt="urn:x-fuzz"',
  ' a="1"',
  ' a="1" a="2"',
  '{',
  '}',
  '[',
  ']',
  ',',
  ':',
  'null',
  '"\\u0000"',
  '\\',
  '\r\n',
].map((s) => new Uint8Array(Buffer.from(s, 'utf8')));

const INVALID_UTF8 = [
  [0xc3],
  [0xff, 0xfe],
  [0xed, 0xa0, 0x80],
  [0xf8, 0x88, 0x80, 0x80, 0x80],
  [0x80],
  [0xc0, 0xaf],
].map((b) => new Uint8Array(b));

export const bytesArb: fc.Arbitrary<Uint8Array> = fc.oneof(
  { weight: 3, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 8 }) },
  { weight: 4, arbitrary: fc.constantFrom(...NASTY_SNIPPETS) },
  { weight: 1, arbitrary: fc.constantFrom(...INVALID_UTF8) },
);

export const byteMutationArb: fc.Arbitrary<ByteMutation> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: bytesArb }),
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), bytes: bytesArb }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

/** Mostly no byte mutation (so the structural ones are judged exactly), sometimes one or two. */
export const byteMutationsArb: fc.Arbitrary<ByteMutation[]> = fc.oneof(
  { weight: 3, arbitrary: fc.constant([] as never[]) },
  { weight: 1, arbitrary: fc.array(byteMutationArb, { minLength: 1, maxLength: 2 }) },
);
