import path from 'node:path';
import { expect } from 'chai';
import { glob } from 'tinyglobby';
import { readExample } from '../../src/examples/catalogue.js';
import { PROJECT_ROOT } from '../../src/xml/schema.js';
import { TODAY } from '../support/fraga.js';
import { fixture, runCli, summaryOf, tempDir, writeFiles } from './cli.js';
import {
  AF_FRAGA,
  AF_FRAGA_INVALID,
  EMPTY_BODY,
  inEnvelope,
  UNKNOWN_ROOT,
  V1_SSBTEK_QUERY,
  v10Fault,
  XXE,
} from './validate-files.js';

interface JsonReport {
  files: { file: string; valid: boolean; status: string; schema: string | null; problems: unknown[] }[];
  summary: { files: number; valid: number; invalid: number; unreadable: number };
}

async function validateJson(args: string[]): Promise<{ code: number | null; report: JsonReport }> {
  const result = await runCli(['validate', '--format', 'json', ...args]);
  return { code: result.code, report: JSON.parse(result.stdout) as JsonReport };
}

describe('ssbtek-emulator validate', () => {
  let dir: string;
  let remove: () => void;
  beforeEach(() => ({ dir, remove } = tempDir()));
  afterEach(() => remove());

  it('accepts every bundled example and native fixture: exit 0, nothing on stdout, the count on stderr', async () => {
    const count = (await glob(['fixtures/examples/*.xml', 'test/fixtures/native/**/*.xml'], { cwd: PROJECT_ROOT }))
      .length;
    const result = await runCli(['validate', 'fixtures/examples', 'test/fixtures/native']);
    expect(result.stdout).to.equal('');
    expect(summaryOf(result.stderr)).to.equal(`${count} files: ${count} valid, 0 invalid, 0 could not be read`);
    expect(result.code).to.equal(0);
  });

  it('reports each violation as file:line:col: message (element path) and exits 1', async () => {
    writeFiles(dir, { 'af-invalid.xml': AF_FRAGA_INVALID });
    const file = path.join(dir, 'af-invalid.xml');
    const result = await runCli(['validate', file]);
    expect(result.code).to.equal(1);
    const lines = result.stdout.trim().split('\n');
    expect(lines).to.have.length(2);
    expect(lines[0]).to.match(
      new RegExp(`^${escape(file)}:5:\\d+: Element 'Test': .*\\(/FragaMeddelande/Fraga/Test\\)$`),
    );
    expect(lines[1]).to.contain("Element 'Okand'").and.contain('(/FragaMeddelande/Fraga/Okand)');
    expect(summaryOf(result.stderr)).to.equal('1 file: 0 valid, 1 invalid, 0 could not be read');
  });

  it('chooses the schema by the SOAP Body’s element, by a Fault’s detail, and tells ssbt/1 from SSBTEK/1', async () => {
    writeFiles(dir, {
      'af-in-envelope.xml': inEnvelope(AF_FRAGA),
      'tns-with-header.xml': inEnvelope(
        fixture('test/fixtures/native/tns/tns-request-ok.xml'),
        fixture('test/fixtures/native/tns/tns-header-ok.xml').replace(/^<\?xml[^>]*\?>/, ''),
      ),
      'v10-fault.xml': v10Fault('1001'),
      'v1-ssbtek.xml': V1_SSBTEK_QUERY,
      'v1-ssbt.xml': readExample('seed-example-v1.xml', TODAY),
    });
    const { code, report } = await validateJson([dir]);
    const schemas = Object.fromEntries(report.files.map((f) => [path.basename(f.file), [f.schema, f.valid]]));
    expect(schemas).to.deep.equal({
      'af-in-envelope.xml': ['af', true],
      'tns-with-header.xml': ['tns', true],
      'v10-fault.xml': ['ssbtek-v10', true],
      'v1-ssbtek.xml': ['ssbtek-v1-SSBTEK', true],
      'v1-ssbt.xml': ['ssbtek-v1', true],
    });
    expect(code).to.equal(0);
  });

  it('walks a directory recursively and takes only its *.xml files', async () => {
    writeFiles(dir, {
      'a.xml': AF_FRAGA,
      'deep/er/b.xml': AF_FRAGA,
      'deep/notes.txt': 'not XML, not looked at',
      'deep/c.xml.bak': 'not looked at either',
    });
    const { code, report } = await validateJson([dir]);
    expect(report.files.map((f) => path.relative(dir, f.file))).to.deep.equal(['a.xml', 'deep/er/b.xml']);
    expect(code).to.equal(0);
  });

  it('expands a glob pattern itself (quoted, so no shell did it)', async () => {
    writeFiles(dir, { 'one/q.xml': AF_FRAGA, 'two/q.xml': AF_FRAGA_INVALID, 'two/r.json': '{}' });
    const result = await runCli(['validate', 'd/*/q.xml'.replace('d', dir)]);
    expect(summaryOf(result.stderr)).to.equal('2 files: 1 valid, 1 invalid, 0 could not be read');
    expect(result.code).to.equal(1);
  });

  it('validates against --schema NAME whatever the element, so a wrong choice is reported', async () => {
    writeFiles(dir, { 'af.xml': AF_FRAGA });
    const { code, report } = await validateJson(['--schema', 'so', path.join(dir, 'af.xml')]);
    expect(report.files[0]).to.include({ schema: 'so', valid: false });
    expect(JSON.stringify(report.files[0]!.problems)).to.contain('No matching global declaration');
    expect(code).to.equal(1);
    const right = await runCli(['validate', '--schema', 'af', path.join(dir, 'af.xml')]);
    expect(right.code).to.equal(0);
  });

  it('refuses a DTD without reading the entity it declares: could not be read, exit 1', async () => {
    writeFiles(dir, { 'xxe.xml': XXE });
    const result = await runCli(['validate', path.join(dir, 'xxe.xml')]);
    expect(result.code).to.equal(1);
    expect(result.stdout).to.contain('document type declaration (DTD) is not allowed');
    expect(result.stdout).not.to.contain('root:');
    expect(summaryOf(result.stderr)).to.equal('1 file: 0 valid, 0 invalid, 1 could not be read');
  });

  it('reports a file that is not XML, or is empty, as could not be read', async () => {
    writeFiles(dir, { 'text.xml': 'Service Unavailable\n', 'empty.xml': '', 'cut.xml': AF_FRAGA.slice(0, 200) });
    const result = await runCli(['validate', dir]);
    expect(result.code).to.equal(1);
    expect(result.stdout).to.match(/text\.xml:1:\d+: The XML is not well-formed: /);
    expect(result.stdout).to.contain('empty.xml:0:0: The file is empty.');
    expect(result.stdout).to.match(/cut\.xml:\d+:\d+: The XML is not well-formed: /);
    expect(summaryOf(result.stderr)).to.equal('3 files: 0 valid, 0 invalid, 3 could not be read');
  });

  it('reports an element no bundled schema declares, and a SOAP envelope with nothing in its Body', async () => {
    writeFiles(dir, { 'kvitto.xml': UNKNOWN_ROOT, 'empty-body.xml': EMPTY_BODY });
    const result = await runCli(['validate', dir]);
    expect(result.code).to.equal(1);
    expect(result.stdout).to.contain(
      'kvitto.xml:2:0: No bundled schema declares the element {urn:example:okand}Kvitto',
    );
    expect(result.stdout).to.contain('empty-body.xml:1:0: The SOAP Body is empty');
    expect(summaryOf(result.stderr)).to.equal('2 files: 0 valid, 2 invalid, 0 could not be read');
  });

  it('exits 2 and validates nothing when an argument matches nothing', async () => {
    writeFiles(dir, { 'ok.xml': AF_FRAGA, 'empty/readme.txt': '' });
    for (const missing of ['nothing-here.xml', `${dir}/*.xsd`, path.join(dir, 'empty')]) {
      const result = await runCli(['validate', path.join(dir, 'ok.xml'), missing]);
      expect(result.code, missing).to.equal(2);
      expect(result.stderr, missing).to.contain(missing);
      expect(result.stdout, missing).to.equal('');
    }
  });

  it('exits 2 for an unknown --schema, an unknown --format, or no input at all', async () => {
    writeFiles(dir, { 'ok.xml': AF_FRAGA });
    const file = path.join(dir, 'ok.xml');
    const schema = await runCli(['validate', '--schema', 'ssbtek-v2', file]);
    expect(schema.code).to.equal(2);
    expect(schema.stderr).to.contain('ssbtek-v2').and.contain('ssbtek-v10');
    expect((await runCli(['validate', '--format', 'xml', file])).code).to.equal(2);
    expect((await runCli(['validate'])).code).to.equal(2);
  });

  it('lists every schema name with --list-schemas and the elements each declares', async () => {
    const result = await runCli(['validate', '--list-schemas']);
    expect(result.code).to.equal(0);
    const names = result.stdout
      .trim()
      .split('\n')
      .map((line) => line.split(/\s+/)[0]);
    expect(names).to.include.members(['ssbtek-v10', 'ssbtek-v1', 'ssbtek-v1-SSBTEK', 'af', 'skv', 'miv', 'tnsHeader']);
    expect(result.stdout).to.match(/^skv\s+xsd\/\S+\s+BeskattningsuppgifterRequest, .*Exception$/m);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
