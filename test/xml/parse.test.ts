import { expect } from 'chai';
import { parseXml, XmlInputError } from '../../src/xml/parse.js';
import { text } from '../../src/xml/tree.js';

function refused(input: string | Buffer): XmlInputError {
  try {
    parseXml(typeof input === 'string' ? Buffer.from(input) : input).dispose();
  } catch (error) {
    if (error instanceof XmlInputError) return error;
    throw error;
  }
  throw new Error('expected the input to be refused');
}

describe('XML core: safe parsing', () => {
  it('builds a namespace-aware tree: namespace URI and local name, never the prefix', () => {
    const parsed = parseXml(Buffer.from('<a:x xmlns:a="urn:a" xmlns="urn:d"><y k="v">t<![CDATA[<c>]]></y></a:x>'));
    try {
      expect(parsed.root).to.include({ ns: 'urn:a', name: 'x' });
      const y = parsed.root.children[0] as import('../../src/xml/tree.js').XElement;
      expect(y).to.include({ ns: 'urn:d', name: 'y', line: 1 });
      expect(y.attrs).to.deep.equal([{ ns: '', name: 'k', value: 'v' }]);
      expect(text(y)).to.equal('t<c>');
    } finally {
      parsed.dispose();
    }
  });

  it('refuses any DTD, internal or external, before libxml2 sees it', () => {
    expect(refused('<!DOCTYPE x SYSTEM "http://127.0.0.1:1/x.dtd"><x/>').kind).to.equal('dtd');
    expect(refused('<!DOCTYPE x [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]><x/>').kind).to.equal('dtd');
  });

  it('refuses a DTD in UTF-16 (which a byte scan cannot see)', () => {
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('<!DOCTYPE x [<!ENTITY e "v">]><x>&e;</x>', 'utf16le'),
    ]);
    expect(['dtd', 'malformed']).to.include(refused(utf16).kind);
  });

  it('reads UTF-16 with a BOM, and UTF-8 with a BOM', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<x>åäö</x>', 'utf16le')]);
    const a = parseXml(utf16);
    expect(text(a.root)).to.equal('åäö');
    a.dispose();
    const b = parseXml(Buffer.from('\ufeff<x>å</x>'));
    expect(text(b.root)).to.equal('å');
    b.dispose();
  });

  it('refuses empty input, a second root and invalid UTF-8, each as its own kind', () => {
    expect(refused('  \n').kind).to.equal('empty');
    expect(refused('<a/><b/>').kind).to.equal('malformed');
    expect(refused(Buffer.from([0x3c, 0x61, 0x3e, 0xc3, 0x28, 0x3c, 0x2f, 0x61, 0x3e])).kind).to.equal('malformed');
  });

  it('says where a document is broken', () => {
    const error = refused('<a>\n<b>\n</a>');
    expect(error.message).to.match(/not well-formed/);
    expect(error.line).to.be.a('number');
  });
});
