import { Command } from 'commander';
import { dayArgument } from './day-argument.js';
import { exampleText, loadExamples } from '../../examples/catalogue.js';
import { todayInSweden } from '../../population/dates.js';

const HELP_AFTER = `
The shipped examples (fixtures/examples/) write their dates relative to today ({{today}}, {{today-1m}}, …), so
they get the answer they describe on any day. This prints one ready to send, its dates filled in for today in
Sweden or for --today; without a name it lists the examples. Send it to an emulator living on the same day:
give the same day as X-SSBTEK-Today when the emulator's today is another (SSBTEK_TODAY, config "today").

Examples:
  $ ssbtek-emulator example
  $ ssbtek-emulator example v10-all-services | curl -s -H 'Content-Type: text/xml; charset=utf-8' \\
      --data-binary @- http://127.0.0.1:8080/ssbtek
  $ ssbtek-emulator example v10-all-services --today 2027-06-15 | curl -s -H 'Content-Type: text/xml' \\
      -H 'X-SSBTEK-Today: 2027-06-15' --data-binary @- http://127.0.0.1:8080/ssbtek`;

/** `example [NAME]`: a shipped example query with its dates filled in, or the list of examples. */
export function exampleCommand(): Command {
  return new Command('example')
    .description('print a shipped example query with its dates filled in (without NAME: list the examples)')
    .argument('[name]', 'the example, e.g. v10-all-services')
    .option('--today <date>', 'fill the dates in for this day (YYYY-MM-DD) instead of today in Sweden', dayArgument)
    .addHelpText('after', HELP_AFTER)
    .action((name: string | undefined, flags: { today?: string }, command: Command) => {
      const examples = loadExamples();
      if (name === undefined) {
        const width = Math.max(...examples.map((e) => e.name.length));
        for (const e of examples) process.stdout.write(`${e.name.padEnd(width)}  POST ${e.path}  ${e.description}\n`);
        return;
      }
      const example = examples.find((e) => e.name === name.replace(/\.xml$/, ''));
      if (!example) {
        command.error(`error: no example "${name}" (known: ${examples.map((e) => e.name).join(', ')})`, {
          exitCode: 2,
        });
      }
      process.stdout.write(exampleText(example, flags.today ?? todayInSweden()));
    });
}
