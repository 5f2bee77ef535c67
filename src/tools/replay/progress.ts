import cliProgress from 'cli-progress';

export interface Progress {
  tick(name: string): void;
  stop(): void;
}

const NO_PROGRESS: Progress = { tick() {}, stop() {} };

/**
 * A bar on stderr for a person watching a run: only when stderr is a terminal and not in CI (whose logs would
 * keep every frame). The report goes to stdout or a file and is written after the bar is gone.
 */
export function createProgress(
  total: number,
  label: string,
  enabled: boolean,
  stream: NodeJS.WriteStream = process.stderr,
): Progress {
  if (!enabled || !stream.isTTY || process.env.CI || total < 2) return NO_PROGRESS;
  const bar = new cliProgress.SingleBar(
    { stream, format: `${label} {bar} {value}/{total} {case}`, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { case: '' });
  return {
    tick: (name) => bar.increment(1, { case: name }),
    stop: () => bar.stop(),
  };
}
