import { expect } from 'chai';
import { startServer, type TestServer } from '../../support/server.js';
import { CALLER_HEADERS, MOUNTED_PATH, PATH, expectShape, post, sampleReport, type Json } from './support.js';

/** The same JSON with every object's keys in reverse order. */
function reordered(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reordered);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Json)
        .reverse()
        .map(([k, v]) => [k, reordered(v)]),
    );
  }
  return value;
}

describe('Birth report (REST): a repeated reportId is idempotent', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startServer();
  });
  afterEach(() => server.close());

  it('answers the same body again with the same number, whatever the key order or the UUID’s case', async () => {
    const report = sampleReport();
    const first = await post(server.url + PATH, report);
    const again = await post(server.url + MOUNTED_PATH, report);
    const shuffled = await post(server.url + PATH, {
      ...(reordered(report) as Json),
      reportId: (report.reportId as string).toUpperCase(),
    });
    expect([first.status, again.status, shuffled.status]).to.deep.equal([201, 201, 201]);
    expect(again.body).to.deep.equal(first.body);
    expect(shuffled.body.personalIdentityNumber).to.equal(first.body.personalIdentityNumber);
    expect(shuffled.body.reportId).to.equal((report.reportId as string).toUpperCase());
  });

  it('answers a repeated 202 with the same confirmation', async () => {
    const report = sampleReport((r) => (r.child.gender = 'UNKNOWN'));
    const first = await post(server.url + PATH, report);
    const again = await post(server.url + PATH, report);
    expect([first.status, again.status]).to.deep.equal([202, 202]);
    expect(again.body).to.deep.equal(first.body);
  });

  it('422 for a used reportId with a different report; the original still answers as before', async () => {
    const report = sampleReport();
    const first = await post(server.url + PATH, report);
    const changed = await post(server.url + PATH, { ...report, totalNumberOfChildren: 2 });
    expect(changed.status).to.equal(422);
    expectShape('ApiError', changed.body);
    expect(changed.body).to.include({ title: 'Unprocessable Entity', status: 422 });
    expect(changed.body.detail).to.contain(report.reportId as string);
    const again = await post(server.url + PATH, report);
    expect(again.body).to.deep.equal(first.body);
  });
});

describe('Birth report (REST): other statuses', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(() => server.close());

  for (const [i, status] of [422, 500, 502, 503, 504].entries()) {
    it(`${status} by X-Emulator-Error, in the ApiError shape; nothing is stored`, async () => {
      const report = sampleReport((r) => (r.child.date = `2026-11-${11 + i}`));
      const answer = await post(server.url + PATH, report, { 'X-Emulator-Error': String(status) });
      expect(answer.status).to.equal(status);
      expectShape('ApiError', answer.body);
      expect(answer.body.status).to.equal(status);
      expect(answer.body).to.not.have.property('invalidParameters');
      const retried = await post(server.url + PATH, report);
      expect(retried.status, 'the report was not kept').to.equal(201);
    });
  }

  it('502 says Skatteverket could not be reached', async () => {
    const answer = await post(server.url + PATH, sampleReport(), { 'X-Emulator-Error': '502' });
    expect(answer.body.title).to.equal('Bad Gateway');
    expect(answer.body.detail).to.match(/Skatteverket/);
  });

  it('403 by X-Emulator-Error in the gateway’s own shape, before the body is even read', async () => {
    for (const path of [PATH, MOUNTED_PATH]) {
      const answer = await post(server.url + path, '{not json', { 'X-Emulator-Error': '403' });
      expect(answer.status).to.equal(403);
      expectShape('ForbiddenError', answer.body);
      expect(answer.body).to.include({ status: 403, error: 'Forbidden', message: 'No message available', path });
      expect(answer.body.timestamp).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/);
    }
  });

  it('an emulated error other than 403 comes after validation: a bad report is still a 400', async () => {
    const answer = await post(
      server.url + PATH,
      sampleReport((r) => (r.reportId = 'x')),
      { 'X-Emulator-Error': '500' },
    );
    expect(answer.status).to.equal(400);
  });

  it('422 for a body that is not JSON', async () => {
    const answer = await post(server.url + PATH, '{"reportId": ');
    expect(answer.status).to.equal(422);
    expectShape('ApiError', answer.body);
  });

  it('415 for a body that is not application/json', async () => {
    const answer = await post(server.url + PATH, 'reportId=1', { 'content-type': 'text/plain' });
    expect(answer.status).to.equal(415);
    expectShape('ApiError', answer.body);
  });

  it('413 for a body far larger than any report', async () => {
    const answer = await post(
      server.url + PATH,
      sampleReport((r) => (r.reportedBy = { reporter: 'x'.repeat(70_000) })),
    );
    expect(answer.status).to.equal(413);
    expectShape('ApiError', answer.body);
  });

  it('405 for another method, with Allow: POST', async () => {
    const response = await fetch(server.url + PATH, { headers: CALLER_HEADERS });
    expect(response.status).to.equal(405);
    expect(response.headers.get('allow')).to.equal('POST');
    expectShape('ApiError', await response.json());
  });

  it('takes an x-trace-id', async () => {
    const answer = await post(
      server.url + PATH,
      sampleReport((r) => (r.child.date = '2026-11-01')),
      {
        'x-trace-id': 'trace-4711',
      },
    );
    expect(answer.status).to.equal(202);
  });
});
