import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { cli, closedPort, copyCases } from './cli-support.js';

describe('ssbtek-emulator replay (as a user runs it)', function () {
  this.timeout(60_000);

  it('passes every shipped case against the in-process emulator (what CI runs)', async () => {
    const result = await cli('replay');
    expect(result.stderr).to.equal('');
    const summary = result.stdout.trim().split('\n').pop() ?? '';
    const match = /^(\d+) cases: (\d+) passed, 0 failed$/.exec(summary);
    expect(match, result.stdout).to.not.equal(null);
    expect(Number(match![1])).to.be.at.least(45);
    expect(match![2]).to.equal(match![1]);
    expect(result.code).to.equal(0);
  });

  describe('a deliberately broken expected reply', () => {
    let cases: ReturnType<typeof copyCases>;
    before(() => {
      cases = copyCases(['skv-9071004-person', 'csn-1102-person', 'testa-v10']);
      const file = path.join(cases.dir, 'skv-9071004-person', 'expected.xml');
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('>9071004<', '>9071005<'));
    });
    after(() => cases.remove());

    it('fails with exit 1 and a readable diff: path, expected, actual; then the summary', async () => {
      const result = await cli('replay', cases.dir);
      expect(result.code).to.equal(1);
      expect(result.stdout).to.contain('FAIL skv-9071004-person: SKV 9071004');
      expect(result.stdout).to.contain(
        '  /Envelope/Body/hamtaBastjanstInformationResponse/svarsdata/SKV/error/felkod (value)\n' +
          '    expected: 9071005\n' +
          '    actual:   9071004\n',
      );
      expect(result.stdout).to.not.contain('csn-1102-person');
      expect(result.stdout.trim().split('\n').pop()).to.equal('3 cases: 2 passed, 1 failed');
    });

    it('reports as JSON for CI, every difference included', async () => {
      const result = await cli('replay', cases.dir, '--format', 'json');
      expect(result.code).to.equal(1);
      const report = JSON.parse(result.stdout) as {
        cases: { name: string; outcome: string; differences: object[] }[];
        summary: object;
      };
      expect(report.summary).to.deep.equal({ cases: 3, passed: 2, failed: 1, skipped: 0, updated: 0 });
      const failed = report.cases.find((c) => c.outcome === 'failed');
      expect(failed?.name).to.equal('skv-9071004-person');
      expect(failed?.differences).to.deep.equal([
        {
          kind: 'text',
          path: '/Envelope/Body/hamtaBastjanstInformationResponse/svarsdata/SKV/error/felkod',
          expected: '9071005',
          actual: '9071004',
        },
      ]);
    });

    it('writes JUnit XML to --output and the summary line to stdout', async () => {
      const file = path.join(cases.dir, 'out', 'replay.junit.xml');
      const result = await cli('replay', cases.dir, '--format', 'junit', '--output', file);
      expect(result.code).to.equal(1);
      expect(result.stdout.trim()).to.equal('3 cases: 2 passed, 1 failed');
      const junit = fs.readFileSync(file, 'utf8');
      expect(junit).to.match(/<testsuite name="ssbtek-emulator replay" tests="3" failures="1" errors="0" skipped="0"/);
      expect(junit).to.match(/<testcase classname="replay" name="skv-9071004-person"[^>]*><failure type="text"/);
      expect(junit).to.contain('expected: 9071005');
    });

    it('runs only the cases named with --case (wildcards too)', async () => {
      const result = await cli('replay', cases.dir, '--case', 'csn-*', '--case', 'testa-v10');
      expect(result.code).to.equal(0);
      expect(result.stdout.trim()).to.equal('2 cases: 2 passed, 0 failed');
    });
  });

  it('rewrites expected.xml and the status with --update', async () => {
    const cases = copyCases(['af-210-lagtext']);
    try {
      const caseDir = path.join(cases.dir, 'af-210-lagtext');
      fs.writeFileSync(path.join(caseDir, 'expected.xml'), '<old/>');
      const json = JSON.parse(fs.readFileSync(path.join(caseDir, 'case.json'), 'utf8')) as object;
      fs.writeFileSync(path.join(caseDir, 'case.json'), JSON.stringify({ ...json, status: 500 }));
      const updated = await cli('replay', cases.dir, '--update');
      expect(updated.code).to.equal(0);
      expect(updated.stdout).to.contain('UPDATED af-210-lagtext');
      expect(updated.stdout.trim().split('\n').pop()).to.equal('1 cases: 0 passed, 0 failed, 1 updated');
      expect(JSON.parse(fs.readFileSync(path.join(caseDir, 'case.json'), 'utf8'))).to.deep.include({ status: 200 });
      expect(fs.readFileSync(path.join(caseDir, 'expected.xml'), 'utf8')).to.contain('<ssbt:felkod>210</ssbt:felkod>');
      expect((await cli('replay', cases.dir)).code).to.equal(0);
    } finally {
      cases.remove();
    }
  });

  describe('could not run: exit 2', () => {
    it('for a folder without cases', async () => {
      const cases = copyCases([]);
      try {
        const result = await cli('replay', cases.dir);
        expect(result.code).to.equal(2);
        expect(result.stderr).to.contain('no cases in');
      } finally {
        cases.remove();
      }
    });

    it('for a broken case.json, naming the file', async () => {
      const cases = copyCases(['so-data']);
      try {
        fs.writeFileSync(path.join(cases.dir, 'so-data', 'case.json'), '{"description": "x"}');
        const result = await cli('replay', cases.dir);
        expect(result.code).to.equal(2);
        expect(result.stderr).to.contain(`${path.join('so-data', 'case.json')}: "status" must be an HTTP status code`);
      } finally {
        cases.remove();
      }
    });

    it('for an unknown --case, a bad --format and a bad --target', async () => {
      expect((await cli('replay', '--case', 'no-such-case')).code).to.equal(2);
      const format = await cli('replay', '--format', 'yaml');
      expect(format.code).to.equal(2);
      expect(format.stderr).to.contain('yaml');
      const target = await cli('replay', '--target', 'ftp://example');
      expect(target.code).to.equal(2);
      expect(target.stderr).to.contain('--target must be an http(s) URL');
    });

    it('when the target cannot be reached at all', async () => {
      const result = await cli('replay', '--target', `http://127.0.0.1:${await closedPort()}/ssbtek`, '--case', 'af-*');
      expect(result.code).to.equal(2);
      expect(result.stderr).to.contain('the target cannot be reached');
    });
  });
});
