import net from 'node:net';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { createApp, listen } from '../../src/app.js';
import { DEFAULT_CONFIG, type Config } from '../../src/config.js';
import { TODAY } from '../support/fraga.js';

export interface RobustServer {
  url: string;
  port: number;
  server: Server;
  /** Every log line the app wrote (pino JSON, parsed). */
  logs: Record<string, unknown>[];
  close(): Promise<void>;
}

/** The whole emulator on 127.0.0.1 (ephemeral port), with listen()'s client timeouts taken from the config. */
export async function startRobustServer(overrides: Partial<Config> = {}): Promise<RobustServer> {
  const config: Config = {
    ...DEFAULT_CONFIG,
    port: 0,
    today: TODAY,
    logLevel: 'info',
    storePath: ':memory:',
    ...overrides,
  };
  const logs: Record<string, unknown>[] = [];
  const logger = pino(
    { level: config.logLevel },
    { write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>) },
  );
  const { app, close } = createApp(config, logger);
  const server = await listen(app, '127.0.0.1', 0, undefined, config);
  const { port } = server.address() as AddressInfo;
  await eventLoopSettled();
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    server,
    logs,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => void close().then(resolve));
      }),
  };
}

/** A raw HTTP/1.1 request for a SOAP body (Connection: close unless told otherwise). */
export function rawSoapRequest(body: string, path = '/ssbtek', extra: Record<string, string> = {}): string {
  const headers = {
    Host: '127.0.0.1',
    'Content-Type': 'text/xml; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(body)),
    Connection: 'close',
    ...extra,
  };
  return `POST ${path} HTTP/1.1\r\n${Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\r\n')}\r\n\r\n${body}`;
}

/** What a raw socket saw: every byte the server sent, and how the socket ended. */
export interface RawOutcome {
  bytes: Buffer;
  /** 'end' (server closed cleanly), 'error:<code>' (reset, refused, …) or 'timeout' (we gave up). */
  ended: string;
  ms: number;
}

/** Connects to 127.0.0.1:port, lets `drive` write to the socket, and collects everything until the socket ends. */
export function rawExchange(port: number, drive: (socket: net.Socket) => void, giveUpMs: number): Promise<RawOutcome> {
  const started = performance.now();
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = net.connect({ port, host: '127.0.0.1' });
    let settled = false;
    const finish = (ended: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ bytes: Buffer.concat(chunks), ended, ms: performance.now() - started });
    };
    const timer = setTimeout(() => finish('timeout'), giveUpMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => finish('end'));
    socket.on('close', () => finish('end'));
    socket.on('error', (error: NodeJS.ErrnoException) => finish(`error:${error.code ?? error.message}`));
    socket.on('connect', () => drive(socket));
  });
}

export interface ParsedResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Parses the bytes of one HTTP/1.1 response; undefined unless the response is complete (status line, headers, and
 * a body exactly as long as Content-Length says, or a chunked body up to its last chunk).
 */
export function completeResponse(bytes: Buffer): ParsedResponse | undefined {
  const headEnd = bytes.indexOf('\r\n\r\n');
  if (headEnd < 0) return undefined;
  const [statusLine, ...lines] = bytes.subarray(0, headEnd).toString('latin1').split('\r\n');
  const match = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine ?? '');
  if (!match) return undefined;
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let rest = bytes.subarray(headEnd + 4);
  if (headers['transfer-encoding']?.toLowerCase() === 'chunked') {
    const parts: Buffer[] = [];
    for (;;) {
      const lineEnd = rest.indexOf('\r\n');
      if (lineEnd < 0) return undefined;
      const size = parseInt(rest.subarray(0, lineEnd).toString('latin1'), 16);
      if (!Number.isFinite(size)) return undefined;
      if (size === 0) break;
      if (rest.length < lineEnd + 2 + size + 2) return undefined;
      parts.push(rest.subarray(lineEnd + 2, lineEnd + 2 + size));
      rest = rest.subarray(lineEnd + 2 + size + 2);
    }
    rest = Buffer.concat(parts);
  } else if (headers['content-length'] !== undefined) {
    if (rest.length !== Number(headers['content-length'])) return undefined;
  }
  return { status: Number(match[1]), headers, body: rest.toString('utf8') };
}

/**
 * Waits until a 1 ms timer fires on time again. Right after the first server start in a mocha process the main
 * thread is busy for a second or two more (measured: setImmediate delayed by ~1.5 s, with no request at all); the
 * timing assertions here are about slow clients, not about that warm-up.
 */
async function eventLoopSettled(withinMs = 10_000): Promise<void> {
  const deadline = performance.now() + withinMs;
  while (performance.now() < deadline) {
    const started = performance.now();
    await sleep(1);
    if (performance.now() - started < 30) return;
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
