/**
 * Warm-up until steady: rounds of load until two rounds in a row agree within 5 % (a JIT has settled), at least
 * 20 s and at most 40 s. WireMock's JVM needs it, and so does the emulator's V8 under a new person every request:
 * its throughput climbed from 477 to 593, 680 and 718 req/s over four 10 s rounds (workers auto), while TurboFan,
 * on V8's helper threads, still compiled what the persons' varied paths reached (a third of each worker's CPU in
 * the first round). A shared test environment runs for hours: the rows show it settled, as the peer is shown.
 */
const WARM_ROUND_SECONDS = 5;
const WARM_MIN_SECONDS = 20;
const WARM_MAX_SECONDS = 40;
const STEADY_WITHIN = 0.05;

/** Runs `round` (the load for the given seconds, returning its requests per second) until steady; the seconds. */
export async function warmUntilSteady(round: (seconds: number) => Promise<number>): Promise<number> {
  let previous = 0;
  let steady = 0;
  let seconds = 0;
  while (seconds < WARM_MAX_SECONDS) {
    const rps = await round(WARM_ROUND_SECONDS);
    seconds += WARM_ROUND_SECONDS;
    steady = previous > 0 && Math.abs(rps - previous) / previous < STEADY_WITHIN ? steady + 1 : 0;
    if (steady >= 2 && seconds >= WARM_MIN_SECONDS) break;
    previous = rps;
  }
  return seconds;
}
