import v8 from 'node:v8';

/**
 * How far the V8 heap may grow past what survived the last full collection before the next one: 75 %. V8's own
 * factor goes up to about 4× while a program allocates fast, and the emulator allocates fast and keeps little: under
 * unique composite queries about 60 MB survive a full collection (19 MB at start, 18 MB journal, 21 MB kept
 * answers), yet the old space grew to about 220 MB of mostly garbage and RSS plateaued at about 350 MB. At 75 % the
 * same three minutes plateau at about 232 MB RSS, for about 5 % more CPU per request (README, Performance).
 */
export const HEAP_GROWING_PERCENT = 75;

/** Applies HEAP_GROWING_PERCENT, unless the command line set --heap-growing-percent itself. */
export function limitHeapGrowth(execArgv: readonly string[] = process.execArgv): void {
  if (execArgv.some((arg) => arg.startsWith('--heap-growing-percent'))) return;
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
