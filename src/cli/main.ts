#!/usr/bin/env -S node --max-semi-space-size=4
import fs from 'node:fs';
import { Command, CommanderError } from 'commander';
import { exampleCommand } from './commands/example.js';
import { recordCommand } from './commands/record.js';
import { replayCommand } from './commands/replay.js';
import { serveCommand } from './commands/serve.js';
import { validateCommand } from './commands/validate.js';

/** The package's version, from package.json (three levels up from dist/src/cli and from src/cli alike). */
function packageVersion(): string {
  const file = new URL('../../../package.json', import.meta.url);
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
}

/** `ssbtek-emulator <command>`: one program, a module per command under ./commands. */
function buildProgram(): Command {
  const program = new Command('ssbtek-emulator')
    .description("Emulator of Försäkringskassan's SSBTEK service and its seven base services, and tools around it")
    .version(packageVersion(), '-V, --version')
    .showHelpAfterError('(add --help for usage)')
    .addCommand(serveCommand())
    .addCommand(validateCommand())
    .addCommand(replayCommand())
    .addCommand(recordCommand())
    .addCommand(exampleCommand());
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
  const program = buildProgram();
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
