import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { XmlDocument } from 'libxml2-wasm';
import { XmlInputError } from '../../src/xml/parse.js';
import { prescanXml, type ScanLimits } from '../../src/xml/prescan.js';
import { PROJECT_ROOT } from '../../src/xml/schema.js';

const OPEN: ScanLimits = { maxNodes: Number.MAX_SAFE_INTEGER, maxAttributes: Number.MAX_SAFE_INTEGER, maxDepth: 1e9 };
const count = (xml: string | Buffer): number => prescanXml(Buffer.isBuffer(xml) ? xml : Buffer.from(xml), OPEN);

function refused(xml: string | Buffer, limits: Partial<ScanLimits>): XmlInputError {
  try {
    prescanXml(Buffer.isBuffer(xml) ? xml : Buffer.from(xml), { ...OPEN, ...limits });
  } catch (error) {
    if (error instanceof XmlInputError) return error;
    throw error;
  }
  throw new Error('expected the document to be refused');
}

/** libxml2's own count of the same document's nodes and attributes (as parse.ts used to count after parsing). */
function libxml2Count(bytes: Buffer): number {
  const doc = XmlDocument.fromBuffer(bytes);
  try {
    return doc.eval('count(//node()) + count(//@*)') as number;
  } finally {
    doc.dispose();
  }
}

describe('XML pre-scan: nodes counted over the bytes before any tree exists', () => {
  it('counts elements, attributes, text runs, comments, CDATA and PIs, skipping markup inside them', () => {
    expect(count('<r a="1" b=\'2\'>t<!-- <x/><y/> --><![CDATA[<z/>]]><?pi <w/>?><e/></r>')).to.equal(8);
    expect(count('<r v="a&lt;b=c"/>'), 'markup characters in attribute values are values').to.equal(2);
  });

  it('counts about what libxml2 builds, for every example, query case and schema in the project', () => {
    const files = [
      ...fs
        .readdirSync(path.join(PROJECT_ROOT, 'fixtures', 'examples'))
        .filter((f) => f.endsWith('.xml')) // examples.json describes them
        .map((f) => `fixtures/examples/${f}`),
      'xsd/ssbtek/v10/sammansatt_bastjanst_v10.xsd',
      'xsd/ssbtek/v1/sammansatt_bastjanst_v1.xsd',
      'xsd/ssbtek/v11/sammansatt_bastjanst_v11.xsd',
    ];
    for (const file of files) {
      const bytes = fs.readFileSync(path.join(PROJECT_ROOT, file));
      const real = libxml2Count(bytes);
      // The scan also counts namespace declarations (XPath has no attribute for them) and the XML declaration.
      const declarations = bytes.toString('utf8').split('xmlns').length - 1;
      expect(count(bytes), file).to.be.within(real, real + declarations + 1);
    }
  });

  it('refuses past the node limit with the line, having scanned no further than the limit', () => {
    const flood = Buffer.from(`<r>\n${'<a/>'.repeat(2_600_000)}</r>`);
    const started = performance.now();
    const error = refused(flood, { maxNodes: 10_000 });
    expect(performance.now() - started, 'a 10 MB flood is refused in milliseconds').to.be.below(50);
    expect(error.kind).to.equal('malformed');
    expect(error.message).to.equal(
      'The XML has more than 10000 nodes (elements, attributes, text); at most 10000 are accepted (line 2).',
    );
    expect(error.line).to.equal(2);
  });

  it('refuses an element with too many attributes, and nesting past the depth limit', () => {
    expect(refused(`<r${' a=""'.repeat(300)}/>`, { maxAttributes: 256 }).message).to.match(
      /element with more than 256 attributes/,
    );
    expect(count(`<r>${'<a x="1" y="2"/>'.repeat(300)}</r>`), 'the limit is per element').to.equal(901);
    expect(refused(`${'<a>'.repeat(300)}${'</a>'.repeat(300)}`, { maxDepth: 256 }).message).to.match(
      /deeper than 256 levels/,
    );
    expect(
      count(`${'<a>'.repeat(200)}${'</a>'.repeat(200)}${'<b/>'.repeat(200)}`),
      'empty elements do not nest',
    ).to.equal(400);
  });

  it('reads UTF-16 and UTF-32 documents as characters (a byte scan would see no markup)', () => {
    const xml = `<?xml version="1.0"?><r>${'<a/>'.repeat(50)}</r>`;
    const utf32 = (littleEndian: boolean): Buffer => {
      const out = Buffer.alloc(xml.length * 4);
      for (let i = 0; i < xml.length; i++) {
        if (littleEndian) out.writeUInt32LE(xml.charCodeAt(i), i * 4);
        else out.writeUInt32BE(xml.charCodeAt(i), i * 4);
      }
      return out;
    };
    const swapped = Buffer.from(xml, 'utf16le').swap16();
    for (const [name, bytes] of [
      ['UTF-16LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')])],
      ['UTF-16LE without BOM', Buffer.from(xml, 'utf16le')],
      ['UTF-16BE with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), swapped])],
      ['UTF-32LE', utf32(true)],
      ['UTF-32BE', utf32(false)],
    ] as const) {
      expect(count(bytes), name).to.equal(52);
      expect(refused(bytes, { maxNodes: 10 }).message, name).to.match(/more than 10 nodes/);
    }
  });

  it('refuses a DOCTYPE in any encoding as a DTD, but not one inside a comment', () => {
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('<!DOCTYPE x [<!ENTITY e "v">]><x/>', 'utf16le'),
    ]);
    expect(refused(utf16, {}).kind).to.equal('dtd');
    expect(count('<x><!-- <!DOCTYPE x> --></x>')).to.equal(2);
  });
});
