import { expect } from 'chai';
import { exampleText, loadExamples, type Example, type ExampleAnswer } from '../../src/examples/catalogue.js';
import { fillPlaceholders } from '../../src/examples/placeholders.js';
import { PlaceholderError } from '../../src/population/relative-dates.js';
import { startServer, type TestServer } from '../support/server.js';
import { SKV_DELAR, type SkvDel } from '../../src/ssbtek/model.js';
import type { XElement } from '../../src/xml/tree.js';
import { at, elements, textAt, tree } from '../support/xml.js';

/** What an answer came to, in the terms of examples.json (see ExampleAnswer). */
function answerOf(example: Example, status: number, body: string): ExampleAnswer {
  const root = tree(body);
  if (example.path === '/ssbtek') {
    const services: Record<string, string | Record<string, string>> = {};
    const outcome = (part: XElement | undefined): string =>
      part?.name === 'data' ? 'data' : `${textAt(part, 'kalla') ?? '?'} ${textAt(part, 'felkod') ?? '?'}`;
    for (const service of elements(at(root, 'Body', 'hamtaBastjanstInformationResponse', 'svarsdata')!)) {
      const parts = elements(service);
      // v11's SKV answers per part asked (SkatteverketDelSvar), each with its own data or error
      const perPart = parts.some((p) => SKV_DELAR.includes(p.name as SkvDel));
      services[service.name] = perPart
        ? Object.fromEntries(parts.map((p) => [p.name, p.name === 'error' ? outcome(p) : outcome(elements(p)[0])]))
        : outcome(parts[0]);
    }
    return { status, services };
  }
  const persons: Record<string, string> = {};
  for (const record of elements(at(root, 'Body', 'GetPersonsForProfileResponse')!)) {
    const number = textAt(record, 'requestedPersonalIdentity', 'extension') ?? '?';
    const indicator = textAt(record, 'personRecord', 'protectedPersonIndicator');
    persons[number] = indicator === 'true' ? 'protected' : indicator === 'false' ? 'open' : 'no record';
  }
  return { status, persons };
}

/** Month ends, a leap day, a year end, and days years apart: the examples do not depend on when they are sent. */
const DAYS = ['2026-01-31', '2026-03-31', '2027-06-15', '2028-02-29', '2030-12-31'];

describe('Shipped examples (fixtures/examples)', () => {
  const examples = loadExamples();

  it('are each described in examples.json with a one-line description and the answer they get', () => {
    expect(examples.map((e) => e.name)).to.include.members([
      'v10-all-services',
      'v11-all-services',
      'seed-example-v1',
      'pu-get-persons-p5',
    ]);
    for (const e of examples) {
      expect(e.description, e.name).to.match(/^[^\n]{10,200}$/);
      expect(e.answer.status, e.name).to.be.a('number');
      expect(e.answer.services ?? e.answer.persons, e.name).to.be.an('object');
    }
  });

  for (const today of DAYS) {
    describe(`filled in for ${today}, sent to an emulator living on that day`, () => {
      let server: TestServer;
      before(async () => (server = await startServer({ today })));
      after(() => server.close());

      for (const example of examples) {
        it(`${example.name}: ${example.description}`, async () => {
          const response = await fetch(`${server.url}${example.path}`, {
            method: 'POST',
            headers: { 'content-type': 'text/xml; charset=utf-8', ...example.headers },
            body: exampleText(example, today),
          });
          expect(answerOf(example, response.status, await response.text())).to.deep.equal(example.answer);
        });
      }
    });
  }
});

describe('Example placeholders', () => {
  it('fill in dates, then encode {{base64}}…{{/base64}} sections (their own dates filled in first)', () => {
    const text =
      '<q>\n<d>{{today-1m}}</d>\n<j>{{base64}}{"from":"{{today-2m}}","tom":"{{today}}"}{{/base64}}</j>\n</q>';
    const filled = fillPlaceholders(text, '2026-03-31');
    const json = Buffer.from(/<j>(.*)<\/j>/.exec(filled)![1]!, 'base64').toString('utf8');
    expect(json).to.equal('{"from":"2026-01-31","tom":"2026-03-31"}');
    expect(filled).to.contain('<d>2026-02-28</d>');
    expect(filled.split('\n')).to.have.length(text.split('\n').length);
  });

  it('refuse a misspelt or unclosed placeholder, naming its line in the file', () => {
    const refuse = (text: string) => () => fillPlaceholders(text, '2026-03-31');
    expect(refuse('<a/>\n<b>{{today-1x}}</b>')).to.throw(
      PlaceholderError,
      /^line 2: unknown placeholder \{\{today-1x\}\}/,
    );
    expect(refuse('<a/>\n\n<j>{{base64}}{"d":"{{tday}}"}{{/base64}}</j>')).to.throw(
      PlaceholderError,
      /^line 3: .*\{\{tday\}\}/,
    );
    expect(refuse('<j>{{base64}}{"d":1}</j>')).to.throw(PlaceholderError, /\{\{base64\}\}/);
  });
});
