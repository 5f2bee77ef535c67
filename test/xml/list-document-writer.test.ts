import { expect } from 'chai';
import { NS } from '../../src/xml/namespaces.js';
import { envelope } from '../../src/xml/soap.js';
import { el, type XElement } from '../../src/xml/tree.js';
import { ListDocumentWriter, serialize } from '../../src/xml/write.js';

const PU = NS.puGetPersons;
const OWN = 'urn:example:own-namespace-without-a-preferred-prefix';
const OTHER = 'urn:example:another';

/** Items that bring namespaces of their own part-way through (prefixes ns1, ns2 in first-seen order), attributes,
 * text to escape and empty elements. */
function item(i: number): XElement {
  return el(PU, 'requestedPersonRecord', [
    el(NS.puPerson, 'root', '1.2.752.129.2.1.3.1'),
    i % 3 === 1 && el(OWN, 'note', `a < b & "c" ${i}\r`, { kind: `k${i}` }),
    i % 5 === 4 && el(OTHER, 'empty', [], { [`at${i}`]: 'x>y' }),
    '',
  ]);
}

function written(items: XElement[], declaration: boolean): { streamed: string; whole: string } {
  const list = el(PU, 'GetPersonsForProfileResponse');
  const writer = new ListDocumentWriter(envelope([list], [el(OTHER, 'header-part', 'h')]), list);
  for (const i of items) writer.add(i);
  const whole = serialize(envelope([el(PU, 'GetPersonsForProfileResponse', items)], [el(OTHER, 'header-part', 'h')]), {
    declaration,
  });
  return { streamed: writer.text({ declaration }), whole };
}

describe('XML core: a document written an item at a time (ListDocumentWriter)', () => {
  it('writes the same text as serialize() of the whole tree, prefixes and their declarations included', () => {
    for (const count of [1, 2, 7, 60]) {
      const items = Array.from({ length: count }, (_, i) => item(i));
      const { streamed, whole } = written(items, true);
      expect(streamed, `${count} items`).to.equal(whole);
    }
    const { streamed } = written([item(1), item(4)], false);
    expect(streamed).to.match(/^<soapenv:Envelope xmlns:soapenv="[^"]+" xmlns:ns1="urn:example:another"/);
    expect(streamed).to.include('xmlns:ns2="urn:example:own-namespace-without-a-preferred-prefix"');
  });

  it('writes an empty list as serialize() does: one empty element', () => {
    const { streamed, whole } = written([], false);
    expect(streamed).to.equal(whole);
    expect(streamed).to.include('GetPersonsForProfileResponse/>');
  });

  it('refuses a list that is not the last element of the document, or has children already', () => {
    const list = el(PU, 'GetPersonsForProfileResponse');
    expect(() => new ListDocumentWriter(envelope([list, el(PU, 'after')]), list)).to.throw(/last element/);
    const full = el(PU, 'GetPersonsForProfileResponse', [item(0)]);
    expect(() => new ListDocumentWriter(envelope([full]), full)).to.throw(/childless/);
  });
});
