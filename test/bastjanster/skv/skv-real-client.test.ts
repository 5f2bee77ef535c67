import { expect } from 'chai';
import { NS } from '../../../src/xml/namespaces.js';
import { child, childText, type XElement } from '../../../src/xml/tree.js';
import { postSoap, v10Request } from '../../support/requests.js';
import { startServer, type TestServer } from '../../support/server.js';
import { text, tree } from '../../support/xml.js';
import { ANSTALLD } from './skv-support.js';

const SI = NS.skvStandardiseradInformation;
const FOLKO = NS.skvFolkbokforing;
const BESKO = NS.skvBeskattning;

/** Follows namespace-qualified names, as a namespace-aware client (JAXB, XPath with prefixes) does. */
function path(root: XElement | undefined, ...steps: [string, string][]): XElement | undefined {
  let current = root;
  for (const [ns, name] of steps) current = current && child(current, ns, name);
  return current;
}

/**
 * What a real SSBTEK client reads (Sundsvall's financial-aid service: its SKV fixture and mapper): the escaped
 * document in SKV/data/svar, parsed, with these paths. Through the whole composite service, in v10.
 */
describe('SKV v10 through the composite service: the document real clients read from SKV/data/svar', () => {
  let server: TestServer;
  let svar: string;
  before(async () => {
    server = await startServer();
    const reply = await postSoap(`${server.url}/ssbtek`, v10Request({ include: ['SKV'], personidentitet: ANSTALLD }));
    expect(reply.status, reply.body).to.equal(200);
    const envelope = tree(reply.body);
    const skv = path(
      envelope,
      [NS.soapEnv, 'Body'],
      [NS.ssbtV10, 'hamtaBastjanstInformationResponse'],
      [NS.ssbtV10, 'svarsdata'],
      [NS.ssbtV10, 'SKV'],
      [NS.ssbtV10, 'data'],
      ['', 'svar'],
    );
    expect(skv, 'SKV/data/svar (svar unqualified)').to.not.equal(undefined);
    svar = text(skv);
  });
  after(() => server.close());

  it('parses svar into SvarBeskattningsuppgifterEnligtSFS2008-975 declaring folko and besko', () => {
    const root = tree(svar);
    expect([root.ns, root.name]).to.deep.equal([SI, 'SvarBeskattningsuppgifterEnligtSFS2008-975']);
    expect(svar).to.match(/^<\?xml version="1\.0" encoding="UTF-8"\?>/);
    expect(svar).to.include(`xmlns:folko="${FOLKO}"`).and.include(`xmlns:besko="${BESKO}"`);
  });

  it('has PersonuppgiftLista/Personuppgift with the person’s identity, names and StatusPersonuppgiftKod', () => {
    const person = path(tree(svar), [SI, 'PersonuppgiftLista'], [SI, 'Personuppgift']);
    expect(childText(person, FOLKO, 'IdentitetsbeteckningFysiskPerson')).to.equal(ANSTALLD);
    expect(childText(person, FOLKO, 'Fornamn')).to.match(/^\S+$/);
    expect(childText(person, FOLKO, 'Efternamn')).to.match(/^\S+$/);
    expect(childText(person, SI, 'StatusPersonuppgiftKod')).to.equal('999');
  });

  it('has Kapitaluppgift/{besko:Taxeringsar, besko:SummaIntakterPaKapital, besko:OverskottPaKapital} for capital income', () => {
    const person = path(tree(svar), [SI, 'PersonuppgiftLista'], [SI, 'Personuppgift']);
    const kapital = person && child(person, SI, 'Kapitaluppgift');
    expect(childText(kapital, BESKO, 'Taxeringsar')).to.match(/^\d{4}$/);
    expect(Number(childText(kapital, BESKO, 'SummaIntakterPaKapital'))).to.be.greaterThan(0);
    expect(Number(childText(kapital, BESKO, 'OverskottPaKapital'))).to.be.greaterThan(0);
  });
});
