import { expect } from 'chai';
import { startServer, type TestServer } from '../support/server.js';
import { postSoap, testaRequest, v10Request, V10_NS } from '../support/requests.js';
import { at, elements, textAt, tree } from '../support/xml.js';

describe('SSBTEK dispatch by the Body child’s qualified name', () => {
  let server: TestServer;
  before(async () => (server = await startServer()));
  after(() => server.close());
  const post = (body: string, headers?: Record<string, string>) => postSoap(`${server.url}/ssbtek`, body, headers);

  for (const style of ['prefixed', 'default', 'x']) {
    it(`accepts the query with ${style === 'x' ? 'another prefix' : style === 'default' ? 'a default namespace' : 'the ssbt prefix'}`, async () => {
      const reply = await post(v10Request({ style, include: ['AF'] }));
      expect(reply.status, reply.body).to.equal(200);
      const response = at(tree(reply.body), 'Body', 'hamtaBastjanstInformationResponse');
      expect(response?.ns).to.equal(V10_NS);
    });
  }

  const headerCases: [string, Record<string, string>][] = [
    ['SOAPAction ""', { soapaction: '""' }],
    ['no SOAPAction', {}],
    ['SOAPAction with the operation name', { soapaction: '"hamtaBastjanstInformation"' }],
    ['text/xml without charset', { 'content-type': 'text/xml' }],
    ['text/xml; charset=UTF-8', { 'content-type': 'text/xml; charset=UTF-8' }],
  ];
  for (const [what, headers] of headerCases) {
    it(`accepts ${what}`, async () => {
      expect((await post(testaRequest(), headers)).status).to.equal(200);
    });
  }

  it('answers testaBastjanstInformation with one TestSvar per base service, called', async () => {
    const reply = await post(testaRequest());
    const response = at(tree(reply.body), 'Body', 'testaBastjanstInformationResponse');
    expect(elements(response ?? tree('<x/>')).map((e) => e.name)).to.deep.equal([
      'AF',
      'CSN',
      'FK',
      'SKV',
      'SO',
      'TNS',
      'MIV',
    ]);
    expect(textAt(response, 'SKV', 'anropad')).to.equal('true');
  });
});
