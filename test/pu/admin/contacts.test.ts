import { expect } from 'chai';
import type { TestServer } from '../../support/server.js';
import {
  PERSONNUMMER,
  PRIVATE,
  SAMORDNINGSNUMMER,
  STOCKHOLM,
  STOCKHOLM_EXTENDED,
  VASTERNORRLAND,
  call,
  expectProblem,
  expectShape,
  start,
  type Json,
} from './support.js';

const GIVEN_AT = '2026-11-01T10:00:00Z';

describe('PU admin: digital contact details and consent', () => {
  let server: TestServer;
  before(async () => {
    server = await start();
  });
  after(() => server.close());

  const put = (id: string, body: unknown, consumer?: string) =>
    call(server, 'PUT', `/contacts/${id}`, { body, consumer });

  it('registers (201), shows them to the consumers the consent names, and replaces them (200)', async () => {
    const pnr = PERSONNUMMER[20] as string;
    let answer = await put(pnr, {
      email: 'anna@example.se',
      phone: '070-123 45 67',
      consent: { givenAt: GIVEN_AT, sharedWith: [STOCKHOLM, VASTERNORRLAND] },
    });
    expect(answer.status, answer.text).to.equal(201);
    expectShape('ContactDetails', answer.body);
    expect(answer.body).to.deep.include({
      personidentitet: pnr,
      email: 'anna@example.se',
      phone: '+46701234567',
      consent: { givenAt: '2026-11-01T10:00:00.000Z', sharedWith: [STOCKHOLM, VASTERNORRLAND] },
    });
    expect((await call(server, 'GET', `/contacts/${pnr}`, { consumer: VASTERNORRLAND })).body.email).to.equal(
      'anna@example.se',
    );
    const refused = expectProblem(await call(server, 'GET', `/contacts/${pnr}`, { consumer: STOCKHOLM_EXTENDED }), 403);
    expect(refused.detail).to.match(/consent does not share/);

    // Search shows them to a consumer the consent names, and leaves them out for any other.
    const shown = (await call(server, 'GET', `/persons?personidentitet=${pnr}`)).body.persons as Json[];
    expect(shown[0]?.kontaktuppgifter).to.deep.include({ email: 'anna@example.se' });
    const hidden = (await call(server, 'GET', `/persons?personidentitet=${pnr}`, { consumer: PRIVATE })).body
      .persons as Json[];
    expect(hidden[0]).to.not.have.property('kontaktuppgifter');

    answer = await put(pnr, { phone: '+46 8 123 456 78', consent: { givenAt: GIVEN_AT, sharedWith: ['ALL'] } });
    expect(answer.status).to.equal(200);
    expect(answer.body).to.not.have.property('email');
    expect(answer.body.phone).to.equal('+46812345678');
    expect((await call(server, 'GET', `/contacts/${pnr}`, { consumer: PRIVATE })).status).to.equal(200);
  });

  it('deletes them (consent withdrawn): 204, then 404', async () => {
    const snr = SAMORDNINGSNUMMER[3] as string;
    expect(
      (await put(snr, { email: 'b@example.com', consent: { givenAt: GIVEN_AT, sharedWith: ['ALL'] } })).status,
    ).to.equal(201);
    expect((await call(server, 'DELETE', `/contacts/${snr}`)).status).to.equal(204);
    expectProblem(await call(server, 'DELETE', `/contacts/${snr}`), 404);
    expectProblem(await call(server, 'GET', `/contacts/${snr}`), 404);
  });

  it('keeps contact details for a registered reserve identity, and 404 for an unregistered one', async () => {
    const created = await call(server, 'POST', '/reserve-identities/national', { body: {} });
    const id = String(created.body.id);
    expect(
      (await put(id, { email: 'r@example.org', consent: { givenAt: GIVEN_AT, sharedWith: ['ALL'] } })).status,
    ).to.equal(201);
    expect(
      ((await call(server, 'GET', `/persons?reservId=${id}`)).body.persons as Json[])[0]?.kontaktuppgifter,
    ).to.deep.include({
      email: 'r@example.org',
    });
    expectProblem(
      await put('22850312AB30', { email: 'r@example.org', consent: { givenAt: GIVEN_AT, sharedWith: ['ALL'] } }),
      404,
    );
  });

  it('lists every problem of invalid details', async () => {
    const pnr = PERSONNUMMER[21] as string;
    const problem = expectProblem(
      await put(pnr, {
        email: 'not-an-address',
        phone: '12ab',
        consent: { givenAt: '2999-01-01T00:00:00Z', sharedWith: ['ALL', 'SE0000000000-NOBODY'] },
      }),
      400,
    );
    expect(problem.errors).to.deep.equal([
      { pointer: '/email', detail: 'not-an-address is not an e-mail address' },
      { pointer: '/phone', detail: '12ab is not a phone number (e.g. 070-123 45 67, +46701234567)' },
      { pointer: '/consent/givenAt', detail: 'consent cannot be given in the future' },
      { pointer: '/consent/sharedWith', detail: 'ALL cannot be combined with consumer ids' },
      { pointer: '/consent/sharedWith/1', detail: 'SE0000000000-NOBODY is not a known consumer' },
    ]);
    const neither = expectProblem(await put(pnr, { consent: { givenAt: GIVEN_AT, sharedWith: ['ALL'] } }), 400);
    expect(neither.errors).to.deep.equal([
      { pointer: '/email', detail: 'give an e-mail address, a phone number or both' },
    ]);
  });

  it('requires a consent (schema) and a valid owner', async () => {
    const pnr = PERSONNUMMER[22] as string;
    let problem = expectProblem(await put(pnr, { email: 'a@example.se' }), 400);
    expect(problem.errors).to.deep.equal([{ pointer: '/consent', detail: "must have required property 'consent'" }]);
    problem = expectProblem(
      await put(pnr, { email: 'a@example.se', consent: { givenAt: 'yesterday', sharedWith: [] } }),
      400,
    );
    expect((problem.errors as Json[]).map((e) => e.pointer)).to.have.members([
      '/consent/givenAt',
      '/consent/sharedWith',
    ]);
    const wrong = `${pnr.slice(0, 11)}${(Number(pnr[11]) + 1) % 10}`;
    problem = expectProblem(
      await put(wrong, { email: 'a@example.se', consent: { givenAt: GIVEN_AT, sharedWith: ['ALL'] } }),
      400,
    );
    expect(problem.errors).to.deep.equal([{ parameter: 'personidentitet', detail: 'the check digit is wrong' }]);
  });
});
