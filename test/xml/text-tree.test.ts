import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { ParseOption, XmlDocument } from 'libxml2-wasm';
import { globSync } from 'tinyglobby';
import { ParsedXml, parseXml } from '../../src/xml/parse.js';
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
        // A processing instruction inside an element: libxml2-wasm's tree stops at it (see the test below).
        if (/<\?(?!xml[\s?])/.test(text.slice(text.indexOf('<', 1)))) continue;
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

  it('is not read where saxes refuses what libxml2 takes (a prefix never declared, which libxml2 only warns of)', () => {
    expect(treeFromText(Buffer.from('<p:a/>'))).to.equal(undefined);
  });

  it('keeps what follows a processing instruction inside an element (libxml2-wasm 0.7 stops reading there)', () => {
    const bytes = Buffer.from('<a>s<?pi x?>t<b/></a>');
    expect(convertedTree(bytes)?.children).to.deep.equal(['s']);
    const parsed = parseXml(bytes);
    expect(parsed.root.children).to.deep.equal(['st', { ns: '', name: 'b', attrs: [], children: [], line: 1 }]);
    parsed.dispose();
  });
});
