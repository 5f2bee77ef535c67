import { expect } from 'chai';
import type net from 'node:net';
import { postSoap, v10Request } from '../support/requests.js';
import { completeResponse, rawExchange, rawSoapRequest, startRobustServer, type RawOutcome } from './support.js';

const CONNECTIONS = 1_000;
const HEALTH_EVERY = 10; // every tenth connection asks /health instead
const GIVE_UP_MS = 45_000;

type Verdict = 'served' | 'refused' | 'bad';

/**
 * Served: a complete answer, the expected one. Refused cleanly: a complete HTTP error response, or the connection
 * refused or reset before a single byte. Anything else (a hang, half a reply, a wrong answer) is bad.
 */
function verdict(outcome: RawOutcome, expected: (status: number, body: string) => boolean): Verdict {
  if (outcome.ended === 'timeout') return 'bad';
  if (outcome.bytes.length === 0) return /^error:(ECONNREFUSED|ECONNRESET)$/.test(outcome.ended) ? 'refused' : 'bad';
  const response = completeResponse(outcome.bytes);
  if (!response) return 'bad';
  if (expected(response.status, response.body)) return 'served';
  return [408, 429, 503].includes(response.status) ? 'refused' : 'bad';
}

describe('1,000 concurrent connections', function () {
  this.timeout(60_000);

  it('serves every one of them, composite queries and /health, with the right answer, or refuses cleanly', async () => {
    const server = await startRobustServer({ logLevel: 'warn' });
    try {
      // Odd connections send a query of their own (own korrelationsid: no answer cache, a full fan-out to all seven);
      // even ones the same query as each other, which the answer cache may serve once it holds it.
      const id = (i: number): string => `KORR${String(i % 2 === 1 ? i : 0).padStart(7, '0')}`;
      const body = (i: number): string => v10Request({ korrelationsid: id(i) });
      const reference = await postSoap(`${server.url}/ssbtek`, body(CONNECTIONS + 1));
      expect(reference.status).to.equal(200);
      const answerTo = (i: number): string => reference.body.replaceAll(id(CONNECTIONS + 1), id(i));
      const isHealth = (status: number, text: string): boolean =>
        status === 200 && (JSON.parse(text) as { status?: string }).status === 'ok';

      // Every socket connects first; once the server holds them all, all send their request at the same moment.
      let connected = 0;
      let allConnected!: () => void;
      const connecting = new Promise<void>((resolve) => (allConnected = resolve));
      let go!: () => void;
      const released = new Promise<void>((resolve) => (go = resolve));
      const send = (request: string) => (socket: net.Socket) => {
        if (++connected === CONNECTIONS) allConnected();
        void released.then(() => socket.write(request));
      };
      const started = performance.now();
      const exchanges = Array.from({ length: CONNECTIONS }, (_, i) => {
        const health = i % HEALTH_EVERY === 0;
        const request = health
          ? 'GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n'
          : rawSoapRequest(body(i));
        const expected = health ? isHealth : (status: number, text: string) => status === 200 && text === answerTo(i);
        return rawExchange(server.port, send(request), GIVE_UP_MS).then((o) => ({ expected, o }));
      });
      await connecting;
      const serverHolds = (): Promise<number> =>
        new Promise((resolve, reject) =>
          server.server.getConnections((error, count) => (error ? reject(error) : resolve(count))),
        );
      let open = await serverHolds();
      for (const until = performance.now() + 10_000; open < CONNECTIONS && performance.now() < until;) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        open = await serverHolds();
      }
      go();
      const outcomes = await Promise.all(exchanges);
      const elapsedMs = performance.now() - started;

      const tally: Record<Verdict, number> = { served: 0, refused: 0, bad: 0 };
      const bad: string[] = [];
      for (const { expected, o } of outcomes) {
        const v = verdict(o, expected);
        tally[v]++;
        if (v === 'bad' && bad.length < 5)
          bad.push(`${o.ended} after ${Math.round(o.ms)} ms: ${o.bytes.toString().slice(0, 120)}`);
      }
      console.log(
        `      ${CONNECTIONS} connections (${open} open at the server at once): ${tally.served} served, ` +
          `${tally.refused} refused, ${tally.bad} bad, in ${Math.round(elapsedMs)} ms`,
      );
      expect(tally.bad, bad.join('\n')).to.equal(0);
      expect(tally.served, 'most are served, not refused').to.be.at.least(CONNECTIONS * 0.9);
      expect(elapsedMs).to.be.below(GIVE_UP_MS);
      expect(open, 'the server held all the connections at once').to.be.at.least(CONNECTIONS);

      // Still answering normally afterwards.
      expect((await postSoap(`${server.url}/ssbtek`, body(CONNECTIONS + 3))).body).to.equal(answerTo(CONNECTIONS + 3));
    } finally {
      await server.close();
    }
  });

  it('would notice a hang, half a reply or a wrong answer (the checks above can fail)', () => {
    const full = Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello');
    const ok = (status: number, body: string): boolean => status === 200 && body === 'hello';
    const outcome = (bytes: Buffer, ended = 'end'): RawOutcome => ({ bytes, ended, ms: 1 });
    expect(verdict(outcome(full), ok)).to.equal('served');
    expect(verdict(outcome(full.subarray(0, full.length - 1)), ok)).to.equal('bad');
    expect(verdict(outcome(full, 'timeout'), ok)).to.equal('bad');
    expect(verdict(outcome(Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhellx')), ok)).to.equal('bad');
    expect(verdict(outcome(Buffer.from('HTTP/1.1 503 Busy\r\nContent-Length: 0\r\n\r\n')), ok)).to.equal('refused');
    expect(verdict(outcome(Buffer.alloc(0), 'error:ECONNREFUSED'), ok)).to.equal('refused');
    expect(verdict(outcome(Buffer.from('HTTP/1.1 2'), 'error:ECONNRESET'), ok)).to.equal('bad');
  });
});
