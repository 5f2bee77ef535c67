import { Command, InvalidArgumentError, Option } from 'commander';
import { FORMATS, type Format } from '../../tools/replay/reporters.js';
import { DEFAULT_CASES_DIR, runReplay } from '../../tools/replay/run-replay.js';

interface ReplayFlags {
  target?: string;
  case?: string[];
  format: Format;
  output?: string;
  update?: boolean;
  timeout: number;
  progress: boolean;
}

const HELP_AFTER = `
A case is a folder DIR/<name>/ with request.xml (the SOAP request as a client sends it), expected.xml (the
expected reply) and case.json ({"description", "status", "scenario"?, "today"?, "headers"?, "mask"?,
"config"?}); DIR/replay.json holds what all cases share ({"today", "mask"}). Each case is sent with the day its
reply was made for as X-SSBTEK-Today (its own "today", else replay.json's), so it passes against an emulator on
any date. Replies are compared as XML: namespaces but not prefixes, attribute order and whitespace between
elements ignored, element order kept; base64 payloads (CSN svar, FK lefiJsonSvar) are decoded and compared as
XML or JSON; mask rules blank volatile values.

Without --target an emulator is started in this process (127.0.0.1, ephemeral port, "today" from replay.json).
Cases with a "config" need that emulator and are skipped with --target.

Exit codes: 0 every case passed, 1 some case failed, 2 could not run (bad arguments, broken or no cases,
target unreachable).

Examples:
  $ ssbtek-emulator replay
  $ ssbtek-emulator replay fixtures/queries --case 'skv-*' --case v10-all-services
  $ ssbtek-emulator replay --target http://127.0.0.1:8080/ssbtek --format junit --output replay.junit.xml
  $ ssbtek-emulator replay my-cases --update`;

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('must be a positive integer (milliseconds)');
  return n;
}

/** `replay [DIR]`: sends query cases and compares each reply with its expected one (src/tools/replay). */
export function replayCommand(): Command {
  return new Command('replay')
    .description('send the query cases in DIR and compare each reply with the expected one (XML-aware diff)')
    .argument('[dir]', "cases folder (default: the project's fixtures/queries)")
    .option('--target <url>', 'SSBTEK endpoint to send to (default: an emulator started in this process)')
    .option('--case <name...>', 'only these cases (a * matches any characters; repeatable)')
    .addOption(new Option('--format <format>', 'report format').choices(FORMATS).default('text'))
    .option('-o, --output <file>', 'write the report to a file (the summary line still goes to stdout)')
    .option('--update', 'rewrite expected.xml (and case.json status) from the actual replies (for maintainers)')
    .option('--timeout <ms>', 'how long to wait for one reply', positiveInteger, 60_000)
    .option('--no-progress', 'never show a progress bar (it shows only on a terminal, outside CI)')
    .addHelpText('after', HELP_AFTER)
    .action(async (dir: string | undefined, flags: ReplayFlags) => {
      process.exitCode = await runReplay({
        dir: dir ?? DEFAULT_CASES_DIR,
        target: flags.target,
        cases: flags.case,
        format: flags.format,
        output: flags.output,
        update: flags.update ?? false,
        timeoutMs: flags.timeout,
        progress: flags.progress,
      });
    });
}
