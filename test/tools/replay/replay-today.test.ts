import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { PROJECT_ROOT } from '../../../src/xml/schema.js';
import { postSoap } from '../../support/requests.js';
import { startServer, type TestServer } from '../../support/server.js';
import { cli } from './cli-support.js';

const QUERIES = path.join(PROJECT_ROOT, 'fixtures', 'queries');
const request = (name: string): string => path.join(QUERIES, name, 'request.xml');
const SHIPPED_TODAY = (JSON.parse(fs.readFileSync(path.join(QUERIES, 'replay.json'), 'utf8')) as { today: string })
  .today;

/**
 * The shipped cases carry the day their replies were made for (replay.json); replay sends it as X-SSBTEK-Today, so
 * they pass against an emulator whose own today is years away (as it is for every running emulator some day).
 */
describe('replay and record across days: each case carries its "today"', function () {
  this.timeout(60_000);
  let server: TestServer;
  before(async () => (server = await startServer({ today: '2031-03-15' })));
  after(() => server.close());

  it('the emulator really lives on another day: the v10 case alone, without its day, gets another answer', async () => {
    const body = fs.readFileSync(request('v10-all-services'));
    expect((await postSoap(`${server.url}/ssbtek`, body)).body).to.contain('-1006');
    expect(SHIPPED_TODAY).to.not.equal('2031-03-15');
  });

  it('passes every shipped case sent to that emulator with --target (config cases skipped)', async () => {
    const result = await cli('replay', '--target', `${server.url}/ssbtek`);
    const summary = result.stdout.trim().split('\n').pop() ?? '';
    const match = /^(\d+) cases: (\d+) passed, 0 failed, (\d+) skipped$/.exec(summary);
    expect(match, result.stdout).to.not.equal(null);
    expect(Number(match![2]) + Number(match![3])).to.equal(Number(match![1]));
    expect(Number(match![2])).to.be.at.least(80);
    expect(result.code).to.equal(0);
  });

  describe('record', () => {
    let out: string;
    beforeEach(() => (out = fs.mkdtempSync(path.join(os.tmpdir(), 'record-today-'))));
    afterEach(() => fs.rmSync(out, { recursive: true, force: true }));
    const caseOf = (name: string): { today?: string } =>
      JSON.parse(fs.readFileSync(path.join(out, name, 'case.json'), 'utf8')) as { today?: string };

    it('records files for --today (sent as X-SSBTEK-Today) and writes that day into case.json', async () => {
      const result = await cli(
        'record',
        '--target',
        `${server.url}/ssbtek`,
        '--out',
        out,
        '--today',
        SHIPPED_TODAY,
        request('v10-all-services'),
      );
      expect(result.code, result.stderr).to.equal(0);
      expect(caseOf('v10-all-services').today).to.equal(SHIPPED_TODAY);
      // The reply recorded is the one made for that day, as the shipped case has it: not the target's -1006.
      expect(fs.readFileSync(path.join(out, 'v10-all-services', 'expected.xml'), 'utf8')).to.not.contain('-1006');
      expect((await cli('replay', out, '--target', `${server.url}/ssbtek`)).code).to.equal(0);
    });

    it("records files for the target's own today without --today", async () => {
      const result = await cli('record', '--target', `${server.url}/ssbtek`, '--out', out, request('so-data'));
      expect(result.code, result.stderr).to.equal(0);
      expect(caseOf('so-data').today).to.equal('2031-03-15');
    });

    it('records each journal exchange with the day it was answered for, and replays them elsewhere', async () => {
      await fetch(`${server.url}/__admin/requests`, { method: 'DELETE' });
      const body = fs.readFileSync(request('v10-all-services'));
      await postSoap(`${server.url}/ssbtek`, body, { 'X-SSBTEK-Today': SHIPPED_TODAY });
      await postSoap(`${server.url}/ssbtek`, fs.readFileSync(request('so-data')));
      await postSoap(`${server.url}/ssbtek`, fs.readFileSync(request('so-data')), { 'X-SSBTEK-Today': 'igar' });
      const result = await cli('record', '--target', `${server.url}/ssbtek`, '--out', out, '--from-journal');
      expect(result.code, result.stderr).to.equal(0);
      expect(caseOf('v10-198601042388-all-data').today).to.equal(SHIPPED_TODAY);
      expect(caseOf('v10-197706282394-so-data').today).to.equal('2031-03-15');
      expect(caseOf('v10-197706282394-fault-client')).to.deep.include({ headers: { 'x-ssbtek-today': 'igar' } });
      const elsewhere = await startServer({ today: '2027-06-15' });
      try {
        const replay = await cli('replay', out, '--target', `${elsewhere.url}/ssbtek`);
        expect(replay.stdout.trim(), replay.stdout).to.equal('3 cases: 3 passed, 0 failed');
      } finally {
        await elsewhere.close();
      }
      expect(
        (
          await cli(
            'record',
            '--target',
            `${server.url}/ssbtek`,
            '--out',
            out,
            '--from-journal',
            '--today',
            SHIPPED_TODAY,
          )
        ).code,
      ).to.equal(2);
    });
  });
});
