/**
 * `npm run pack-check`: packs the project as `npm pack` does for a user (prepack builds), installs the tarball
 * into an empty temporary folder, serves it with `npx ssbtek-emulator serve --port 0`, asks it a few things
 * (pack-check.ts), stops it and prints how long each step took. Exit 0 when all went well, 1 on a failure,
 * 2 when npm's registry (and its cache) could not be reached. --keep leaves the temporary folder for a look.
 */
import { packCheck, PackCheckUnavailable } from './pack-check.js';

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

try {
  const result = await packCheck({
    prepack: true,
    keep: process.argv.includes('--keep'),
    log: (line) => console.error(`pack-check: ${line}`),
  });
  const { timings, tarball } = result;
  console.log(
    `pack-check: ok. ${tarball.entries} files, ${(tarball.bytes / 1024).toFixed(0)} KiB packed. ` +
      `npm pack ${seconds(timings.pack)}, npm install ${seconds(timings.install)}, ` +
      `serve up ${seconds(timings.start)}, requests ${seconds(timings.requests)}; total ${seconds(timings.total)}.`,
  );
  if (process.argv.includes('--keep')) console.log(`pack-check: kept ${result.dir}`);
} catch (error) {
  console.error(`pack-check: ${(error as Error).message}`);
  process.exitCode = error instanceof PackCheckUnavailable ? 2 : 1;
}
