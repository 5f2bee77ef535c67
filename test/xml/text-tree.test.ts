import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import fc from 'fast-check';
import { ParseOption, XmlDocument } from 'libxml2-wasm';
import { globSync } from 'tinyglobby';
import { ParsedXml, parseXml, readXml, XmlInputError } from '../../src/xml/parse.js';
import { treeFromText } from '../../src/xml/text-tree.js';
import type { XElement } from '../../src/xml/tree.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const SHARED_REFERENCE = fileURLToPath(new URL('../../../../shared/reference', import.meta.url));

/** The tree as libxml2's document converts to it, node by node (what parseXml gave before text-tree.ts). */
function convertedTree(bytes: Uint8Array): XElement | undefined {
  let native: XmlDocument;
  try {
    native = XmlDocument.fromBuffer(bytes, { option: ParseOption.XML_PARSE_NONET | ParseOption.XML_PARSE_NO_XXE });
  } catch {
    return undefined;
  }
  const parsed = new ParsedXml(native);
  try {
    return JSON.parse(JSON.stringify(parsed.root)) as XElement;
  } finally {
    parsed.dispose();
  }
}

/** Ways a client may write the same document: line ends, comments, CDATA, references, a byte order mark. */
const VARIANTS: Record<string, (text: string) => string> = {
  'as written': (t) => t,
  'CRLF line ends': (t) => t.replace(/\r?\n/g, '\r\n'),
  'a comment after every start tag': (t) => t.replace(/(<[A-Za-z][^<>]*[^/]>)/g, '$1<!-- c\n -->'),
  'text as CDATA': (t) => t.replace(/>([^<>\s][^<>]*)</g, '><![CDATA[$1]]><'),
  'characters as references': (t) =>
    t.replace(/>([^<>]+)</g, (_m, v: string) => '>' + v.replace(/[0-9a]/g, (c) => `&#${c.charCodeAt(0)};`) + '<'),
  'tabs and line feeds in attribute values': (t) => t.replace(/(\s[A-Za-z:]+=")([^"]*)"/g, '$1\t$2\n"'),
  'a UTF-8 byte order mark': (t) => '\ufeff' + t,
  'start tags over several lines': (t) => t.replace(/<([A-Za-z][\w.:-]*)(\s)/g, '<$1\n$2'),
};

function corpus(): { name: string; text: string }[] {
  const files = globSync(['test/fixtures/**/*.xml', 'fixtures/**/*.xml', 'xsd/**/*.xsd', 'wsdl/**/*.wsdl'], {
    cwd: ROOT,
    absolute: true,
  });
  if (existsSync(SHARED_REFERENCE)) {
    files.push(...globSync(['**/*.xml', '**/*.xsd'], { cwd: SHARED_REFERENCE, absolute: true }).slice(0, 400));
  }
  return files.map((file) => ({ name: file.slice(ROOT.length), text: readFileSync(file, 'utf8') }));
}

describe('A document read from its text gives the tree libxml2 gives', () => {
  it('for every XML file of the project (and of the reference set beside it), each written eight ways', function () {
    this.timeout(120_000);
    const documents = corpus();
    expect(documents.length).to.be.greaterThan(200);
    let compared = 0;
    for (const { name, text } of documents) {
      for (const [variant, rewrite] of Object.entries(VARIANTS)) {
        const bytes = Buffer.from(rewrite(text), 'utf8');
        const converted = convertedTree(bytes);
        if (!converted) continue; // not well-formed after the rewrite: libxml2 refuses it, nothing is read
        const read = treeFromText(bytes);
        // A processing instruction inside an element, or a DTD, is left to libxml2 (see below): nothing to compare.
        if (/<\?(?!xml[\s?])|<!DOCTYPE/.test(text.slice(text.indexOf('<', 1)))) continue;
        expect(read, `${name}, ${variant}: not read`).to.not.equal(undefined);
        expect(JSON.parse(JSON.stringify(read)), `${name}, ${variant}`).to.deep.equal(converted);
        compared++;
      }
    }
    expect(compared).to.be.greaterThan(1500);
  });

  it('keeps line numbers, attribute order and the namespaces of attributes, as libxml2 does', () => {
    const text =
      '<?xml version="1.0" encoding="utf-8"?>\n<a xmlns="urn:x" xmlns:p="urn:p"\n p:q="1&#9;2" r="a\tb\nc\r\nd" s="&#10;&#13;" xml:lang="sv">' +
      'x\r\ny<!-- c -->w<![CDATA[<&\r\n>]]>&amp;&lt;&#13;&#x1F600;<b xmlns="" \n  c="1"\n/><p:d\n/></a>';
    const bytes = Buffer.from(text, 'utf8');
    expect(treeFromText(bytes)).to.deep.equal(convertedTree(bytes));
    // The start tag ends on line 5: a line feed in an attribute value counts.
    expect(treeFromText(bytes)?.line).to.equal(5);
  });

  it('is not read from the text where the two readings could differ, and libxml2 converts it as before', () => {
    const notRead = {
      'a carriage return alone (libxml2 does not count it as a line)': Buffer.from('<a>\r<b/></a>'),
      'a declared encoding other than UTF-8': Buffer.from(
        '<?xml version="1.0" encoding="ISO-8859-1"?><a>\xe9</a>',
        'latin1',
      ),
      'UTF-16 with its byte order mark': Buffer.from('\ufeff<a>é</a>', 'utf16le'),
    };
    for (const [why, bytes] of Object.entries(notRead)) {
      expect(treeFromText(bytes), why).to.equal(undefined);
      const parsed = parseXml(bytes);
      expect(parsed.root, why).to.deep.equal(convertedTree(bytes));
      parsed.dispose();
    }
  });

  it('reads one byte order mark, and not a second (which libxml2 refuses)', () => {
    expect(treeFromText(Buffer.from('\ufeff<a/>'))?.name).to.equal('a');
    expect(treeFromText(Buffer.from('\ufeff\ufeff<a/>'))).to.equal(undefined);
    expect(libxml2Parses(Buffer.from('\ufeff\ufeff<a/>'))).to.equal(false);
  });

  it('is not read where saxes refuses what libxml2 takes (a prefix never declared, which libxml2 only warns of)', () => {
    expect(treeFromText(Buffer.from('<p:a/>'))).to.equal(undefined);
  });

  it('reads a processing instruction only from bytes libxml2 has parsed (saxes takes `<?a?b?>`, libxml2 does not)', () => {
    expect(treeFromText(Buffer.from('<a>s<?pi x?>t<b/></a>'))).to.equal(undefined);
    expect(treeFromText(Buffer.from('<a><?a?b?></a>'))).to.equal(undefined);
    expect(libxml2Parses(Buffer.from('<a><?a?b?></a>'))).to.equal(false);
    // What follows one is kept (libxml2-wasm 0.7's converted tree ends at it), whether read or parsed.
    const bytes = Buffer.from('<a>s<?pi x?>t<b/></a>');
    expect(convertedTree(bytes)?.children).to.deep.equal(['s']);
    const expected = ['st', { ns: '', name: 'b', attrs: [], children: [], line: 1 }];
    expect(treeFromText(bytes, true)?.children).to.deep.equal(expected);
    for (const read of [parseXml(bytes), readXml(bytes)]) {
      expect(read.root.children).to.deep.equal(expected);
      read.dispose();
    }
  });
});

/** libxml2's verdict on bytes: parsed (well-formed, namespaces included) or refused. */
function libxml2Parses(bytes: Uint8Array): boolean {
  try {
    parseXml(bytes).dispose();
    return true;
  } catch (error) {
    if (error instanceof XmlInputError) return false;
    throw error;
  }
}

/** Pieces that make or break well-formedness, to splice into a request. */
const PIECES = [
  '<',
  '>',
  '&',
  ';',
  '"',
  "'",
  '=',
  '/',
  '?',
  '!',
  '[',
  ']',
  '-',
  ':',
  'x',
  ' ',
  '\t',
  '\r',
  '\n',
  '\u0000',
  '\u0001',
  '\u000b',
  '\ufffe',
  '\uffff',
  '\ud800',
  '\u0085',
  '\u2028',
  'é',
  '😀',
  '&#0;',
  '&#x110000;',
  '&#xD800;',
  '&#65;',
  '&#x;',
  '&amp',
  '&nbsp;',
  '&lt;',
  ']]>',
  '<![CDATA[',
  '<!--',
  '-->',
  '--',
  '<?xml version="1.0"?>',
  '<?xml-stylesheet x?>',
  '<?XML x?>',
  '<!DOCTYPE a>',
  'xmlns:p=""',
  'xmlns=""',
  'xmlns:xml="urn:x"',
  'xmlns:xmlns="urn:x"',
  ' a="1" a="2"',
  ' p:a="1"',
  ' xml:lang="sv"',
  '</x>',
  '<x/>',
  '<p:x/>',
  ' xmlns:p="urn:p"',
  ' xmlns:p="a b"',
  ' xmlns:-p="urn:x"',
  ' xmlns:xml="http://www.w3.org/XML/1998/namespace"',
  ' xmlns:p="http://www.w3.org/2000/xmlns/"',
  ' xmlns:p="http://x:/"',
  '<p:-a/>',
  '<a:b:c/>',
  '<é/>',
  '<_a/>',
  '<a.b/>',
  '<·a/>',
  ' é="1"',
  ' xml:x="1"',
  '<1a/>',
  '<a:/>',
  '<:a/>',
  '<a b/>',
  '<a b=c/>',
  ' standalone="maybe"',
  '\ufeff',
];

describe('A request read by saxes is one libxml2 parses too (so libxml2 need not parse a valid one)', () => {
  // The examples a client starts from, and native requests as the base services get them on their own paths.
  const examples = globSync(['fixtures/examples/*.xml', 'test/fixtures/native/**/*-{request,fraga}-*.xml'], {
    cwd: ROOT,
    absolute: true,
  }).map((file) => readFileSync(file, 'utf8'));

  it('for 20,000 requests with pieces spliced in, cut or doubled: whatever saxes reads, libxml2 parses', () => {
    expect(examples.length).to.be.greaterThan(8);
    let readBySaxes = 0;
    let refusedByBoth = 0;
    const edit = fc.record({
      example: fc.nat({ max: examples.length - 1 }),
      byteOrderMarks: fc.nat({ max: 2 }),
      edits: fc.array(
        fc.record({
          at: fc.noBias(fc.nat()),
          length: fc.nat({ max: 12 }),
          piece: fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 3 })),
        }),
        { minLength: 1, maxLength: 3 },
      ),
    });
    fc.assert(
      fc.property(edit, ({ example, byteOrderMarks, edits }) => {
        let text = '\ufeff'.repeat(byteOrderMarks) + examples[example]!;
        for (const { at, length, piece } of edits) {
          const where = at % (text.length + 1);
          text = text.slice(0, where) + piece + text.slice(where + (length % 3 === 0 ? 0 : length));
        }
        const bytes = Buffer.from(text, 'utf8');
        const read = treeFromText(bytes) !== undefined;
        const parses = libxml2Parses(bytes);
        if (read) readBySaxes++;
        else if (!parses) refusedByBoth++;
        return !read || parses;
      }),
      { numRuns: 20_000, seed: 29 },
    );
    // Both kinds were met: many edits keep a request well-formed, many break it.
    expect(readBySaxes).to.be.greaterThan(1500);
    expect(refusedByBoth).to.be.greaterThan(3000);
  });

  it('for 20,000 namespace names: whatever saxes is let read, libxml2 takes as a URI', () => {
    const uriChars = fc.constantFrom(
      ...'aZ09:/?#[]@!$&()*+,;=%-._~ éAF'.split(''),
      '%41',
      '%zz',
      '//',
      '::',
      'http://',
    );
    let taken = 0;
    fc.assert(
      fc.property(
        fc.array(uriChars, { maxLength: 14 }).map((parts) => parts.join('')),
        (name) => {
          const bytes = Buffer.from(`<a xmlns="${name.replace(/&/g, '&amp;')}"><p:b xmlns:p="urn:p${name}"/></a>`);
          const read = treeFromText(bytes) !== undefined;
          if (read) taken++;
          return !read || libxml2Parses(bytes);
        },
      ),
      { numRuns: 20_000, seed: 31 },
    );
    expect(taken).to.be.greaterThan(500);
  });

  it('leaves libxml2 parse to when a native element is asked for, and then refuses as parseXml does', () => {
    const good = readXml(Buffer.from('<a xmlns="urn:x"><b>1</b></a>'));
    expect(good.root.children).to.have.length(1);
    good.dispose();
    const bad = Buffer.from('<a><b></a>');
    expect(() => readXml(bad)).to.throw(XmlInputError, /not well-formed/);
    expect(() => parseXml(bad)).to.throw(XmlInputError, /not well-formed/);
  });
});
