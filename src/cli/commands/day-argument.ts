import { InvalidArgumentError } from 'commander';
import { checkToday, TodayError } from '../../scenario/today.js';

/** A `--today` value: a calendar day YYYY-MM-DD, checked as the emulator checks X-SSBTEK-Today (exit 2 if not). */
export function dayArgument(value: string): string {
  try {
    return checkToday(value, '--today');
  } catch (error) {
    if (error instanceof TodayError) throw new InvalidArgumentError(error.message.replace(/^--today: /, ''));
    throw error;
  }
}
