/**
 * `text` as one flat string. A string built by concatenation is, in V8, a rope: a tree of cons cells over the
 * pieces, each cell and piece with its own header, until something reads it character by character. Writing it to
 * a socket flattens it in place, but a native message that stays in-process (answered, translated, then kept for
 * the journal and for kept answers) never is: kept as a rope, a 5 KB document of 300 pieces holds about five times
 * its size. Reading one character flattens a rope in place (one copy, the pieces freed); on a flat string it costs
 * nothing.
 */
export function flatText(text: string): string {
  if (text.length > 0) text.charCodeAt(0);
  return text;
}
