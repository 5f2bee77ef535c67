import { expect } from 'chai';
import v8 from 'node:v8';
import vm from 'node:vm';
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

describe('XML core: written text kept flat', () => {
  // gc() for this process (mocha runs without --expose-gc): the flag, then the function from a fresh context.
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  const heapAfterGc = (): number => {
    gc();
    gc();
    return process.memoryUsage().heapUsed;
  };

  it('holds about its own length per document kept, not a rope of every piece it was written from', () => {
    const documents = 2000;
    const before = heapAfterGc();
    const kept = Array.from({ length: documents }, (_, i) =>
      serialize(
        el(
          'urn:x',
          'r',
          Array.from({ length: 150 }, (_, k) => el('urn:x', `e${k}`, String(i * k))),
        ),
      ),
    );
    const grew = heapAfterGc() - before;
    const chars = kept.reduce((sum, text) => sum + text.length, 0);
    // One byte a character (the text is Latin-1) plus the array; as a rope it held about five times that.
    expect(
      grew / chars,
      `${(grew / 1048576).toFixed(1)} MB for ${(chars / 1048576).toFixed(1)} M characters`,
    ).to.be.below(1.5);
  });
});
