import fs from 'node:fs';
import path from 'node:path';
import { ParseOption, XmlDocument } from 'libxml2-wasm';
import { CASE_FILE, DEFAULTS_FILE, EXPECTED_FILE, REQUEST_FILE } from './cases.js';
import type { MaskRule } from './mask.js';

/** What case.json holds, in the order it is written (description first: it is what a reader looks for). */
export interface CaseJson {
  description: string;
  status: number;
  scenario?: string;
  /** The day the reply was made for (sent as X-SSBTEK-Today by replay). */
  today?: string;
  headers?: Record<string, string>;
  mask?: MaskRule[];
  config?: Record<string, unknown>;
}

const FORMAT_OPTIONS = ParseOption.XML_PARSE_NONET | ParseOption.XML_PARSE_NO_XXE | ParseOption.XML_PARSE_NOBLANKS;

/**
 * An XML reply indented for a reader of expected.xml (and of its diffs in review). Indentation is added only
 * between elements, which the comparison ignores; prefixes, text and base64 payloads stay as they came.
 * A body that is not XML, or has a DTD, is kept as it is.
 */
export function formatReply(body: string): string {
  if (body.includes('<!DOCTYPE')) return body;
  let doc: XmlDocument | undefined;
  try {
    doc = XmlDocument.fromString(body, { option: FORMAT_OPTIONS });
    return doc.toString({ format: true });
  } catch {
    return body;
  } finally {
    doc?.dispose();
  }
}

export function writeJson(file: string, value: unknown): void {
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

/** Writes (or replaces) a case folder. The caller has decided that replacing is allowed. */
export function writeCase(caseDir: string, request: Buffer | string, reply: string, caseJson: CaseJson): void {
  fs.mkdirSync(caseDir, { recursive: true });
  fs.writeFileSync(path.join(caseDir, REQUEST_FILE), request);
  fs.writeFileSync(path.join(caseDir, EXPECTED_FILE), formatReply(reply));
  writeJson(path.join(caseDir, CASE_FILE), caseJson);
}

/** `--update`: the actual reply becomes expected.xml; a changed status is written into case.json, keys kept. */
export function updateCase(caseDir: string, reply: string, status: number): void {
  fs.writeFileSync(path.join(caseDir, EXPECTED_FILE), formatReply(reply));
  const file = path.join(caseDir, CASE_FILE);
  const json = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  if (json.status !== status) writeJson(file, { ...json, status });
}

/** Writes replay.json when the folder has none (an existing one is the maintainer's and is left alone). */
export function ensureDefaults(dir: string, today: string | undefined): boolean {
  const file = path.join(dir, DEFAULTS_FILE);
  if (fs.existsSync(file)) return false;
  fs.mkdirSync(dir, { recursive: true });
  writeJson(file, { ...(today && { today }), mask: [] });
  return true;
}
