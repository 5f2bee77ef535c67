import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../../src/xml/schema.js';
import { SERVICE_IDS } from '../../../src/ssbtek/model.js';
import { at, elements, textAt, tree } from '../../support/xml.js';

/** A row of a table in docs/ssbtek.md, "Who may ask": its id (A1, B3, …) and its cells after the id. */
export interface DocsRow {
  id: string;
  cells: string[];
}

const DOCS = path.join(PROJECT_ROOT, 'docs/ssbtek.md');

/** The section "Who may ask" of docs/ssbtek.md. */
export function whoMayAsk(): string {
  const text = fs.readFileSync(DOCS, 'utf8');
  const start = text.indexOf('\n## Who may ask\n');
  if (start < 0) throw new Error('docs/ssbtek.md has no section "Who may ask"');
  const end = text.indexOf('\n## ', start + 1);
  return text.slice(start, end < 0 ? undefined : end);
}

/** The rows of the section's tables whose id starts with `prefix` (A: the whole request, B: per base service). */
export function docsRows(prefix: 'A' | 'B'): DocsRow[] {
  return whoMayAsk()
    .split('\n')
    .filter((line) => new RegExp(`^\\| ${prefix}\\d+ \\|`).test(line))
    .map((line) => {
      const cells = line
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim());
      return { id: cells[0] as string, cells: cells.slice(1) };
    });
}

/** The header row of the per-service table: the services in its columns. */
export function docsServiceColumns(): string[] {
  const header = whoMayAsk()
    .split('\n')
    .find((line) => line.startsWith('| # | Situation | AF'));
  if (!header) throw new Error('no per-service table');
  return header
    .split('|')
    .slice(3, -1)
    .map((c) => c.trim());
}

/** Each service's part of a composite answer: "data", its felkod, or "–" when it was not asked. */
export function outcomes(body: string): Record<string, string> {
  const svarsdata = at(tree(body), 'Body', 'hamtaBastjanstInformationResponse', 'svarsdata');
  if (!svarsdata) throw new Error(`not a hamtaBastjanstInformationResponse:\n${body.slice(0, 2000)}`);
  const out: Record<string, string> = Object.fromEntries(SERVICE_IDS.map((id) => [id, '–']));
  for (const service of elements(svarsdata)) {
    const part = elements(service)[0];
    out[service.name] = part?.name === 'data' ? 'data' : (textAt(part, 'felkod') ?? '?');
  }
  return out;
}

/** The iip header of seed §8.4, naming `address` (written as given: also for broken headers). */
export function iipHeader(address: string): string {
  return (
    '<iip:iipax xmlns:iip="http://www.idainfront.se/ns/iip/1.0">' +
    `<iip:From><iip:Address>${address}</iip:Address></iip:From></iip:iipax>`
  );
}

/**
 * Certificates made by docs/ssbtek-certificates.sh in a new temporary folder (removed by `remove`), or undefined
 * when OpenSSL is not installed.
 */
export function makeCertificates(): { dir: string; remove(): void } | undefined {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
  } catch {
    return undefined;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssbtek-certs-'));
  execFileSync('bash', [path.join(PROJECT_ROOT, 'docs/ssbtek-certificates.sh'), dir], { stdio: 'ignore' });
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
