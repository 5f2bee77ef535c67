import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { postSoap, v10Request } from '../support/requests.js';
import { at, tree } from '../support/xml.js';
import { sleep, startRobustServer, type RobustServer } from './support.js';

/** A base service on 127.0.0.1 that takes requests and never answers; it counts the connections still open. */
async function silentBaseService(): Promise<{
  url: string;
  received: () => number;
  open: () => number;
  close: () => Promise<void>;
}> {
  let received = 0;
  let open = 0;
  const server = http.createServer((req) => {
    received++;
    open++;
    req.socket.on('close', () => open--);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received: () => received,
    open: () => open,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Sends a composite request with node:http (no agent, no client timers) and lets the caller destroy it. */
function startRequest(server: RobustServer, headers: Record<string, string> = {}): http.ClientRequest {
  const req = http.request(`${server.url}/ssbtek`, {
    method: 'POST',
    agent: false,
    headers: { 'content-type': 'text/xml; charset=utf-8', ...headers },
  });
  req.on('error', () => undefined); // the abort below resets it: expected
  req.end(v10Request());
  return req;
}

async function until(condition: () => boolean, withinMs: number): Promise<boolean> {
  const deadline = performance.now() + withinMs;
  while (!condition()) {
    if (performance.now() > deadline) return false;
    await sleep(10);
  }
  return true;
}

/** Timers holding the event loop open (each pending sleep, deadline and timeout of an exchange is one). */
const pendingTimers = (): number => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

async function expectStillServing(server: RobustServer): Promise<void> {
  const reply = await postSoap(`${server.url}/ssbtek`, v10Request({ include: ['AF', 'TNS'] }));
  expect(reply.status).to.equal(200);
  expect(at(tree(reply.body), 'Body', 'hamtaBastjanstInformationResponse', 'svarsdata', 'TNS', 'data')).to.not.equal(
    undefined,
  );
}

describe('Clients that go away mid-fan-out', function () {
  this.timeout(20_000);

  it('abandons an HTTP base-service call that has not answered when the client aborts', async () => {
    const silent = await silentBaseService();
    // A 10 s deadline: if the call were not abandoned, its connection would stay open for 10 s.
    const server = await startRobustServer({
      baseServiceUrls: { SKV: silent.url },
      serviceTimeoutsMs: { SKV: 10_000 },
    });
    try {
      const req = startRequest(server);
      expect(await until(() => silent.open() === 1, 5_000), 'SKV was called').to.equal(true);
      await sleep(100); // the other six have answered by now: the fan-out waits for SKV only
      req.destroy();
      const started = performance.now();
      expect(await until(() => silent.open() === 0, 2_000), 'the call to SKV is closed').to.equal(true);
      expect(performance.now() - started).to.be.below(1_000);
      await expectStillServing(server);
      expect(silent.received(), 'and not retried').to.equal(1);
    } finally {
      await server.close();
      await silent.close();
    }
  });

  it('stops in-process work too: the latency, the service deadlines and the overall deadline are cleared', async () => {
    const server = await startRobustServer();
    try {
      await sleep(50);
      const baseline = pendingTimers();
      const req = startRequest(server, { 'X-SSBTEK-Scenario': 'AF:latency=fixed(8000);CSN:latency=fixed(8000)' });
      // AF's and CSN's latency, the one timer for the services' deadlines (at the earliest pending) and the overall
      // deadline: the observable can see the work.
      expect(await until(() => pendingTimers() >= baseline + 4, 5_000), 'fan-out under way').to.equal(true);
      await sleep(100);
      req.destroy();
      expect(
        await until(() => pendingTimers() === baseline, 1_000),
        `timers left: ${process.getActiveResourcesInfo().join(', ')}`,
      ).to.equal(true);
      await expectStillServing(server);
    } finally {
      await server.close();
    }
  });

  it('keeps serving after 100 clients abort mid-fan-out, with nothing left running', async () => {
    const silent = await silentBaseService();
    const server = await startRobustServer({ baseServiceUrls: { MIV: silent.url }, logLevel: 'warn' });
    try {
      await sleep(50);
      const baseline = pendingTimers();
      const requests = Array.from({ length: 100 }, () => startRequest(server));
      expect(await until(() => silent.open() === 100, 10_000), 'all 100 reached MIV').to.equal(true);
      for (const req of requests) req.destroy();
      expect(await until(() => silent.open() === 0, 2_000), `MIV calls still open: ${silent.open()}`).to.equal(true);
      expect(await until(() => pendingTimers() === baseline, 1_000), 'no deadlines left').to.equal(true);
      await expectStillServing(server);
    } finally {
      await server.close();
      await silent.close();
    }
  });

  it('logs a client going away as that, not as internal error 1002', async () => {
    const server = await startRobustServer({ logLevel: 'info' });
    try {
      await sleep(50);
      const baseline = pendingTimers();
      const req = startRequest(server, { 'X-SSBTEK-Scenario': 'AF:latency=fixed(5000)' });
      expect(await until(() => pendingTimers() >= baseline + 3, 5_000), 'fan-out under way').to.equal(true);
      req.destroy();
      expect(await until(() => pendingTimers() === baseline, 1_000), 'work stopped').to.equal(true);
      await expectStillServing(server);
      const errors = server.logs.filter((line) => (line.level as number) >= 50).map((line) => line.msg);
      expect(errors, 'error-level log lines').to.deep.equal([]);
    } finally {
      await server.close();
    }
  });
});
