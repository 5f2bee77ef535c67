import fs from 'node:fs';
import path from 'node:path';
import { SCENARIO_HEADER } from '../../scenario/header.js';

/** One exchange to turn into a case: what was sent, what came back, and where it came from. */
export interface Exchange {
  request: Buffer;
  status: number;
  reply: string;
  scenario?: string;
  /** Request headers a replay must send again (besides the default content type and the scenario). */
  headers?: Record<string, string>;
  /** For the case's description. */
  source: string;
  /** A name to fall back on when the request has no korrelationsid (a file's base name). */
  nameHint?: string;
}

/** A file's name without extension; for a case's own `request.xml`, its folder's name (which says what it is). */
function nameOf(file: string): string {
  const base = path.basename(file).replace(/\.[^.]*$/, '');
  return base === 'request' ? path.basename(path.dirname(path.resolve(file))) : base;
}

/** The journal entry fields record uses (docs/admin-api.md). */
interface JournalEntry {
  id: string;
  receivedAt?: string;
  operation?: string;
  dialect?: string;
  outcome?: string;
  felkod?: string | null;
  included?: string[];
  request: { headers?: Record<string, string>; body: string };
  reply: { status: number; body: string };
}

/** Something that stops the whole recording (no journal, target unreachable): exit 2. */
export class RecordError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RecordError';
  }
}

export const DEFAULT_CONTENT_TYPE = 'text/xml; charset=utf-8';

/** A body the journal cut short (docs/admin-api.md: bodies over 64 KiB end with a marker). */
const CLIPPED = /…\[\d+ more (?:characters|bytes)\]$/;

/** Sends one request file to the target and keeps the reply. */
export async function sendFile(
  target: string,
  file: string,
  scenario: string | undefined,
  timeoutMs: number,
): Promise<Exchange> {
  const request = fs.readFileSync(file);
  const headers: Record<string, string> = { 'content-type': DEFAULT_CONTENT_TYPE };
  if (scenario !== undefined) headers[SCENARIO_HEADER] = scenario;
  const response = await fetchOrExplain(target, {
    method: 'POST',
    headers,
    body: request,
    signal: AbortSignal.timeout(timeoutMs),
  });
  return {
    request,
    status: response.status,
    reply: await response.text(),
    ...(scenario !== undefined && { scenario }),
    source: `${file} sent to ${target}`,
    nameHint: nameOf(file),
  };
}

/**
 * The target's journal, oldest first (the API lists newest first; cases numbered in the order they happened
 * read better). Exchanges whose bodies the journal cut short cannot be replayed and are returned apart.
 */
export async function readJournal(
  target: string,
  limit: number,
  timeoutMs: number,
): Promise<{ exchanges: Exchange[]; clipped: string[] }> {
  const origin = new URL(target).origin;
  const url = `${origin}/__admin/requests?limit=${limit}`;
  const response = await fetchOrExplain(url, { signal: AbortSignal.timeout(timeoutMs) });
  if (!response.ok) {
    throw new RecordError(
      `GET ${url} answered ${response.status}: the target has no request journal (is it an SSBTEK emulator?)`,
    );
  }
  let entries: JournalEntry[];
  try {
    entries = ((await response.json()) as { requests: JournalEntry[] }).requests;
    if (!Array.isArray(entries)) throw new Error('no "requests" array');
  } catch (error) {
    throw new RecordError(`GET ${url}: not a journal answer (${(error as Error).message})`);
  }
  const exchanges: Exchange[] = [];
  const clipped: string[] = [];
  for (const entry of [...entries].reverse()) {
    if (CLIPPED.test(entry.request.body) || CLIPPED.test(entry.reply.body)) {
      clipped.push(entry.id);
      continue;
    }
    exchanges.push(fromJournal(entry, origin));
  }
  return { exchanges, clipped };
}

function fromJournal(entry: JournalEntry, origin: string): Exchange {
  const requestHeaders = lowerCaseKeys(entry.request.headers ?? {});
  const scenario = requestHeaders[SCENARIO_HEADER];
  const headers: Record<string, string> = {};
  const contentType = requestHeaders['content-type'];
  if (contentType !== undefined && contentType.toLowerCase() !== DEFAULT_CONTENT_TYPE)
    headers['content-type'] = contentType;
  if (requestHeaders.soapaction !== undefined) headers.soapaction = requestHeaders.soapaction;
  const what = [entry.operation ?? 'SOAP request', entry.dialect && `(${entry.dialect})`].filter(Boolean).join(' ');
  const services = entry.included && entry.included.length > 0 ? `, ${entry.included.join(' ')}` : '';
  const outcome = entry.outcome === 'fault' ? ` → Fault${entry.felkod ? ` ${entry.felkod}` : ''}` : '';
  return {
    request: Buffer.from(entry.request.body, 'utf8'),
    status: entry.reply.status,
    reply: entry.reply.body,
    ...(scenario !== undefined && { scenario }),
    ...(Object.keys(headers).length > 0 && { headers }),
    source: `journal of ${origin}, ${entry.receivedAt ?? ''} (${entry.id}): ${what}${services}${outcome}`,
  };
}

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

/** The target's "today" (an emulator's /health says it), so in-process replays answer as the target did. */
export async function targetToday(target: string, timeoutMs: number): Promise<string | undefined> {
  try {
    const response = await fetch(`${new URL(target).origin}/health`, { signal: AbortSignal.timeout(timeoutMs) });
    const today = ((await response.json()) as { today?: unknown }).today;
    return typeof today === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(today) ? today : undefined;
  } catch {
    return undefined;
  }
}

/** Services with run-time scenario settings on the target: replies a replay will not see again. */
export async function runtimeScenarios(target: string, timeoutMs: number): Promise<string[]> {
  try {
    const response = await fetch(`${new URL(target).origin}/__admin/scenarios`, {
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) return [];
    return Object.keys((await response.json()) as object);
  } catch {
    return [];
  }
}

/** fetch, with a connection failure turned into a sentence (which target, why). */
async function fetchOrExplain(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    const err = error as Error & { cause?: { message?: string } };
    if (err.name === 'TimeoutError') throw new RecordError(`${url}: no answer in time`);
    throw new RecordError(`${url} cannot be reached: ${err.cause?.message ?? err.message}`);
  }
}
