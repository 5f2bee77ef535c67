import { Command, Option } from 'commander';
import { UsageError } from '../../tools/validate/inputs.js';
import { FORMATS, type Format } from '../../tools/validate/reporters.js';
import { EXIT_USAGE, runValidate } from '../../tools/validate/run.js';
import { SCHEMA_NAMES, SchemaRegistry } from '../../tools/validate/schemas.js';

interface ValidateFlags {
  schema?: string;
  format: Format;
  output?: string;
  listSchemas?: boolean;
  progress: boolean;
}

const HELP_AFTER = `
The schema is chosen by the document element's namespace-qualified name; for a SOAP 1.1 envelope by the Body's
element (for a Fault, by its detail's first element). Directories are searched recursively for *.xml.
Placeholders as the shipped examples write them ({{today}}, {{today-1m}}, {{base64}}…{{/base64}}) are filled
in for today's date first; any other {{…}} is reported as a problem.

Output (text): one line per problem, file:line:col: message (element path); a summary on stderr.
Exit codes: 0 every file valid, 1 some file invalid or unreadable, 2 could not run (bad arguments, nothing
matched, unknown schema).

Examples:
  $ ssbtek-emulator validate fixtures/examples
  $ ssbtek-emulator validate 'recordings/**/*.xml' --format junit --output validate.junit.xml
  $ ssbtek-emulator validate answer.xml --schema ssbtek-v10`;

/** `validate FILE|DIR|GLOB…`: checks XML files against the bundled schemas (src/tools/validate). */
export function validateCommand(): Command {
  return new Command('validate')
    .description('validate XML files (requests, answers, faults, native messages) against the bundled schemas')
    .argument('[inputs...]', 'files, directories (searched for *.xml) or glob patterns')
    .addOption(new Option('--schema <name>', 'validate every file against this schema').choices(SCHEMA_NAMES))
    .addOption(new Option('--format <format>', 'report format').choices(FORMATS).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('--list-schemas', 'list the schema names and the elements each declares, then exit')
    .option('--no-progress', 'never show a progress bar (it shows only on a terminal, outside CI)')
    .addHelpText('after', HELP_AFTER)
    .action(async (inputs: string[], flags: ValidateFlags, command: Command) => {
      if (flags.listSchemas) {
        listSchemas();
        return;
      }
      if (inputs.length === 0) command.error('error: missing FILE, DIR or GLOB to validate', { exitCode: EXIT_USAGE });
      try {
        process.exitCode = await runValidate({
          inputs,
          schema: flags.schema,
          format: flags.format,
          output: flags.output,
          progress: flags.progress,
        });
      } catch (error) {
        if (!(error instanceof UsageError)) throw error;
        process.stderr.write(`ssbtek-emulator validate: ${error.message}\n`);
        process.exitCode = EXIT_USAGE;
      }
    });
}

function listSchemas(): void {
  const listing = SchemaRegistry.load().listing();
  const nameWidth = Math.max(...listing.map((s) => s.name.length));
  const fileWidth = Math.max(...listing.map((s) => s.file.length)) + 'xsd/'.length;
  for (const { name, file, elements } of listing) {
    const locals = elements.map((e) => e.replace(/^\{[^}]*\}/, '')).join(', ');
    process.stdout.write(`${name.padEnd(nameWidth)}  ${`xsd/${file}`.padEnd(fileWidth)}  ${locals}\n`);
  }
}
