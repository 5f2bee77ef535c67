import v8 from 'node:v8';

/**
 * How far the V8 heap may grow past what survived the last full collection before the next one: 75 %. V8's own
 * factor goes up to about 4× while a program allocates fast, and the emulator allocates fast and keeps little: under
 * unique composite queries about 60 MB survive a full collection (19 MB at start, 18 MB journal, 21 MB kept
 * answers), yet the old space grew to about 220 MB of mostly garbage and RSS plateaued at about 350 MB. At 75 % the
 * same three minutes plateau at about 232 MB RSS, for about 5 % more CPU per request (README, Performance).
 */
export const HEAP_GROWING_PERCENT = 75;

/**
 * V8's allocation-site pretenuring off. V8 watches where object and array literals are made, and when most of a
 * site's objects outlive a young-generation collection it allocates that site's objects straight into the old
 * space from then on. A composite's trees and messages live about a millisecond, yet with several requests in
 * flight and a 4 MB semi-space many of them are still alive at a scavenge: V8 tenured hundreds of sites (the XML
 * tree's element and leaf literals among them) within the first seconds, and from then on every composite's trees
 * were old-space garbage that only a full collection frees. Off, the same in-process loop of new persons took
 * 4–18 % less time per composite in five interleaved pairs, and the served varied-person row gained in 8 of 11
 * (median +5 %; docs/performance.md, issue 17's eighth part).
 */
export const PRETENURING_FLAG = '--no-allocation-site-pretenuring';

/** The flags tuneHeap sets, each unless the command line named the same V8 flag itself. */
export function heapFlags(execArgv: readonly string[] = process.execArgv): string[] {
  const named = (flag: string): boolean =>
    execArgv.some((arg) =>
      arg
        .replace(/_/g, '-')
        .replace(/^--no-/, '--')
        .startsWith(flag),
    );
  const flags: string[] = [];
  if (!named('--heap-growing-percent')) flags.push(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  if (!named('--allocation-site-pretenuring')) flags.push(PRETENURING_FLAG);
  return flags;
}

/** Applies heapFlags to this process's V8, early: before the server's code is loaded and compiled. */
export function tuneHeap(execArgv: readonly string[] = process.execArgv): void {
  for (const flag of heapFlags(execArgv)) v8.setFlagsFromString(flag);
}
