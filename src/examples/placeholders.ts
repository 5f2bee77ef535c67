import { lineAt, PlaceholderError, resolveRelativeDates } from '../population/relative-dates.js';

/** `{{base64}}…{{/base64}}` on one line: its content, placeholders filled in, sent as base64 (UTF-8). */
const BASE64_SECTION = /\{\{base64\}\}([^\n]*?)\{\{\/base64\}\}/g;

/**
 * A shipped example as it is sent on `today`: dates relative to today (`{{today}}`, `{{today-1m}}`, see
 * src/population/relative-dates.ts) filled in, and `{{base64}}…{{/base64}}` sections (an FK question's LEFI JSON)
 * encoded after their own dates are filled in. The files stay well-formed XML (a placeholder is text); only the
 * filled-in query is valid against its schema. Every placeholder stays on its line, so a line number in the
 * filled-in query is the line in the file. Anything else written as `{{…}}` is refused (PlaceholderError).
 */
export function fillPlaceholders(text: string, today: string): string {
  const encoded = text.replace(BASE64_SECTION, (_whole: string, content: string, offset: number) => {
    try {
      return Buffer.from(resolveRelativeDates(content, today), 'utf8').toString('base64');
    } catch (error) {
      if (!(error instanceof PlaceholderError)) throw error;
      // The content's own line is 1: say where it is in the file.
      const line = lineAt(text, offset);
      throw new PlaceholderError(error.message.replace(/^line \d+/, `line ${line}`), line);
    }
  });
  return resolveRelativeDates(encoded, today);
}
