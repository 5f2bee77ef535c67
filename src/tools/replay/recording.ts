import fs from 'node:fs';
import path from 'node:path';
import { SCENARIO_HEADER } from '../../scenario/header.js';
import { CLIENT_ORGNR_HEADER } from '../../ssbtek/callers/identity.js';
import { parseTodayHeader, TODAY_HEADER, TodayError } from '../../scenario/today.js';

/** One exchange to turn into a case: what was sent, what came back, and where it came from. */
export interface Exchange {
  request: Buffer;
  status: number;
  reply: string;
  scenario?: string;
  /** The day the reply was made for (the X-SSBTEK-Today sent, or the journal's record of it), when known. */
  today?: string;
  /** Request headers a replay must send again (besides the default content type and the scenario). */
  headers?: Record<string, string>;
  /** For the case's description. */
  source: string;
  /** The case's name when its sender gave it one (a request file's name); else it is named from what it is. */
  nameHint?: string;
}

/** A file's name without extension; for a case's own `request.xml`, its folder's name (which says what it is). */
function nameOf(file: string): string {
  const base = path.basename(file).replace(/\.[^.]*$/, '');
  return base === 'request' ? path.basename(path.dirname(path.resolve(file))) : base;
}

/** The journal entry fields record uses (docs/admin-api.md). */
export interface RecordedJournalEntry {
  id: string;
  receivedAt?: string;
  /** The day the exchange was answered for (journals of older emulators lack it). */
  today?: string;
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

/** The mark the journal puts at the end of a body it cut short (docs/admin-api.md: bodies over 64 KiB). */
export const CLIPPED = /…\[\d+ more (?:characters|bytes)\]$/;

/** Sends one request file to the target for the day `today` (X-SSBTEK-Today) and keeps the reply. */
export async function sendFile(
  target: string,
  file: string,
  scenario: string | undefined,
  today: string,
  timeoutMs: number,
): Promise<Exchange> {
  const request = fs.readFileSync(file);
  const headers: Record<string, string> = { 'content-type': DEFAULT_CONTENT_TYPE, [TODAY_HEADER]: today };
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
    today,
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
  // Only SSBTEK exchanges are cases: the journal also keeps the REST adapters', PU's and the base services' traffic.
  const url = `${origin}/__admin/requests?service=SSBTEK&limit=${limit}`;
  const response = await fetchOrExplain(url, { signal: AbortSignal.timeout(timeoutMs), headers: adminHeaders() });
  if (response.status === 401 || response.status === 403) {
    throw new RecordError(
      `GET ${url} answered ${response.status}: the target's admin API ${
        response.status === 401
          ? 'wants its token (set SSBTEK_ADMIN_TOKEN to it)'
          : 'is not served for this host name (the target lists the names it answers to in adminHosts)'
      }`,
    );
  }
  if (!response.ok) {
    throw new RecordError(
      `GET ${url} answered ${response.status}: the target has no request journal (is it an SSBTEK emulator?)`,
    );
  }
  let entries: RecordedJournalEntry[];
  try {
    entries = ((await response.json()) as { requests: RecordedJournalEntry[] }).requests;
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

/** A journal entry as an exchange to record (`origin`: the emulator whose journal it is, for the description). */
export function fromJournal(entry: RecordedJournalEntry, origin: string): Exchange {
  const requestHeaders = lowerCaseKeys(entry.request.headers ?? {});
  const scenario = requestHeaders[SCENARIO_HEADER];
  const today = dayOrUndefined(entry.today) ?? dayOrUndefined(requestHeaders[TODAY_HEADER]);
  const headers: Record<string, string> = {};
  const contentType = requestHeaders['content-type'];
  if (contentType !== undefined && contentType.toLowerCase() !== DEFAULT_CONTENT_TYPE)
    headers['content-type'] = contentType;
  if (requestHeaders.soapaction !== undefined) headers.soapaction = requestHeaders.soapaction;
  // Who asked, on plain HTTP (a caller over HTTPS was its certificate, which no journal keeps).
  const caller = requestHeaders[CLIENT_ORGNR_HEADER.toLowerCase()];
  if (caller !== undefined) headers[CLIENT_ORGNR_HEADER] = caller;
  // A day that was not one was answered with a Fault: the replay must send it as it came.
  const sentDay = requestHeaders[TODAY_HEADER];
  if (sentDay !== undefined && sentDay.trim() !== '' && dayOrUndefined(sentDay) === undefined)
    headers[TODAY_HEADER] = sentDay;
  const what = [entry.operation ?? 'SOAP request', entry.dialect && `(${entry.dialect})`].filter(Boolean).join(' ');
  const services = entry.included && entry.included.length > 0 ? `, ${entry.included.join(' ')}` : '';
  const outcome = entry.outcome === 'fault' ? ` → Fault${entry.felkod ? ` ${entry.felkod}` : ''}` : '';
  return {
    request: Buffer.from(entry.request.body, 'utf8'),
    status: entry.reply.status,
    reply: entry.reply.body,
    ...(scenario !== undefined && { scenario }),
    ...(today !== undefined && { today }),
    ...(Object.keys(headers).length > 0 && { headers }),
    source: `journal of ${origin}, ${entry.receivedAt ?? ''} (${entry.id}): ${what}${services}${outcome}`,
  };
}

/** A day as the emulator takes it in X-SSBTEK-Today, or undefined for anything else. */
function dayOrUndefined(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    return parseTodayHeader(value);
  } catch (error) {
    if (error instanceof TodayError) return undefined;
    throw error;
  }
}

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

/** The target's "today" (an emulator's /health says it), so in-process replays answer as the target did. */
export async function targetToday(target: string, timeoutMs: number): Promise<string | undefined> {
  try {
    const response = await fetch(`${new URL(target).origin}/health`, { signal: AbortSignal.timeout(timeoutMs) });
    return dayOrUndefined(((await response.json()) as { today?: unknown }).today);
  } catch {
    return undefined;
  }
}

/** Services with run-time scenario settings on the target: replies a replay will not see again. */
export async function runtimeScenarios(target: string, timeoutMs: number): Promise<string[]> {
  try {
    const response = await fetch(`${new URL(target).origin}/__admin/scenarios`, {
      signal: AbortSignal.timeout(timeoutMs),
      headers: adminHeaders(),
    });
    if (!response.ok) return [];
    return Object.keys((await response.json()) as object);
  } catch {
    return [];
  }
}

/** The target's admin token, when SSBTEK_ADMIN_TOKEN is set (an emulator with `adminToken` asks for it). */
function adminHeaders(): Record<string, string> {
  const token = process.env.SSBTEK_ADMIN_TOKEN;
  return token ? { authorization: `Bearer ${token}` } : {};
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
