import { expect } from 'chai';
import { tooDeep } from '../../src/http/json-body.js';

describe('JSON nesting bound (over the text, before parsing)', () => {
  it('points at the first object or array that opens past the bound, by keys and indexes', () => {
    expect(tooDeep('{"a":{"b":[1,{"c":{}}]}}', 5)).to.equal(undefined);
    expect(tooDeep('{"a":{"b":[1,{"c":{}}]}}', 4)).to.equal('/a/b/1/c');
    expect(tooDeep('{"a":{"b":[1,{"c":{}}]}}', 3)).to.equal('/a/b/1');
    expect(tooDeep('[[],[[[]]]]', 3)).to.equal('/1/0/0');
    expect(tooDeep('{"k":1,"m":{"n":{}}}', 2)).to.equal('/m/n');
  });

  it('skips strings, whatever brackets or escaped quotes they hold, and decodes escaped keys', () => {
    expect(tooDeep('{"s":"[[[{{{\\"[[[","t":[]}', 2)).to.equal(undefined);
    expect(tooDeep('{"a\\"/b~":{"x":{}}}', 2)).to.equal('/a"~1b~0/x');
  });

  it('reads UTF-16 bodies as characters, and leaves malformed JSON to the parser', () => {
    expect(tooDeep(Buffer.from('{"x":{"x":{}}}', 'utf16le'), 2, 'utf-16le')).to.equal('/x/x');
    expect(tooDeep('{"x": "unterminated', 1)).to.equal(undefined);
  });

  it('stops at the bound: 5 MB of "[" is refused without walking it all', () => {
    const flood = Buffer.alloc(5 * 1024 * 1024, '[');
    const started = performance.now();
    expect(tooDeep(flood, 32)).to.equal(`/${Array.from({ length: 32 }, () => '0').join('/')}`);
    expect(performance.now() - started).to.be.below(50);
  });
});
