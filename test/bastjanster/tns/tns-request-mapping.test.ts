import { expect } from 'chai';
import { nativeSchema } from '../../../src/bastjanster/common/native-schemas.js';
import { readSoapMessage, readXmlDocument } from '../../../src/bastjanster/common/xml-message.js';
import { tns } from '../../../src/bastjanster/tns/index.js';
import type { SsbtekFraga } from '../../../src/ssbtek/model.js';
import { NS } from '../../../src/xml/namespaces.js';
import { serialize } from '../../../src/xml/write.js';
import { adapterContext } from '../../support/context.js';
import { sampleFraga } from '../../support/fraga.js';
import { at, textAt, tree } from '../../support/xml.js';

const fraga = sampleFraga({ personidentitet: '197706282394' }, { TNS: { inkludera: true } });

function mapped(f: SsbtekFraga = fraga) {
  const request = tns.adapter.toNative(f, adapterContext());
  const envelope = tree(request.body);
  return {
    request,
    envelope,
    header: at(envelope, 'Header', 'SSBTEKHeader'),
    body: at(envelope, 'Body', 'HamtaUppgifter'),
  };
}

describe('TNS: request mapping (seed §6.6)', () => {
  const { request, header, body } = mapped();

  describe('header rows: "Viss data skickas via Transportstyrelsens egen header i SOAP-header"', () => {
    const rows: [string, string[], string][] = [
      ['frageTidpunkt', ['frageTidpunkt'], fraga.frageTidpunkt as string],
      ['ingivare.organisationsnummer', ['ingivare', 'organisationsnummer'], fraga.ingivare.organisationsnummer],
      ['ingivare.namn', ['ingivare', 'namn'], fraga.ingivare.namn],
      ['ingivare.handlaggare', ['ingivare', 'handlaggare'], fraga.ingivare.handlaggare],
      ['arendeidentitet', ['arendeidentitet'], fraga.arendeidentitet],
    ];
    for (const [from, path, expected] of rows) {
      it(`maps ${from} to SSBTEKHeader ${path.join('.')}`, () => expect(textAt(header, ...path)).to.equal(expected));
    }

    it('puts SSBTEKHeader in the SOAP Header, in TS header namespace', () => {
      expect(header?.ns).to.equal(NS.tnsHeader);
      expect(at(body, 'ingivare')).to.equal(undefined);
    });

    it('omits frageTidpunkt when the query had none', () => {
      const without = mapped(sampleFraga({ frageTidpunkt: undefined }));
      expect(at(without.header, 'frageTidpunkt')).to.equal(undefined);
      expect(textAt(without.header, 'arendeidentitet')).to.equal(fraga.arendeidentitet);
    });
  });

  describe('body rows: personidentitet split into Sekel and Personnummer', () => {
    it('maps the first two digits of personidentitet to per:sekel', () => {
      expect(textAt(body, 'identifikation', 'sekel')).to.equal('19');
      expect(at(body, 'identifikation', 'sekel')?.ns).to.equal(NS.tnsPerson);
    });

    it('maps the last ten digits of personidentitet to per:personnummer', () => {
      expect(textAt(body, 'identifikation', 'personnummer')).to.equal('7706282394');
      expect(at(body, 'identifikation', 'personnummer')?.ns).to.equal(NS.tnsPerson);
    });

    it('gives sekel 20 for a person born in the 2000s', () => {
      const born2005 = mapped(sampleFraga({ personidentitet: '200501012397' }));
      expect(textAt(born2005.body, 'identifikation', 'sekel')).to.equal('20');
      expect(textAt(born2005.body, 'identifikation', 'personnummer')).to.equal('0501012397');
    });

    it('sends nothing else in the body (no specific TNS parameters, seed §3.2.5)', () => {
      expect(
        body?.children.filter((c) => typeof c !== 'string').map((c) => (c as { name: string }).name),
      ).to.deep.equal(['identifikation']);
    });
  });

  it('posts SOAP 1.1 text/xml to /hamtauppgifter/v1', () => {
    expect(request.path).to.equal('/hamtauppgifter/v1');
    expect(request.contentType).to.match(/^text\/xml/);
    expect(tree(request.body).ns).to.equal(NS.soapEnv);
  });

  it('produces a body valid against the TNS schema and a header valid against the TNS header schema', () => {
    const read = readSoapMessage(request.body, nativeSchema('tns'));
    expect(read.ok, read.ok ? '' : read.message).to.equal(true);
    const headerRead = readXmlDocument(serialize(header!), nativeSchema('tnsHeader'));
    expect(headerRead.ok, headerRead.ok ? '' : headerRead.message).to.equal(true);
  });
});
