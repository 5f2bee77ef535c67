/** Text values of other types, for retyping an XML element or a JSON property. */
import fc from 'fast-check';

/**
 * Identity numbers: valid ones from the project's test material (Skatteverket's test numbers, see test/support and
 * test/pu/soap/support), and one with a wrong check digit.
 */
export const KNOWN_IDENTITIES = [
  '197706282394',
  '198601042388',
  '198110012385',
  '198702192397',
  '202304732395',
  '199001012385',
  '198601042389',
];

/** A text value of another type: number, text, date, empty, whitespace, very long, identity-like. */
export const valueArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 2, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.double().map(String) },
  { weight: 1, arbitrary: fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '',
      ' ',
      '\t\n',
      'true',
      'false',
      '0',
      '1',
      '-1',
      'NaN',
      'INF',
      'null',
      'P1D',
      '2026-11-20',
      '2026-02-30',
      '2026-11-20T09:30:47.123',
      '2026-11-20T09:30:47Z',
      '20261120',
      '9999-12-31',
      '0000-01-01',
      'v9',
      'P5',
      'P9',
      'AID12341234',
      'x'.repeat(256),
    ),
  },
  {
    weight: 2,
    arbitrary: fc
      .date({ min: new Date('1800-01-01T00:00:00Z'), max: new Date('2200-12-31T00:00:00Z'), noInvalidDate: true })
      .chain((d) => fc.constantFrom(d.toISOString().slice(0, 10), d.toISOString(), d.toISOString().slice(0, 19))),
  },
  { weight: 2, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 2, arbitrary: fc.constantFrom(...KNOWN_IDENTITIES) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(1_000, 20_000, 200_000), fc.constantFrom('A', '9', 'å', ' '))
      .map(([n, c]) => c.repeat(n)),
  },
);
