import fs from 'node:fs';
import path from 'node:path';
import { todayInSweden } from '../../population/dates.js';
import { parseXml } from '../../xml/parse.js';
import { isElement, text, type XElement } from '../../xml/tree.js';
import { ensureDefaults, writeCase, type CaseJson } from './case-files.js';
import { caseNameOf } from './case-name.js';
import type { MaskRule } from './mask.js';
import { readJournal, RecordError, runtimeScenarios, sendFile, targetToday, type Exchange } from './recording.js';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, isHttpUrl, type Streams } from './run-replay.js';

export interface RecordRequest {
  target: string;
  out: string;
  files: string[];
  fromJournal: boolean;
  limit: number;
  namePrefix: string;
  mask: MaskRule[];
  scenario?: string;
  /** The day to record request files for (sent as X-SSBTEK-Today); default: the target's today. */
  today?: string;
  force: boolean;
  timeoutMs: number;
}

/**
 * Where the emulator puts a correlation id it generated itself: MIV's answer carries the id SSBTEK sent on, which
 * is the request's korrelationsid or, without one, a fresh UUID. Only then is it volatile, so only then masked.
 */
export const GENERATED_CORRELATION_ID: MaskRule = { path: 'svarsdata/MIV/data/response/correlationid' };

const PROCESS_STREAMS: Streams = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
};

/** `record`: exchanges from request files or the target's journal, each written as a replayable case. */
export async function runRecord(request: RecordRequest, streams: Streams = PROCESS_STREAMS): Promise<number> {
  const fail = (message: string): number => {
    streams.stderr(`ssbtek-emulator record: ${message}\n`);
    return EXIT_USAGE;
  };
  if (!isHttpUrl(request.target)) return fail(`--target must be an http(s) URL, got "${request.target}"`);
  if (request.fromJournal === request.files.length > 0)
    return fail('give request FILEs to send, or --from-journal to record what the target has seen (one of them)');
  const missing = request.files.filter((f) => !fs.existsSync(f) || !fs.statSync(f).isFile());
  if (missing.length > 0) return fail(`no such file: ${missing.join(', ')}`);
  if (request.fromJournal && request.today !== undefined)
    return fail("--today goes with request FILEs: a journal's exchanges carry the day each was answered for");

  // The target's own day (an emulator's /health says it): what request files are recorded for unless --today.
  const targetDay = (await targetToday(request.target, request.timeoutMs)) ?? todayInSweden();
  let exchanges: Exchange[] = [];
  let failures = 0;
  try {
    if (request.fromJournal) {
      const journal = await readJournal(request.target, request.limit, request.timeoutMs);
      exchanges = journal.exchanges;
      for (const id of journal.clipped) {
        streams.stderr(`skipped journal entry ${id}: its body was cut short by the journal (over 256 KiB)\n`);
      }
      const scenarios = await runtimeScenarios(request.target, request.timeoutMs);
      if (scenarios.length > 0) {
        streams.stderr(
          `note: the target has run-time scenario settings for ${scenarios.join(', ')}; a replay sends only each ` +
            "case's X-SSBTEK-Scenario header, so replies shaped by those settings will differ\n",
        );
      }
    } else {
      for (const file of request.files) {
        try {
          const today = request.today ?? targetDay;
          exchanges.push(await sendFile(request.target, file, request.scenario, today, request.timeoutMs));
        } catch (error) {
          if (!(error instanceof RecordError)) throw error;
          streams.stderr(`${file}: ${error.message}\n`);
          failures++;
        }
      }
      if (exchanges.length === 0) return fail('nothing could be recorded: the target answered none of the requests');
    }
  } catch (error) {
    if (error instanceof RecordError) return fail(error.message);
    throw error;
  }
  if (exchanges.length === 0) return fail(`the journal of ${request.target} holds no exchanges to record`);

  const today = request.today ?? targetDay;
  if (ensureDefaults(request.out, today))
    streams.stdout(`wrote ${path.join(request.out, 'replay.json')} (today ${today})\n`);
  const names = new CaseNames(request.namePrefix);
  let written = 0;
  for (const exchange of exchanges) {
    // A file is named as its sender named it; a journal exchange after what it is (case-name.ts).
    const name = names.next(exchange.nameHint ?? caseNameOf(exchange.request, exchange.reply, exchange.status));
    const caseDir = path.join(request.out, name);
    if (fs.existsSync(caseDir) && !request.force) {
      streams.stderr(`${caseDir} exists: not overwritten (--force replaces it, --name-prefix records beside it)\n`);
      failures++;
      continue;
    }
    writeCase(caseDir, exchange.request, exchange.reply, caseJson(exchange, exchange.today ?? targetDay, request.mask));
    streams.stdout(`wrote ${caseDir} (HTTP ${exchange.status})\n`);
    written++;
  }
  streams.stdout(`recorded ${written} case${written === 1 ? '' : 's'} into ${request.out}\n`);
  return failures > 0 ? EXIT_FAILED : EXIT_OK;
}

/** case.json for an exchange, with the day its reply was made for: a replay sends it as X-SSBTEK-Today. */
export function caseJson(exchange: Exchange, today: string, mask: MaskRule[]): CaseJson {
  const rules = [...mask];
  if (korrelationsid(exchange.request) === undefined && exchange.reply.includes('correlationid')) {
    rules.push(GENERATED_CORRELATION_ID);
  }
  return {
    description: `Recorded from ${exchange.source}`,
    status: exchange.status,
    ...(exchange.scenario !== undefined && { scenario: exchange.scenario }),
    today,
    ...(exchange.headers && { headers: exchange.headers }),
    ...(rules.length > 0 && { mask: rules }),
  };
}

/** The request's korrelationsid (first element of that local name, any namespace), when it has a non-empty one. */
export function korrelationsid(request: Buffer): string | undefined {
  let root: XElement;
  try {
    const parsed = parseXml(request);
    root = parsed.root;
    parsed.dispose();
  } catch {
    return undefined;
  }
  const find = (element: XElement): XElement | undefined => {
    if (element.name === 'korrelationsid') return element;
    for (const c of element.children) {
      const hit = isElement(c) ? find(c) : undefined;
      if (hit) return hit;
    }
    return undefined;
  };
  const value = text(find(root)).trim();
  return value === '' ? undefined : value;
}

/**
 * Case folder names: prefixed, file-safe, unique within one run. A name given before gets `-2`, `-3`, … in the order
 * the exchanges come (a journal's oldest first), so recording the same exchanges again gives the same names.
 */
export class CaseNames {
  private readonly used = new Set<string>();

  constructor(private readonly prefix: string) {}

  next(name: string): string {
    const base = `${this.prefix}${fileSafe(name) || 'case'}`;
    let unique = base;
    for (let n = 2; this.used.has(unique); n++) unique = `${base}-${n}`;
    this.used.add(unique);
    return unique;
  }
}

/** Letters, digits, `.`, `_` and `-` only (no path separators, no leading dot), at most 80 characters. */
export function fileSafe(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-.]+|-+$/g, '')
    .slice(0, 80);
}
