import { expect } from 'chai';
import { nativeSchema } from '../../../src/bastjanster/common/native-schemas.js';
import { readSoapMessage, readXmlDocument } from '../../../src/bastjanster/common/xml-message.js';
import { miv } from '../../../src/bastjanster/miv/index.js';
import type { SsbtekFraga } from '../../../src/ssbtek/model.js';
import { NS } from '../../../src/xml/namespaces.js';
import type { XElement } from '../../../src/xml/tree.js';
import { serialize } from '../../../src/xml/write.js';
import { adapterContext } from '../../support/context.js';
import { sampleFraga } from '../../support/fraga.js';
import { at, elements, textAt, tree } from '../../support/xml.js';

const fraga = sampleFraga(
  { personidentitet: '199001172395', korrelationsid: 'KORR-4711' },
  { MIV: { inkludera: true } },
);
const context = adapterContext({ korrelationsid: 'KORR-4711' });

function mapped(f: SsbtekFraga = fraga, c = context) {
  const request = miv.adapter.toNative(f, c);
  const envelope = tree(request.body);
  return {
    request,
    header: at(envelope, 'Header', 'SSBTEKHeader'),
    query: at(envelope, 'Body', 'findByPersonnummer', 'query'),
  };
}

function descendants(element: XElement): XElement[] {
  return elements(element).flatMap((e) => [e, ...descendants(e)]);
}

describe('MIV: request mapping (seed §6.7)', () => {
  const { request, header, query } = mapped();

  describe('body rows', () => {
    const rows: [string, string[], string][] = [
      ['ingivare.organisationsnummer', ['ingivare', 'organisationsnummer'], fraga.ingivare.organisationsnummer],
      ['ingivare.namn', ['ingivare', 'namn'], fraga.ingivare.namn],
      ['ingivare.handlaggare', ['ingivare', 'handlaggare'], fraga.ingivare.handlaggare],
      ['personidentitet', ['personnummer'], fraga.personidentitet],
      ['korrelationsid', ['korrelationsid'], 'KORR-4711'],
    ];
    for (const [from, path, expected] of rows) {
      it(`maps ${from} to query.${path.join('.')}`, () => expect(textAt(query, ...path)).to.equal(expected));
    }

    it('omits korrelationsid when the query had none', () => {
      const without = mapped(
        sampleFraga({ korrelationsid: undefined }),
        adapterContext({ korrelationsid: 'generated-1' }),
      );
      expect(at(without.query, 'korrelationsid')).to.equal(undefined);
      expect(textAt(without.query, 'personnummer')).to.equal('196211262834');
    });

    it('keeps query and everything below it unqualified (the MIV schema has no elementFormDefault)', () => {
      expect(query?.ns).to.equal('');
      expect(descendants(query!).map((e) => e.ns)).to.deep.equal(new Array(descendants(query!).length).fill(''));
      expect(request.body).to.contain('<query><korrelationsid>');
      expect(request.body).to.not.match(/xmlns="/);
    });

    it('qualifies only the operation findByPersonnummer in the MIV namespace', () => {
      expect(at(tree(request.body), 'Body', 'findByPersonnummer')?.ns).to.equal(NS.miv);
    });
  });

  describe('header rows: "Viss data skickas via Migrationsverkets egen header i SOAP-header"', () => {
    it('puts SSBTEKHeader in the SOAP Header, in MIV header namespace', () =>
      expect(header?.ns).to.equal(NS.mivHeader));

    it("sets correlationId to the call's korrelationsid", () =>
      expect(textAt(header, 'correlationId')).to.equal('KORR-4711'));

    it('sets correlationId to the generated id when the query had no korrelationsid', () => {
      const generated = mapped(
        sampleFraga({ korrelationsid: undefined }),
        adapterContext({ korrelationsid: 'generated-1' }),
      );
      expect(textAt(generated.header, 'correlationId')).to.equal('generated-1');
    });

    it('sets anvandarId to ingivare.handlaggare', () =>
      expect(textAt(header, 'anvandarId')).to.equal(fraga.ingivare.handlaggare));
  });

  it('posts SOAP 1.1 text/xml to /ssbtek/v1', () => {
    expect(request.path).to.equal('/ssbtek/v1');
    expect(request.contentType).to.match(/^text\/xml/);
    expect(tree(request.body).ns).to.equal(NS.soapEnv);
  });

  it('produces a body valid against the MIV schema and a header valid against the MIV header schema', () => {
    const read = readSoapMessage(request.body, nativeSchema('miv'));
    expect(read.ok, read.ok ? '' : read.message).to.equal(true);
    const headerRead = readXmlDocument(serialize(header!), nativeSchema('mivHeader'));
    expect(headerRead.ok, headerRead.ok ? '' : headerRead.message).to.equal(true);
  });
});
