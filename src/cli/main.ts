#!/usr/bin/env -S node --max-semi-space-size=4
import fs from 'node:fs';
import { Command, CommanderError } from 'commander';

/** The package's version, from package.json (three levels up from dist/src/cli and from src/cli alike). */
function packageVersion(): string {
  const file = new URL('../../../package.json', import.meta.url);
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
}

/**
 * Each command's module, in the order help lists them, loaded only when needed: a run of one command loads that
 * command's module alone (`serve` does not load the validator's schemas or the replay tool, and with --workers the
 * primary process starts its workers sooner: docs/performance.md); help, the version and anything that names no
 * command load them all.
 */
const COMMANDS: Record<string, () => Promise<Command>> = {
  serve: async () => (await import('./commands/serve.js')).serveCommand(),
  validate: async () => (await import('./commands/validate.js')).validateCommand(),
  replay: async () => (await import('./commands/replay.js')).replayCommand(),
  record: async () => (await import('./commands/record.js')).recordCommand(),
  example: async () => (await import('./commands/example.js')).exampleCommand(),
};

/** `ssbtek-emulator <command>`: one program, a module per command under ./commands. */
async function buildProgram(argv: readonly string[]): Promise<Command> {
  const program = new Command('ssbtek-emulator')
    .description("Emulator of Försäkringskassan's SSBTEK service and its seven base services, and tools around it")
    .version(packageVersion(), '-V, --version')
    .showHelpAfterError('(add --help for usage)');
  const named = argv[2];
  const names = named !== undefined && Object.hasOwn(COMMANDS, named) ? [named] : Object.keys(COMMANDS);
  for (const name of names) program.addCommand(await COMMANDS[name]!());
  return program;
}

/**
 * Usage errors exit with 2, as every command documents (commander's own default is 1, which the validator uses
 * for "invalid files"). addCommand() does not pass settings down, so each command gets the override itself.
 */
function throwInsteadOfExit(command: Command): void {
  command.exitOverride();
  for (const sub of command.commands) throwInsteadOfExit(sub);
}

async function main(): Promise<void> {
  // `… | head`: the reader has what it wanted; stop quietly instead of dying on an unhandled EPIPE.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  const program = await buildProgram(process.argv);
  throwInsteadOfExit(program);
  try {
    await program.parseAsync(process.argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed help, the version or the error.
      const asked = error.code === 'commander.helpDisplayed' || error.code === 'commander.version';
      process.exitCode = asked ? 0 : 2;
      return;
    }
    process.stderr.write(`ssbtek-emulator: ${(error as Error).message}\n`);
    process.exitCode = 2;
  }
}

await main();
