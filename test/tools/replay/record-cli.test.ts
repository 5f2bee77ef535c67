import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { PROJECT_ROOT } from '../../../src/xml/schema.js';
import { postSoap } from '../../support/requests.js';
import { startServer, type TestServer } from '../../support/server.js';
import { cli, cliWithEnv, closedPort } from './cli-support.js';

const QUERIES = path.join(PROJECT_ROOT, 'fixtures', 'queries');
const request = (name: string): string => path.join(QUERIES, name, 'request.xml');

describe('ssbtek-emulator record (against a running emulator)', function () {
  this.timeout(60_000);
  let server: TestServer;
  let out: string;

  before(async () => {
    server = await startServer();
  });
  after(() => server.close());
  beforeEach(() => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'record-cli-'));
  });
  afterEach(() => fs.rmSync(out, { recursive: true, force: true }));

  const readCase = (name: string): Record<string, unknown> =>
    JSON.parse(fs.readFileSync(path.join(out, name, 'case.json'), 'utf8')) as Record<string, unknown>;

  it('writes a case per request file, named after the file, that then replays green', async () => {
    const result = await cli(
      'record',
      '--target',
      `${server.url}/ssbtek`,
      '--out',
      out,
      request('v10-all-services'),
      request('envelope-empty-soap-body'),
      request('no-korrelationsid'),
    );
    expect(result.code, result.stderr).to.equal(0);
    expect(fs.readdirSync(out).sort()).to.deep.equal([
      'envelope-empty-soap-body',
      'no-korrelationsid',
      'replay.json',
      'v10-all-services',
    ]);
    expect(JSON.parse(fs.readFileSync(path.join(out, 'replay.json'), 'utf8'))).to.deep.equal({
      today: '2026-11-24',
      mask: [],
    });
    expect(readCase('envelope-empty-soap-body')).to.include({ status: 500 });
    expect(readCase('no-korrelationsid').mask).to.deep.equal([{ path: 'svarsdata/MIV/data/response/correlationid' }]);
    expect(readCase('v10-all-services').description).to.match(
      /^Recorded from .*v10-all-services.*request\.xml sent to http/,
    );

    const inProcess = await cli('replay', out);
    expect(inProcess.stdout.trim()).to.equal('3 cases: 3 passed, 0 failed');
    expect(inProcess.code).to.equal(0);
    const againstTarget = await cli('replay', out, '--target', `${server.url}/ssbtek`);
    expect(againstTarget.code).to.equal(0);
  });

  it('never overwrites an existing case without --force', async () => {
    const args = ['record', '--target', `${server.url}/ssbtek`, '--out', out, request('so-data')];
    expect((await cli(...args)).code).to.equal(0);
    fs.writeFileSync(path.join(out, 'so-data', 'expected.xml'), '<mine/>');
    const again = await cli(...args);
    expect(again.code).to.equal(1);
    expect(again.stderr).to.contain('exists: not overwritten');
    expect(fs.readFileSync(path.join(out, 'so-data', 'expected.xml'), 'utf8')).to.equal('<mine/>');
    expect((await cli(...args, '--force')).code).to.equal(0);
    expect(fs.readFileSync(path.join(out, 'so-data', 'expected.xml'), 'utf8')).to.contain(
      'hamtaBastjanstInformationResponse',
    );
  });

  it('writes --name-prefix, --mask and --scenario into the case', async () => {
    const result = await cli(
      'record',
      '--target',
      `${server.url}/ssbtek`,
      '--out',
      out,
      '--name-prefix',
      'qa-',
      '--mask',
      '//frageTidpunkt',
      '--scenario',
      'SKV:error=9071004',
      request('skv-data'),
    );
    expect(result.code, result.stderr).to.equal(0);
    expect(readCase('qa-skv-data')).to.deep.include({
      scenario: 'SKV:error=9071004',
      mask: [{ path: '//frageTidpunkt' }],
    });
    expect(fs.readFileSync(path.join(out, 'qa-skv-data', 'expected.xml'), 'utf8')).to.contain('9071004');
    expect((await cli('replay', out)).code).to.equal(0);
  });

  it('records the journal (--from-journal), scenario header included, into cases that replay green', async function () {
    if (!fs.existsSync(path.join(PROJECT_ROOT, 'src', 'journal', 'journal.ts'))) {
      this.skip(); // the request journal (docs/admin-api.md) has not landed
    }
    await fetch(`${server.url}/__admin/requests`, { method: 'DELETE' });
    const body = (name: string): string => fs.readFileSync(request(name), 'utf8');
    await postSoap(`${server.url}/ssbtek`, body('af-data'));
    await postSoap(`${server.url}/ssbtek`, body('miv-data-permanent'), { 'X-SSBTEK-Scenario': 'MIV:error=500-102' });
    await postSoap(`${server.url}/ssbtek`, body('envelope-unknown-operation'));
    const result = await cli('record', '--target', `${server.url}/ssbtek`, '--out', out, '--from-journal');
    expect(result.code, result.stderr).to.equal(0);
    expect(fs.readdirSync(out).sort()).to.deep.equal([
      'replay.json',
      'v10-197706282394-af-data',
      'v10-198807062396-miv-bt-500-102',
      'v10-hamtaAllt-fault-client',
    ]);
    expect(readCase('v10-198807062396-miv-bt-500-102')).to.include({ scenario: 'MIV:error=500-102', status: 200 });
    expect(readCase('v10-hamtaAllt-fault-client')).to.include({ status: 500 });
    expect(readCase('v10-197706282394-af-data').description).to.match(
      /^Recorded from journal of http:\/\/127\.0\.0\.1:\d+, .*: hamtaBastjanstInformation \(v10\), AF$/,
    );
    const replay = await cli('replay', out);
    expect(replay.stdout.trim()).to.equal('3 cases: 3 passed, 0 failed');
  });

  it('sends SSBTEK_ADMIN_TOKEN to a target with an admin token, and says so when it is missing', async () => {
    const token = 'record-admin-token-0123456789';
    const guarded = await startServer({ adminToken: token });
    try {
      await postSoap(`${guarded.url}/ssbtek`, fs.readFileSync(request('af-data'), 'utf8'));
      const target = `${guarded.url}/ssbtek`;
      const refused = await cli('record', '--target', target, '--out', out, '--from-journal');
      expect(refused.code).to.equal(2);
      expect(refused.stderr).to.contain('401').and.contain('SSBTEK_ADMIN_TOKEN');
      const recorded = await cliWithEnv(
        { SSBTEK_ADMIN_TOKEN: token },
        'record',
        '--target',
        target,
        '--out',
        out,
        '--from-journal',
      );
      expect(recorded.code, recorded.stderr).to.equal(0);
      expect(fs.readdirSync(out).filter((f) => f !== 'replay.json')).to.have.length(1);
    } finally {
      await guarded.close();
    }
  });

  it('names journal cases after what they are, the same on every run, repeats numbered in the order sent', async () => {
    await fetch(`${server.url}/__admin/requests`, { method: 'DELETE' });
    const body = (name: string): string => fs.readFileSync(request(name), 'utf8');
    // The same question three times under three korrelationsids (which do not go into a name).
    const soData = (id: string): string => body('so-data').replace('KORRID12345', id);
    await postSoap(`${server.url}/ssbtek`, soData('QA-1'));
    await postSoap(`${server.url}/ssbtek`, body('skv-9071004-person'));
    await postSoap(`${server.url}/ssbtek`, soData('QA-2'));
    await postSoap(`${server.url}/ssbtek`, body('fault-1001-invalid-date'));
    await postSoap(`${server.url}/ssbtek`, soData('QA-3'));
    await postSoap(`${server.url}/ssbtek`, body('testa-v10'));
    const repeats = ['v10-197706282394-so-data', 'v10-197706282394-so-data-2', 'v10-197706282394-so-data-3'];
    const expected = [
      ...repeats,
      'v10-197706282394-fault-1001',
      'v10-198701232392-skv-bt-9071004',
      'v10-testa-ok',
    ].sort();
    for (const run of ['first', 'second']) {
      const dir = path.join(out, run);
      const result = await cli('record', '--target', `${server.url}/ssbtek`, '--out', dir, '--from-journal');
      expect(result.code, result.stderr).to.equal(0);
      expect(
        fs
          .readdirSync(dir)
          .filter((f) => f !== 'replay.json')
          .sort(),
        run,
      ).to.deep.equal(expected);
      repeats.forEach((name, i) => {
        expect(fs.readFileSync(path.join(dir, name, 'request.xml'), 'utf8')).to.equal(soData(`QA-${i + 1}`));
      });
    }
    expect((await cli('replay', path.join(out, 'first'))).code).to.equal(0);
  });

  it('exits 2 when it cannot run', async () => {
    const neither = await cli('record', '--target', `${server.url}/ssbtek`, '--out', out);
    expect(neither.code).to.equal(2);
    expect(neither.stderr).to.contain('give request FILEs');
    expect((await cli('record', '--out', out, request('af-data'))).code).to.equal(2);
    const unreachable = await cli(
      'record',
      '--target',
      `http://127.0.0.1:${await closedPort()}/ssbtek`,
      '--out',
      out,
      request('af-data'),
    );
    expect(unreachable.code).to.equal(2);
    expect(unreachable.stderr).to.contain('cannot be reached');
    const noJournal = await cli(
      'record',
      '--target',
      `http://127.0.0.1:${await closedPort()}/ssbtek`,
      '--out',
      out,
      '--from-journal',
    );
    expect(noJournal.code).to.equal(2);
  });
});
