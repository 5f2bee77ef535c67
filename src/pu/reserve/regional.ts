/**
 * Regional reserve numbers: each region has its own format. The formats are configured (config key
 * `puRegionalReserveFormats`: [{ name, pattern, description }]); without the key one example format is embedded.
 * A pattern is a regular expression that must match the whole number (it is anchored here whether or not it
 * says ^…$).
 */
export interface RegionalReserveFormat {
  name: string;
  /** A regular expression over the whole number. */
  pattern: string;
  /** What the format looks like, in words: shown when a number does not match. */
  description: string;
}

export const DEFAULT_REGIONAL_RESERVE_FORMATS: readonly RegionalReserveFormat[] = [
  {
    name: 'EXEMPEL',
    pattern: '^99[0-9]{6}[A-Z][0-9]{3}$',
    description: '99, the birth date YYMMDD, a capital letter and three digits, e.g. 99850312K123 (example format)',
  },
];

export interface CompiledFormat extends RegionalReserveFormat {
  regex: RegExp;
}

/** The configured formats, checked: a broken entry is a start-up error naming the entry. */
export function regionalReserveFormats(config: unknown): CompiledFormat[] {
  const configured = (config as { puRegionalReserveFormats?: unknown }).puRegionalReserveFormats;
  const list = configured === undefined ? DEFAULT_REGIONAL_RESERVE_FORMATS : configured;
  if (!Array.isArray(list))
    throw new Error('puRegionalReserveFormats must be a list of { name, pattern, description }');
  const names = new Set<string>();
  return list.map((entry: unknown, i) => {
    const e = (entry ?? {}) as Partial<RegionalReserveFormat>;
    for (const key of ['name', 'pattern', 'description'] as const)
      if (typeof e[key] !== 'string' || e[key] === '')
        throw new Error(`puRegionalReserveFormats[${i}].${key} must be a non-empty string`);
    const format = e as RegionalReserveFormat;
    if (names.has(format.name)) throw new Error(`puRegionalReserveFormats[${i}]: name ${format.name} is used twice`);
    names.add(format.name);
    let regex: RegExp;
    try {
      regex = new RegExp(`^(?:${format.pattern})$`, 'u');
    } catch (error) {
      throw new Error(
        `puRegionalReserveFormats[${i}].pattern is not a regular expression: ${(error as Error).message}`,
        { cause: error },
      );
    }
    return { ...format, regex };
  });
}
