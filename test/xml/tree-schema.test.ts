import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { parseBuiltXml, parseXml } from '../../src/xml/parse.js';
import { allowSchemaRoot, CompiledSchema } from '../../src/xml/schema.js';
import type { XElement } from '../../src/xml/tree.js';
import { serialize } from '../../src/xml/write.js';

const T = 'urn:test:tree-schema';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

/** A schema with each construct the tree check models, in a temporary folder libxml2 may read. */
const SCHEMA = `<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:t="${T}" targetNamespace="${T}"
           elementFormDefault="qualified">
  <xs:simpleType name="Code"><xs:restriction base="xs:token"><xs:minLength value="1"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="Kind"><xs:restriction base="xs:string">
    <xs:enumeration value="A"/><xs:enumeration value="B"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="Dollar"><xs:restriction base="xs:string"><xs:pattern value="\\$[0-9]+\\^?"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="Small"><xs:restriction base="xs:int"><xs:maxInclusive value="10"/></xs:restriction></xs:simpleType>
  <xs:element name="root">
    <xs:complexType>
      <xs:sequence>
        <xs:element name="code" type="t:Code"/>
        <xs:choice>
          <xs:element name="kind" type="t:Kind"/>
          <xs:element name="dollar" type="t:Dollar"/>
        </xs:choice>
        <xs:sequence minOccurs="0" maxOccurs="2">
          <xs:element name="day" type="xs:date"/>
          <xs:element name="small" type="t:Small" minOccurs="0"/>
        </xs:sequence>
        <xs:element name="blob" type="xs:base64Binary" minOccurs="0"/>
        <xs:element name="maybe" type="xs:string" nillable="true" minOccurs="0"/>
        <xs:element name="same" type="xs:string" fixed="F" minOccurs="0"/>
        <xs:element name="flag" minOccurs="0">
          <xs:complexType><xs:sequence/><xs:attribute name="on" type="xs:boolean"/></xs:complexType>
        </xs:element>
        <xs:any namespace="##other" processContents="lax" minOccurs="0" maxOccurs="unbounded"/>
      </xs:sequence>
      <xs:attribute name="id" type="xs:int" use="required"/>
    </xs:complexType>
  </xs:element>
</xs:schema>`;

function e(name: string, children: (XElement | string)[] = [], ns = T): XElement {
  return { ns, name, attrs: [], children };
}

/** A valid tree, changed by `change`. */
function tree(change: (root: XElement) => void = () => {}): XElement {
  const root = e('root', [e('code', ['X1']), e('kind', ['A']), e('day', ['2024-02-29']), e('small', ['10'])]);
  root.attrs.push({ ns: '', name: 'id', value: '7' });
  change(root);
  return root;
}

function libxml2Accepts(schema: CompiledSchema, element: XElement): boolean {
  const parsed = parseBuiltXml(Buffer.from(serialize(element), 'utf8'), element);
  try {
    return schema.validate(parsed, element).length === 0;
  } finally {
    parsed.dispose();
  }
}

describe('Tree check (a schema compiled to JavaScript, for trees built here or read by saxes)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tree-schema-'));
  allowSchemaRoot(dir);
  fs.writeFileSync(path.join(dir, 'test.xsd'), SCHEMA);
  const schema = CompiledSchema.compile('test', path.join(dir, 'test.xsd'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const add = (el: XElement) => (root: XElement) => root.children.push(el);
  const setText = (index: number, text: string) => (root: XElement) => {
    (root.children[index] as XElement).children = [text];
  };
  const cases: [string, (root: XElement) => void, boolean][] = [
    ['the valid tree', () => {}, true],
    ['a second repetition of a nested sequence', add(e('day', ['2026-11-24'])), true],
    [
      'a third repetition (maxOccurs 2)',
      (r) => r.children.push(e('day', ['2026-11-24']), e('day', ['2026-11-25'])),
      false,
    ],
    ['the other branch of a choice', (r) => (r.children[1] = e('dollar', ['$12^'])), true],
    ['a pattern whose $ and ^ are literal', (r) => (r.children[1] = e('dollar', ['12'])), false],
    ['both branches of a choice', (r) => r.children.splice(2, 0, e('dollar', ['$1'])), false],
    ['a value outside an enumeration', setText(1, 'C'), false],
    ['29 February of a common year', setText(2, '2026-02-29'), false],
    ['an int over maxInclusive', setText(3, '11'), false],
    ['an int with a sign and leading zeros', setText(3, '+007'), true],
    ['a token that collapses to nothing (minLength 1)', setText(0, ' '), false],
    ['base64 with canonical padding', add(e('blob', ['YQ=='])), true],
    ['base64 with padding bits set', add(e('blob', ['YR=='])), false],
    ['xsi:nil on a nillable element', add({ ...e('maybe'), attrs: [{ ns: XSI, name: 'nil', value: 'true' }] }), true],
    ['a fixed value', add(e('same', ['F'])), true],
    ['another value than the fixed one', add(e('same', ['G'])), false],
    ['an element of another namespace, undeclared (lax)', add(e('free', ['anything'], 'urn:other')), true],
    ['an element of its own namespace where ##other stands', add(e('free', ['x'])), false],
    ['a missing required attribute', (r) => (r.attrs = []), false],
    ['an undeclared attribute', (r) => r.attrs.push({ ns: '', name: 'x', value: '1' }), false],
    ['text in element-only content', (r) => r.children.push('words'), false],
    ['whitespace in element-only content', (r) => r.children.splice(1, 0, '\n  '), true],
    ['a character XML does not allow', setText(0, 'a\u0001'), false],
    ['an element whose content is empty (an empty sequence)', add(e('flag')), true],
    ['whitespace in empty content (not even that may stand there)', add(e('flag', [' '])), false],
  ];
  for (const [name, change, valid] of cases) {
    it(`${valid ? 'accepts' : 'refuses'} ${name}, as libxml2 does`, () => {
      const root = tree(change);
      let libxml2: boolean;
      try {
        libxml2 = libxml2Accepts(schema, root);
      } catch {
        libxml2 = false; // not even well-formed
      }
      expect(libxml2, 'libxml2').to.equal(valid);
      expect(schema.shownValid(root), 'tree check').to.equal(valid);
    });
  }

  it('leaves to libxml2 what it does not decide: an unnormalized token that libxml2 accepts', () => {
    const root = tree(setText(0, ' X1 '));
    expect(libxml2Accepts(schema, root)).to.equal(true);
    expect(schema.shownValid(root)).to.equal(false);
  });

  it('refuses a tree whose enclosing message holds a character XML does not allow outside it', () => {
    const root = tree();
    const message = e('Envelope', [e('Header', ['a\u0001']), e('Body', [root])], 'urn:test:envelope');
    expect(schema.shownValid(root)).to.equal(true);
    expect(schema.shownValid(root, message)).to.equal(false);
    (message.children[0] as XElement).children = ['fine'];
    expect(schema.shownValid(root, message)).to.equal(true);
  });

  it('validates a parsed tree with libxml2 when asked (validate(), what a tree not shown valid gets)', () => {
    const parsed = parseXml(Buffer.from(serialize(tree())));
    try {
      expect(schema.validate(parsed)).to.deep.equal([]);
    } finally {
      parsed.dispose();
    }
  });
});
