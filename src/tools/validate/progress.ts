import cliProgress from 'cli-progress';

/** Below this many files a run is over before a bar would tell anyone anything. */
const MIN_FILES_FOR_BAR = 10;

export interface Progress {
  tick(): void;
  /** Runs `write` (report lines to the same terminal) so that neither the bar nor the lines overwrite each other. */
  interleave(write: () => void): void;
  stop(): void;
}

const NO_PROGRESS: Progress = { tick() {}, interleave: (write) => write(), stop() {} };

/**
 * A bar on stderr, only for a person watching: stderr a terminal, not CI (whose logs would keep every frame),
 * enough files to be worth it. Never on stdout, which carries the report.
 */
export function createProgress(total: number, enabled: boolean, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!enabled || !stream.isTTY || process.env.CI || total < MIN_FILES_FOR_BAR) return NO_PROGRESS;
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: 'validating {bar} {value}/{total} files',
      hideCursor: true,
      clearOnComplete: true,
      // Report lines written to the same terminal wipe the bar; redraw every frame rather than only on change.
      forceRedraw: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return {
    tick: () => bar.increment(),
    interleave: (write) => {
      stream.cursorTo(0);
      stream.clearLine(0);
      write();
      // cli-progress returns the cursor to where the bar started when it stops (DEC save/restore): move that
      // mark below the lines just written, or the summary would be drawn over the first of them.
      stream.write('\x1b7');
    },
    stop: () => bar.stop(),
  };
}
