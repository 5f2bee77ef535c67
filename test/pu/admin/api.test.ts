import { expect } from 'chai';
import { PU_ADMIN_OPENAPI } from '../../../src/rest/pu-admin/openapi.js';
import type { TestServer } from '../../support/server.js';
import { PERSONNUMMER, call, expectProblem, expectShape, nameOf, start, type Json } from './support.js';

describe('PU admin: the API, its OpenAPI document and its errors', () => {
  let server: TestServer;
  before(async () => {
    server = await start();
  });
  after(() => server.close());

  it('serves its OpenAPI 3.1 document at /openapi/pu-admin.json as written', async () => {
    const answer = await call(server, 'GET', '/openapi/pu-admin.json', { consumer: null });
    expect(answer.status).to.equal(200);
    expect(answer.body).to.deep.equal(JSON.parse(JSON.stringify(PU_ADMIN_OPENAPI)));
    expect(answer.body.openapi).to.equal('3.1.0');
    expect(answer.body.servers).to.deep.equal([{ url: '/pu/admin/v1' }]);
    expect(Object.keys(answer.body.paths as Json)).to.include.members([
      '/persons',
      '/reserve-identities/national',
      '/reserve-identities/regional',
      '/reserve-identities/{id}/link',
      '/contacts/{personidentitet}',
      '/aviseringsuttag',
    ]);
  });

  it('finds a person of the population by personnummer', async () => {
    const pnr = PERSONNUMMER[5] as string;
    const answer = await call(server, 'GET', `/persons?personidentitet=${pnr}`);
    expect(answer.status, answer.text).to.equal(200);
    const [person] = answer.body.persons as Json[];
    expectShape('PersonRecord', person);
    expect(person).to.deep.include({ id: pnr, typ: 'PERSONNUMMER', reservidentiteter: [], ...nameOf(pnr) });
  });

  it('refuses a request without a consumer or with an unknown one (403)', async () => {
    expect(expectProblem(await call(server, 'GET', '/persons?namn=An', { consumer: null }), 403).detail).to.equal(
      'X-PU-Consumer (or, over TLS, a client certificate) is missing',
    );
    const problem = expectProblem(await call(server, 'GET', '/persons?namn=An', { consumer: 'SE-NOBODY' }), 403);
    expect(problem).to.deep.include({
      detail: 'SE-NOBODY is not a known consumer',
      instance: '/pu/admin/v1/persons?namn=An',
    });
  });

  it('searches by exactly one key', async () => {
    const pnr = PERSONNUMMER[5] as string;
    let problem = expectProblem(await call(server, 'GET', `/persons?personidentitet=${pnr}&namn=Anna`), 400);
    expect(problem.detail).to.equal('search by exactly one of personidentitet, reservId and namn');
    problem = expectProblem(await call(server, 'GET', '/persons'), 400);
    expect(problem.errors).to.deep.equal([{ parameter: 'personidentitet', detail: '0 search keys given, 1 expected' }]);
  });

  it('enforces the OpenAPI document: parameters, unknown parameters, bodies', async () => {
    let problem = expectProblem(await call(server, 'GET', '/persons?personidentitet=12345'), 400);
    expect(problem.errors).to.deep.equal([
      { parameter: 'personidentitet', detail: 'must match pattern "^[0-9]{12}$"' },
    ]);
    problem = expectProblem(await call(server, 'GET', '/persons?namn=A'), 400);
    expect((problem.errors as Json[])[0]?.parameter).to.equal('namn');
    problem = expectProblem(await call(server, 'GET', '/persons?namn=Anna&limit=5'), 400);
    expect(JSON.stringify(problem.errors)).to.match(/limit/);
    problem = expectProblem(
      await call(server, 'POST', '/reserve-identities/regional', { body: { format: 'EXEMPEL' } }),
      400,
    );
    expect(problem.errors).to.deep.equal([{ pointer: '/id', detail: "must have required property 'id'" }]);
  });

  it('answers a body that is not JSON, a wrong media type and a wrong method with problems', async () => {
    const problem = expectProblem(
      await call(server, 'POST', '/reserve-identities/national', { body: '{"person":' }),
      400,
    );
    expect(problem.detail).to.equal('the body is not valid JSON');
    expectProblem(
      await call(server, 'POST', '/reserve-identities/national', {
        body: 'x',
        headers: { 'content-type': 'text/plain' },
      }),
      415,
    );
    expectProblem(await call(server, 'DELETE', '/persons'), 405);
    expectProblem(await call(server, 'GET', '/nothing-here'), 404);
  });

  it('validates a national reserve id in the path, naming the problem', async () => {
    const problem = expectProblem(await call(server, 'GET', '/reserve-identities/22850312AI30'), 400);
    expect(problem.errors).to.deep.equal([
      { parameter: 'id', detail: "character 10 (NN) must not be 'I' (I, O, Q, V and W are never used)" },
    ]);
  });
});
