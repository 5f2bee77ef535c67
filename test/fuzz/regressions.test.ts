import { expect } from 'chai';
import { addDays, addMonths } from '../../src/population/dates.js';
import { postSoap, v10Request } from '../support/requests.js';
import { startServer, type TestServer } from '../support/server.js';
import { DEFAULT_BODY_LIMITS } from '../../src/config.js';
import { httpExpectation } from './properties/soap.js';

/** Defects the fuzzer found (npm run fuzz), each pinned by the smallest request that showed it. */
describe('Fuzzing regressions', () => {
  let server: TestServer;
  before(async () => (server = await startServer()));
  after(() => server.close());

  it('a tidsperiod up to 9999-12-31 is answered (the SO emulator looped forever, blocking the whole server)', async () => {
    // 198601042388 is arbetssökande with an a-kassa: SO lists payments period by period.
    const started = Date.now();
    const reply = await postSoap(
      `${server.url}/ssbtek`,
      v10Request({ personidentitet: '198601042388', from: '2026-10-01', tom: '9999-12-31' }),
    );
    expect(Date.now() - started).to.be.below(5_000);
    expect(reply.status, reply.body.slice(0, 500)).to.equal(200);
    expect(reply.body, 'SO answers with data, not an error').to.match(/<ssbt:SO><ssbt:data>/);
    const health = await fetch(`${server.url}/health`);
    expect(health.status).to.equal(200);
  });

  it('a processing instruction inside the query is skipped, as a comment is (everything after it was lost: a Server Fault)', async () => {
    // The fuzzer's counterexample (seed 950825162): <?pi x?> right after <ssbt:hamtaBastjanstInformation>.
    const request = v10Request({ personidentitet: '198601042388' }).replace(
      /(<ssbt:hamtaBastjanstInformation[^>]*>)/,
      '$1<?pi x?>',
    );
    expect(request).to.include('<?pi x?>');
    const reply = await postSoap(`${server.url}/ssbtek`, request);
    expect(reply.status, reply.body.slice(0, 500)).to.equal(200);
    expect(reply.body).to.match(/<ssbt:SO><ssbt:data>/);
  });

  it('date arithmetic refuses to go past 9999-12-31 instead of producing +010000-01-01 (which sorts first)', () => {
    expect(addDays('9999-12-30', 1)).to.equal('9999-12-31');
    expect(() => addDays('9999-12-31', 1)).to.throw(RangeError);
    expect(() => addMonths('9999-12-01', 1)).to.throw(RangeError);
  });

  it('a SOAP body over its endpoint’s limit is a 413 Client Fault, whatever it holds (the oracle expected the envelope’s Fault)', async () => {
    // The fuzzer's counterexample: an unqualified Envelope whose content became 200,000 × 'å' (400 KB).
    const body = Buffer.from(`<Envelope>${'å'.repeat(200_000)}</Envelope>`, 'utf8');
    const response = await fetch(`${server.url}/ssbtek`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml; charset=utf-8' },
      body,
    });
    const text = await response.text();
    expect(response.status).to.equal(413);
    expect(text).to.contain('<faultcode>soapenv:Client</faultcode>');
    const read = () => ({ kind: 'envelope', code: 'VersionMismatch' }) as const;
    expect(httpExpectation('text/xml; charset=utf-8', body, DEFAULT_BODY_LIMITS.ssbtek, read)).to.deep.equal({
      kind: 'too-large',
    });
  });
});
