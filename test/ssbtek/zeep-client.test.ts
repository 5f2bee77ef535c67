import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect } from 'chai';
import { SERVICE_IDS } from '../../src/ssbtek/model.js';
import { PROJECT_ROOT } from '../../src/xml/schema.js';
import { testPopulation } from '../support/context.js';
import { lefiFragaAllaGrupper } from '../../src/bastjanster/fk/lefi/fraga-alla-grupper.js';
import { REAL_CLIENT_PERIOD } from '../support/real-client.js';
import { REFERENCE_ROOT, referencePresent, SSBTEK_V11_REFERENCE } from '../support/reference.js';
import { REFERENCE_WSDLS } from '../support/reference-copy.js';
import { startServer, type TestServer } from '../support/server.js';

/** Debian's python3 (python3-zeep is a Debian package; another python on PATH would not have it). */
const PYTHON = '/usr/bin/python3';
const SCRIPT = path.join(PROJECT_ROOT, 'test', 'support', 'zeep-client.py');

function zeepMissing(): string | undefined {
  const probe = spawnSync(PYTHON, ['-c', 'import zeep'], { encoding: 'utf8' });
  if (probe.error) return `${PYTHON} not found`;
  if (probe.status !== 0) return 'python3-zeep is not installed (apt-get install python3-zeep; .ci/run does)';
  return undefined;
}

interface PersonOutcome {
  services?: Record<string, unknown>;
  fault?: string;
  unreadable?: string;
}
type Outcomes = Record<string, PersonOutcome> & { testa?: Record<string, boolean> };

/**
 * A second, independent client stack: python-zeep in strict mode, built from the reference WSDLs, reads every
 * answer against the reference schemas. Every scenario person, every service, both dialects.
 */
describe('Interop: python-zeep clients built from the reference WSDLs', function () {
  this.timeout(120_000);
  let server: TestServer;

  before(async function () {
    const missing = zeepMissing();
    if (missing || !referencePresent() || !referencePresent(SSBTEK_V11_REFERENCE)) {
      console.log(`      (skipped: ${missing ?? 'the reference SSBTEK contracts are not at ../shared/reference'})`);
      this.skip();
    }
    // A 500 ms deadline, so the scenario person whose SKV answers after 15 s gives 2000 without waiting for it.
    server = await startServer({ serviceTimeoutsMs: { SKV: 500 } });
  });
  after(() => server?.close());

  /** Runs one zeep job in a child process (asynchronously: the server in this process must keep answering). */
  const runZeep = (dialect: 'v10' | 'v11'): Promise<Outcomes> => {
    const persons = testPopulation()
      .scenarioPersons()
      .map((p) => p.personidentitet);
    const { from, tom } = REAL_CLIENT_PERIOD;
    const job = {
      wsdl: path.join(REFERENCE_ROOT, REFERENCE_WSDLS[dialect]),
      endpoint: `${server.url}/ssbtek`,
      dialect,
      persons,
      from,
      tom,
      lefi: Object.fromEntries(
        persons.map((p) => [p, Buffer.from(JSON.stringify(lefiFragaAllaGrupper(p, from, tom))).toString('base64')]),
      ),
    };
    return new Promise((resolve, reject) => {
      const child = spawn(PYTHON, [SCRIPT], { stdio: ['pipe', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
      child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
      child.on('error', reject);
      child.on('close', (code) => {
        if (code !== 0) reject(new Error(`zeep client exited ${code}: ${err.slice(-2000)}`));
        else resolve(JSON.parse(out) as Outcomes);
      });
      child.stdin.end(JSON.stringify(job));
    });
  };

  for (const dialect of ['v10', 'v11'] as const) {
    it(`${dialect}: every scenario person’s answer reads in zeep (strict), all seven services, and testa`, async () => {
      const { testa, ...persons } = await runZeep(dialect);
      expect(testa).to.deep.equal(Object.fromEntries(SERVICE_IDS.map((s) => [s, true])));
      expect(Object.keys(persons)).to.have.length(testPopulation().scenarioPersons().length);
      for (const [person, outcome] of Object.entries(persons)) {
        expect(outcome.unreadable, person).to.equal(undefined);
        expect(outcome.fault, person).to.equal(undefined);
        expect(Object.keys(outcome.services ?? {}), person).to.deep.equal([...SERVICE_IDS]);
      }
    });
  }

  it('v11: the data-rich person’s SKV parts are each data', async () => {
    const { '198601042388': person } = await runZeep('v11');
    expect(person?.services?.SKV).to.deep.equal({
      foretagsinformation: 'data',
      individuppgifter: 'data',
      skattekonto: 'data',
      skatteuppgifter: 'data',
      beskattningsbilagor: 'data',
    });
  });
});
