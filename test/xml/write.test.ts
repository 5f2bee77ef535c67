import { expect } from 'chai';
import { el } from '../../src/xml/tree.js';
import { serialize } from '../../src/xml/write.js';
import { parseXml } from '../../src/xml/parse.js';

describe('XML core: writing', () => {
  it('declares every namespace once on the root with its fixed prefix, in document order', () => {
    const xml = serialize(
      el('http://schema.forsakringskassan.se/integration/ssbt/10', 'a', [
        el('http://api.arbetsformedlingen.se/arbetssokande/ersattningsstod/v2', 'b', 'x'),
      ]),
    );
    expect(xml).to.equal(
      '<ssbt:a xmlns:ssbt="http://schema.forsakringskassan.se/integration/ssbt/10" xmlns:af="http://api.arbetsformedlingen.se/arbetssokande/ersattningsstod/v2"><af:b>x</af:b></ssbt:a>',
    );
  });

  it('keeps unqualified elements unqualified (no default namespace is ever declared)', () => {
    const xml = serialize(el('http://beskattningws.ws.service.bs.zg.rsv.se/', 'R', [el('', 'svar', 'v')]));
    expect(xml).to.equal('<skv:R xmlns:skv="http://beskattningws.ws.service.bs.zg.rsv.se/"><svar>v</svar></skv:R>');
  });

  it('invents a prefix for an unknown namespace', () => {
    expect(serialize(el('urn:x', 'a', [el('urn:y', 'b')]))).to.equal(
      '<ns1:a xmlns:ns1="urn:x" xmlns:ns2="urn:y"><ns2:b/></ns1:a>',
    );
  });

  it('escapes text and attributes so that what is read back is what was written', () => {
    const value = 'a < b & c > "d" \'e\'\n\tå';
    const xml = serialize(el('', 'x', value, { k: value }));
    const parsed = parseXml(Buffer.from(xml));
    try {
      expect(parsed.root.children[0]).to.equal(value);
      expect(parsed.root.attrs[0]?.value).to.equal(value);
    } finally {
      parsed.dispose();
    }
  });

  it('skips absent optional children', () => {
    expect(serialize(el('', 'x', [undefined, false, null, el('', 'y')]))).to.equal('<x><y/></x>');
  });
});
