import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { withoutBuilt } from '../../../src/bastjanster/common/built.js';
import { BASE_SERVICES } from '../../../src/bastjanster/registry.js';
import type { NativeResponse } from '../../../src/bastjanster/types.js';
import { parseXml } from '../../../src/xml/parse.js';
import { isElement, type XChild, type XElement } from '../../../src/xml/tree.js';
import { adapterContext, emulatorContext } from '../../support/context.js';
import { sampleFraga } from '../../support/fraga.js';

/** Element trees compared as a parser sees them: no source lines, adjacent text joined, empty text dropped. */
function normalized(element: XElement): unknown {
  const children: unknown[] = [];
  let textRun = '';
  const flush = (): void => {
    if (textRun !== '') children.push(textRun);
    textRun = '';
  };
  for (const c of element.children as XChild[]) {
    if (isElement(c)) {
      flush();
      children.push(normalized(c));
    } else textRun += c;
  }
  flush();
  return { ns: element.ns, name: element.name, attrs: element.attrs.map((a) => ({ ...a })), children };
}

function parsedTree(text: string): unknown {
  const parsed = parseXml(Buffer.from(text, 'utf8'));
  try {
    return normalized(parsed.root);
  } finally {
    parsed.dispose();
  }
}

/** Every 2,000th of Skatteverket's CC0 test personnummer: persons of every age and kind. */
const PERSONS = fs
  .readFileSync(path.resolve('fixtures', 'testnummer', 'personnummer.txt'), 'utf8')
  .split('\n')
  .filter((line) => /^\d{12}$/.test(line))
  .filter((_, i) => i % 2000 === 0);

const XML_SERVICES = BASE_SERVICES.filter((s) => s.id !== 'FK');
/** The services whose answer holds a second document: SKV's escaped, CSN's base64. */
const INNER_DOCUMENT = new Set(['SKV', 'CSN']);

describe('Native messages built in-process (trees beside the bytes)', () => {
  it('carry trees that parse back from their text exactly, and answers that read the same without them', async () => {
    expect(PERSONS.length).to.be.greaterThan(15);
    let checked = 0;
    for (const personidentitet of PERSONS) {
      const fraga = sampleFraga(
        { personidentitet },
        Object.fromEntries(XML_SERVICES.map((s) => [s.id, { inkludera: true }])),
      );
      for (const service of XML_SERVICES) {
        const request = service.adapter.toNative(fraga, adapterContext());
        expect(request.built?.has(request.body), `${service.id} request`).to.equal(true);
        const response: NativeResponse = await service.emulator.handle(request, emulatorContext());
        // Every document in the message travels as a tree: SKV's escaped one and CSN's base64 one beside the envelope.
        const documents = { request: service.id === 'SKV' ? 2 : 1, response: INNER_DOCUMENT.has(service.id) ? 2 : 1 };
        if (response.status === 200) {
          expect([...(request.built ?? [])].length, `${service.id} request trees`).to.equal(documents.request);
          expect([...(response.built ?? [])].length, `${service.id} answer trees`).to.equal(documents.response);
        }
        for (const built of [request.built, response.built]) {
          for (const [text, tree] of built ?? []) {
            // An escaped document (SKV) is its text; a base64 one (CSN) its base64.
            const source = text.startsWith('<') ? text : Buffer.from(text, 'base64').toString('utf8');
            expect(normalized(tree), `${service.id} ${personidentitet}`).to.deep.equal(parsedTree(source));
            checked++;
          }
        }
        // The adapter's reading of the emulator's own tree equals its reading of the bytes, parsed and validated
        // against the service's schema (which would make an invalid answer 2001).
        // (A request the service's own schema refuses, e.g. TNS's sekel for a person born in the 1800s, is refused
        // the same way on both paths.)
        const fromTree = outcome(() => service.adapter.fromNative(response, fraga, adapterContext()));
        const fromBytes = outcome(() => service.adapter.fromNative(withoutBuilt(response), fraga, adapterContext()));
        expect(fromTree, `${service.id} ${personidentitet}`).to.deep.equal(fromBytes);
      }
    }
    expect(checked).to.be.greaterThan(PERSONS.length * XML_SERVICES.length);
  });

  it('write a carriage return so that it reads back as one', () => {
    const fraga = sampleFraga({ syfte: 'Beslut om\r\nekonomiskt bistånd' });
    const request = BASE_SERVICES.find((s) => s.id === 'AF')!.adapter.toNative(fraga, adapterContext());
    expect(normalized(request.built!.get(request.body)!)).to.deep.equal(parsedTree(request.body));
  });
});

function outcome(read: () => unknown): unknown {
  try {
    return JSON.parse(JSON.stringify(read(), dropLines));
  } catch (error) {
    return { thrown: (error as Error).message };
  }
}

function dropLines(key: string, value: unknown): unknown {
  return key === 'line' ? undefined : value;
}
