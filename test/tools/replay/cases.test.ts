import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { CaseError, dayOf, loadSuite, rulesFor } from '../../../src/tools/replay/cases.js';
import { DEFAULT_CASES_DIR } from '../../../src/tools/replay/run-replay.js';

const REQUEST =
  '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body/></soapenv:Envelope>';

describe('replay: case loader', () => {
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'replay-cases-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  function writeCase(name: string, caseJson: unknown, files: { request?: boolean; expected?: boolean } = {}): void {
    const caseDir = path.join(dir, name);
    fs.mkdirSync(caseDir, { recursive: true });
    if (files.request !== false) fs.writeFileSync(path.join(caseDir, 'request.xml'), REQUEST);
    if (files.expected !== false) fs.writeFileSync(path.join(caseDir, 'expected.xml'), REQUEST);
    fs.writeFileSync(
      path.join(caseDir, 'case.json'),
      typeof caseJson === 'string' ? caseJson : JSON.stringify(caseJson),
    );
  }

  function problemsOf(action: () => unknown): string[] {
    try {
      action();
    } catch (error) {
      expect(error).to.be.instanceOf(CaseError);
      return (error as CaseError).problems;
    }
    expect.fail('expected a CaseError');
  }

  it('loads cases in name order with defaults, scenario, headers (lower-cased), mask and config', () => {
    fs.writeFileSync(path.join(dir, 'replay.json'), JSON.stringify({ today: '2026-11-24', mask: [{ path: '//a' }] }));
    writeCase('b-case', { description: 'B', status: 200 });
    writeCase('a-case', {
      description: 'A',
      status: 500,
      scenario: 'SKV:error=timeout',
      headers: { 'Content-Type': 'application/soap+xml' },
      mask: [{ path: 'b/c', as: 'X' }],
      config: { overallTimeoutMs: 300 },
    });
    const suite = loadSuite(dir);
    expect(suite.defaults).to.deep.equal({ today: '2026-11-24', mask: [{ path: '//a' }] });
    expect(suite.cases.map((c) => c.name)).to.deep.equal(['a-case', 'b-case']);
    expect(suite.cases[0]).to.deep.include({
      description: 'A',
      status: 500,
      scenario: 'SKV:error=timeout',
      headers: { 'content-type': 'application/soap+xml' },
      config: { overallTimeoutMs: 300 },
    });
    expect(rulesFor(suite, suite.cases[0]!)).to.deep.equal([{ path: '//a' }, { path: 'b/c', as: 'X' }]);
  });

  it('takes the day a case was made for from its case.json, its config, else replay.json (sent as X-SSBTEK-Today)', () => {
    fs.writeFileSync(path.join(dir, 'replay.json'), JSON.stringify({ today: '2026-11-24' }));
    writeCase('a-own', { description: 'A', status: 200, today: '2027-06-15' });
    writeCase('b-config', { description: 'B', status: 200, config: { today: '2028-02-29' } });
    writeCase('c-suite', { description: 'C', status: 200 });
    const suite = loadSuite(dir);
    expect(suite.cases.map((c) => dayOf(suite, c))).to.deep.equal(['2027-06-15', '2028-02-29', '2026-11-24']);
    writeCase('d-broken', { description: 'D', status: 200, today: '2027-02-29' });
    expect(problemsOf(() => loadSuite(dir))).to.deep.equal([
      `${path.join(dir, 'd-broken', 'case.json')}: "today": "2027-02-29" is not a calendar date YYYY-MM-DD`,
    ]);
  });

  it('names the file and the problem for a case.json that is not JSON', () => {
    writeCase('broken', '{ "description": "x", "status": 200, }');
    const [problem] = problemsOf(() => loadSuite(dir));
    expect(problem)
      .to.contain(path.join(dir, 'broken', 'case.json'))
      .and.contain('not valid JSON');
  });

  it('lists every problem of every case, not only the first', () => {
    writeCase('one', { status: '200', scenarios: 'AF:error=500' });
    writeCase('two', {
      description: 'x',
      status: 200,
      mask: [{ path: '' }],
      config: { overallTimeoutMs: -1, port: 1 },
    });
    writeCase('three', { description: 'x', status: 200 }, { expected: false });
    const problems = problemsOf(() => loadSuite(dir));
    const text = problems.join('\n');
    expect(text).to.contain('one/case.json: unknown key "scenarios"');
    expect(text).to.contain('one/case.json: "description" must be a non-empty string');
    expect(text).to.contain('one/case.json: "status" must be an HTTP status code');
    expect(text).to.contain('two/case.json: mask[0]: "" is not a mask path');
    expect(text).to.contain('"overallTimeoutMs" must be a non-negative integer');
    expect(text).to.contain('unknown setting "port"');
    expect(text).to.contain(`${path.join('three', 'expected.xml')}: missing`);
  });

  it('checks scenario settings in config and replay.json defaults', () => {
    fs.writeFileSync(path.join(dir, 'replay.json'), JSON.stringify({ today: '24/11/2026', extra: 1 }));
    writeCase('c', { description: 'x', status: 200, config: { scenarios: { XX: {} } } });
    const text = problemsOf(() => loadSuite(dir)).join('\n');
    expect(text).to.contain('replay.json: unknown key "extra"');
    expect(text).to.contain('replay.json: "today": "24/11/2026" is not a calendar date YYYY-MM-DD');
    expect(text).to.match(/config\.scenarios/);
  });

  it('selects cases by name and wildcard, and says which name matched nothing', () => {
    writeCase('skv-a', { description: 'x', status: 200 });
    writeCase('skv-b', { description: 'x', status: 200 });
    writeCase('af-a', { description: 'x', status: 200 });
    expect(loadSuite(dir, { select: ['skv-*'] }).cases.map((c) => c.name)).to.deep.equal(['skv-a', 'skv-b']);
    expect(problemsOf(() => loadSuite(dir, { select: ['nope'] }))).to.deep.equal(['--case nope: no case of that name']);
  });

  it('does not need expected.xml when updating', () => {
    writeCase('new', { description: 'x', status: 200 }, { expected: false });
    expect(loadSuite(dir, { requireExpected: false }).cases).to.have.length(1);
  });

  it('refuses a folder that does not exist', () => {
    expect(problemsOf(() => loadSuite(path.join(dir, 'nope')))[0]).to.match(/no such folder/);
  });

  it('loads the shipped cases: at least 45, every one described', () => {
    const suite = loadSuite(DEFAULT_CASES_DIR);
    expect(suite.cases.length).to.be.at.least(45);
    expect(suite.defaults.today).to.equal('2026-11-24');
  });
});
