import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve, stop, type Served } from '../durability/support.js';
import { postSoap, SOAP_NS, v10Request } from '../support/requests.js';
import { at, textAt, tree } from '../support/xml.js';

const MB = 1024 * 1024;
/** One 10 MB body of 2.6 million empty elements: the node flood. */
const FLOOD = Buffer.from(
  `<s:Envelope xmlns:s="${SOAP_NS}"><s:Body><r>${'<a/>'.repeat(2_600_000)}</r></s:Body></s:Envelope>`,
);

function rssMb(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match![1]) / 1024;
}

/**
 * A node flood is refused before libxml2 builds any of it: the real program (`serve`, its own process, so its RSS
 * is its own) answers 20 floods of 2.6 million elements each with a Client Fault, quickly, and its RSS stays where
 * it was (libxml2's WebAssembly memory never shrinks, so one tree built would have stayed for good). The body limit
 * is raised (256 KB by default) to let the floods reach the parser.
 */
describe('Node flood: refused before the tree is built, memory stays', function () {
  this.timeout(120_000);
  let served: Served;
  let dir: string;
  before(async function () {
    if (process.platform !== 'linux') this.skip();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'node-flood-'));
    served = await serve(path.join(dir, 'store.sqlite'), { bodyLimits: { ssbtek: 16 * MB } });
  });
  after(async () => {
    if (served) await stop(served);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('20 floods of 10 MB: each a Client Fault naming the limit, RSS grows by less than 80 MB', async () => {
    for (let i = 0; i < 5; i++) expect((await postSoap(`${served.url}/ssbtek`, v10Request())).status).to.equal(200);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const before = rssMb(served.child.pid!);
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      const started = performance.now();
      const reply = await postSoap(`${served.url}/ssbtek`, FLOOD);
      times.push(performance.now() - started);
      expect(reply.status).to.equal(500);
      const fault = at(tree(reply.body), 'Body', 'Fault');
      expect(textAt(fault, 'faultcode')).to.equal('soapenv:Client');
      expect(textAt(fault, 'faultstring')).to.match(/\d+ nodes \(elements, attributes, text\)/);
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const after = rssMb(served.child.pid!);
    const summary = `RSS ${before.toFixed(0)} → ${after.toFixed(0)} MB; slowest flood ${Math.max(...times).toFixed(0)} ms`;
    expect(after - before, summary).to.be.below(80);
    console.log(`      ${summary}`);
    expect((await postSoap(`${served.url}/ssbtek`, v10Request())).status, 'still answering').to.equal(200);
  });
});
