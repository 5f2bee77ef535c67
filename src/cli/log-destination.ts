import { pino, type Logger } from 'pino';

/** Bytes of log lines gathered before they are written (about a dozen request lines). */
const GATHER_BYTES = 4096;
/** The longest a line waits to be written when few come. */
const FLUSH_MS = 100;

/**
 * The served process's logger: lines are gathered and written 4 KB at a time, or every 100 ms, instead of one write
 * system call per line (with one log line per request, that call was a tenth of a kept answer's CPU). Whatever is
 * gathered is written at exit (pino flushes an asynchronous destination then), and `flush()` writes it at once
 * (after the "listening" line, which scripts wait for).
 */
export function servedLogger(level: string): { logger: Logger; flush: () => void } {
  const destination = pino.destination({ dest: 1, sync: false, minLength: GATHER_BYTES });
  const flush = (): void => {
    try {
      destination.flush();
    } catch {
      // Closed (the process is ending, or stdout went away): nothing more can be written.
    }
  };
  setInterval(flush, FLUSH_MS).unref();
  return { logger: pino({ level }, destination), flush };
}
