import { isValidIsoDate, todayInSweden } from '../population/dates.js';

/** A request's own "today" (YYYY-MM-DD), over the emulator's: `X-SSBTEK-Today: 2026-11-24`. */
export const TODAY_HEADER = 'x-ssbtek-today';

/** The days the emulator can live on (the population's dates are computed around them). */
const EARLIEST = '1900-01-01';
const LATEST = '2999-12-31';

/** A "today" that cannot be used; the message names where it came from and what is wrong. */
export class TodayError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TodayError';
  }
}

/** Checks a "today" from `where` (a header, a variable, a config key): a real calendar day, YYYY-MM-DD, 1900–2999. */
export function checkToday(value: string, where: string): string {
  if (!isValidIsoDate(value)) throw new TodayError(`${where}: "${value}" is not a calendar date YYYY-MM-DD`);
  if (value < EARLIEST || value > LATEST) throw new TodayError(`${where}: "${value}" is outside ${EARLIEST}…${LATEST}`);
  return value;
}

/** The day an X-SSBTEK-Today value asks for; undefined when the header is absent or blank. Throws TodayError. */
export function parseTodayHeader(value: string | undefined): string | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  return checkToday(text, 'X-SSBTEK-Today header');
}

/** The X-SSBTEK-Today value among a native request's headers (any case), if there is one. */
export function todayHeaderOf(headers: Readonly<Record<string, string>> | undefined): string | undefined {
  if (!headers) return undefined;
  for (const [name, value] of Object.entries(headers)) if (name.toLowerCase() === TODAY_HEADER) return value;
  return undefined;
}

/**
 * The day a native request is answered for: its X-SSBTEK-Today (set by the composite service, or by whoever called
 * a base service's own path) over `today`. Throws TodayError for a header that is not a day.
 */
export function dayOfRequest(headers: Readonly<Record<string, string>> | undefined, today: () => string): string {
  return parseTodayHeader(todayHeaderOf(headers)) ?? today();
}

/** Where the day in force comes from: the admin API (run time), the config (fixed at start), or the real date. */
export type TodaySource = 'admin' | 'config' | 'real';

/** The day in force and where it comes from (GET /__admin/today, /health, the start log). */
export interface TodayState {
  today: string;
  source: TodaySource;
  /** The config's day (`today`, SSBTEK_TODAY), null when the emulator otherwise lives on the real date. */
  configured: string | null;
}

/**
 * The emulator's "today", in layers, the most specific first: a request's own (X-SSBTEK-Today), a run-time
 * setting, the config (`today`, SSBTEK_TODAY), the real date in Sweden. Every service reads the day from here.
 */
export class Today {
  private runtime: string | undefined;
  private readonly listeners: (() => void)[] = [];

  constructor(
    private readonly configured?: string,
    private readonly clock: () => string = todayInSweden,
  ) {
    if (configured !== undefined) checkToday(configured, 'today');
  }

  /** The day in force when a request names none: run time over config over the real date. */
  readonly current = (): string => this.runtime ?? this.configured ?? this.clock();

  /** The day for a request that may name its own (already checked, see parseTodayHeader). */
  forRequest(override: string | undefined): string {
    return override ?? this.current();
  }

  /** The day in force, where it comes from, and the config's day. */
  state(): TodayState {
    const source: TodaySource =
      this.runtime !== undefined ? 'admin' : this.configured !== undefined ? 'config' : 'real';
    return { today: this.current(), source, configured: this.configured ?? null };
  }

  /** The run-time day alone (what the admin API set), for the shared control plane. */
  runtimeDay(): string | undefined {
    return this.runtime;
  }

  /** Sets the run-time day (undefined: back to the config's, or the real date). Throws TodayError for a bad day. */
  set(day: string | undefined): void {
    this.runtime = day === undefined ? undefined : checkToday(day, 'today');
    for (const listener of this.listeners) listener();
  }

  /** Called after every run-time change (set or reset), e.g. to empty answers kept for another day.; the returned function stops the calls. */
  onChange(listener: () => void): () => void {
    this.listeners.push(listener);
    return () => {
      const at = this.listeners.indexOf(listener);
      if (at !== -1) this.listeners.splice(at, 1);
    };
  }
}
