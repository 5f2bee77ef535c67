import { Command, InvalidArgumentError } from 'commander';
import { dayArgument } from './day-argument.js';
import { maskRuleFromArgument, MaskRuleError, type MaskRule } from '../../tools/replay/mask.js';
import { runRecord } from '../../tools/replay/run-record.js';

interface RecordFlags {
  target: string;
  out: string;
  fromJournal?: boolean;
  limit: number;
  namePrefix?: string;
  mask?: MaskRule[];
  scenario?: string;
  today?: string;
  force?: boolean;
  timeout: number;
}

const HELP_AFTER = `
Each exchange becomes a case folder OUT/<name>/ (request.xml, expected.xml = the reply as it came, case.json
with status, description, scenario header, mask rules and "today") that \`ssbtek-emulator replay OUT\` replays.
"today" is the day the reply was made for: request files are sent with X-SSBTEK-Today (--today, else the
target's today from its /health); a journal exchange carries its own. A replay sends it again, so the case
passes on any date. OUT gets a replay.json with that day when it has none.

Names: a request file's case is named after the file (a case's own request.xml: after its folder). A journal
exchange's case is named after what it is: dialect, person, services asked for, outcome, e.g.
  v10-198601042388-all-data                 v10, all seven services, data from each
  v11-198701232392-skv-bt-9071004           v11, SKV only, SKV answered error BT 9071004
  v10-198110012385-all-af-bt-410-csn-bt--2  all seven, AF answered BT 410 and CSN BT -2, the others data
  v10-198601042388-fault-1001               a Fault with felkod 1001
  v10-testa-ok, envelope-fault-client (no SSBTEK operation could be read), v10-198601042388-http-413
The same exchange gets the same name on every run; a repeated name gets -2, -3 in the order the exchanges
happened. An existing case folder is never overwritten without --force.
A request without korrelationsid makes the emulator generate a correlation id (MIV's answer carries it): such
cases get a mask rule for it. Mask rules: PATH or PATH=REPLACEMENT (see README, "Replay and record").

Exit codes: 0 every exchange recorded, 1 some not (existing folder, request not answered), 2 could not run.

Examples:
  $ ssbtek-emulator record --target http://127.0.0.1:8080/ssbtek --out recordings my-requests/*.xml
  $ ssbtek-emulator record --target http://127.0.0.1:8080/ssbtek --out recordings --from-journal --name-prefix qa-`;

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('must be a positive integer');
  return n;
}

function collectMask(value: string, previous: MaskRule[] = []): MaskRule[] {
  try {
    return [...previous, maskRuleFromArgument(value)];
  } catch (error) {
    if (error instanceof MaskRuleError) throw new InvalidArgumentError(error.message);
    throw error;
  }
}

/** `record --target URL --out DIR [FILE…] | --from-journal`: turns live exchanges into replay cases. */
export function recordCommand(): Command {
  return new Command('record')
    .description('send request files to a target (or read its request journal) and write each exchange as a case')
    .argument('[files...]', 'SOAP request files to send')
    .requiredOption('--target <url>', 'SSBTEK endpoint URL (its origin serves /__admin/requests for --from-journal)')
    .requiredOption('--out <dir>', 'folder to write the cases into')
    .option('--from-journal', "record the target's journal (GET /__admin/requests) instead of sending files")
    .option('--limit <n>', 'at most this many journal exchanges (newest)', positiveInteger, 1000)
    .option('--name-prefix <prefix>', 'put this before every case name')
    .option('--mask <rule>', 'mask rule written into every case.json (repeatable)', collectMask)
    .option('--scenario <value>', 'X-SSBTEK-Scenario header to send with the files (recorded in case.json)')
    .option(
      '--today <date>',
      "the day to record the files for, sent as X-SSBTEK-Today (default: the target's today from /health)",
      dayArgument,
    )
    .option('--force', 'overwrite existing case folders')
    .option('--timeout <ms>', 'how long to wait for one reply', positiveInteger, 60_000)
    .addHelpText('after', HELP_AFTER)
    .action(async (files: string[], flags: RecordFlags) => {
      process.exitCode = await runRecord({
        target: flags.target,
        out: flags.out,
        files,
        fromJournal: flags.fromJournal ?? false,
        limit: flags.limit,
        namePrefix: flags.namePrefix ?? '',
        mask: flags.mask ?? [],
        scenario: flags.scenario,
        today: flags.today,
        force: flags.force ?? false,
        timeoutMs: flags.timeout,
      });
    });
}
