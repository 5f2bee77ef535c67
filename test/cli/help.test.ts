import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { PROJECT_ROOT } from '../../src/xml/schema.js';
import { runCli } from './cli.js';

/** Subcommand names from the program's own help, so every command wired into main.ts is covered. */
function commandsIn(help: string): string[] {
  const section = help.split(/^Commands:$/m)[1] ?? '';
  return [...section.matchAll(/^ {2}([a-z][\w-]*)/gm)].map((m) => m[1]!).filter((name) => name !== 'help');
}

describe('ssbtek-emulator: help and version', () => {
  it('prints the package version with --version and exits 0', async () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
      version: string;
    };
    const result = await runCli(['--version']);
    expect(result.code).to.equal(0);
    expect(result.stdout.trim()).to.equal(version);
  });

  it('lists serve and validate in --help and exits 0', async () => {
    const result = await runCli(['--help']);
    expect(result.code).to.equal(0);
    expect(result.stdout).to.match(/^Usage: ssbtek-emulator/);
    expect(commandsIn(result.stdout)).to.include.members(['serve', 'validate']);
  });

  it('answers --help for every subcommand it lists, with exit 0', async () => {
    const commands = commandsIn((await runCli(['--help'])).stdout);
    for (const command of commands) {
      const result = await runCli([command, '--help']);
      expect(result.code, command).to.equal(0);
      expect(result.stdout, command).to.contain(`Usage: ssbtek-emulator ${command}`);
    }
  });

  it('documents serve’s --port, --host and --config', async () => {
    const { stdout } = await runCli(['serve', '--help']);
    expect(stdout).to.contain('--port').and.contain('--host').and.contain('--config');
  });

  it('documents validate’s options, formats and exit codes', async () => {
    const { stdout } = await runCli(['validate', '--help']);
    for (const text of ['--schema', '--format', '--output', '--list-schemas', 'junit', 'Exit codes'])
      expect(stdout).to.contain(text);
  });

  it('exits 2 with usage on stderr when no command is given', async () => {
    const result = await runCli([]);
    expect(result.code).to.equal(2);
    expect(result.stderr).to.contain('Usage: ssbtek-emulator');
  });

  it('exits 2 for an unknown command or option', async () => {
    const command = await runCli(['frobnicate']);
    expect(command.code).to.equal(2);
    expect(command.stderr).to.contain("unknown command 'frobnicate'");
    const option = await runCli(['validate', '--frobnicate', 'x.xml']);
    expect(option.code).to.equal(2);
    expect(option.stderr).to.contain("unknown option '--frobnicate'");
  });
});
