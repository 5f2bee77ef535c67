import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { caseNameOf } from '../../../src/tools/replay/case-name.js';
import { CaseNames, fileSafe } from '../../../src/tools/replay/run-record.js';
import { PROJECT_ROOT } from '../../../src/xml/schema.js';

const QUERIES = path.join(PROJECT_ROOT, 'fixtures', 'queries');

/** The name `record --from-journal` gives a shipped case's exchange (its request, its expected reply and status). */
function nameOfShipped(name: string): string {
  const dir = path.join(QUERIES, name);
  const { status } = JSON.parse(fs.readFileSync(path.join(dir, 'case.json'), 'utf8')) as { status?: number };
  const reply = fs.readFileSync(path.join(dir, 'expected.xml'), 'utf8');
  return caseNameOf(fs.readFileSync(path.join(dir, 'request.xml')), reply, status ?? 200);
}

const V10 = 'http://schema.forsakringskassan.se/integration/ssbt/10';
const envelope = (body: string): string =>
  `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ssbt="${V10}"><s:Body>${body}</s:Body></s:Envelope>`;
const query = (services: string[], person = '<ssbt:personidentitet>198601042388</ssbt:personidentitet>'): Buffer =>
  Buffer.from(
    envelope(
      `<ssbt:hamtaBastjanstInformation><ssbt:generellaFrageparametrar>${person}</ssbt:generellaFrageparametrar>` +
        `<ssbt:specifikaFrageparametrar>${services.map((s) => `<ssbt:${s} inkludera="true"/>`).join('')}` +
        '</ssbt:specifikaFrageparametrar></ssbt:hamtaBastjanstInformation>',
    ),
  );
const error = (kalla: string, felkod: string): string =>
  `<ssbt:error><ssbt:kalla>${kalla}</ssbt:kalla><ssbt:felkod>${felkod}</ssbt:felkod></ssbt:error>`;
const answer = (parts: Record<string, string>): string =>
  envelope(
    '<ssbt:hamtaBastjanstInformationResponse><ssbt:svarsdata>' +
      Object.entries(parts)
        .map(([service, content]) => `<ssbt:${service}>${content}</ssbt:${service}>`)
        .join('') +
      '</ssbt:svarsdata></ssbt:hamtaBastjanstInformationResponse>',
  );

describe('record --from-journal: case names from what an exchange is', () => {
  it('names the shipped cases by dialect, person, services and outcome', () => {
    const expected: Record<string, string> = {
      'v10-all-services': 'v10-198601042388-all-data',
      'v11-all-services': 'v11-198601042388-all-data',
      'v1-all-seven-services': 'v1-198601042388-all-data',
      'af-data': 'v10-197706282394-af-data',
      'no-korrelationsid': 'v10-198601042388-af-miv-data',
      'skv-9071004-person': 'v10-198701232392-skv-bt-9071004',
      'csn-1006-period-too-old': 'v10-197706282394-csn-bt--1006',
      'v11-skv-part-error-header': 'v11-198601042388-all-skv-bt-503',
      'skyddad-identitet-all-services': 'v10-198110012385-all-af-bt-410-csn-bt--2',
      'ssbt-2000-slow-skv': 'v10-198412042395-af-skv-skv-ssbt-2000',
      'ssbtek-2001-v1': 'v1-198506152399-af-ssbtek-2001',
      'fault-1001-invalid-date': 'v10-197706282394-fault-1001',
      'fault-1001-missing-personidentitet': 'v10-fault-1001',
      'fault-1001-testa': 'v10-testa-fault-1001',
      'testa-v10': 'v10-testa-ok',
      'envelope-malformed-xml': 'envelope-fault-client',
      'envelope-soap-1-2': 'envelope-fault-versionmismatch',
      'envelope-unknown-operation': 'v10-hamtaAllt-fault-client',
      'envelope-oversize': 'v10-198601042388-http-413',
      'scenario-header-malformed': 'v10-197706282394-fault-client',
    };
    const actual = Object.fromEntries(Object.keys(expected).map((name) => [name, nameOfShipped(name)]));
    expect(actual).to.deep.equal(expected);
  });

  it('gives every shipped exchange a file-safe name, the same kinds of exchange the same name', () => {
    const cases = fs.readdirSync(QUERIES).filter((f) => fs.statSync(path.join(QUERIES, f)).isDirectory());
    expect(cases.length).to.be.at.least(90);
    const byName = new Map<string, string[]>();
    for (const name of cases) {
      const caseName = nameOfShipped(name);
      expect(fileSafe(caseName), name).to.equal(caseName);
      expect(caseName.length, name).to.be.at.most(60);
      byName.set(caseName, [...(byName.get(caseName) ?? []), name]);
    }
    // Only exchanges that differ in none of dialect, person, services and outcome share a name (then -2, -3).
    const shared = [...byName].filter(([, names]) => names.length > 1).map(([caseName]) => caseName);
    expect(shared.sort()).to.deep.equal([
      'envelope-fault-client',
      'envelope-fault-versionmismatch',
      'v1-197706282394-af-csn-fk-skv-so-csn-bt--1006',
      'v1-testa-ok',
      'v10-197706282394-fault-1001',
      'v10-197706282394-fault-client',
    ]);
  });

  it('groups services by error, names more than two different errors by their number', () => {
    const all = ['AF', 'CSN', 'FK', 'SKV', 'SO', 'TNS', 'MIV'];
    const data = '<ssbt:data/>';
    const timeout = error('SSBT', '2000');
    const everyTimeout = Object.fromEntries(all.map((s) => [s, timeout]));
    expect(caseNameOf(query(all), answer(everyTimeout), 200)).to.equal('v10-198601042388-all-ssbt-2000');
    const two = { AF: timeout, CSN: data, FK: timeout, SKV: error('BT', '9071004') };
    expect(caseNameOf(query(['AF', 'CSN', 'FK', 'SKV']), answer(two), 200)).to.equal(
      'v10-198601042388-af-csn-fk-skv-af-fk-ssbt-2000-skv-bt-9071004',
    );
    const three = { ...two, CSN: error('BT', '-1006') };
    expect(caseNameOf(query(['AF', 'CSN', 'FK', 'SKV']), answer(three), 200)).to.equal(
      'v10-198601042388-af-csn-fk-skv-3-errors',
    );
  });

  it("reads v11 SKV's errors per part, and names a query without person or services", () => {
    const parts = `<ssbt:skattekonto>${error('BT', '503')}</ssbt:skattekonto><ssbt:individuppgifter><ssbt:data/></ssbt:individuppgifter>`;
    expect(caseNameOf(query(['SKV']), answer({ SKV: parts }), 200)).to.equal('v10-198601042388-skv-bt-503');
    // A native answer's own element named "error" inside data is data, not SSBTEK's error.
    const nested = `<ssbt:data><response><error>none</error></response></ssbt:data>`;
    expect(caseNameOf(query(['MIV']), answer({ MIV: nested }), 200)).to.equal('v10-198601042388-miv-data');
    expect(caseNameOf(query([], ''), answer({}), 200)).to.equal('v10-no-person-none-data');
  });

  it('names what it cannot read by its HTTP status', () => {
    expect(caseNameOf(Buffer.from('not xml'), 'not xml either', 502)).to.equal('envelope-http-502');
    expect(caseNameOf(query(['AF']), '', 503)).to.equal('v10-198601042388-http-503');
  });

  it('keeps names unique within a run: -2, -3 in order, never a name already given', () => {
    const names = new CaseNames('qa-');
    expect(['a', 'a', 'a-2', 'a', 'b/../c', ''].map((n) => names.next(n))).to.deep.equal([
      'qa-a',
      'qa-a-2',
      'qa-a-2-2',
      'qa-a-3',
      'qa-b-..-c',
      'qa-case',
    ]);
  });
});
