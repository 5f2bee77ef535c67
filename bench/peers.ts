import fs from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { freePort, procStatusKb, start, waitUntilUp, type Child } from './procs.js';
import { SOAP_HEADERS, V10 } from './requests.js';
import { PROJECT_ROOT } from './stages.js';
import { warmUntilSteady } from './warm.js';

/** What the peers need from the bench: how to measure a row, and where to note why a peer was not measured. */
export interface PeerBench {
  scenario(label: string, request: PeerRequest, status: number, pid: number, connections: number[]): Promise<void>;
  preflight(label: string, request: PeerRequest, status: number, marker: string): Promise<string>;
  notes: string[];
  connections: number[];
  tmp: string;
}

export interface PeerRequest {
  url: string;
  method: 'POST';
  headers: Record<string, string>;
  body: string;
}

const peerRequest = (base: string): PeerRequest => ({
  url: `${base}/ssbtek`,
  method: 'POST',
  headers: SOAP_HEADERS,
  body: V10,
});

/**
 * WireMock standalone with a static canned reply (the emulator's own (c) reply) for the v10 request, warmed until
 * its JIT has settled. Its root folder is the run's temporary folder. Returns its peak RSS (kB) and the warm-up.
 */
export async function runWireMock(
  replyBody: string,
  bench: PeerBench,
): Promise<{ hwm?: number; warmSeconds?: number }> {
  const jar = path.join(PROJECT_ROOT, 'node_modules', 'wiremock', 'build', 'wiremock-standalone-3.13.2.jar');
  if (!fs.existsSync(jar)) {
    bench.notes.push(`WireMock not measured: ${jar} is missing.`);
    return {};
  }
  const port = await freePort();
  let peer: Child;
  try {
    // No request journal: WireMock's own advice for load, so the peer runs at its best.
    peer = start('java', [
      '-jar',
      jar,
      '--port',
      String(port),
      '--root-dir',
      path.join(bench.tmp, 'wiremock'),
      '--bind-address',
      '127.0.0.1',
      '--disable-banner',
      '--no-request-journal',
    ]);
    await new Promise((r) => setTimeout(r, 200));
    if (peer.process.exitCode !== null) throw new Error(peer.stderr());
  } catch (error) {
    bench.notes.push(`WireMock not measured: java could not start it (${(error as Error).message}).`);
    return {};
  }
  peer.process.on('error', () => undefined);
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitUntilUp(`${base}/__admin/mappings`, peer);
    const mapping = await fetch(`${base}/__admin/mappings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        request: {
          method: 'POST',
          url: '/ssbtek',
          bodyPatterns: [{ matchesXPath: "//*[local-name()='hamtaBastjanstInformation']" }],
        },
        response: { status: 200, headers: { 'Content-Type': 'text/xml; charset=utf-8' }, body: replyBody },
      }),
    });
    if (!mapping.ok) throw new Error(`WireMock refused the mapping: ${mapping.status} ${await mapping.text()}`);
    const request = peerRequest(base);
    const body = await bench.preflight('(peer)', request, 200, 'hamtaBastjanstInformationResponse');
    if (body !== replyBody) throw new Error('WireMock answered a different body');
    const warmSeconds = await warmUntilSteady(
      async (seconds) => (await autocannon({ ...request, connections: 10, duration: seconds })).requests.average,
    );
    await bench.scenario('(peer) WireMock 3.13, static reply, warm', request, 200, peer.pid, bench.connections);
    return { hwm: procStatusKb(peer.pid, 'VmHWM'), warmSeconds };
  } catch (error) {
    bench.notes.push(`WireMock not measured: ${(error as Error).message}`);
    return {};
  } finally {
    await peer.stop();
  }
}

/** The second peer: a hand-written node-soap mock (bench/soap-peer.ts) answering with the same reply's content. */
export async function runNodeSoap(replyFile: string, bench: PeerBench): Promise<number | undefined> {
  const port = await freePort();
  const peer = start(process.execPath, [
    path.join(PROJECT_ROOT, 'dist', 'bench', 'soap-peer.js'),
    replyFile,
    String(port),
  ]);
  try {
    const request = peerRequest(`http://127.0.0.1:${port}`);
    await waitUntilUp(`http://127.0.0.1:${port}/ssbtek?wsdl`, peer);
    await bench.preflight('(peer 2)', request, 200, 'hamtaBastjanstInformationResponse');
    await bench.scenario('(peer 2) node-soap mock, same reply', request, 200, peer.pid, bench.connections);
    return procStatusKb(peer.pid, 'VmHWM');
  } catch (error) {
    bench.notes.push(`node-soap mock not measured: ${(error as Error).message}`);
    return undefined;
  } finally {
    await peer.stop();
  }
}
