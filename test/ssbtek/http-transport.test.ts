import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { startServer, type TestServer } from '../support/server.js';
import { postSoap, v10Request } from '../support/requests.js';
import { at, textAt, tree } from '../support/xml.js';

/** A small misbehaving server on 127.0.0.1. */
async function misbehaving(handler: http.RequestListener): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('Base services over the HTTP transport', () => {
  let emulators: TestServer;
  before(async () => (emulators = await startServer()));
  after(() => emulators.close());

  it('gets the same answers from the emulators served on their own paths as in-process', async () => {
    const urls = Object.fromEntries(
      ['AF', 'CSN', 'FK', 'SKV', 'SO', 'TNS', 'MIV'].map((id) => [
        id,
        `${emulators.url}/bastjanster/${id.toLowerCase()}`,
      ]),
    );
    const composite = await startServer({ baseServiceUrls: urls });
    try {
      const viaHttp = await postSoap(`${composite.url}/ssbtek`, v10Request());
      const inProcess = await postSoap(`${emulators.url}/ssbtek`, v10Request());
      expect(viaHttp.status).to.equal(200);
      expect(viaHttp.body).to.equal(inProcess.body);
      const health = (await (await fetch(`${composite.url}/health`)).json()) as {
        baseServices: { transport: string }[];
      };
      expect(health.baseServices.map((s) => s.transport)).to.deep.equal(Array(7).fill('http'));
    } finally {
      await composite.close();
    }
  });

  const failures: [string, http.RequestListener][] = [
    ['answers garbage', (_req, res) => res.writeHead(200, { 'content-type': 'text/xml' }).end('<<<not xml')],
    [
      'answers half a reply',
      (_req, res) =>
        res
          .writeHead(200, { 'content-type': 'text/xml' })
          .end('<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Bo'),
    ],
    ['resets the connection', (req) => req.socket.destroy()],
    ['answers HTTP 503', (_req, res) => res.writeHead(503).end()],
  ];
  for (const [what, handler] of failures) {
    it(`gives 2001 when a base service ${what}, while the others answer normally`, async () => {
      const bad = await misbehaving(handler);
      const composite = await startServer({ baseServiceUrls: { SKV: bad.url } });
      try {
        const reply = await postSoap(`${composite.url}/ssbtek`, v10Request({ include: ['SKV', 'TNS'] }));
        const svarsdata = at(tree(reply.body), 'Body', 'hamtaBastjanstInformationResponse', 'svarsdata');
        expect(textAt(svarsdata, 'SKV', 'error', 'felkod')).to.equal('2001');
        expect(textAt(svarsdata, 'SKV', 'error', 'kalla')).to.equal('SSBT');
        expect(at(svarsdata, 'TNS', 'data')).to.not.equal(undefined);
      } finally {
        await composite.close();
        await bad.close();
      }
    });
  }

  it('gives 2001 when a base service refuses connections', async () => {
    const gone = await misbehaving(() => undefined);
    const url = gone.url;
    await gone.close();
    const composite = await startServer({ baseServiceUrls: { SKV: url } });
    try {
      const reply = await postSoap(`${composite.url}/ssbtek`, v10Request({ include: ['SKV'] }));
      expect(
        textAt(tree(reply.body), 'Body', 'hamtaBastjanstInformationResponse', 'svarsdata', 'SKV', 'error', 'felkod'),
      ).to.equal('2001');
    } finally {
      await composite.close();
    }
  });

  it('gives 2000 at the deadline when a base service never answers, and abandons the call', async () => {
    let open = 0;
    const silent = await misbehaving((req) => {
      open++;
      req.socket.on('close', () => open--);
    });
    const composite = await startServer({ baseServiceUrls: { SKV: silent.url }, serviceTimeoutsMs: { SKV: 300 } });
    try {
      const started = Date.now();
      const reply = await postSoap(`${composite.url}/ssbtek`, v10Request({ include: ['SKV'] }));
      expect(Date.now() - started).to.be.below(2000);
      expect(
        textAt(tree(reply.body), 'Body', 'hamtaBastjanstInformationResponse', 'svarsdata', 'SKV', 'error', 'felkod'),
      ).to.equal('2000');
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(open, 'the abandoned call is closed').to.equal(0);
    } finally {
      await composite.close();
      await silent.close();
    }
  });
});
