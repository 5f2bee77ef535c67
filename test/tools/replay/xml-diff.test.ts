import { expect } from 'chai';
import { checkMaskRule, maskRuleFromArgument, MaskRuleError } from '../../../src/tools/replay/mask.js';
import { compareReplies, ExpectedReplyError } from '../../../src/tools/replay/xml-diff.js';

const SOAP = 'http://schemas.xmlsoap.org/soap/envelope/';
const V10 = 'http://schema.forsakringskassan.se/integration/ssbt/10';

/** A reply with the given content inside Body/hamtaBastjanstInformationResponse, prefix `p`. */
function reply(inner: string, p = 'ssbt'): string {
  return `<soapenv:Envelope xmlns:soapenv="${SOAP}" xmlns:${p}="${V10}"><soapenv:Body><${p}:hamtaBastjanstInformationResponse>${inner.replaceAll('P:', `${p}:`)}</${p}:hamtaBastjanstInformationResponse></soapenv:Body></soapenv:Envelope>`;
}

const ERROR =
  '<P:svarsdata><P:SKV><P:error><P:kalla>BT</P:kalla><P:felkod>9071000</P:felkod></P:error></P:SKV></P:svarsdata>';
const RESPONSE = '/Envelope/Body/hamtaBastjanstInformationResponse';
const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

describe('replay: XML-aware diff', () => {
  it('finds no difference between equal replies with other prefixes, a default namespace and indentation', () => {
    const defaultNs = `<Envelope xmlns="${SOAP}">\n  <Body>\n    <hamtaBastjanstInformationResponse xmlns="${V10}">\n      <svarsdata>\n        <SKV>\n          <error>\n            <kalla> BT </kalla>\n            <felkod>9071000</felkod>\n          </error>\n        </SKV>\n      </svarsdata>\n    </hamtaBastjanstInformationResponse>\n  </Body>\n</Envelope>\n`;
    expect(compareReplies(reply(ERROR), reply(ERROR, 'x'))).to.deep.equal([]);
    expect(compareReplies(reply(ERROR), defaultNs)).to.deep.equal([]);
  });

  it('ignores attribute order but not attribute values', () => {
    const a = reply('<P:SKV inkludera="true" b="2"/>');
    expect(compareReplies(a, reply('<P:SKV b="2" inkludera="true"/>'))).to.deep.equal([]);
    expect(compareReplies(a, reply('<P:SKV b="3" inkludera="true"/>'))).to.deep.equal([
      { kind: 'attribute', path: `${RESPONSE}/SKV/@b`, expected: '2', actual: '3' },
    ]);
  });

  it('is sensitive to element order: contract order is part of the contract', () => {
    const swapped =
      '<P:svarsdata><P:SKV><P:error><P:felkod>9071000</P:felkod><P:kalla>BT</P:kalla></P:error></P:SKV></P:svarsdata>';
    const differences = compareReplies(reply(ERROR), reply(swapped));
    expect(differences).to.have.length(2);
    expect(differences.map((d) => d.kind)).to.have.members(['missing', 'unexpected']);
  });

  it('reports a changed value with its path, expected and actual', () => {
    const actual = ERROR.replace('9071000', '9071001');
    expect(compareReplies(reply(ERROR), reply(actual))).to.deep.equal([
      { kind: 'text', path: `${RESPONSE}/svarsdata/SKV/error/felkod`, expected: '9071000', actual: '9071001' },
    ]);
  });

  it('reports one missing element as one difference (no cascade) and numbers repeated siblings', () => {
    const two =
      '<P:error><P:felmeddelande>a</P:felmeddelande><P:felmeddelande>b</P:felmeddelande><P:x>1</P:x></P:error>';
    const one = '<P:error><P:felmeddelande>a</P:felmeddelande><P:x>1</P:x></P:error>';
    const differences = compareReplies(reply(two), reply(one));
    expect(differences).to.deep.equal([
      {
        kind: 'missing',
        path: `${RESPONSE}/error/felmeddelande[2]`,
        expected: '<felmeddelande>b</felmeddelande>',
        actual: '(absent)',
      },
    ]);
  });

  it('tells a namespace difference apart from a missing element', () => {
    const other = reply(ERROR).replace(
      `xmlns:ssbt="${V10}"`,
      'xmlns:ssbt="http://schema.forsakringskassan.se/integration/ssbt/1"',
    );
    const [first] = compareReplies(reply(ERROR), other);
    expect(first).to.include({
      kind: 'namespace',
      path: RESPONSE,
      actual: 'http://schema.forsakringskassan.se/integration/ssbt/1',
    });
  });

  it('says so when the actual reply is not XML', () => {
    const [difference] = compareReplies(reply(ERROR), 'Service Temporarily Unavailable <<<');
    expect(difference).to.include({ kind: 'reply', path: '/' });
    expect(difference!.actual).to.contain('not well-formed').and.contain('Service Temporarily Unavailable');
  });

  it('refuses an expected reply that is not XML (the case is broken, not the service)', () => {
    expect(() => compareReplies('<a>', reply(ERROR))).to.throw(ExpectedReplyError, /expected\.xml cannot be read/);
  });

  describe('base64 payloads', () => {
    const csn = (code: string): string =>
      reply(
        `<P:svarsdata><P:CSN><P:data><P:svar>${b64(`<?xml version="1.0"?><c:CSNSvar xmlns:c="urn:csn"><c:Resultat><c:ResultatKod>${code}</c:ResultatKod></c:Resultat></c:CSNSvar>`)}</P:svar></P:data></P:CSN></P:svarsdata>`,
      );
    // A payload is at least 16 base64 characters (shorter texts are codes, never decoded): the filler sees to it.
    const fk = (value: object): string =>
      reply(
        `<P:svarsdata><P:FK><P:data><P:lefiJsonSvar>${b64(JSON.stringify({ ...value, filler: 'x' }))}</P:lefiJsonSvar></P:data></P:FK></P:svarsdata>`,
      );

    it('decodes XML payloads and reports differences inside them with readable paths', () => {
      expect(compareReplies(csn('0'), csn('0'))).to.deep.equal([]);
      expect(compareReplies(csn('0'), csn('-2'))).to.deep.equal([
        {
          kind: 'text',
          path: `${RESPONSE}/svarsdata/CSN/data/svar(base64 XML)/CSNSvar/Resultat/ResultatKod`,
          expected: '0',
          actual: '-2',
        },
      ]);
    });

    it('compares JSON payloads structurally: member order does not matter, array order and types do', () => {
      expect(compareReplies(fk({ a: 1, b: [1, 2] }), fk({ b: [1, 2], a: 1 }))).to.deep.equal([]);
      const base = `${RESPONSE}/svarsdata/FK/data/lefiJsonSvar(base64 JSON)`;
      expect(compareReplies(fk({ a: 1 }), fk({ a: '1' }))).to.deep.equal([
        { kind: 'text', path: `${base}/a`, expected: '1', actual: '"1"' },
      ]);
      expect(compareReplies(fk({ b: [1, 2] }), fk({ b: [2, 1] })).map((d) => d.path)).to.deep.equal([
        `${base}/b[0]`,
        `${base}/b[1]`,
      ]);
      expect(compareReplies(fk({ a: {}, c: 1 }), fk({ a: [], c: 1 }))).to.deep.equal([
        { kind: 'type', path: `${base}/a`, expected: 'JSON object', actual: 'JSON array' },
      ]);
      expect(compareReplies(fk({ a: 1 }), fk({ a: 1, z: { k: 'v' } }))).to.deep.equal([
        { kind: 'unexpected', path: `${base}/z`, expected: '(absent)', actual: '{"k":"v"}' },
      ]);
    });

    it('compares the raw text when only one side decodes', () => {
      const plain = reply(
        '<P:svarsdata><P:FK><P:data><P:lefiJsonSvar>inte base64</P:lefiJsonSvar></P:data></P:FK></P:svarsdata>',
      );
      const [difference] = compareReplies(fk({ a: 1 }), plain);
      expect(difference).to.include({ kind: 'text', actual: 'inte base64' });
      expect(difference!.expected).to.match(/\(base64 JSON\)$/);
    });

    it('leaves short codes and names alone (they are not payloads)', () => {
      const a = reply('<P:korrelationsid>KORRID12345</P:korrelationsid>');
      expect(compareReplies(a, reply('<P:korrelationsid>KORRID12346</P:korrelationsid>'))[0]).to.include({
        kind: 'text',
      });
    });
  });

  describe('masking', () => {
    const timed = (t: string, id: string): string =>
      reply(
        `<P:frageTidpunkt>${t}</P:frageTidpunkt><P:svarsdata><P:MIV><P:data><response><correlationid>${id}</correlationid></response></P:data></P:MIV></P:svarsdata>`,
      );
    const a = timed('2026-11-20T09:30:47', 'aaa');
    const b = timed('2026-11-21T10:00:00', 'bbb');

    it('masks by a local-name suffix path, anywhere with //, anchored with /', () => {
      expect(compareReplies(a, b)).to.have.length(2);
      expect(
        compareReplies(a, b, [{ path: 'frageTidpunkt' }, { path: 'MIV/data/response/correlationid' }]),
      ).to.deep.equal([]);
      expect(compareReplies(a, b, [{ path: '//frageTidpunkt' }, { path: '//correlationid' }])).to.deep.equal([]);
      const anchored = [
        { path: '/Envelope/Body/hamtaBastjanstInformationResponse/frageTidpunkt' },
        { path: '//correlationid' },
      ];
      expect(compareReplies(a, b, anchored)).to.deep.equal([]);
      expect(compareReplies(a, b, [{ path: '/frageTidpunkt' }, { path: '//correlationid' }])).to.have.length(1);
    });

    it('lets * stand for exactly one element', () => {
      expect(
        compareReplies(a, b, [{ path: 'frageTidpunkt' }, { path: 'svarsdata/*/data/response/correlationid' }]),
      ).to.deep.equal([]);
      expect(compareReplies(a, b, [{ path: 'frageTidpunkt' }, { path: 'svarsdata/*/correlationid' }])).to.have.length(
        1,
      );
    });

    it('still reports a masked element that is missing on one side', () => {
      const without = reply('<P:svarsdata/>');
      const differences = compareReplies(timed('x', 'y'), without, [{ path: '//frageTidpunkt' }, { path: '//MIV' }]);
      expect(differences.map((d) => `${d.kind} ${d.path}`)).to.deep.equal([
        `missing ${RESPONSE}/frageTidpunkt`,
        `missing ${RESPONSE}/svarsdata/MIV`,
      ]);
    });

    it('masks attributes and values inside decoded payloads', () => {
      const fk = (timestamp: string): string =>
        reply(
          `<P:x at="${timestamp}"><P:lefiJsonSvar>${b64(JSON.stringify({ items: [{ timestamp }, { timestamp }] }))}</P:lefiJsonSvar></P:x>`,
        );
      const one = fk('2026-11-24T00:00:00Z');
      const two = fk('2026-11-25T12:00:00Z');
      expect(compareReplies(one, two)).to.have.length(3);
      expect(
        compareReplies(one, two, [{ path: 'x/@at' }, { path: 'lefiJsonSvar/items/timestamp', as: 'T' }]),
      ).to.deep.equal([]);
    });

    it('checks rules and names the place of a bad one', () => {
      expect(checkMaskRule({ path: 'a/*/b', as: 'X' }, 'f')).to.deep.equal({ path: 'a/*/b', as: 'X' });
      expect(() => checkMaskRule({ path: 'a//b' }, 'case.json: mask[0]')).to.throw(
        MaskRuleError,
        /case\.json: mask\[0\]: "a\/\/b"/,
      );
      expect(() => checkMaskRule({ path: 'a', with: 'x' }, 'f')).to.throw(MaskRuleError, /unknown key "with"/);
      expect(() => checkMaskRule('a/b', 'f')).to.throw(MaskRuleError, /is an object/);
      expect(maskRuleFromArgument('//correlationid=ID')).to.deep.equal({ path: '//correlationid', as: 'ID' });
      expect(() => maskRuleFromArgument('a b')).to.throw(MaskRuleError, /--mask a b/);
    });
  });
});
