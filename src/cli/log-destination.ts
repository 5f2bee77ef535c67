import { pino, type Logger } from 'pino';

/** Bytes of log lines gathered before they are written (about a dozen request lines). */
const GATHER_BYTES = 4096;
/** The longest a line waits to be written when few come. */
const FLUSH_MS = 100;

/**
 * The served process's logger: lines are gathered and written 4 KB at a time, or every 100 ms, instead of one write
 * system call per line (with one log line per request, that call was a tenth of a kept answer's CPU). The write is
 * synchronous, as pino's default destination's: handing each 4 KB to libuv's thread pool cost more than writing it
 * (7.0 against 3.4 µs a request line, 1.7 of them pino's JSON), and a stalled reader of stdout holds the server as
 * it always did rather than letting lines pile up in memory. Whatever is gathered is written when the process exits
 * (pino registers that only for an asynchronous destination: done here), and `flush()` writes it at once (after the
 * "listening" line, which scripts wait for).
 */
export function servedLogger(level: string): { logger: Logger; flush: () => void } {
  const destination = pino.destination({ dest: 1, sync: true, minLength: GATHER_BYTES });
  const flush = (): void => {
    try {
      // flush(), not flushSync(): on a synchronous destination it writes at once all the same, where flushSync()
      // would also fsync stdout, a disk flush ten times a second when the log goes to a file.
      destination.flush();
    } catch {
      // Closed (the process is ending, or stdout went away): nothing more can be written.
    }
  };
  setInterval(flush, FLUSH_MS).unref();
  process.on('exit', flush);
  return { logger: pino({ level }, destination), flush };
}
