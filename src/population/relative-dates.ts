import { addDays, addMonths } from './dates.js';

/**
 * Dates written relative to "today", so that what is written down does not go stale: `{{today}}`, `{{today-2m}}`,
 * `{{today+1d}}`, `{{today-1y-14d}}` — whole days (d), calendar months (m) and years (y), applied left to right;
 * a month or year step keeps the day of the month, or takes the month's last day when it has no such day
 * (2026-03-31 − 1m = 2026-02-28), as the services' own period rules count. `:year` gives only the year
 * (`{{today-1y:year}}`: last year, e.g. an income year SKV is asked for). A placeholder stays on one line.
 */
const PLACEHOLDER = /\{\{([^{}\n]*)\}\}/g;
const EXPRESSION = /^\s*today((?:\s*[+-]\s*\d{1,3}\s*[dmy])*)\s*(:\s*year\s*)?$/;
const STEP = /([+-])\s*(\d{1,3})\s*([dmy])/g;

/** A placeholder that is not a relative date; the message names it and its line. */
export class PlaceholderError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = 'PlaceholderError';
  }
}

/** The date an expression such as `today-2m` stands for on `today`; undefined when it is not one. */
export function relativeDate(expression: string, today: string): string | undefined {
  const match = EXPRESSION.exec(expression);
  if (!match) return undefined;
  let date = today;
  for (const [, sign, amount, unit] of match[1]!.matchAll(STEP)) {
    const n = Number(amount) * (sign === '-' ? -1 : 1);
    date = unit === 'd' ? addDays(date, n) : addMonths(date, unit === 'm' ? n : 12 * n);
  }
  return match[2] ? date.slice(0, 4) : date;
}

/** True when `text` has anything written as `{{…}}`. */
export function hasPlaceholders(text: string): boolean {
  return text.includes('{{');
}

/**
 * `text` with every `{{today…}}` replaced by its date on `today`. Anything else written as `{{…}}` is refused
 * (PlaceholderError naming it and its line): a misspelt placeholder would otherwise go out as it is.
 */
export function resolveRelativeDates(text: string, today: string): string {
  if (!hasPlaceholders(text)) return text;
  return text.replace(PLACEHOLDER, (whole: string, expression: string, offset: number) => {
    const date = relativeDate(expression, today);
    if (date !== undefined) return date;
    const line = lineAt(text, offset);
    throw new PlaceholderError(
      `line ${line}: unknown placeholder ${whole} (dates are {{today}}, {{today-2m}}, {{today+1d}}, {{today-1y}}: ` +
        'days, months, years; {{today-1y:year}} is only the year)',
      line,
    );
  });
}

/** The 1-based line of `offset` in `text`. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
