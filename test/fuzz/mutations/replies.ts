/** The checks every reply must pass (no stack trace, no internals), and request previews for failure messages. */

const LEAKS: [RegExp, string][] = [
  [/\n\s+at [^\n]*(?:\(|:\d+:\d+)/, 'a stack frame'],
  [/node_modules/, 'node_modules'],
  [/(?:\/|\\)(?:src|dist|work)(?:\/|\\)[^\s"<]*\.(?:js|ts)\b/, 'a source file path'],
  [/\.(?:js|ts|mjs):\d+/, 'a file:line'],
  [/\b(?:Type|Reference|Range|Syntax)Error\b/, 'a JavaScript error name'],
  [/\[object Object\]|\bundefined\b/, 'an unrendered value'],
];

/** Throws when a reply body shows internals: stack frames, file paths, node_modules, JS error names. */
export function assertNoLeak(body: string, context = ''): void {
  for (const [pattern, what] of LEAKS) {
    const match = pattern.exec(body);
    if (match) throw new Error(`reply shows ${what} (${JSON.stringify(match[0])})${context}: ${body.slice(0, 600)}`);
  }
}

/** A short printable description of a request body, for failure messages. */
export function preview(bytes: Uint8Array, max = 400): string {
  const text = Buffer.from(bytes).toString('utf8');
  return text.length > max ? `${text.slice(0, max)}… (${bytes.length} bytes)` : text;
}
