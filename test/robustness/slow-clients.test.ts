import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type net from 'node:net';
import express from 'express';
import { expect } from 'chai';
import { listen } from '../../src/app.js';
import { configFromEnv, DEFAULT_CONFIG, loadConfigFile } from '../../src/config.js';
import { postSoap, v10Request } from '../support/requests.js';
import { at, tree } from '../support/xml.js';
import { completeResponse, rawExchange, rawSoapRequest, sleep, startRobustServer, type RawOutcome } from './support.js';

const HEADERS_TIMEOUT_MS = 1_000;
const REQUEST_TIMEOUT_MS = 2_000;
/** Node checks the limits every quarter of the shorter one (250 ms here); the rest is scheduling on a busy host. */
const SLACK_MS = 1_500;

/** Writes `first`, then one more byte of `drip` every `everyMs` until the socket closes; never completes. */
function trickle(socket: net.Socket, first: string, drip: string, everyMs: number): void {
  socket.write(first);
  let i = 0;
  const timer = setInterval(() => {
    if (socket.destroyed || !socket.writable) return clearInterval(timer);
    socket.write(drip[i++ % drip.length]!);
  }, everyMs);
  socket.on('close', () => clearInterval(timer));
}

/** Closed by the server: nothing at all, or exactly a complete 408, then the end of the connection (or a reset). */
function expectClosedByServer(outcome: RawOutcome, limitMs: number, what: string): void {
  expect(outcome.ended, `${what}: the server closed it`).to.match(/^(end|error:ECONNRESET|error:EPIPE)$/);
  if (outcome.bytes.length > 0) expect(completeResponse(outcome.bytes)?.status, `${what}: 408`).to.equal(408);
  expect(outcome.ms, `${what}: closed by the deadline`).to.be.below(limitMs + SLACK_MS);
  expect(outcome.ms, `${what}: not before the deadline`).to.be.at.least(limitMs - 100);
}

describe('Slow clients (slowloris, trickled bodies)', function () {
  this.timeout(30_000);

  it('closes 50 slowloris and 50 slow-body sockets at their deadlines while normal requests answer at once', async () => {
    const server = await startRobustServer({
      headersTimeoutMs: HEADERS_TIMEOUT_MS,
      requestTimeoutMs: REQUEST_TIMEOUT_MS,
      logLevel: 'warn',
    });
    try {
      const giveUp = REQUEST_TIMEOUT_MS + 5_000;
      // Header bytes one at a time, every 50 ms: the header block never ends.
      const slowloris = Array.from({ length: 50 }, (_, n) =>
        rawExchange(
          server.port,
          (s) => trickle(s, `POST /ssbtek HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow-${n}: `, 'abcdefgh', 50),
          giveUp,
        ),
      );
      // Complete headers announcing 100 000 bytes, then the body one byte every 50 ms.
      const slowBody = Array.from({ length: 50 }, () =>
        rawExchange(
          server.port,
          (s) =>
            trickle(
              s,
              'POST /ssbtek HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/xml; charset=utf-8\r\n' +
                'Content-Length: 100000\r\n\r\n<soapenv:Envelope',
              ' ',
              50,
            ),
          giveUp,
        ),
      );
      await sleep(200);
      // While all 100 hang: normal composite requests, one after another, each answered quickly and in full.
      const normal: number[] = [];
      while (normal.length < 5) {
        const started = performance.now();
        const reply = await postSoap(`${server.url}/ssbtek`, v10Request());
        normal.push(performance.now() - started);
        expect(reply.status).to.equal(200);
        expect(
          at(tree(reply.body), 'Body', 'hamtaBastjanstInformationResponse', 'svarsdata', 'AF', 'data'),
        ).to.not.equal(undefined);
        await sleep(100);
      }
      expect(Math.max(...normal), `normal requests took ${normal.map(Math.round).join(', ')} ms`).to.be.below(1_000);

      const slowlorisOutcomes = await Promise.all(slowloris);
      const slowBodyOutcomes = await Promise.all(slowBody);
      const range = (o: RawOutcome[]): string =>
        `${Math.round(Math.min(...o.map((x) => x.ms)))}–${Math.round(Math.max(...o.map((x) => x.ms)))} ms`;
      console.log(
        `      normal requests ${normal.map(Math.round).join(', ')} ms; slowloris closed after ` +
          `${range(slowlorisOutcomes)}, slow bodies after ${range(slowBodyOutcomes)}`,
      );
      slowlorisOutcomes.forEach((o, i) => expectClosedByServer(o, HEADERS_TIMEOUT_MS, `slowloris #${i}`));
      slowBodyOutcomes.forEach((o, i) => expectClosedByServer(o, REQUEST_TIMEOUT_MS, `slow body #${i}`));
      // Each of them waited for its deadline: the normal requests were served while all 100 were open.
      expect(Math.min(...slowlorisOutcomes.map((o) => o.ms))).to.be.above(normal.reduce((a, b) => a + b, 0));

      // And the server still serves afterwards.
      expect((await fetch(`${server.url}/health`)).status).to.equal(200);
    } finally {
      await server.close();
    }
  });

  it('does not count the time the emulator takes to answer: a 3 s answer outlives a 2 s request timeout', async () => {
    const server = await startRobustServer({
      headersTimeoutMs: HEADERS_TIMEOUT_MS,
      requestTimeoutMs: REQUEST_TIMEOUT_MS,
      logLevel: 'warn',
    });
    try {
      const outcome = await rawExchange(
        server.port,
        (s) => s.write(rawSoapRequest(v10Request(), '/ssbtek', { 'X-SSBTEK-Scenario': 'AF:latency=fixed(3000)' })),
        10_000,
      );
      expect(completeResponse(outcome.bytes)?.status).to.equal(200);
      expect(outcome.ms).to.be.at.least(3_000);
    } finally {
      await server.close();
    }
  });

  it('applies the configured limits, 10 s and 30 s by default, checked every second at most', async () => {
    const app = express();
    const byDefault = await listen(app, '127.0.0.1', 0);
    const configured = await listen(app, '127.0.0.1', 0, undefined, { headersTimeoutMs: 400, requestTimeoutMs: 0 });
    try {
      expect([byDefault.headersTimeout, byDefault.requestTimeout]).to.deep.equal([10_000, 30_000]);
      expect([configured.headersTimeout, configured.requestTimeout]).to.deep.equal([400, 0]);
      const interval = (s: object): unknown =>
        (s as { connectionsCheckingInterval?: number }).connectionsCheckingInterval;
      expect([interval(byDefault), interval(configured)]).to.deep.equal([1_000, 100]);
    } finally {
      byDefault.close();
      configured.close();
    }
    await listen(app, '127.0.0.1', 0, undefined, { headersTimeoutMs: 5_000, requestTimeoutMs: 1_000 }).then(
      () => expect.fail('headers limit above the request limit'),
      (error: Error) => expect(error.message).to.match(/headersTimeoutMs \(5000\) must not exceed requestTimeoutMs/),
    );
  });

  it('reads SSBTEK_HEADERS_TIMEOUT_MS, SSBTEK_REQUEST_TIMEOUT_MS and the config file keys', () => {
    const env = configFromEnv({ SSBTEK_HEADERS_TIMEOUT_MS: '1500', SSBTEK_REQUEST_TIMEOUT_MS: '4500' });
    expect([env.headersTimeoutMs, env.requestTimeoutMs]).to.deep.equal([1_500, 4_500]);
    expect(() => configFromEnv({ SSBTEK_HEADERS_TIMEOUT_MS: 'soon' })).to.throw(/SSBTEK_HEADERS_TIMEOUT_MS/);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ssbtek-timeouts-')), 'config.json');
    fs.writeFileSync(file, JSON.stringify({ headersTimeoutMs: 2_000, requestTimeoutMs: 8_000 }));
    const fromFile = loadConfigFile(file, DEFAULT_CONFIG);
    expect([fromFile.headersTimeoutMs, fromFile.requestTimeoutMs]).to.deep.equal([2_000, 8_000]);
  });
});
