import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { parseXml } from '../../src/xml/parse.js';
import { attr, childrenNamed, elements } from '../../src/xml/tree.js';
import { runCli, summaryOf, tempDir, writeFiles } from './cli.js';
import { AF_FRAGA, AF_FRAGA_INVALID, XXE } from './validate-files.js';

describe('ssbtek-emulator validate: report formats', () => {
  let dir: string;
  let remove: () => void;
  beforeEach(() => {
    ({ dir, remove } = tempDir());
    writeFiles(dir, { 'a-valid.xml': AF_FRAGA, 'b-invalid.xml': AF_FRAGA_INVALID, 'c-dtd.xml': XXE });
  });
  afterEach(() => remove());

  it('writes JSON that parses: one entry per file with its schema and located problems, and a summary', async () => {
    const result = await runCli(['validate', '--format', 'json', dir]);
    expect(result.code).to.equal(1);
    const report = JSON.parse(result.stdout) as {
      files: { file: string; valid: boolean; schema: string | null; problems: Record<string, unknown>[] }[];
      summary: Record<string, number>;
    };
    expect(report.files.map((f) => [path.basename(f.file), f.valid, f.schema])).to.deep.equal([
      ['a-valid.xml', true, 'af'],
      ['b-invalid.xml', false, 'af'],
      ['c-dtd.xml', false, null],
    ]);
    const problem = report.files[1]!.problems[0]!;
    expect(Object.keys(problem)).to.have.members(['line', 'col', 'path', 'message']);
    expect(problem).to.include({ line: 5, path: '/FragaMeddelande/Fraga/Test' });
    expect(report.summary).to.deep.equal({ files: 3, valid: 1, invalid: 1, unreadable: 1 });
  });

  it('writes well-formed JUnit XML: one testcase per file, a failure per invalid file, an error per unreadable one', async () => {
    const result = await runCli(['validate', '--format', 'junit', dir]);
    expect(result.code).to.equal(1);
    const parsed = parseXml(Buffer.from(result.stdout));
    try {
      const suites = parsed.root;
      expect(suites.name).to.equal('testsuites');
      const suite = elements(suites)[0]!;
      expect([attr(suite, 'tests'), attr(suite, 'failures'), attr(suite, 'errors')]).to.deep.equal(['3', '1', '1']);
      const cases = childrenNamed(suite, '', 'testcase');
      expect(cases.map((c) => path.basename(attr(c, 'name') ?? ''))).to.deep.equal([
        'a-valid.xml',
        'b-invalid.xml',
        'c-dtd.xml',
      ]);
      expect(cases.map((c) => elements(c).map((e) => e.name))).to.deep.equal([[], ['failure'], ['error']]);
      expect(attr(elements(cases[1]!)[0]!, 'message')).to.contain("Element 'Test'");
    } finally {
      parsed.dispose();
    }
  });

  it('writes the report to --output FILE, keeping stdout empty and the summary on stderr', async () => {
    const out = path.join(dir, 'report', 'validate.json');
    fs.mkdirSync(path.dirname(out));
    const result = await runCli(['validate', '--format', 'json', '--output', out, path.join(dir, 'a-valid.xml')]);
    expect(result.code).to.equal(0);
    expect(result.stdout).to.equal('');
    expect(summaryOf(result.stderr)).to.equal('1 file: 1 valid, 0 invalid, 0 could not be read');
    expect(JSON.parse(fs.readFileSync(out, 'utf8'))).to.have.nested.property('summary.valid', 1);
  });

  it('exits 2 when --output cannot be written', async () => {
    const result = await runCli(['validate', '--output', path.join(dir, 'no', 'such', 'dir', 'r.txt'), dir]);
    expect(result.code).to.equal(2);
    expect(result.stderr).to.contain('cannot write');
  });
});
